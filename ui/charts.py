"""Charts with colour-blind-safe colours and Dutch number notation (Vega formats in English)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from layers.palette import OKABE_ITO

SERIES_COLOURS = (OKABE_ITO["sky"], OKABE_ITO["blue"], OKABE_ITO["orange"])
DUTCH_AXIS = "replace(format(datum.value, ',d'), /,/g, '.')"


def bar_chart(long: pd.DataFrame, series: list[str]) -> alt.Chart:
    """Grouped horizontal bars: one row per gemeente, one bar per series, labelled in Dutch."""
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("gemeente:N", title=None, sort=None),
            yOffset=alt.YOffset("periode:N", sort=series),
            x=alt.X("woningen:Q", title="Woningen", axis=alt.Axis(labelExpr=DUTCH_AXIS)),
            color=alt.Color("periode:N", title="Periode", sort=series,
                            scale=alt.Scale(domain=series, range=list(SERIES_COLOURS[: len(series)])),
                            legend=alt.Legend(orient="top")),
            tooltip=[alt.Tooltip("gemeente:N", title="Gemeente"), alt.Tooltip("periode:N", title="Periode"),
                     alt.Tooltip("tekst:N", title="Woningen")],
        )
        .properties(height=alt.Step(9))
    )
