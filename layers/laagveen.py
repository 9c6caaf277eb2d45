"""Theme layer 'laagveen': the low-peat region of the physical-geographic map (regional scale)."""

from layers.palette import DOTTED, OKABE_ITO, ThemeStyle

STYLE = ThemeStyle(stroke=OKABE_ITO["purple"], fill=OKABE_ITO["purple"], dash=DOTTED, weight=2.0, fill_opacity=0.25)
