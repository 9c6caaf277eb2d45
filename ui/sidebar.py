"""The sidebar: filters and map options, read from and written to the permalink."""

from __future__ import annotations

import streamlit as st

from geo.dataset import Dataset
from geo.schema import CHECK_STATUSES, DEFAULT_PERIOD, PRECISIONS, PROJECT_STATUSES, code_labels
from geo.selection import Filters
from layers.gemeenten import available_figures
from layers.mapview import MapOptions
from layers.sleutelprojecten import colourings

STATUSES = code_labels(PROJECT_STATUSES)
PRECISION_LABELS = code_labels(PRECISIONS)


def _keep_valid(key: str, options: list[str]) -> bool:
    """Forget a remembered or linked choice this data does not offer; True if something was dropped."""
    value = st.session_state.get(key)
    if isinstance(value, list):
        kept = [v for v in value if v in options]
        st.session_state[key] = kept
        return len(kept) < len(value)
    if value is not None and value not in options:
        del st.session_state[key]
        return True
    return False


PERMALINK = {"gemeente": "f_gemeenten", "periode": "f_periode", "status": "f_status", "precisie": "f_precisie",
             "project": "project"}


def _from_permalink() -> None:
    """On a session's first run, take the filters and project from the link (?gemeente=…&project=…)."""
    if st.session_state.get("_permalink_read"):
        return
    st.session_state["_permalink_read"] = True
    for parameter, key in PERMALINK.items():
        values = st.query_params.get_all(parameter)
        if values:
            st.session_state[key] = values if key in ("f_gemeenten", "f_status", "f_precisie") else values[0]


def write_permalink(filters: Filters, project: str | None) -> None:
    """Keep the address bar a link to this view (only values the visitor can see end up there)."""
    wanted = {"gemeente": list(filters.gemeenten), "periode": [filters.period], "status": list(filters.statuses),
              "precisie": list(filters.precisions), "project": [project] if project else []}
    current = {name: st.query_params.get_all(name) for name in wanted}
    if current != wanted:
        st.query_params.from_dict({name: values for name, values in wanted.items() if values})


def sidebar(data: Dataset) -> tuple[Filters, MapOptions]:
    """The filters and map options in the sidebar; they drive map, figures and tables together."""
    _from_permalink()
    for key, options in (("f_gemeenten", list(data.gemeenten["gemeente"])), ("f_periode", list(data.periods())),
                         ("f_status", list(STATUSES)), ("f_precisie", list(PRECISION_LABELS)),
                         ("project", list(data.projects["project_id"])),
                         ("k_figuur", list(available_figures(data.gemeenten))),
                         ("k_kleur", list(colourings(data.projects))), ("k_lagen", list(data.themes))):
        if _keep_valid(key, options) and key == "project":
            st.session_state["_unknown_project"] = True
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
            checks = st.multiselect("Locatietoets (zwaarste uitkomst)", list(CHECK_STATUSES),
                                    format_func=lambda code: CHECK_STATUSES[code].label,
                                    placeholder="Alle uitkomsten", key="f_toets")
        st.header("Kaart")
        figures = available_figures(data.gemeenten)
        figure = st.selectbox("Gemeenten kleuren naar", list(figures), format_func=figures.__getitem__, key="k_figuur",
                              index=_preferred(list(figures), DEFAULT_PERIOD))
        colours = colourings(data.projects)
        colour_by = st.selectbox("Projecten kleuren naar", list(colours), format_func=colours.__getitem__,
                                 key="k_kleur")
        themes = _theme_choice(data)
    filters = Filters(tuple(gemeenten), tuple(statuses), period or DEFAULT_PERIOD, tuple(precisions), tuple(checks))
    return filters, MapOptions(figure or DEFAULT_PERIOD, colour_by or "status", themes)


def _preferred(options: list[str], preferred: str) -> int:
    """The position a widget starts on: the preferred option when this data has it, else the first."""
    return options.index(preferred) if preferred in options else 0


def _theme_choice(data: Dataset) -> tuple[str, ...]:
    """Constraint themes to draw; they appear as soon as their layer has been built."""
    if not data.themes:
        return ()
    labels = data.theme_labels()
    return tuple(st.multiselect("Kaartlagen locatietoets", list(labels), format_func=labels.__getitem__,
                                placeholder="Geen", key="k_lagen"))
