"""Charts with colour-blind-safe colours and Dutch number notation (Vega formats in English)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from layers.palette import PERIOD_COLOURS, TEXT

DUTCH_AXIS = "replace(replace(format(datum.value, ',d'), /,/g, '.'), '-', '−')"
ROW_HEIGHT = 27  # pixels per gemeente at 12 px text: every name fits, whether one, two or three bars share the row


def bar_chart(long: pd.DataFrame, series: list[str], font_px: int = 12, category: str = "gemeente",
              title: str = "Gemeente") -> alt.Chart:
    """Grouped horizontal bars: one row per category (gemeente or project), one bar per series, in Dutch.

    Drawn as SVG, so every label is text in the page (readable by screen readers and tests)."""
    row = round(ROW_HEIGHT * font_px / 12)
    return (
        alt.Chart(long, usermeta={"embedOptions": {"renderer": "svg"}})
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", title=None, sort=None,
                    axis=alt.Axis(labelOverlap=False, labelLimit=0, labelColor=TEXT, labelFontSize=font_px)),
            yOffset=alt.YOffset("periode:N", sort=series),
            x=alt.X("woningen:Q", title="Woningen",
                    axis=alt.Axis(labelExpr=DUTCH_AXIS, labelColor=TEXT, titleColor=TEXT, labelFontSize=font_px,
                                  titleFontSize=font_px)),
            color=alt.Color("periode:N", title="Periode", sort=series,
                            scale=alt.Scale(domain=series, range=list(PERIOD_COLOURS[: len(series)])),
                            legend=alt.Legend(orient="top", labelColor=TEXT, titleColor=TEXT, labelFontSize=font_px,
                                              titleFontSize=font_px, labelLimit=0)),
            tooltip=[alt.Tooltip(f"{category}:N", title=title), alt.Tooltip("periode:N", title="Periode"),
                     alt.Tooltip("tekst:N", title="Woningen")],
        )
        .properties(height=alt.Step(row // max(len(series), 1)))
    )
