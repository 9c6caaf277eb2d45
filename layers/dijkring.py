"""Theme layer 'dijkring': dike-ring areas (2002) behind primary flood defences, drawn as outlines."""

from layers.palette import DASHED, OKABE_ITO, ThemeStyle

STYLE = ThemeStyle(stroke=OKABE_ITO["blue"], fill=OKABE_ITO["blue"], dash=DASHED, weight=2.0, fill_opacity=0.06)
