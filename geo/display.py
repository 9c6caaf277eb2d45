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

from geo.geodata import RD_NEW, WEB, repaired
from geo.schema import INDICATIVE_PRECISIONS

TOLERANCE_M = 10.0
INDICATIVE_TOLERANCE_M = 40.0
DECIMALS = 5
MARKER_SPREAD_M = 250.0


def for_web(frame: gpd.GeoDataFrame, tolerance: float | np.ndarray = TOLERANCE_M) -> gpd.GeoDataFrame:
    """Simplify in RD New, reproject to WGS84 and round coordinates while keeping shapes valid."""
    simplified = shapely.simplify(frame.to_crs(RD_NEW).geometry.to_numpy(), tolerance, preserve_topology=True)
    # reprojection can make a valid polygon touch itself (big zones with many holes do); repair those first
    web = repaired(gpd.GeoSeries(simplified, index=frame.index, crs=RD_NEW).to_crs(WEB).to_numpy())
    rounded = shapely.set_precision(web, 10.0 ** -DECIMALS)
    return frame.set_geometry(gpd.GeoSeries(rounded, index=frame.index, crs=WEB), crs=WEB)


def project_tolerances(precision: gpd.pd.Series) -> np.ndarray:
    """Display tolerance per project: 10 m for a site, 40 m where the area only indicates a wijk,
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


def grouped_points(frame: gpd.GeoDataFrame, texts: gpd.pd.Series) -> gpd.GeoDataFrame:
    """One point per distinct place (RD New, rounded to a metre) with the texts of every row placed
    there joined ('3, 4, 5'): projects on the same kern get one label instead of a pile of them."""
    points = frame.to_crs(RD_NEW).representative_point()
    key = points.x.round().astype(str) + "," + points.y.round().astype(str)
    grouped = gpd.pd.DataFrame({"key": key, "tekst": texts.astype(str), "geometry": points}).groupby("key", sort=False)
    first = grouped.head(1).set_index("key")
    joined = grouped["tekst"].agg(", ".join)
    return gpd.GeoDataFrame({"tekst": joined.loc[first.index].to_numpy()}, geometry=first["geometry"].to_numpy(),
                            crs=RD_NEW)


def label_anchors(frame: gpd.GeoDataFrame, texts: gpd.pd.Series, metres_per_px: float, font_px: float,
                  step: float = 1_000.0) -> gpd.GeoSeries:
    """A point per area for its name (RD New) such that no two names overlap at the given scale, where
    the areas allow it: each name stays as close to its area's representative point as it can while
    its box (text width × line height, in metres at that scale) lies inside the area and clear of the
    names placed before it. The smallest areas choose first, as they have the fewest places."""
    areas = frame.to_crs(RD_NEW).geometry
    widths = texts.astype(str).str.len().to_numpy() * font_px * 0.62 * metres_per_px
    height = font_px * 1.3 * metres_per_px
    placed: list[shapely.Geometry] = []
    anchors: dict[object, shapely.Geometry] = {}
    for index in areas.area.sort_values().index:
        area, width = areas[index], widths[areas.index.get_loc(index)]
        home = area.representative_point()
        xmin, ymin, xmax, ymax = area.bounds
        grid = shapely.points(*np.meshgrid(np.arange(xmin, xmax, step), np.arange(ymin, ymax, step)))
        candidates = np.concatenate([[home], grid.ravel()])
        candidates = candidates[shapely.contains(area, candidates)]
        boxes = shapely.box(shapely.get_x(candidates) - width / 2, shapely.get_y(candidates) - height / 2,
                            shapely.get_x(candidates) + width / 2, shapely.get_y(candidates) + height / 2)
        taken = shapely.union_all(placed) if placed else shapely.Polygon()
        clash = shapely.area(shapely.intersection(boxes, taken)) / (width * height)
        outside = 1 - shapely.area(shapely.intersection(boxes, area)) / (width * height)
        distance = shapely.distance(candidates, home) / max(xmax - xmin, ymax - ymin)
        best = int(np.argmin(clash * 10 + outside + distance * 0.5))
        anchors[index] = candidates[best]
        placed.append(boxes[best])
    return gpd.GeoSeries([anchors[i] for i in areas.index], index=areas.index, crs=RD_NEW)
