"""Static maps for reports and slides (PNG, drawn with matplotlib in RD New, works offline).

A map is a list of layers drawn in order, each a GeoDataFrame with its style; labels are drawn with
a white halo so they stay readable on any fill. The legend is the web map's own description
(``layers.legend.Section``), drawn beside the map, so print and screen name the same things. Figures
are made without pyplot (no global state), so maps can be drawn from a download's worker thread.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import matplotlib.patheffects as effects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from geo.geodata import RD_NEW
from layers.legend import Entry, Section

INK, MUTED, EMBARGO_RED = "#1a1a1a", "#444444", "#b00020"
PX_TO_PT = 0.75  # a CSS pixel is 0,75 typographic point
MAP_PART = 0.70  # with a legend, the map takes this share of the width and the legend the rest


@dataclass(frozen=True)
class MapLayer:
    """One layer of a static map: the geometry (any CRS), its fill and line, per feature or for all."""

    frame: gpd.GeoDataFrame
    fill: str | Sequence[str] | None = None
    stroke: str | Sequence[str] = "#404040"
    width: float = 0.8
    dash: str | None = None
    fill_opacity: float = 1.0
    marker_size: float | Sequence[float] = 30.0


@dataclass(frozen=True)
class Label:
    """A text on the map at a point (RD New metres), optionally shifted by (dx, dy) points."""

    x: float
    y: float
    text: str
    size: float = 9.0
    bold: bool = False
    offset: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class StaticMap:
    """Layers and labels within an extent (RD New: xmin, ymin, xmax, ymax), at a size in inches, with
    the legend sections drawn in a column at the right and an optional red stamp (the embargo)."""

    layers: Sequence[MapLayer]
    extent: tuple[float, float, float, float]
    labels: Sequence[Label] = field(default_factory=tuple)
    size: tuple[float, float] = (10.0, 7.0)
    title: str = ""
    legend: Sequence[Section] = field(default_factory=tuple)
    stamp: str | None = None


class _Canvas(FigureCanvasAgg):
    """An Agg canvas that draws only when saved: geopandas asks for a redraw after every layer it plots."""

    def draw_idle(self, *args: object, **kwargs: object) -> None:
        """Nothing to do: the map is drawn once, by savefig."""


def _linestyle(dash: str | None) -> Any:
    """A Leaflet dashArray ('8 5') as a matplotlib dash pattern."""
    return "solid" if not dash else (0, tuple(float(part) / 2 for part in dash.split()))


def marker_area(radius_px: float) -> float:
    """A circle of this radius in screen pixels as a matplotlib marker area (points²)."""
    return (2 * radius_px * PX_TO_PT) ** 2


def _fills(layer: MapLayer, count: int) -> list | str:
    if layer.fill is None:
        return "none"
    colours = [layer.fill] * count if isinstance(layer.fill, str) else list(layer.fill)
    return [to_rgba(colour, layer.fill_opacity) for colour in colours]


def _draw_layers(axes, spec: StaticMap) -> None:
    for layer in spec.layers:
        frame = layer.frame.to_crs(RD_NEW)
        if frame.empty:
            continue
        points = bool(frame.geom_type.isin(["Point", "MultiPoint"]).all())
        sizes = layer.marker_size if isinstance(layer.marker_size, (int, float)) else list(layer.marker_size)
        stroke = layer.stroke if isinstance(layer.stroke, str) else list(layer.stroke)
        frame.plot(ax=axes, color=_fills(layer, len(frame)), edgecolor=stroke, linewidth=layer.width,
                   linestyle=_linestyle(layer.dash), markersize=sizes if points else None, zorder=3 if points else 2)


def _draw_labels(axes, labels: Sequence[Label]) -> None:
    halo = [effects.withStroke(linewidth=3, foreground="white")]
    for label in labels:
        axes.annotate(label.text, (label.x, label.y), xytext=label.offset, textcoords="offset points",
                      ha="center", va="center", fontsize=label.size, fontweight="bold" if label.bold else "normal",
                      color=INK, path_effects=halo, zorder=5, annotation_clip=True)


def _symbol(axes, entry: Entry, x: float, y: float, row: float) -> None:
    """The legend symbol of an entry at (x, y) in axes coordinates, as the web legend draws it."""
    stroke, fill = entry.stroke or "none", entry.fill or "none"
    if entry.shape == "line":
        axes.add_line(Line2D([x, x + 0.09], [y, y], color=stroke, linewidth=2, linestyle=_linestyle(entry.dash)))
    elif entry.shape == "circle":  # the same size as the map's symbol of that many dwellings
        axes.add_line(Line2D([x + 0.045], [y], marker="o", markersize=2 * entry.size * PX_TO_PT, markerfacecolor=fill,
                             markeredgecolor=stroke, markeredgewidth=0.8, linestyle="none"))
    else:
        axes.add_patch(Rectangle((x, y - row * 0.3), 0.09, row * 0.6, facecolor=fill, edgecolor=stroke,
                                 linewidth=1.0, linestyle=_linestyle(entry.dash), transform=axes.transAxes))


def _draw_legend(axes, sections: Sequence[Section]) -> None:
    """Title, entries and notes of every section, top to bottom, in the legend column."""
    axes.set_axis_off()
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    y, row = 0.99, 0.034
    for section in sections:
        title = textwrap.wrap(section.title, 38)
        axes.text(0, y, "\n".join(title), fontsize=8, fontweight="bold", color=INK, va="top")
        y -= row * len(title) + row * 0.3
        for entry in section.entries:
            _symbol(axes, entry, 0.0, y - row / 2, row)
            axes.text(0.13, y - row / 2, entry.label, fontsize=7.5, color=INK, va="center")
            y -= row
        notes = [text for text in (section.note, "; ".join(section.sources)) if text]
        for note in notes:
            lines = textwrap.wrap(note, 52)
            axes.text(0, y - row * 0.2, "\n".join(lines), fontsize=6.5, color=MUTED, va="top")
            y -= row * 0.8 * len(lines) + row * 0.2
        y -= row * 0.5


def render(spec: StaticMap, dpi: int = 150) -> bytes:
    """The map as PNG bytes."""
    figure = Figure(figsize=spec.size, dpi=dpi, facecolor="white")
    _Canvas(figure)
    if spec.legend:
        axes = figure.add_axes((0.0, 0.0, MAP_PART, 0.93 if spec.stamp else 1.0))
        _draw_legend(figure.add_axes((MAP_PART + 0.02, 0.02, 0.98 - MAP_PART, 0.88 if spec.stamp else 0.95)),
                     spec.legend)
    else:
        axes = figure.add_axes((0.0, 0.0, 1.0, 0.93 if spec.stamp else 1.0))
    _draw_layers(axes, spec)
    _draw_labels(axes, spec.labels)
    xmin, ymin, xmax, ymax = spec.extent
    axes.set_xlim(xmin, xmax)
    axes.set_ylim(ymin, ymax)
    axes.set_aspect("equal", adjustable="box")
    axes.set_axis_off()
    if spec.title:
        axes.set_title(spec.title, fontsize=12, loc="left", color=INK)
    if spec.stamp:
        figure.text(0.01, 0.985, f"{spec.stamp} — vertrouwelijk, niet delen", color=EMBARGO_RED, fontsize=11,
                    fontweight="bold", va="top")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
