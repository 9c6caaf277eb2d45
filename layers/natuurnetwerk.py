"""Theme layer 'natuurnetwerk': the Natuurnetwerk Nederland in Overijssel."""

from layers.palette import OKABE_ITO, ThemeStyle

STYLE = ThemeStyle(stroke="#8a7d00", fill=OKABE_ITO["yellow"], weight=0.8, fill_opacity=0.4)
