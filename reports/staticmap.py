"""Static maps for reports and slides (PNG, drawn with matplotlib in RD New, works offline).

A map is a list of layers drawn in order, each a GeoDataFrame with its style; labels are drawn with
a white halo so they stay readable on any fill. Colours come from the same palette as the web map.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import matplotlib
import matplotlib.patheffects as effects
import matplotlib.pyplot as plt

from geo.geodata import RD_NEW

matplotlib.use("Agg")  # no screen: render to a buffer (pyplot picks its backend at the first figure)


@dataclass(frozen=True)
class MapLayer:
    """One layer of a static map: the geometry (any CRS), its fill and line, per feature or for all."""

    frame: gpd.GeoDataFrame
    fill: str | Sequence[str] | None = None
    stroke: str = "#404040"
    width: float = 0.8
    dash: str | None = None
    alpha: float = 1.0
    marker_size: float = 30.0


@dataclass(frozen=True)
class Label:
    """A text on the map at a point (RD New metres)."""

    x: float
    y: float
    text: str
    size: float = 9.0
    bold: bool = False


@dataclass(frozen=True)
class StaticMap:
    """Layers and labels within an extent (RD New: xmin, ymin, xmax, ymax), at a size in inches."""

    layers: Sequence[MapLayer]
    extent: tuple[float, float, float, float]
    labels: Sequence[Label] = field(default_factory=tuple)
    size: tuple[float, float] = (10.0, 7.0)
    title: str = ""


def _linestyle(dash: str | None) -> str | tuple[int, tuple[float, ...]]:
    """A Leaflet dashArray ('8 5') as a matplotlib dash pattern."""
    return "solid" if not dash else (0, tuple(float(part) / 2 for part in dash.split()))


def render(spec: StaticMap, dpi: int = 150) -> bytes:
    """The map as PNG bytes."""
    figure, axes = plt.subplots(figsize=spec.size, dpi=dpi)
    axes.set_axis_off()  # before plotting: geopandas redraws the figure after every layer, ticks and all
    try:
        for layer in spec.layers:
            frame = layer.frame.to_crs(RD_NEW)
            if frame.empty:
                continue
            points = frame.geom_type.isin(["Point", "MultiPoint"]).all()
            frame.plot(ax=axes, color=layer.fill if layer.fill is not None else "none", edgecolor=layer.stroke,
                       linewidth=layer.width, linestyle=_linestyle(layer.dash), alpha=layer.alpha,
                       markersize=layer.marker_size if points else None)
        halo = [effects.withStroke(linewidth=3, foreground="white")]
        for label in spec.labels:
            axes.annotate(label.text, (label.x, label.y), ha="center", va="center", fontsize=label.size,
                          fontweight="bold" if label.bold else "normal", color="#1a1a1a", path_effects=halo)
        xmin, ymin, xmax, ymax = spec.extent
        axes.set_xlim(xmin, xmax)
        axes.set_ylim(ymin, ymax)
        axes.set_aspect("equal")
        if spec.title:
            axes.set_title(spec.title, fontsize=12, loc="left")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
        return buffer.getvalue()
    finally:
        plt.close(figure)
