"""Theme layer 'buitendijks': floodplains and open water outside the primary dikes (derived proxy)."""

from layers.palette import OKABE_ITO, ThemeStyle

STYLE = ThemeStyle(stroke=OKABE_ITO["blue"], fill=OKABE_ITO["sky"], weight=1.0, fill_opacity=0.45)
