"""Colour-blind-safe colours (Okabe-Ito for categories, ColorBrewer for classes) and line patterns.

Every category also differs in line pattern, so nothing is told by colour alone (WCAG 1.4.1).
"""

from __future__ import annotations

OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#7F7F7F", "black": "#000000",
}
SEQUENTIAL = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # ColorBrewer YlGnBu
DIVERGING_NEGATIVE = ("#b35806", "#f1a340", "#fee0b6")  # ColorBrewer PuOr, orange side (dark to light)
DIVERGING_POSITIVE = ("#d8daeb", "#998ec3", "#542788")  # PuOr, purple side (light to dark)
NEUTRAL = "#f7f7f7"
NO_DATA_FILL = "#d9d9d9"

SOLID, DASHED, DOTTED, LONG_DASH = None, "8 5", "2 5", "14 6"


# The periods in every chart (web and print): Woondeal 2022, 2024 t/m 2030, doorkijk 2031–2035.
PERIOD_COLOURS = (OKABE_ITO["sky"], OKABE_ITO["blue"], OKABE_ITO["orange"])
TEXT = "#1a1a1a"  # text with 16:1 contrast on white (WCAG AA asks 4,5:1)
SECONDARY_TEXT = "#474747"  # captions and remarks: 9:1 on white
