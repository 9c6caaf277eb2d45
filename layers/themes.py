"""Constraint themes on the map: one generic drawing, styled by the theme's row in ``thema_stijlen.csv``.

The themes are data: the rules table (``data/sources/regels.csv``) says what a theme checks, the
style table next to this module says how it is drawn. Label and source come from the built theme
table, so the legend names a layer exactly as the check does. A distance rule's zones (``geo.zones``:
where a site would get aandacht or knelpunt) come in the theme's own layer file and are drawn under its
features, styled by the rows ``zone_<status>`` of the same table; the legend names each zone with its
threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from geo import paths
from geo.constraints import DERIVATIONS
from geo.dataset import Dataset
from geo.provenance import read_provenance
from geo.schema import CHECK_STATUSES
from geo.sources import KEY, Column, SourceError, choice, pattern, read_table
from layers.legend import Entry, Section, section_html, symbol_html
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


def _entry(theme: str, label: str) -> Entry:
    """The legend symbol of a theme, drawn as the map draws it."""
    look = style(theme)
    shape = "circle" if look.point else ("line" if look.fill is None else "area")
    return Entry(label, stroke=look.stroke if not look.point else "#ffffff", fill=look.fill or look.stroke,
                 dash=look.dash, shape=shape, size=6.0)


def _legend(theme: str, entries: tuple[Entry, ...], note: str = "") -> Section:
    """The legend of a theme: its entries, a note, and the attribution of the datasets it is derived from."""
    derivation = DERIVATIONS.get(theme)
    source = read_provenance().attribution(*derivation.inputs) if derivation else ""
    return Section("", entries, note=note, sources=(source,) if source else ())


ZONE_NOTE = {
    "rand": "Zones: waar de rand van een locatie deze uitkomst krijgt (grenzen uit de regeltabel, eigen aannames).",
    "midden": "Zones: waar het midden van een locatie deze uitkomst krijgt (grenzen uit de regeltabel, "
              "eigen aannames).",
}


def _zone_style(status: str) -> ThemeStyle:
    """How a rule zone with this status is drawn: the style row zone_<status>."""
    return style(f"zone_{status.replace(' ', '_')}")


def _look(look: ThemeStyle) -> dict:
    """A style as the map panel's script reads it."""
    return {"stroke": look.stroke, "fill": look.fill, "dash": look.dash, "weight": look.weight,
            "fillOpacity": look.fill_opacity, "point": look.point}


def theme_entry(theme: str, label: str, url: str, zones: pd.DataFrame | None = None) -> dict:
    """A theme for the map panel: fetched from ``url`` (GeoJSON: its rule zones, then its features) only when
    switched on, with its style and its zones' styles, the symbol shown beside its name and its legend (each
    zone with its outcome and threshold, then the sources)."""
    zones = zones if zones is not None and len(zones) else None
    rows = [] if zones is None else list(zip(zones["status"], zones["naam"]))
    entries = tuple(Entry(f"{CHECK_STATUSES[status].shown}: {name}", stroke=_zone_style(status).stroke,
                          fill=_zone_style(status).fill, dash=_zone_style(status).dash) for status, name in rows)
    note = "" if zones is None else ZONE_NOTE.get(str(zones["gemeten_vanaf"].iloc[0]), "")
    return {
        "id": theme, "label": label, "url": url, "swatch": symbol_html(_entry(theme, label)),
        "legend": section_html(_legend(theme, entries, note)),
        "style": _look(style(theme)),
        "zones": {status: _look(_zone_style(status)) for status, _ in rows},
    }


def theme_entries(dataset: Dataset, base: str) -> list[dict]:
    """Every theme this data may show, for the map panel, each fetched from ``base``/kaartlagen/<thema>.js
    (written by geo.build) only when switched on."""
    labels = dataset.theme_labels()
    return [theme_entry(theme, labels[theme], f"{base}/{paths.MAP_LAYERS.name}/{theme}.js", dataset.theme_zones(theme))
            for theme in dataset.themes]
