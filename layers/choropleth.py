"""The choropleth's colours, without a map library: classes of the data and one colour per gemeente.

The web map (``layers/gemeenten.py``) and the static maps of the reports (``reports/maps.py``) both
colour gemeenten through ``colour_classes``, so a printed map and the screen never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from geo.classify import Classes, classify
from geo.provenance import read_provenance
from layers.legend import NO_DATA_ENTRY, Entry, Section
from layers.palette import DIVERGING_NEGATIVE, DIVERGING_POSITIVE, NEUTRAL, NO_DATA_FILL, SEQUENTIAL

OUTLINE = "#404040"
FILL_OPACITY = 0.55


@dataclass(frozen=True)
class ColourClasses:
    """The classes of a figure, a colour per class, and per gemeente its fill and whether it has no data."""

    classes: Classes
    colours: tuple[str, ...]
    fill: pd.Series
    nodata: pd.Series

    def section(self, title: str, layer: str, documents: Sequence[str]) -> Section:
        """The legend section of the choropleth: one entry per class, plus 'geen gegevens' when needed;
        it cites the given documents (those of the visible releases) and the CBS borders."""
        entries = [Entry(text, stroke=OUTLINE, fill=colour) for text, colour in zip(self.classes.labels, self.colours)]
        if self.nodata.any():
            entries.append(NO_DATA_ENTRY)
        return Section(f"{title} (klassen: natuurlijke grenzen)", tuple(entries), layer=layer,
                       sources=(read_provenance().attribution(*documents, "cbs_gemeenten"),))


def _colours(classes: Classes, signed: bool) -> list[str]:
    """One colour per class: sequential, or diverging around zero for a change."""
    if not signed:
        return list(SEQUENTIAL[-len(classes.labels):]) if len(classes.labels) < 5 else list(SEQUENTIAL)
    colours: list[str] = []
    for low, high in zip(classes.lower, classes.bounds):
        if high < 0:
            colours.append("-")
        elif low > 0:
            colours.append("+")
        else:
            colours.append(NEUTRAL)
    negatives = colours.count("-")
    positives = colours.count("+")
    negative_palette = list(DIVERGING_NEGATIVE[:negatives])  # the largest decrease always darkest
    positive_palette = list(DIVERGING_POSITIVE[-positives:]) if positives else []  # largest increase darkest
    return [negative_palette.pop(0) if c == "-" else positive_palette.pop(0) if c == "+" else c for c in colours]


def colour_classes(values: pd.Series, signed: bool = False) -> ColourClasses:
    """Natural-break classes of the values and the fill of every row (grey where there is no value)."""
    classes = classify(values, signed=signed)
    colours = _colours(classes, signed)
    fill = classes.of.map(lambda c: NO_DATA_FILL if c is None else colours[int(c)])
    return ColourClasses(classes, tuple(colours), fill, classes.of.isna())
