"""The sidebar: filters and map options, taken from the link on a session's first run."""

from __future__ import annotations

import streamlit as st

from geo.dataset import Dataset
from geo.schema import CHECK_STATUSES, DEFAULT_PERIOD, PRECISIONS, PROJECT_STATUSES, code_labels
from geo.selection import Filters
from layers.gemeenten import available_figures
from layers.mapview import MapOptions
from layers.sleutelprojecten import colourings
from ui import permalink

STATUSES = code_labels(PROJECT_STATUSES)
PRECISION_LABELS = code_labels(PRECISIONS)
CHECK_LABELS = code_labels(CHECK_STATUSES)


def _options(data: Dataset) -> dict[str, list[str]]:
    """Per widget the values this data offers (a public release may offer fewer)."""
    places = data.places["omschrijving"].tolist() if data.places is not None else []
    return {
        "f_gemeenten": list(data.gemeenten["gemeente"]), "f_periode": list(data.periods()),
        "f_status": list(STATUSES), "f_precisie": list(PRECISION_LABELS),
        "f_toets": list(CHECK_LABELS) if "toetsing" in data.projects.columns else [],
        "k_figuur": list(available_figures(data.gemeenten)), "k_kleur": list(colourings(data.projects)),
        "project": list(data.projects["project_id"]), "plaats": places,
    }


def sidebar(data: Dataset) -> tuple[Filters, MapOptions]:
    """The filters and map options in the sidebar; they drive map, figures and tables together."""
    permalink.read_link()
    permalink.keep_known(_options(data))
    with st.sidebar:
        st.header("Filters")
        gemeenten = st.multiselect("Gemeenten", list(data.gemeenten["gemeente"]), placeholder="Alle gemeenten",
                                   key="f_gemeenten")
        periods = data.periods()
        period = st.radio("Periode", list(periods), format_func=periods.__getitem__, key="f_periode",
                          index=_preferred(list(periods), DEFAULT_PERIOD))
        statuses = st.multiselect("Bestaand of nieuw", list(STATUSES), format_func=STATUSES.__getitem__,
                                  placeholder="Beide", key="f_status")
        precisions = st.multiselect("Precisie van de locatie", list(PRECISION_LABELS),
                                    format_func=PRECISION_LABELS.__getitem__, placeholder="Alle", key="f_precisie")
        checks: list[str] = []
        if "toetsing" in data.projects.columns:
            checks = st.multiselect("Locatietoets (zwaarste uitkomst)", list(CHECK_LABELS),
                                    format_func=CHECK_LABELS.__getitem__, placeholder="Alle uitkomsten",
                                    key="f_toets")
        st.header("Kaart")
        figures = available_figures(data.gemeenten)
        figure = st.selectbox("Gemeenten kleuren naar", list(figures), format_func=figures.__getitem__, key="k_figuur",
                              index=_preferred(list(figures), DEFAULT_PERIOD))
        colours = colourings(data.projects)
        colour_by = st.selectbox("Projecten kleuren naar", list(colours), format_func=colours.__getitem__,
                                 key="k_kleur")
        st.caption("Themakaarten van de locatietoets zet u aan in de kaart, onder ‘Lagen en legenda’.")
    linked = permalink.linked_map(list(data.themes))
    filters = Filters(tuple(gemeenten), tuple(statuses), period or DEFAULT_PERIOD, tuple(precisions), tuple(checks))
    return filters, MapOptions(figure or DEFAULT_PERIOD, colour_by or "status", linked.themes)


def starting_view(data: Dataset) -> tuple[Filters, MapOptions]:
    """The filters and map options of a session that has chosen nothing and follows no link: what
    ``sidebar`` gives on its first run (the default period and figure where this data has them)."""
    periods, figures = list(data.periods()), list(available_figures(data.gemeenten))
    colours = list(colourings(data.projects))
    period = periods[_preferred(periods, DEFAULT_PERIOD)] if periods else DEFAULT_PERIOD
    figure = figures[_preferred(figures, DEFAULT_PERIOD)] if figures else DEFAULT_PERIOD
    return Filters(period=period), MapOptions(figure, colours[0] if colours else "status")


def _preferred(options: list[str], preferred: str) -> int:
    """The position a widget starts on: the preferred option when this data has it, else the first."""
    return options.index(preferred) if preferred in options else 0


def write_permalink(filters: Filters, options: MapOptions, project: str | None, place: str | None) -> None:
    """Keep the address bar a link to this view (only values the visitor can see end up there)."""
    permalink.write_link({
        "gemeente": list(filters.gemeenten), "periode": [filters.period], "status": list(filters.statuses),
        "precisie": list(filters.precisions), "toets": list(filters.checks), "kleur": [options.figure],
        "projectkleur": [options.colour_by], "project": [project] if project else [],
        "plaats": [place] if place else [],
    })
