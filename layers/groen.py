"""Theme layer 'groen': nature areas of at least 1 ha as a proxy for green within 300 m (no city parks)."""

from layers.palette import OKABE_ITO, ThemeStyle

STYLE = ThemeStyle(stroke=OKABE_ITO["green"], fill=OKABE_ITO["green"], weight=0.8, fill_opacity=0.3)
