"""Charts for the reports (PNG, matplotlib without pyplot): the web chart's grouped bars, colours and Dutch numbers."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from geo.numbers import format_count
from layers.palette import PERIOD_COLOURS, TEXT


def _dutch(value: float, _position: int) -> str:
    return format_count(int(value)).replace("-", "−")


def bar_chart(table: pd.DataFrame, category: str, series: dict[str, str], size: tuple[float, float] = (10.5, 6.0),
              dpi: int = 150) -> bytes:
    """Grouped horizontal bars as PNG: one row per category (every name shown), one bar per series that
    has a figure; a missing bar means no figure, not zero, and the chart says so."""
    figure = Figure(figsize=size, dpi=dpi, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.22, 0.1, 0.74, 0.8))
    rows = np.arange(len(table))[::-1]
    height = 0.8 / max(len(series), 1)
    for number, (column, label) in enumerate(series.items()):
        values = pd.to_numeric(table[column], errors="coerce").astype(float)
        offset = (number - (len(series) - 1) / 2) * height
        axes.barh(rows - offset, values.fillna(0).to_numpy(), height=height * 0.95, label=label,
                  color=PERIOD_COLOURS[number % len(PERIOD_COLOURS)])
        for row, value in zip(rows - offset, values):
            if not np.isnan(value):
                axes.text(value, row, f" {format_count(int(value))}", va="center", fontsize=7, color=TEXT)
    axes.set_yticks(rows, list(table[category]), fontsize=9, color=TEXT)
    axes.xaxis.set_major_formatter(FuncFormatter(_dutch))
    axes.tick_params(axis="x", labelsize=8, colors=TEXT)
    axes.set_xlabel("Woningen", color=TEXT)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(series), frameon=False, fontsize=9)
    figure.text(0.01, 0.01, "Een ontbrekende staaf betekent: geen gegevens (niet nul).", fontsize=8, color="#444444")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
