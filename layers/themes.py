"""Constraint themes on the map: one generic drawing, styled by the theme's own module.

Each theme with data has a module `layers/<thema>.py` that declares its `STYLE` (see
`layers.palette.ThemeStyle`). The label, source, year and licence come from the rules table,
so the legend names the layer exactly as the check does.
"""

from __future__ import annotations

import importlib
from html import escape

import folium
import geopandas as gpd
import pandas as pd

from layers.geojson import features
from layers.legend import Entry, Section
from layers.palette import ThemeStyle


def style(theme: str) -> ThemeStyle:
    """The style declared by the theme's module."""
    return importlib.import_module(f"layers.{theme}").STYLE


def _rule(rules: pd.DataFrame | None, theme: str) -> dict:
    if rules is None:
        return {"label": theme}
    rows = rules[rules["thema"] == theme]
    return rows.iloc[0].to_dict() if len(rows) else {"label": theme}


def theme_layer(theme: str, web: gpd.GeoDataFrame, rules: pd.DataFrame | None,
                show: bool = True) -> tuple[folium.FeatureGroup, Section]:
    """The theme (display geometry, see geo.display.for_web) as a toggleable feature group named after
    its rule label, and its legend section."""
    rule = _rule(rules, theme)
    look = style(theme)
    name = str(rule["label"])
    data = gpd.GeoDataFrame({"tooltip": [f"{escape(name)}<br>{escape(str(n))}" for n in web.get("naam", [""] * len(web))]},
                            geometry=web.geometry.to_numpy(), crs=web.crs)
    group = folium.FeatureGroup(name=name, show=show)
    css = f"wd-thema wd-thema-{theme}"
    folium.GeoJson(
        features(data), name=name,
        marker=folium.CircleMarker(radius=6, fill=True) if look.point else None,
        style_function=lambda _: {
            "color": look.stroke if not look.point else "#ffffff", "weight": look.weight, "dashArray": look.dash,
            "fillColor": look.fill or look.stroke, "fillOpacity": look.fill_opacity if look.fill else 0.0,
            "radius": 6, "className": css,
        },
        tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False),
    ).add_to(group)
    source = " · ".join(str(rule[k]) for k in ("bron_laag", "jaar", "licentie") if k in rule and str(rule[k]) != "nan")
    shape = "circle" if look.point else ("line" if look.fill is None else "area")
    entry = Entry(name, stroke=look.stroke if not look.point else "#ffffff", fill=look.fill or look.stroke,
                  dash=look.dash, shape=shape, size=6.0)
    return group, Section(name, (entry,), layer=name, visible=show, sources=(source,) if source else ())
