"""Gemeenten as a choropleth of a chosen figure; a gemeente without a value shows 'geen gegevens'."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

import folium
import geopandas as gpd
import pandas as pd

from geo.classify import NO_DATA
from geo.memo import kept_for
from geo.numbers import format_count, format_signed
from geo.schema import COLUMNS, PERIOD_2022, PERIOD_2024_2030, PERIOD_2031_2035
from layers.choropleth import FILL_OPACITY, OUTLINE, colour_classes
from layers.geojson import features, styled_by_row
from layers.legend import Section

NAME = "Gemeenten"
FIGURES = {name: COLUMNS[name].long for name in (
    "gerealiseerd_2022_2024", PERIOD_2024_2030, PERIOD_2031_2035, PERIOD_2022, "verschil_2022_2024",
    "ouderen_basis_totaal", "ouderen_trend_totaal",
)}
SIGNED = {"verschil_2022_2024"}
_CHOROPLETHS: dict[int, tuple[Any, dict]] = {}  # per display frame: (figure, documents) → choropleth


def available_figures(gemeenten: pd.DataFrame) -> dict[str, str]:
    """The figures this data can show (a public release may lack some)."""
    return {figure: label for figure, label in FIGURES.items() if figure in gemeenten.columns}


def _format(value: Any, signed: bool) -> str:
    return format_signed(value, NO_DATA) if signed else format_count(value, NO_DATA)


def layer(gemeenten_web: gpd.GeoDataFrame, figure: str, *,
          documents: Sequence[str]) -> tuple[folium.FeatureGroup, Section]:
    """The choropleth feature group and its legend section; the legend cites the given documents
    (the datasets the visible releases bring) and the CBS borders."""
    made = kept_for(_CHOROPLETHS, gemeenten_web, dict, limit=16)
    key = (figure, tuple(documents))
    if key not in made:
        made[key] = _choropleth(gemeenten_web, figure, key[1])
    data, styles, section = made[key]
    group = folium.FeatureGroup(name=NAME, show=True)
    folium.GeoJson(
        data,
        name=NAME,
        style_function=styled_by_row(styles),
        highlight_function=lambda _: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False, sticky=False),
    ).add_to(group)
    return group, section


def _choropleth(gemeenten_web: gpd.GeoDataFrame, figure: str,
                documents: tuple[str, ...]) -> tuple[dict, list[dict], Section]:
    """The GeoJSON, the style of each gemeente and the legend of one figure: the same for every filter,
    so made once per display frame and figure (classifying and writing it was a tenth of a new map)."""
    signed = figure in SIGNED
    values = gemeenten_web[figure]
    colouring = colour_classes(values, signed)
    label = FIGURES[figure]
    tooltip = [
        f"<strong>{escape(name)}</strong><br>{escape(label)}: {escape(_format(v, signed))}"
        for name, v in zip(gemeenten_web["gemeente"], values)
    ]
    data = gpd.GeoDataFrame(
        {"gemeente": gemeenten_web["gemeente"], "fill": colouring.fill.to_numpy(),
         "nodata": colouring.nodata.to_numpy(), "tooltip": tooltip},
        geometry=gemeenten_web.geometry.to_numpy(), crs=gemeenten_web.crs,
    )
    styles = [{"fillColor": row.fill, "fillOpacity": FILL_OPACITY, "color": OUTLINE, "weight": 1.2,
               "dashArray": "4 3" if row.nodata else None, "className": "wd-gemeente"}
              for row in data.itertuples()]
    return features(data), styles, colouring.section(label, NAME, documents)


def outline(gemeenten_web: gpd.GeoDataFrame, names: tuple[str, ...]) -> folium.FeatureGroup:
    """A heavy outline around the chosen gemeenten, not interactive, so the one being discussed stands out."""
    chosen = gemeenten_web[gemeenten_web["gemeente"].isin(names)]
    group = folium.FeatureGroup(name="Gekozen gemeente", control=False)
    folium.GeoJson(
        features(chosen, ()), interactive=False,
        style_function=lambda _: {"fill": False, "color": "#000000", "weight": 4, "className": "wd-gekozen"},
    ).add_to(group)
    return group
