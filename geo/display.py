"""Display copies of the geometry for the web map: simplified in RD New, rounded in WGS84.

The analysis always uses the full geometry; these copies only shrink what the browser receives.
A tolerance of 10 m moves a boundary by less than two screen pixels up to zoom level 14 (one
pixel is about 5,8 m there at 52,5° N) and is far below the precision of the sources themselves
(CBS borders are generalised to segments of 270–600 m; project locations are at best a
neighbourhood). Five decimals in WGS84 are about 1 m, finer than that tolerance.
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import shapely

from geo.geodata import RD_NEW, WEB
from geo.schema import INDICATIVE_PRECISIONS

TOLERANCE_M = 10.0
INDICATIVE_TOLERANCE_M = 40.0
DECIMALS = 5
MARKER_SPREAD_M = 250.0


def for_web(frame: gpd.GeoDataFrame, tolerance: float | np.ndarray = TOLERANCE_M) -> gpd.GeoDataFrame:
    """Simplify in RD New, reproject to WGS84 and round coordinates while keeping shapes valid."""
    simplified = shapely.simplify(frame.to_crs(RD_NEW).geometry.to_numpy(), tolerance, preserve_topology=True)
    web = gpd.GeoSeries(simplified, index=frame.index, crs=RD_NEW).to_crs(WEB).to_numpy()
    # reprojection can make a valid polygon touch itself (big zones with many holes do); repair those first
    broken = ~shapely.is_valid(web)
    web[broken] = shapely.make_valid(web[broken], method="structure", keep_collapsed=False)
    rounded = shapely.set_precision(web, 10.0 ** -DECIMALS)
    return frame.set_geometry(gpd.GeoSeries(rounded, index=frame.index, crs=WEB), crs=WEB)


def project_tolerances(precision: gpd.pd.Series) -> np.ndarray:
    """Display tolerance per project: 10 m for a wijk or site, 40 m where the area only indicates a
    kern or gemeente (40 m is under two pixels up to zoom 12, and such an outline is not the project)."""
    return np.where(precision.isin(INDICATIVE_PRECISIONS), INDICATIVE_TOLERANCE_M, TOLERANCE_M)


def project_display(projects: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Projects for the web map: areas simplified per location precision, plus a 'marker' point each."""
    shown = for_web(projects, project_tolerances(projects["locatie_precisie"]))
    return shown.assign(marker=markers(projects))


def markers(frame: gpd.GeoDataFrame, spread: float = MARKER_SPREAD_M) -> gpd.GeoSeries:
    """One symbol point per feature (WGS84); features that share a point are set on a small ring.

    Several projects can be placed on the same kern, so their symbols would hide each other; they
    are moved apart by `spread` metres, which the legend says. The area itself is not moved.
    """
    points = frame.to_crs(RD_NEW).representative_point()
    keys = [f"{x:.0f},{y:.0f}" for x, y in zip(points.x, points.y)]
    group = gpd.pd.Series(keys, index=frame.index)
    size = group.map(group.value_counts())
    rank = group.groupby(group).cumcount()
    angle = 2 * np.pi * rank / size
    radius = np.where(size > 1, spread, 0.0)
    moved = gpd.points_from_xy(points.x + radius * np.sin(angle), points.y + radius * np.cos(angle), crs=RD_NEW)
    web = gpd.GeoSeries(moved, index=frame.index, crs=RD_NEW).to_crs(WEB)
    return gpd.GeoSeries(shapely.set_precision(web.to_numpy(), 10.0 ** -DECIMALS), index=frame.index, crs=WEB)


def layer_script(theme: str, layer: gpd.GeoDataFrame, properties: tuple[str, ...] = ("naam",)) -> bytes:
    """A layer as compact GeoJSON for the browser (display geometry, only the given properties), wrapped
    in a call to the map (``WD.layerData``) so that it loads as a script, also from disk; stable bytes:
    the build writes these files once, the map loads one when its layer is switched on."""
    shown = for_web(layer)
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {name: row[name] for name in properties
                                           if name in shown.columns and isinstance(row[name], str)},
         "geometry": shapely.geometry.mapping(row["geometry"])}
        for row in shown.to_dict("records")
    ]}
    data = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    return f"WD.layerData({json.dumps(theme)},{data});\n".encode()
