"""The map page: headline figures, the map, the chart per gemeente and the selected project."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import headlines
from geo.numbers import format_count
from geo.reference import quote
from geo.schema import (
    PERIOD_2022,
    PERIOD_2024_2030,
    PERIOD_2031_2035,
    PERIODS,
    PRECISIONS,
    PROJECT_STATUSES,
    period_label,
)
from geo.selection import gemeente_figures, unpublished_sums
from layers.base import base_map
from layers.mapview import overlays
from ui.charts import bar_chart
from ui.checks import scorecard, theme_layers
from ui.sidebar import write_permalink
from ui.view import View, current_view, web_frames
from ui.widgets import metric_row, plain

MAP_KEY = "kaart"
CHART_SERIES = {period: PERIODS[period] for period in (PERIOD_2022, PERIOD_2024_2030, PERIOD_2031_2035)}


def render(view: View) -> None:
    """The whole map page."""
    st.title("Woondeal West-Overijssel")
    st.caption("Woningbouwopgave 2022 t/m 2030 en sleutelprojecten. Getoond: "
               + ", ".join(view.release_titles) + ".")
    metric_row(headlines.regional(view.dataset))
    if view.filters.gemeenten:
        st.subheader("Geselecteerde gemeenten")
        metric_row(headlines.for_gemeenten(view.dataset, view.filters.gemeenten))
        st.caption("Er is geen opgave per gemeente gepubliceerd; de voortgang geldt alleen voor de regio.")
    metric_row(headlines.for_selection(view.selected, len(view.dataset.projects), view.filters.period))
    _notices(view)
    clicked = _map(view)
    _select_from_click(view, clicked)
    _chart(view)
    _project_detail(view)


def _notices(view: View) -> None:
    """Say where the selected projects add up to another figure than the gemeente publishes."""
    differing = unpublished_sums(view.dataset, view.filters.period)
    if view.filters.gemeenten:
        differing = differing[differing["gemeente"].isin(view.filters.gemeenten)]
    for row in differing.itertuples():
        st.info(f"{row.gemeente}: de projecten tellen op tot {format_count(row.projecten)} woningen "
                f"{period_label(view.filters.period)}, de gemeente publiceert {format_count(row.gepubliceerd)} "
                "(zie Afwijkingen).", icon=":material/info:")


def _map(view: View) -> dict:
    """The map: a fixed base map and overlays that change with the filters without remounting."""
    gemeenten_web, projects_web = web_frames(view.dataset, view.releases, view.version)
    shown = projects_web.loc[view.selected.index].assign(woningen=view.selected["woningen"])
    if "toetsing" in view.selected.columns:
        shown["toetsing"] = view.selected["toetsing"]
    largest = float(view.dataset.projects[view.filters.period].max())
    groups = overlays(gemeenten_web, shown, view.filters.period, view.options, largest,
                      theme_layers(view), view.embargo)
    return st_folium(
        base_map(), key=MAP_KEY, height=640, use_container_width=True,
        feature_group_to_add=groups, layer_control=folium.LayerControl(collapsed=False),
        returned_objects=["last_object_clicked", "last_active_drawing"],
    ) or {}


def _select_from_click(view: View, clicked: dict) -> None:
    """A click on a project selects it by the id in its map feature (once per click, so the list can
    still change it); a click on a shared outline carries no id and selects nothing."""
    feature = clicked.get("last_active_drawing") or {}
    project = (feature.get("properties") or {}).get("project_id")
    click = (project, str(clicked.get("last_object_clicked")))
    if project and click != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = click
        if project in set(view.dataset.projects["project_id"]):
            st.session_state["project"] = project


def _chart(view: View) -> None:
    """Dwellings per gemeente: Woondeal 2022, 2024 t/m 2030 and doorkijk, as published."""
    table = gemeente_figures(view.dataset, view.selected, view.filters)
    present = {k: v for k, v in CHART_SERIES.items() if k in table.columns}
    if not present:
        return
    st.subheader("Woningen in sleutelprojecten per gemeente")
    long = table.melt(id_vars="gemeente", value_vars=list(present), var_name="periode", value_name="woningen")
    long["periode"] = long["periode"].map(present)
    long = long.dropna(subset=["woningen"]).assign(woningen=lambda f: f["woningen"].astype(int))
    long["tekst"] = long["woningen"].map(format_count)
    st.altair_chart(bar_chart(long, list(present.values())), width="stretch")
    st.caption("Zoals per gemeente gepubliceerd (Bijlage 1, Tabel 2 en Tabel 3). "
               "Een ontbrekende staaf betekent geen gegevens, niet nul. Dezelfde cijfers staan onder Tabellen.")


def _project_detail(view: View) -> None:
    """All figures of the chosen project with their source lines, its location and its check."""
    projects = view.dataset.projects.set_index("project_id")
    options = list(view.selected["project_id"])
    current = st.session_state.get("project")
    if current not in options:
        options = [current, *options] if current in projects.index else options
    st.subheader("Sleutelproject")
    if st.session_state.pop("_unknown_project", False):
        st.info("Het project uit de link bestaat niet of is (nog) niet openbaar.")
    if not options:
        st.write("Geen sleutelprojecten in deze selectie.")
        return
    names = {pid: f"{projects.loc[pid, 'naam']} ({projects.loc[pid, 'gemeente']})" for pid in options}
    chosen = st.selectbox("Kies een project (of klik op de kaart)", options, format_func=names.__getitem__, index=None,
                          placeholder="Kies een sleutelproject", key="project")
    write_permalink(view.filters, chosen)
    if chosen is None:
        return
    row = projects.loc[chosen]
    st.markdown(f"**{plain(row['naam'])}** · {plain(row['gemeente'])} · {PROJECT_STATUSES[row['status']].label}"
                + (" · telt alleen voor de doorkijk na 2030" if row.get("alleen_na_2030") is True else ""))
    left, right = st.columns([3, 2])
    with left:
        st.markdown("**Cijfers en bronnen**")
        st.dataframe(_figure_table(view, chosen), hide_index=True, width="stretch", placeholder="–")
    with right:
        st.markdown("**Locatie**")
        st.write(f"Precisie: {PRECISIONS[row['locatie_precisie']].label}.")
        st.write(row["locatie_toelichting"])
    _project_register(view, chosen)
    scorecard(view, chosen)


def _figure_table(view: View, project_id: str) -> pd.DataFrame:
    figures = view.dataset.project_figures(project_id)
    rows = []
    for fig in figures.itertuples():
        if fig.kenmerk in ("naam", "gemeente"):
            continue
        value = "–" if fig.waarde is pd.NA else format_count(int(fig.waarde))
        first = str(fig.bron).split("; ")[0]
        rows.append({"Cijfer": fig.onderwerp.split(":")[0], "Waarde": value, "Bron": fig.bron,
                     "Tekst in de bron": _quote(first), "Afwijking": "ja" if fig.afwijking else ""})
    return pd.DataFrame(rows)


def _quote(bron: str) -> str:
    try:
        return quote(bron)
    except ValueError:
        return ""


def _project_register(view: View, project_id: str) -> None:
    """The register rows about this project: where the documents disagree and what is used."""
    figures = view.dataset.project_figures(project_id)
    subjects = set(figures.loc[figures["afwijking"], "onderwerp"])
    rows = view.dataset.afwijkingen[view.dataset.afwijkingen["onderwerp"].isin(subjects)]
    for row in rows.itertuples():
        st.warning(f"Afwijking — {plain(row.onderwerp)}: {plain(row.waarde_a)} tegenover {plain(row.waarde_b)}. "
                   f"Gebruikt: {plain(row.gebruikt)}. {plain(row.toelichting)}")


render(current_view("Kaart"))
