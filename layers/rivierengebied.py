"""Theme layer 'rivierengebied': the river region of the physical-geographic map (regional scale)."""

from layers.palette import DOTTED, OKABE_ITO, ThemeStyle

STYLE = ThemeStyle(stroke=OKABE_ITO["orange"], fill=OKABE_ITO["orange"], dash=DOTTED, weight=2.0, fill_opacity=0.2)
