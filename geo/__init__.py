"""Pure core of the Woondeal West-Overijssel map: sources, build, analysis, formatting."""
