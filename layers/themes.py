"""Constraint themes on the map: one generic drawing, styled by the theme's row in ``thema_stijlen.csv``.

The themes are data: the rules table (``data/sources/regels.csv``) says what a theme checks, the
style table next to this module says how it is drawn. Label and source come from the built theme
table, so the legend names a layer exactly as the check does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import folium
import geopandas as gpd

from geo.constraints import DERIVATIONS
from geo.provenance import read_provenance
from geo.sources import KEY, Column, SourceError, choice, pattern, read_table
from layers.geojson import features
from layers.legend import Entry, Section
from layers.palette import DASHED, DOTTED, LONG_DASH, OKABE_ITO

STYLES = Path(__file__).with_name("thema_stijlen.csv")
PATTERNS = {"": None, "gestreept": DASHED, "gestippeld": DOTTED, "lang_gestreept": LONG_DASH}


@dataclass(frozen=True)
class ThemeStyle:
    """How a constraint theme is drawn: stroke, fill and pattern, or a point symbol."""

    stroke: str
    fill: str | None = None
    dash: str | None = None
    weight: float = 1.5
    fill_opacity: float = 0.3
    point: bool = False


def _colour(value: str) -> str:
    """A colour of the Okabe-Ito palette by name, or a hex colour."""
    name = value.strip()
    if name in OKABE_ITO:
        return OKABE_ITO[name]
    if len(name) == 7 and name.startswith("#"):
        return name
    raise ValueError(f"'{value}' is geen kleur (een naam uit {', '.join(OKABE_ITO)} of #rrggbb)")


SCHEMA = (
    Column("thema", pattern(KEY, "thema-id")),
    Column("lijn", _colour),
    Column("vulling", lambda v: _colour(v) if v.strip() else ""),
    Column("patroon", choice(*PATTERNS)),
    Column("dikte", float),
    Column("dekking", float),
    Column("punt", lambda v: choice("ja", "nee")(v) == "ja"),
)


@cache
def styles(path: Path = STYLES) -> dict[str, ThemeStyle]:
    """Every theme's style by theme id, checked row by row."""
    table = read_table(path, SCHEMA, ("thema",))
    return {
        row["thema"]: ThemeStyle(row["lijn"], row["vulling"] or None, PATTERNS[row["patroon"]], row["dikte"],
                                 row["dekking"], row["punt"])
        for row in table.to_dict("records")
    }


def style(theme: str) -> ThemeStyle:
    """The style of one theme; a theme without a row is an error that names the table."""
    try:
        return styles()[theme]
    except KeyError:
        raise SourceError(STYLES, None, f"geen stijl voor thema '{theme}'") from None


def theme_layer(theme: str, web: gpd.GeoDataFrame, label: str,
                show: bool = True) -> tuple[folium.FeatureGroup, Section]:
    """The theme (display geometry, see geo.display.for_web) as a toggleable feature group named after
    its rule label, and its legend section with the attribution of the datasets it is derived from."""
    look = style(theme)
    derivation = DERIVATIONS.get(theme)
    source = read_provenance().attribution(*derivation.inputs) if derivation else ""
    names = web["naam"] if "naam" in web.columns else [""] * len(web)
    data = gpd.GeoDataFrame({"tooltip": [f"{escape(label)}<br>{escape(str(n))}" for n in names]},
                            geometry=web.geometry.to_numpy(), crs=web.crs)
    group = folium.FeatureGroup(name=label, show=show)
    css = f"wd-thema wd-thema-{theme}"
    folium.GeoJson(
        features(data), name=label,
        marker=folium.CircleMarker(radius=6, fill=True) if look.point else None,
        style_function=lambda _: {
            "color": look.stroke if not look.point else "#ffffff", "weight": look.weight, "dashArray": look.dash,
            "fillColor": look.fill or look.stroke, "fillOpacity": look.fill_opacity if look.fill else 0.0,
            "radius": 6, "className": css,
        },
        tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False),
    ).add_to(group)
    shape = "circle" if look.point else ("line" if look.fill is None else "area")
    entry = Entry(label, stroke=look.stroke if not look.point else "#ffffff", fill=look.fill or look.stroke,
                  dash=look.dash, shape=shape, size=6.0)
    return group, Section(label, (entry,), layer=label, visible=show, sources=(source,) if source else ())
