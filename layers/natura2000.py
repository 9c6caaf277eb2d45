"""Theme layer 'natura2000': Natura 2000 sites (stikstof: building nearby needs nitrogen room)."""

from layers.palette import DASHED, OKABE_ITO, ThemeStyle

STYLE = ThemeStyle(stroke=OKABE_ITO["green"], fill=OKABE_ITO["green"], dash=DASHED, weight=2.5, fill_opacity=0.12)
