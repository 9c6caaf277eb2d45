"""Gemeenten as a choropleth of a chosen figure; a gemeente without a value shows 'geen gegevens'."""

from __future__ import annotations

from html import escape

import folium
import geopandas as gpd
import pandas as pd

from geo.classify import NO_DATA, Classes, classify
from geo.numbers import format_count
from layers.geojson import features, styled_by_row
from layers.legend import NO_DATA_ENTRY, Entry, Section
from layers.palette import DIVERGING_NEGATIVE, DIVERGING_POSITIVE, NEUTRAL, NO_DATA_FILL, SEQUENTIAL

NAME = "Gemeenten"
FIGURES = {
    "gerealiseerd_2022_2024": "Gerealiseerd Q1 2022 t/m Q4 2024 (netto)",
    "woningen_2024_2030": "Woningen in sleutelprojecten 2024 t/m 2030",
    "woningen_2031_2035": "Doorkijk 2031 t/m 2035",
    "woningen_woondeal_2022": "Woningen in sleutelprojecten, Woondeal 2022",
    "verschil_2022_2024": "Verandering Woondeal 2022 → 2024 t/m 2030",
    "ouderen_totaal_basis": "Ouderenhuisvesting basisscenario (totaal)",
    "ouderen_totaal_trend": "Ouderenhuisvesting trendscenario (totaal)",
}
SIGNED = {"verschil_2022_2024"}
SOURCE = "CBS Gebiedsindelingen 2026 (gegeneraliseerd), CC BY 4.0"


def figure_values(gemeenten: pd.DataFrame, figure: str) -> pd.Series:
    """The values of a figure per gemeente, derived where the figure is a sum or a difference."""
    if figure == "verschil_2022_2024":
        return gemeenten["woningen_2024_2030"] - gemeenten["woningen_woondeal_2022"]
    if figure.startswith("ouderen_totaal_"):
        scenario = figure.rsplit("_", 1)[1]
        parts = [f"ouderen_{kind}_{scenario}" for kind in ("nultreden", "geclusterd", "zorggeschikt")]
        return gemeenten[parts].sum(axis=1, min_count=len(parts)).astype("Int64")
    return gemeenten[figure]


def available_figures(gemeenten: pd.DataFrame) -> dict[str, str]:
    """The figures this data can show (a public release may lack some)."""
    found = {}
    for figure, label in FIGURES.items():
        try:
            figure_values(gemeenten, figure)
        except KeyError:
            continue
        found[figure] = label
    return found


def _colours(classes: Classes, signed: bool) -> list[str]:
    """One colour per class: sequential, or diverging around zero for a change."""
    if not signed:
        return list(SEQUENTIAL[-len(classes.labels):]) if len(classes.labels) < 5 else list(SEQUENTIAL)
    colours = []
    for low, high in zip(classes.lower, classes.bounds):
        if high < 0:
            colours.append(None)
        elif low > 0:
            colours.append("+")
        else:
            colours.append(NEUTRAL)
    negatives = colours.count(None)
    positives = colours.count("+")
    negative_palette = list(DIVERGING_NEGATIVE[:negatives])  # the largest decrease always darkest
    positive_palette = list(DIVERGING_POSITIVE[-positives:]) if positives else []  # largest increase darkest
    return [negative_palette.pop(0) if c is None else positive_palette.pop(0) if c == "+" else c for c in colours]


def _format(value: object, signed: bool) -> str:
    if value is None or value is pd.NA or pd.isna(value):
        return NO_DATA
    text = format_count(int(abs(value)) if signed else int(value))
    return (f"+{text}" if value > 0 else f"−{text}" if value < 0 else "0") if signed else text


def layer(gemeenten_web: gpd.GeoDataFrame, figure: str) -> tuple[folium.FeatureGroup, Section]:
    """The choropleth feature group and its legend section."""
    signed = figure in SIGNED
    values = figure_values(gemeenten_web, figure)
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
    section = Section(f"{label} (klassen: natuurlijke grenzen)", tuple(entries), layer=NAME, sources=(SOURCE,))
    return group, section
