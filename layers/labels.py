"""Names on the map: a label per gemeente at a point inside it, readable at the default zoom.

Labels are plain text markers (DivIcon) with a white halo, escaped, not interactive, so they never
catch a click meant for the area below. The style is inline (it travels with the layer when the map
swaps overlays), and the size is a parameter: a projector needs larger type than a laptop.

All labels of a layer are one element (`TextLabels`): a folium Marker with its DivIcon is three
elements per label, and rendering each compiles a template of its own, which made the names the
largest part of a rerun's map.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.template import Template

from geo.geodata import RD_NEW, WEB
from geo.memo import kept_for
from geo.safetext import template_inert

HALO = "0 0 3px #fff," * 3 + "0 0 3px #fff"
_POINTS: dict[int, tuple[Any, gpd.GeoSeries]] = {}


class TextLabels(MacroElement):
    """Non-interactive text markers, one per (lat, lng, html), added to the parent layer by one script;
    the markers are the same as folium.Marker with a DivIcon of size 0 and this class name."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this.labels|tojson }}.forEach(function (label) {
                L.marker([label[0], label[1]], {interactive: false, keyboard: false, icon: L.divIcon(
                    {className: {{ this.class_name|tojson }}, html: label[2], iconSize: [0, 0]})
                }).addTo({{ this._parent.get_name() }});
            });
        {% endmacro %}
    """)

    def __init__(self, labels: Iterable[tuple[float, float, str]], class_name: str = "wd-label-icon") -> None:
        super().__init__()
        self._name = "TextLabels"
        self.labels = [[round(lat, 6), round(lng, 6), template_inert(html)] for lat, lng, html in labels]
        self.class_name = class_name


def label_points(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A point well inside each area (computed in RD New), in WGS84, for its name; kept per frame, since
    a frame of display geometry lives across reruns and reprojecting costs 20 ms in each new thread."""
    return kept_for(_POINTS, frame, lambda: frame.to_crs(RD_NEW).representative_point().to_crs(WEB), limit=16)


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
    at = label_points(frame) if points is None else points
    TextLabels((point.y, point.x, f'<div class="{css_class}" style="{style}">{escape(str(text))}</div>')
               for text, point in zip(frame[column], at)).add_to(group)
    return group
