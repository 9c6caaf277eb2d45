"""Streamlit pieces shared by the pages: cached data, the sidebar filters, metrics, tables, downloads."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import paths
from geo.dataset import Dataset, load_dataset
from geo.display import for_web, markers
from geo.headlines import Metric
from geo.numbers import format_count
from geo.selection import CHECK_STATUSES, PRECISIONS, STATUSES, Filters, period_label, select_projects
from layers.gemeenten import available_figures
from layers.mapview import MapOptions
from layers.sleutelprojecten import colourings

PROJECT_COLUMNS = {
    "naam": "Sleutelproject", "gemeente": "Gemeente", "status": "Status", "woningen_2022": "Woondeal 2022",
    "woningen_2024_2030": "2024 t/m 2030", "woningen_na_2030": "Doorkijk na 2030",
    "locatie_precisie": "Precisie locatie", "toetsing": "Locatietoets", "bron": "Bron",
}
GEMEENTE_COLUMNS = {
    "gemeente": "Gemeente", "gemeentecode": "CBS-code", "gerealiseerd_2022_2024": "Gerealiseerd 2022–2024",
    "sleutelprojecten_aantal": "Sleutelprojecten", "woningen_woondeal_2022": "Woondeal 2022",
    "woningen_2024_2030": "2024 t/m 2030", "woningen_2031_2035": "Doorkijk 2031–2035",
    "verschil_2022_2024": "Verandering 2022 → 2024–2030",
    "ouderen_nultreden_basis": "Nultreden (basis)", "ouderen_geclusterd_basis": "Geclusterd (basis)",
    "ouderen_zorggeschikt_basis": "Zorggeschikt (basis)", "ouderen_nultreden_trend": "Nultreden (trend)",
    "ouderen_geclusterd_trend": "Geclusterd (trend)", "ouderen_zorggeschikt_trend": "Zorggeschikt (trend)",
    "projecten_geselecteerd": "Projecten in selectie", "woningen_geselecteerd": "Woningen in selectie",
}


@dataclass(frozen=True)
class View:
    """One rerun's state: the data, the filters, the map options and the selected projects."""

    dataset: Dataset
    filters: Filters
    options: MapOptions
    selected: gpd.GeoDataFrame


def set_language() -> None:
    """Tell browsers and screen readers the page is Dutch (Streamlit's page says 'en')."""
    st.html("<script>document.documentElement.setAttribute('lang', 'nl');</script>", unsafe_allow_javascript=True)


def _data_version() -> tuple[float, ...]:
    data = paths.app_data()
    names = (paths.GEMEENTEN_GPKG.name, paths.PROJECTS_GPKG.name, paths.AFWIJKINGEN.name, "constraints.gpkg")
    return tuple((data / name).stat().st_mtime if (data / name).exists() else 0.0 for name in names)


@st.cache_resource(show_spinner="Kaartgegevens laden…")
def _load(version: tuple[float, ...]) -> Dataset:
    return load_dataset(paths.app_data())


def dataset() -> Dataset:
    """The dataset, read once per version of the data files (a rebuild is picked up)."""
    return _load(_data_version())


