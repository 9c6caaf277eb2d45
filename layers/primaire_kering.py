"""Theme layer 'primaire_kering': the primary flood-defence lines (2013) as a dashed black line."""

from layers.palette import LONG_DASH, OKABE_ITO, ThemeStyle

STYLE = ThemeStyle(stroke=OKABE_ITO["black"], dash=LONG_DASH, weight=3.0)
