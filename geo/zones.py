"""Rule zones: where each distance rule of the location check would give a site ``aandacht`` or ``knelpunt``.

For a hazard (``minder_is_slechter``: "binnen 50 m van een primaire waterkering") a zone is the band
between two thresholds around the layer's features (0–50 m, 50–200 m); for an amenity
(``meer_is_slechter``: "meer dan 1.200 m van een treinstation") it is the land beyond a threshold
(1.200–5.000 m, more than 5.000 m), within the region plus ``CLIP_BUFFER_M``. The build stores them
in one layer of ``data/constraints.gpkg`` (``thema``, ``status``, ``naam``: the zone in words, and
``gemeten_vanaf``: whether a site's edge or middle counts), so the
map can show where a site would change status, and the check measures how much of an indicative
area (a kern, a gemeente) lies in them.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.constraints import CLIP_BUFFER_M
from geo.geodata import RD_NEW
from geo.rules import Rule, zone_bands
from geo.schema import CHECK_STATUSES

ZONES_LAYER = "regelzones"
TOLERANCE_M = 1.0  # zones are simplified by 1 m: a third of the vertices of the buffers' arcs, no visible change
ZONE_COLUMNS = ["thema", "status", "naam", "gemeten_vanaf"]


def _within(features: np.ndarray, threshold: float) -> BaseGeometry:
    """The land within threshold metres of the features (at 0 m: the features' own area); each feature is
    buffered on its own and the buffers merged, three times faster than buffering their union."""
    return shapely.union_all(shapely.buffer(features, threshold, quad_segs=8) if threshold > 0 else features)


def _rule_zones(rule: Rule, layer: gpd.GeoDataFrame, extent: BaseGeometry) -> list[tuple[str, str, BaseGeometry]]:
    """The zones of one distance rule, strictest first, each (status, zone in words, area), disjoint."""
    features = layer.geometry.to_numpy()
    zones, taken = [], shapely.Polygon()
    for status, threshold, words in zone_bands(rule):
        near = _within(features, threshold)
        area = shapely.intersection(near, extent) if rule.richting == "minder_is_slechter" else (
            shapely.difference(extent, near))
        zones.append((status, words, shapely.difference(area, taken)))
        taken = shapely.union(taken, area)
    return zones


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Only the areas of a geometry, simplified by TOLERANCE_M, as one MultiPolygon (no line left over)."""
    parts = shapely.get_parts(shapely.simplify(geometry, TOLERANCE_M, preserve_topology=True))
    return shapely.multipolygons(parts[(shapely.get_dimensions(parts) == 2) & ~shapely.is_empty(parts)])


def derive_zones(rules: tuple[Rule, ...], themes: dict[str, gpd.GeoDataFrame],
                 region: BaseGeometry) -> gpd.GeoDataFrame:
    """The zones of every distance rule with a layer, in rules order, one MultiPolygon each (see ZONE_COLUMNS)."""
    extent = shapely.buffer(region, CLIP_BUFFER_M)
    rows = [(rule.thema, status, words, rule.gemeten_vanaf, _polygonal(area))
            for rule in rules if rule.thema in themes
            for status, words, area in _rule_zones(rule, themes[rule.thema], extent)]
    kept = [row for row in rows if not row[-1].is_empty]
    return gpd.GeoDataFrame([row[:-1] for row in kept], columns=ZONE_COLUMNS,
                            geometry=[row[-1] for row in kept], crs=RD_NEW)


def zones_of(zones: gpd.GeoDataFrame | None, theme: str) -> gpd.GeoDataFrame | None:
    """The zones of one theme, or None when the theme has none (no distance rule, or no zones built)."""
    if zones is None:
        return None
    chosen = zones[zones["thema"] == theme]
    return chosen.reset_index(drop=True) if len(chosen) else None


def with_zones(layer: gpd.GeoDataFrame, zones: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """A theme's features for the map, after its rule zones (so they are drawn underneath): columns naam and
    zone (the zone's status; none for a feature), a zone named with its outcome ('✖ knelpunt: 0–50 m van …')."""
    features = gpd.GeoDataFrame({"naam": layer["naam"].astype(str).to_numpy()}, geometry=layer.geometry.to_numpy(),
                                crs=layer.crs)
    if zones is None or not len(zones):
        return features
    named = [f"{CHECK_STATUSES[status].shown}: {name}" for status, name in zip(zones["status"], zones["naam"])]
    shown = gpd.GeoDataFrame({"naam": named, "zone": zones["status"].to_numpy()}, geometry=zones.geometry.to_numpy(),
                             crs=zones.crs)
    return gpd.GeoDataFrame(pd.concat([shown, features], ignore_index=True), geometry="geometry", crs=layer.crs)
