"""Charts with colour-blind-safe colours and Dutch number notation (Vega formats in English)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from layers.palette import OKABE_ITO

SERIES_COLOURS = (OKABE_ITO["sky"], OKABE_ITO["blue"], OKABE_ITO["orange"])
DUTCH_AXIS = "replace(replace(format(datum.value, ',d'), /,/g, '.'), '-', '−')"
ROW_HEIGHT = 27  # pixels per gemeente: every name fits, whether one, two or three bars share the row
TEXT = "#1a1a1a"  # axis text with 16:1 contrast on white (WCAG AA asks 4,5:1)


def bar_chart(long: pd.DataFrame, series: list[str]) -> alt.Chart:
    """Grouped horizontal bars: one row per gemeente, one bar per series, labelled in Dutch."""
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("gemeente:N", title=None, sort=None,
                    axis=alt.Axis(labelOverlap=False, labelLimit=0, labelColor=TEXT, labelFontSize=12)),
            yOffset=alt.YOffset("periode:N", sort=series),
            x=alt.X("woningen:Q", title="Woningen",
                    axis=alt.Axis(labelExpr=DUTCH_AXIS, labelColor=TEXT, titleColor=TEXT, labelFontSize=12)),
            color=alt.Color("periode:N", title="Periode", sort=series,
                            scale=alt.Scale(domain=series, range=list(SERIES_COLOURS[: len(series)])),
                            legend=alt.Legend(orient="top", labelColor=TEXT, titleColor=TEXT, labelFontSize=12)),
            tooltip=[alt.Tooltip("gemeente:N", title="Gemeente"), alt.Tooltip("periode:N", title="Periode"),
                     alt.Tooltip("tekst:N", title="Woningen")],
        )
        .properties(height=alt.Step(ROW_HEIGHT // max(len(series), 1)))
    )
