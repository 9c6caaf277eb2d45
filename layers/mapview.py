"""Assemble the overlays of one view: choropleth, names, projects, the selection and the map panel.

The overlays change with the filters and are swapped without remounting the map; the constraint
themes are not among them: the panel fetches a theme's prepared GeoJSON when it is switched on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd

from geo.schema import DEFAULT_PERIOD
from layers import gemeenten, sleutelprojecten
from layers.labels import name_labels
from layers.legend import MapConfig, Overlay


@dataclass(frozen=True)
class MapOptions:
    """What the map shows: the choropleth figure, the attribute that colours the projects, and the
    constraint themes switched on when the map opens (from a link)."""

    figure: str = DEFAULT_PERIOD
    colour_by: str = "status"
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Focus:
    """Something the map zooms to when it changes: its kind (project, place, gemeenten), a key that
    changes with it, and its bounds ((south, west), (north, east))."""

    kind: str
    key: str
    bounds: tuple[tuple[float, float], tuple[float, float]]
    max_zoom: float = 15

    def as_dict(self) -> dict:
        """For the map panel (JSON)."""
        return {"kind": self.kind, "key": self.key, "bounds": self.bounds, "maxZoom": self.max_zoom}


def bounds_of(frame: gpd.GeoDataFrame) -> tuple[tuple[float, float], tuple[float, float]]:
    """The bounds of WGS84 geometries as Leaflet wants them: ((south, west), (north, east))."""
    west, south, east, north = (float(v) for v in frame.total_bounds)
    return (south, west), (north, east)


def overlays(gemeenten_web: gpd.GeoDataFrame, projects_web: gpd.GeoDataFrame, period: str,
             options: MapOptions, largest: float, themes: Sequence[dict] = (), embargo: str | None = None,
             focus: Sequence[Focus] = (), selected: str | None = None, popup: dict | None = None,
             fit_on_open: bool = False, names: folium.FeatureGroup | None = None, *,
             documents: Sequence[str]) -> list[folium.FeatureGroup]:
    """The feature groups to draw, the last one handing the view to the map panel; legends cite the
    given documents (the datasets of the visible releases, `Dataset.shown_documents`); ``names``: the
    gemeente names when the caller places them itself (larger, clear of each other, on a projector)."""
    choropleth, choropleth_legend = gemeenten.layer(gemeenten_web, options.figure, documents=documents)
    names = names or name_labels(gemeenten_web)
    panel = [Overlay("gemeenten", "Gemeenten", choropleth, (choropleth_legend,)),
             Overlay("namen", "Namen van de gemeenten", names)]
    groups = [choropleth, names]
    if len(projects_web):
        projects, projects_legend = sleutelprojecten.layer(projects_web, period, options.colour_by, largest,
                                                              documents=documents)
        groups.append(projects)
        panel.append(Overlay("projecten", "Sleutelprojecten", projects, (projects_legend,)))
        if selected:
            groups.append(sleutelprojecten.selection(projects_web, selected, largest))
    config = folium.FeatureGroup(name="Kaartpaneel", control=False)
    MapConfig(panel, list(themes), embargo, options.themes, [f.as_dict() for f in focus], popup,
              fit_on_open).add_to(config)
    return [*groups, config]
