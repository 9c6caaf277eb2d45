"""Assemble the overlays of one view: choropleth, projects, constraint themes and their legend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd

from layers import gemeenten, sleutelprojecten
from layers.legend import Legend, Section


@dataclass(frozen=True)
class MapOptions:
    """What the map shows: the choropleth figure and the attribute that colours the projects."""

    figure: str = "woningen_2024_2030"
    colour_by: str = "status"
    themes: tuple[str, ...] = ()


def overlays(gemeenten_web: gpd.GeoDataFrame, projects_web: gpd.GeoDataFrame, period: str,
             options: MapOptions, largest: float,
             themes: Sequence[tuple[folium.FeatureGroup, Section]] = (),
             embargo: str | None = None) -> list[folium.FeatureGroup]:
    """The feature groups to draw, the last one carrying the legend of everything drawn."""
    choropleth, choropleth_legend = gemeenten.layer(gemeenten_web, options.figure)
    groups = [choropleth]
    note = "Vertrouwelijk: niet delen vóór het einde van het embargo."
    sections = [Section(embargo, (), note=note)] if embargo else []
    sections.append(choropleth_legend)
    for group, section in themes:
        groups.append(group)
        sections.append(section)
    if len(projects_web):
        projects, projects_legend = sleutelprojecten.layer(projects_web, period, options.colour_by, largest)
        groups.append(projects)
        sections.append(projects_legend)
    legend = folium.FeatureGroup(name="Legenda", control=False)
    Legend(sections).add_to(legend)
    return [*groups, legend]
