"""Gemeenten as a choropleth of a chosen figure; a gemeente without a value shows 'geen gegevens'."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

import folium
import geopandas as gpd
import pandas as pd

from geo.classify import NO_DATA, Classes, classify
from geo.numbers import format_count
from geo.provenance import read_provenance
from geo.schema import COLUMNS, PERIOD_2022, PERIOD_2024_2030, PERIOD_2031_2035
from layers.geojson import features, styled_by_row
from layers.legend import NO_DATA_ENTRY, Entry, Section
from layers.palette import DIVERGING_NEGATIVE, DIVERGING_POSITIVE, NEUTRAL, NO_DATA_FILL, SEQUENTIAL

NAME = "Gemeenten"
FIGURES = {name: COLUMNS[name].long for name in (
    "gerealiseerd_2022_2024", PERIOD_2024_2030, PERIOD_2031_2035, PERIOD_2022, "verschil_2022_2024",
    "ouderen_basis_totaal", "ouderen_trend_totaal",
)}
SIGNED = {"verschil_2022_2024"}


def available_figures(gemeenten: pd.DataFrame) -> dict[str, str]:
    """The figures this data can show (a public release may lack some)."""
    return {figure: label for figure, label in FIGURES.items() if figure in gemeenten.columns}


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


def _format(value: Any, signed: bool) -> str:
    if value is None or value is pd.NA or pd.isna(value):
        return NO_DATA
    text = format_count(int(abs(value)) if signed else int(value))
    return (f"+{text}" if value > 0 else f"−{text}" if value < 0 else "0") if signed else text


def layer(gemeenten_web: gpd.GeoDataFrame, figure: str, *,
          documents: Sequence[str]) -> tuple[folium.FeatureGroup, Section]:
    """The choropleth feature group and its legend section; the legend cites the given documents
    (the datasets the visible releases bring) and the CBS borders."""
    signed = figure in SIGNED
    values = gemeenten_web[figure]
    classes = classify(values, signed=signed)
    colours = _colours(classes, signed)
    fill = classes.of.map(lambda c: NO_DATA_FILL if c is None else colours[int(c)])
    label = FIGURES[figure]
    tooltip = [
        f"<strong>{escape(name)}</strong><br>{escape(label)}: {escape(_format(v, signed))}"
        for name, v in zip(gemeenten_web["gemeente"], values)
    ]
    data = gpd.GeoDataFrame(
        {"gemeente": gemeenten_web["gemeente"], "fill": fill.to_numpy(), "nodata": classes.of.isna().to_numpy(),
         "tooltip": tooltip},
        geometry=gemeenten_web.geometry.to_numpy(), crs=gemeenten_web.crs,
    )
    group = folium.FeatureGroup(name=NAME, show=True)
    folium.GeoJson(
        features(data),
        name=NAME,
        style_function=styled_by_row([
            {"fillColor": row.fill, "fillOpacity": 0.55, "color": "#404040", "weight": 1.2,
             "dashArray": "4 3" if row.nodata else None, "className": "wd-gemeente"}
            for row in data.itertuples()
        ]),
        highlight_function=lambda _: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False, sticky=False),
    ).add_to(group)
    entries = [Entry(text, stroke="#404040", fill=colour) for text, colour in zip(classes.labels, colours)]
    if classes.of.isna().any():
        entries.append(NO_DATA_ENTRY)
    section = Section(f"{label} (klassen: natuurlijke grenzen)", tuple(entries), layer=NAME,
                      sources=(read_provenance().attribution(*documents, "cbs_gemeenten"),))
    return group, section
