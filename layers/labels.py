"""Names on the map: a label per gemeente at a point inside it, readable at the default zoom.

Labels are plain text markers (DivIcon) with a white halo, escaped, not interactive, so they never
catch a click meant for the area below. The style is inline (it travels with the layer when the map
swaps overlays), and the size is a parameter: a projector needs larger type than a laptop.
"""

from __future__ import annotations

from html import escape

import folium
import geopandas as gpd

from geo.geodata import RD_NEW, WEB

HALO = "0 0 3px #fff," * 3 + "0 0 3px #fff"


def label_points(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A point well inside each area (computed in RD New), in WGS84, for its name."""
    return frame.to_crs(RD_NEW).representative_point().to_crs(WEB)


def name_labels(frame: gpd.GeoDataFrame, column: str = "gemeente", name: str = "Namen",
                size_px: int = 13, css_class: str = "wd-label", above_px: int = 0,
                points: gpd.GeoSeries | None = None) -> folium.FeatureGroup:
    """A feature group with one text label per row of frame (its `column`), not in the layer control;
    at ``points`` (WGS84) when given, else at a point inside each area; above_px lifts the labels above
    their point (for numbers beside a symbol)."""
    group = folium.FeatureGroup(name=name, control=False)
    style = (f"font:600 {size_px}px/1.1 system-ui,sans-serif;color:#1a1a1a;white-space:nowrap;"
             f"text-shadow:{HALO};pointer-events:none;transform:translate(-50%,calc(-50% - {above_px}px));"
             "width:max-content")
    for text, point in zip(frame[column], label_points(frame) if points is None else points):
        folium.Marker(
            (point.y, point.x), interactive=False, keyboard=False,
            icon=folium.DivIcon(html=f'<div class="{css_class}" style="{style}">{escape(str(text))}</div>',
                                icon_size=(0, 0), class_name="wd-label-icon"),
        ).add_to(group)
    return group
