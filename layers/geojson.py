"""GeoJSON for the browser: no bounding boxes, short feature ids, only the properties a layer shows.

Folium turns a style_function into a JavaScript switch on a unique feature key; with short ids
("0", "1", …) that switch stays small, so styles are computed here and looked up by id.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import geopandas as gpd

Style = dict[str, object]


def features(frame: gpd.GeoDataFrame, properties: tuple[str, ...] = ("tooltip",)) -> dict:
    """A compact FeatureCollection with ids 0…n-1 and only the given properties."""
    kept = frame[[c for c in properties if c in frame.columns]].copy()
    kept = gpd.GeoDataFrame(kept, geometry=frame.geometry.to_numpy(), crs=frame.crs)
    kept.index = [str(i) for i in range(len(kept))]
    return json.loads(kept.to_json(drop_id=False, show_bbox=False, ensure_ascii=False))


def styled_by_row(styles: list[Style]) -> Callable[[dict], Style]:
    """A style_function that returns the precomputed style of the feature with that id."""
    return lambda feature: styles[int(feature["id"])]
