"""Streamlit pieces shared by the pages: cached data, the sidebar filters, metrics, tables, downloads."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo import paths
from geo.dataset import DataError, Dataset, load_dataset
from geo.releases import Release, ReleaseError, now, read_releases, release_key, restrict, under_embargo, visible
from geo.display import for_web, project_display
from geo.exports import csv_bytes, geojson_bytes
from geo.headlines import Metric
from geo.numbers import format_count
from geo.selection import CHECK_STATUSES, PRECISIONS, STATUSES, Filters, select_projects
from layers.gemeenten import available_figures
from layers.mapview import MapOptions
from layers.sleutelprojecten import colourings
from pages.access import Visitor, embargo_banner, log_embargoed, visitor


@dataclass(frozen=True)
class View:
    """One rerun's state: the visible data, filters, map options, selection, visitor and embargo."""

    dataset: Dataset
    filters: Filters
    options: MapOptions
    selected: gpd.GeoDataFrame
    visitor: Visitor
    releases: tuple[str, ...]
    release_titles: tuple[str, ...]
    version: tuple[float, ...]
    embargoed: tuple[Release, ...] = ()
    embargo: str | None = None


def set_language() -> None:
    """Tell browsers and screen readers the page is Dutch (Streamlit's page says 'en')."""
    st.html("<script>document.documentElement.setAttribute('lang', 'nl');</script>", unsafe_allow_javascript=True)


DATA_FILES = (paths.GEMEENTEN_GPKG.name, paths.PROJECTS_GPKG.name, paths.AFWIJKINGEN.name,
              paths.CONSTRAINTS_GPKG.name, paths.RELEASES.name)


def data_version() -> tuple[float, ...]:
    """The modification times of the data files: a cache key, so that a rebuild is picked up."""
    data = paths.app_data()
    return tuple((data / name).stat().st_mtime if (data / name).exists() else 0.0 for name in DATA_FILES)


@st.cache_resource(show_spinner="Kaartgegevens laden…")
def _load(version: tuple[float, ...]) -> tuple[list[Release], Dataset]:
    data = paths.app_data()
    return read_releases(data / paths.RELEASES.name), load_dataset(data)


@st.cache_resource(show_spinner=False, max_entries=8)
def _restricted(_dataset: Dataset, _releases: list[Release], key: tuple[str, ...],
                version: tuple[float, ...]) -> Dataset:
    return restrict(_dataset, _releases)


def restricted(data: Dataset, releases: list[Release], version: tuple[float, ...]) -> Dataset:
    """The data of these releases only, cached per set of releases: a public session never gets a
    cache entry that was made for a logged-in role, because the key is the set of releases."""
    return _restricted(data, releases, release_key(releases), version)


