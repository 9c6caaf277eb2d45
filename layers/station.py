"""Theme layer 'station': railway stations (accessibility, a positive indicator) as black dots."""

from layers.palette import OKABE_ITO, ThemeStyle

STYLE = ThemeStyle(stroke=OKABE_ITO["black"], fill=OKABE_ITO["black"], weight=1.5, fill_opacity=0.9, point=True)
