"""One run's view: who is looking, what they may see, the data restricted to it and the filters.

What a visitor may see is decided in ``prepare`` (clock, releases, role) before any page draws,
tables or offers downloads. Data and display geometry are cached per set of visible releases, so a
public session is never served an entry made for a logged-in role.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

import geopandas as gpd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo import paths
from geo.buildset import MANIFEST
from geo.dataset import DataError, Dataset, load_dataset
from geo.display import for_web, project_display
from geo.releases import Release, ReleaseError, now, read_releases, release_key, restrict, under_embargo, visible
from geo.schema import PUBLIC
from geo.selection import Filters, select_projects
from layers.mapview import MapOptions
from ui import permalink, serve, server
from ui.login import Visitor, embargo_banner, log_embargoed, visitor
from ui.publicsite import public_site_url
from ui.sidebar import sidebar


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
    map_view: tuple[float, float, float] | None = None
    link_notices: tuple[str, ...] = ()
    public_site: str | None = None
    shown: tuple[Release, ...] = ()
    moment: datetime | None = None


DATA_FILES = (paths.GEMEENTEN_GPKG.name, paths.PROJECTS_GPKG.name, paths.AFWIJKINGEN.name,
              paths.CONSTRAINTS_GPKG.name, paths.RELEASES.name, MANIFEST)


def data_version() -> tuple[float, ...]:
    """The modification times of the data files: a cache key, so that a rebuild is picked up."""
    data = paths.app_data()
    return tuple((data / name).stat().st_mtime if (data / name).exists() else 0.0 for name in DATA_FILES)


@st.cache_resource(show_spinner="Kaartgegevens laden…")
def _load(version: tuple[float, ...]) -> tuple[list[Release], Dataset]:
    data = paths.app_data()
    return read_releases(data / paths.RELEASES.name), load_dataset(data)


@st.cache_resource(show_spinner=False, max_entries=8)
def _restricted(_dataset: Dataset, _releases: list[Release], _every: list[Release], key: tuple[str, ...],
                version: tuple[float, ...]) -> Dataset:
    return restrict(_dataset, _releases, _every)


def restricted(data: Dataset, releases: list[Release], every: list[Release], version: tuple[float, ...]) -> Dataset:
    """The data of these releases only (of all releases ``every``), cached per set of releases: a public
    session never gets a cache entry that was made for a logged-in role, because the key is the set
    of releases."""
    return _restricted(data, releases, every, release_key(releases), version)


@st.cache_resource(show_spinner=False, max_entries=8)
def web_frames(_dataset: Dataset, key: tuple[str, ...], version: tuple) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Display geometry of gemeenten and projects (simplified, rounded, with symbol points), made once
    per set of visible releases."""
    return for_web(_dataset.gemeenten), project_display(_dataset.projects)


def build_view(data: Dataset, releases: list[Release], visitor: Visitor, embargoed: list[Release],
               embargo: str | None, version: tuple[float, ...], public_site: str | None = None,
               moment: datetime | None = None) -> View:
    """Read the sidebar and apply the filters once for this rerun."""
    filters, options = sidebar(data)
    titles = tuple(r.titel + (" (onder embargo)" if r in embargoed else "") for r in releases)
    return View(data, filters, options, select_projects(data, filters), visitor, release_key(releases), titles,
                version, tuple(embargoed), embargo, permalink.linked_map(list(data.themes)).view,
                tuple(permalink.take_notices()), public_site, tuple(releases), moment)


_THIS_RUN = threading.local()


def _session() -> str:
    context = get_script_run_ctx()
    return context.session_id if context else ""


class Public(NamedTuple):
    """What ``warm`` made: the public data, its release key and data version."""

    dataset: Dataset
    releases: tuple[str, ...]
    version: tuple[float, ...]


def warm(moment: datetime | None = None) -> Public:
    """Make what a public visitor's first run needs, before the server takes visitors (``ui.serve``): the
    data read, restricted to the releases public now, its display geometry, and the public site's build
    started. Gives what the rest of the warm-up needs to make what is kept per object or per view."""
    version = data_version()
    releases, data = _load(version)
    moment = moment or now()
    shown = visible(releases, PUBLIC, moment)
    dataset = restricted(data, shown, releases, version)
    web_frames(dataset, release_key(shown), version)
    public_site_url(moment, releases)
    return Public(dataset, release_key(shown), version)


def prepare() -> View:
    """Everything before a page: clock, releases, data, visitor, embargo banner, filters.

    Who is looking and what time it is decide which releases are visible; the data is restricted to
    those before anything is drawn, tabled or offered for download. An invalid clock or data file
    stops the run with a Dutch message. The view is kept for this run of this session only.
    """
    server.install()
    serve.register_declared()
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
    view = build_view(restricted(data, shown, releases, version), shown, who, embargoed, label, version,
                      public_site_url(moment, releases), moment)
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
