"""The Kaart page's map: made once per view and sent to every session that asks for the same one.

A map's component arguments (``ui.mapcomponent.prepared``) are kept on every input of the map: the
visible releases and data version (which decide the data), the filters, the map options, the embargo
label, the chosen project, the searched place and the linked map view. A later visitor's first map, a
filter set back or a return to the page is then sent without building the map again, and ``warm``
makes the map a public visitor's first run asks for before the server takes visitors (``ui.serve``).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.dataset import Dataset
from geo.schema import CHECK_STATUSES
from geo.selection import Filters, select_projects
from layers.base import base_map
from layers.mapview import Focus, MapOptions, bounds_of, overlays
from layers.sleutelprojecten import popup_html
from ui.checks import map_themes
from ui.mapcomponent import draw, prepared
from ui.sidebar import starting_view
from ui.view import View, web_frames

MAP_KEY = "kaart"
MAP_HEIGHT = 560


def draw_map(view: View, place: str | None) -> None:
    """The map of this view, with the chosen project and the searched place; a click selects a project."""
    project = st.session_state.get("project")
    select_from_click(draw(arguments(view.dataset, view.selected, view.releases, view.version, view.filters,
                                     view.options, view.embargo, project, place, view.map_view)))


def warm(dataset: Dataset, releases: tuple[str, ...], version: tuple[float, ...]) -> None:
    """Make the map a public visitor's first run asks for: nothing chosen, no project, no place, no link."""
    filters, options = starting_view(dataset)
    arguments(dataset, select_projects(dataset, filters), releases, version, filters, options, None, None, None,
              None)


@st.cache_resource(show_spinner=False, max_entries=32)
def arguments(_dataset: Dataset, _selected: gpd.GeoDataFrame, releases: tuple[str, ...], version: tuple[float, ...],
              filters: Filters, options: MapOptions, embargo: str | None, project: str | None, place: str | None,
              map_view: tuple[float, float, float] | None) -> dict:
    """The map component's arguments for this view, kept on every input but the data and the selection,
    which the releases, version and filters decide (the underscored arguments are not part of the key)."""
    gemeenten_web, projects_web = web_frames(_dataset, releases, version)
    shown = projects_web.loc[_selected.index].assign(woningen=_selected["woningen"])
    if "toetsing" in _selected.columns:
        shown["toetsing"] = _selected["toetsing"]
    largest = float(_dataset.projects[filters.period].max())
    focus = _focus(_dataset, gemeenten_web, projects_web, filters, project, place)
    groups = overlays(gemeenten_web, shown, filters.period, options, largest, map_themes(_dataset), embargo, focus,
                      project, _popup(_dataset, projects_web, project),
                      fit_on_open=map_view is None and bool(project or place), documents=_dataset.shown_documents())
    return prepared(base_map(view=map_view), key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True,
                    feature_group_to_add=groups, returned_objects=["last_object_clicked", "last_active_drawing"],
                    on_change=select_from_click)


def _focus(dataset: Dataset, gemeenten_web: gpd.GeoDataFrame, projects_web: gpd.GeoDataFrame, filters: Filters,
           project: str | None, place: str | None) -> list[Focus]:
    """What the map zooms to when it changes: the chosen project, a searched place, the chosen gemeenten."""
    focus = []
    chosen = projects_web[projects_web["project_id"] == project] if project else projects_web.iloc[0:0]
    focus.append(Focus("project", project or "", bounds_of(chosen) if len(chosen) else ((0, 0), (0, 0))))
    places = dataset.places
    if place and places is not None:
        row = places.set_index("omschrijving").loc[place]
        focus.append(Focus("plaats", place, ((row["zuid"], row["west"]), (row["noord"], row["oost"])), max_zoom=16))
    else:
        focus.append(Focus("plaats", "", ((0, 0), (0, 0))))
    shown = gemeenten_web[gemeenten_web["gemeente"].isin(filters.gemeenten or gemeenten_web["gemeente"])]
    focus.append(Focus("gemeenten", ",".join(filters.gemeenten) or "alle", bounds_of(shown), max_zoom=13))
    return focus


def _popup(dataset: Dataset, projects_web: gpd.GeoDataFrame, project: str | None) -> dict | None:
    """The popup of the chosen project: its key figures and worst check outcome, at its symbol."""
    row = dataset.projects.set_index("project_id").loc[project] if project in set(
        dataset.projects["project_id"]) else None
    if row is None or project not in set(projects_web["project_id"]):
        return None
    marker = projects_web.set_index("project_id").loc[project, "marker"]
    check = CHECK_STATUSES[row["toetsing"]].shown if "toetsing" in row.index and pd.notna(row["toetsing"]) else None
    return {"key": project, "latlng": [marker.y, marker.x], "html": popup_html(row, dataset.periods(), check)}


def select_from_click(clicked: dict | None = None) -> None:
    """A click on a project selects it by the id in its map feature, once per click (so the list can
    still change it). In the browser this runs before the page is drawn again (the map shows the
    selection at once); a click on a shared outline carries no id."""
    clicked = clicked or st.session_state.get(MAP_KEY) or {}
    feature = clicked.get("last_active_drawing") or {}
    project = (feature.get("properties") or {}).get("project_id")
    click = (project, str(clicked.get("last_object_clicked")))
    if project and click != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = click
        st.session_state["project"] = project