@st.cache_resource(show_spinner=False)
def web_frames(_dataset: Dataset, version: tuple) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Display geometry of gemeenten and projects (simplified, rounded, with symbol points), made once."""
    gemeenten = for_web(_dataset.gemeenten)
    projects = for_web(_dataset.projects)
    projects["marker"] = markers(_dataset.projects)
    return gemeenten, projects


def sidebar(data: Dataset) -> tuple[Filters, MapOptions]:
    """The filters and map options in the sidebar; they drive map, figures and tables together."""
    with st.sidebar:
        st.header("Filters")
        gemeenten = st.multiselect("Gemeenten", list(data.gemeenten["gemeente"]), placeholder="Alle gemeenten",
                                   key="f_gemeenten")
        periods = data.periods()
        period = st.radio("Periode", list(periods), format_func=periods.get, key="f_periode",
                          index=list(periods).index("woningen_2024_2030") if "woningen_2024_2030" in periods else 0)
        statuses = st.multiselect("Bestaand of nieuw", list(STATUSES), format_func=STATUSES.get,
                                  placeholder="Beide", key="f_status")
        precisions = st.multiselect("Precisie van de locatie", list(PRECISIONS), format_func=PRECISIONS.get,
                                    placeholder="Alle", key="f_precisie")
        checks: list[str] = []
        if "toetsing" in data.projects.columns:
            checks = st.multiselect("Locatietoets (zwaarste uitkomst)", list(CHECK_STATUSES),
                                    format_func=str.capitalize, placeholder="Alle uitkomsten", key="f_toets")
        st.header("Kaart")
        figures = available_figures(data.gemeenten)
        figure = st.selectbox("Gemeenten kleuren naar", list(figures), format_func=figures.get, key="k_figuur",
                              index=list(figures).index("woningen_2024_2030") if "woningen_2024_2030" in figures else 0)
        colours = colourings(data.projects)
        colour_by = st.selectbox("Projecten kleuren naar", list(colours), format_func=colours.get, key="k_kleur")
        themes = _theme_choice(data)
    filters = Filters(tuple(gemeenten), tuple(statuses), period, tuple(precisions), tuple(checks))
    return filters, MapOptions(figure, colour_by, themes)


def _theme_choice(data: Dataset) -> tuple[str, ...]:
    """Constraint themes to draw; they appear as soon as their layer has been built."""
    if not data.themes:
        return ()
    labels = _theme_labels(data)
    return tuple(st.multiselect("Kaartlagen locatietoets", list(labels), format_func=labels.get,
                                placeholder="Geen", key="k_lagen"))


def _theme_labels(data: Dataset) -> dict[str, str]:
    rules = data.rules
    if rules is None:
        return {theme: theme for theme in data.themes}
    named = dict(zip(rules["thema"], rules["label"]))
    return {theme: named.get(theme, theme) for theme in data.themes}


def build_view(data: Dataset) -> View:
    """Read the sidebar and apply the filters once for this rerun."""
    filters, options = sidebar(data)
    return View(data, filters, options, select_projects(data, filters))


def remember(view: View) -> None:
    """Keep this rerun's view for the page that runs after the entry point."""
    st.session_state["_view"] = view


def current_view() -> View:
    """The view the entry point built in this rerun."""
    return st.session_state["_view"]


def metric_row(metrics: list[Metric]) -> None:
    """Headline numbers side by side, each with its remark and sources on hover."""
    if not metrics:
        return
    for column, metric in zip(st.columns(len(metrics)), metrics):
        with column:
            st.metric(metric.label, metric.value, help=f"Bron: {metric.bron}" if metric.bron else None)
            if metric.remark:
                st.caption(metric.remark)


def _dutch(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_count(int(value))
    return str(value)


def dutch_table(frame: pd.DataFrame, labels: dict[str, str]) -> None:
    """A sortable table with Dutch headers and Dutch number notation ('–' where there is no figure)."""
    shown = frame[[c for c in labels if c in frame.columns]].rename(columns=labels)
    numeric = [c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c]) and shown[c].dtype != bool]
    st.dataframe(shown.style.format(_dutch, subset=numeric), hide_index=True, width="stretch")


def downloads(frame: gpd.GeoDataFrame, labels: dict[str, str], basename: str, key: str) -> None:
    """The filtered selection as CSV (Dutch headers, ';' separated) and as GeoJSON (WGS84)."""
    columns = [c for c in labels if c in frame.columns]
    csv = pd.DataFrame(frame[columns]).rename(columns=labels).to_csv(sep=";", index=False).encode("utf-8-sig")
    geojson = gpd.GeoDataFrame(frame[columns], geometry=frame.geometry, crs=frame.crs).to_crs(4326).to_json(
        drop_id=True, ensure_ascii=False)
    left, right = st.columns(2)
    left.download_button("Download CSV", csv, f"{basename}.csv", "text/csv", key=f"{key}_csv")
    right.download_button("Download GeoJSON", geojson.encode("utf-8"), f"{basename}.geojson",
                          "application/geo+json", key=f"{key}_geojson")


def period_name(view: View) -> str:
    """The chosen period in words."""
    return period_label(view.filters.period)