@st.cache_resource(show_spinner=False, max_entries=8)
def web_frames(_dataset: Dataset, key: tuple[str, ...], version: tuple) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Display geometry of gemeenten and projects (simplified, rounded, with symbol points), made once
    per set of visible releases."""
    return for_web(_dataset.gemeenten), project_display(_dataset.projects)


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
                         ("f_status", list(STATUSES)), ("f_precisie", list(PRECISIONS)),
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
        period = st.radio("Periode", list(periods), format_func=periods.get, key="f_periode",
                          index=_preferred(list(periods), "woningen_2024_2030"))
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
                              index=_preferred(list(figures), "woningen_2024_2030"))
        colours = colourings(data.projects)
        colour_by = st.selectbox("Projecten kleuren naar", list(colours), format_func=colours.get, key="k_kleur")
        themes = _theme_choice(data)
    filters = Filters(tuple(gemeenten), tuple(statuses), period, tuple(precisions), tuple(checks))
    return filters, MapOptions(figure, colour_by, themes)


def _preferred(options: list[str], preferred: str) -> int:
    """The position a widget starts on: the preferred option when this data has it, else the first."""
    return options.index(preferred) if preferred in options else 0


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


def build_view(data: Dataset, releases: list[Release], visitor: Visitor, embargoed: list[Release],
               embargo: str | None, version: tuple[float, ...]) -> View:
    """Read the sidebar and apply the filters once for this rerun."""
    filters, options = sidebar(data)
    titles = tuple(r.titel + (" (onder embargo)" if r in embargoed else "") for r in releases)
    return View(data, filters, options, select_projects(data, filters), visitor, release_key(releases), titles,
                version, tuple(embargoed), embargo)


_THIS_RUN = threading.local()


def _session() -> str:
    context = get_script_run_ctx()
    return context.session_id if context else ""


def prepare() -> View:
    """Everything before a page: clock, releases, data, visitor, embargo banner, filters.

    Who is looking and what time it is decide which releases are visible; the data is restricted to
    those before anything is drawn, tabled or offered for download. An invalid clock or data file
    stops the run with a Dutch message. The view is kept for this run of this session only.
    """
    version = data_version()
    try:
        moment = now()
        releases, data = _load(version)
    except (ReleaseError, DataError) as error:
        st.error(str(error))
        st.stop()
    who = visitor()
    shown = visible(releases, who.role, moment)
    embargoed = under_embargo(shown, moment)
    label = embargo_banner(embargoed) if embargoed else None
    view = build_view(restricted(data, shown, version), shown, who, embargoed, label, version)
    _THIS_RUN.view = (_session(), view)
    return view


def current_view(page: str) -> View:
    """The view prepared in this run (or prepared now when a page runs on its own); a view of
    embargoed data is written to the access log before the page shows anything."""
    session, view = getattr(_THIS_RUN, "view", (None, None))
    if view is None or session != _session():
        view = prepare()
    _THIS_RUN.view = (None, None)
    if view.embargoed and not log_embargoed("bekijken_embargo", view.visitor, list(view.embargoed), {"pagina": page}):
        st.stop()
    return view


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")  # what can start markup; ( ) only follow ]


def plain(text: object) -> str:
    """Text from the data for use inside markdown: every markdown character escaped, so a name
    with markup, a link or HTML in it shows as the text it is."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


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
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_count(int(value))
    return str(value)


def dutch_table(frame: pd.DataFrame, labels: dict[str, str], embargo: str | None = None) -> None:
    """A sortable table with Dutch headers and Dutch number notation ('–' where there is no figure)."""
    if embargo:
        st.caption(f":red[**{embargo}**]")
    shown = pd.DataFrame(frame[[c for c in labels if c in frame.columns]]).rename(columns=labels)
    numeric = [c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c]) and shown[c].dtype != bool]
    # Streamlit shows the Styler's text only for plain numpy columns, so nullable integers become floats.
    shown = shown.astype({c: "float64" for c in numeric})
    st.dataframe(shown.style.format(_dutch, subset=numeric, na_rep="–"), hide_index=True, width="stretch",
                 placeholder="–")


def downloads(view: View, frame: gpd.GeoDataFrame, labels: dict[str, str], basename: str, key: str) -> None:
    """Download buttons for the filtered selection; an export of embargoed data is logged."""
    csv, geojson = csv_bytes(frame, labels, view.embargo), geojson_bytes(frame, labels, view.embargo)
    prefix = "EMBARGO-" if view.embargo else ""
    left, right = st.columns(2)
    for column, data, kind, suffix, mime in ((left, csv, "CSV", "csv", "text/csv"),
                                             (right, geojson, "GeoJSON", "geojson", "application/geo+json")):
        download(view, column, f"Download {kind}", data, f"{prefix}{basename}.{suffix}", mime, f"{key}_{suffix}")


def download(view: View, place, label: str, data: bytes, name: str, mime: str, key: str) -> None:
    """One download button; downloading embargoed data is written to the access log."""
    place.download_button(label, data, name, mime, key=key, on_click=_log_export if view.embargoed else "ignore",
                          args=(view, name) if view.embargoed else None)


def _log_export(view: View, name: str) -> None:
    log_embargoed("export_embargo", view.visitor, list(view.embargoed), {"bestand": name})

