"""GeoJSON for the browser: no bounding boxes, short feature ids, only the properties a layer shows.

Folium turns a style_function into a JavaScript switch on a unique feature key; with short ids
("0", "1", …) that switch stays small, so styles are computed here and looked up by id.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import shapely

from geo.safetext import template_inert

Style = dict[str, object]


def features(frame: gpd.GeoDataFrame, properties: tuple[str, ...] = ("tooltip",)) -> dict:
    """A compact FeatureCollection with ids 0…n-1 and only the given properties (their texts inert for
    Jinja, see geo.safetext); the geometries are written by GEOS in one vectorised call (the same JSON
    as GeoDataFrame.to_json, in half the time) and read back once per shape (``_geometry``), the
    properties column by column as Python values."""
    geometries = [None if s is None else _geometry(s) for s in shapely.to_geojson(frame.geometry.to_numpy())]
    names = [c for c in properties if c in frame.columns]
    columns = [template_inert(_values(frame[name])) for name in names]
    rows = [dict(zip(names, row)) for row in zip(*columns)] if names else [{} for _ in geometries]
    return {"type": "FeatureCollection", "features": [
        {"id": str(i), "type": "Feature", "properties": row, "geometry": geometry}
        for i, (row, geometry) in enumerate(zip(rows, geometries))
    ]}


@functools.lru_cache(maxsize=4096)
def _geometry(text: str) -> dict:
    """A GeoJSON geometry as Python objects, parsed once per text: the same display shapes are drawn in
    every rerun, and reading them back took a third of a layer's GeoJSON. The result is shared, so it is
    never changed (folium only reads it)."""
    return json.loads(text)


def _values(column: pd.Series) -> list:
    """The column as Python values that JSON can write, a missing value as None (null)."""
    return column.to_numpy(dtype=object, na_value=None).tolist()


def styled_by_row(styles: list[Style]) -> Callable[[dict], Style]:
    """A style_function that returns the precomputed style of the feature with that id."""
    return lambda feature: styles[int(feature["id"])]
