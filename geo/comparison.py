"""Candidate sites side by side: one column per site, one row per theme, the worst outcome on top, the
differences marked; and the same comparison as a CSV table and as a GeoPackage of the sites.

Statuses, their symbols and their order come from ``geo.schema.CHECK_STATUSES``: a status added
there (with or without a rank) appears here without a change.
"""

from __future__ import annotations

import io

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.candidates import KINDS, Candidate
from geo.check import worst_status
from geo.geodata import RD_NEW
from geo.schema import CHECK_STATUSES

THEME, DIFFERENCE, WORST, SIZE = "Thema", "Verschil", "Zwaarste uitkomst", "Omvang"
DIFFERENT = "≠ verschilt"
EXPORT_COLUMNS = {
    "naam": "Locatie", "soort": "Soort", "omvang": "Omvang", "label": "Thema", "uitkomst": "Uitkomst",
    "waarde": "Waarde", "eenheid": "Eenheid", "waarde_tekst": "Gemeten", "verschil": "Verschilt tussen locaties",
    "regel": "Regel (bron)", "kanttekening": "Kanttekening bij de gegevens", "bron": "Gegevensbron",
    "indicatief": "Indicatief",
}


def status_order() -> dict[str, int]:
    """Position of every status, worst first: ranked statuses by rank, then the unranked ones in the
    order of the schema (they are neither better nor worse, so they go below every measured one)."""
    ranked = sorted((s for s in CHECK_STATUSES.values() if s.rank is not None), key=lambda s: -(s.rank or 0))
    unranked = [s for s in CHECK_STATUSES.values() if s.rank is None]
    return {status.code: position for position, status in enumerate([*ranked, *unranked])}


def shown_status(code: str) -> str:
    """A status with its symbol ('✖ knelpunt'); an unknown code as it is."""
    status = CHECK_STATUSES.get(code)
    return status.shown if status else code


def _cell(status: str, measured: object) -> str:
    """One cell of the comparison: the status with its symbol and what was measured."""
    text = "" if pd.isna(measured) else str(measured)
    return shown_status(status) + (f" · {text}" if text else "")


def comparison(cards: pd.DataFrame, candidates: list[Candidate]) -> pd.DataFrame:
    """The comparison table: rows 'Zwaarste uitkomst' and 'Omvang', then one row per theme, the theme
    whose worst outcome among the sites is worst on top (ties in rules order); 'Verschil' marks a
    theme whose outcome differs between the sites."""
    names = {c.key: c.name for c in candidates}
    present = [c for c in candidates if c.key in set(cards["site"])]
    order = status_order()
    themes = list(dict.fromkeys(cards["thema"]))
    label = dict(zip(cards["thema"], cards["label"]))
    by_theme = cards.set_index(["thema", "site"])
    rows = []
    for position, theme in enumerate(themes):
        statuses = [by_theme.loc[(theme, c.key), "status"] for c in present]
        row = {THEME: label[theme]}
        row.update({names[c.key]: _cell(by_theme.loc[(theme, c.key), "status"],
                                        by_theme.loc[(theme, c.key), "waarde_tekst"]) for c in present})
        row[DIFFERENCE] = DIFFERENT if len(set(statuses)) > 1 else ""
        worst = min((order.get(s, len(order)) for s in statuses), default=len(order))
        rows.append((worst, position, row))
    rows.sort(key=lambda item: item[:2])
    worst_per_site = worst_status(cards)
    head = [{THEME: WORST, **{names[c.key]: shown_status(worst_per_site[c.key]) for c in present},
             DIFFERENCE: DIFFERENT if worst_per_site[[c.key for c in present]].nunique() > 1 else ""},
            {THEME: SIZE, **{names[c.key]: _size(c) for c in present}, DIFFERENCE: ""}]
    return pd.DataFrame([*head, *(row for _, _, row in rows)], columns=[THEME, *(names[c.key] for c in present),
                                                                         DIFFERENCE])


def _size(candidate: Candidate) -> str:
    """The size of a site, and 'sleutelproject' for one (whose placement may be indicative)."""
    return f"{candidate.size} (sleutelproject)" if candidate.project_id else candidate.size


def differing_themes(cards: pd.DataFrame) -> set[str]:
    """The themes whose outcome differs between the sites."""
    counts = cards.groupby("thema")["status"].nunique()
    return set(counts[counts > 1].index)


def export_table(cards: pd.DataFrame, candidates: list[Candidate]) -> pd.DataFrame:
    """The comparison as a long table, one row per site and theme, for a CSV (columns of EXPORT_COLUMNS)."""
    info = pd.DataFrame({"site": [c.key for c in candidates], "naam": [c.name for c in candidates],
                         "soort": [KINDS[c.kind] for c in candidates], "omvang": [c.size for c in candidates]})
    differing = differing_themes(cards)
    table = cards.merge(info, on="site", how="left")
    table["uitkomst"] = table["status"].map(shown_status)
    table["verschil"] = table["thema"].isin(differing).map({True: "ja", False: "nee"})
    table["indicatief"] = table["indicatief"].map({True: "ja", False: "nee"}) if "indicatief" in table else "nee"
    return table


def sites_layer(cards: pd.DataFrame, candidates: list[Candidate]) -> gpd.GeoDataFrame:
    """The sites with name, kind, size, worst status and one status column per theme (RD New)."""
    statuses = cards.pivot(index="site", columns="thema", values="status")[list(dict.fromkeys(cards["thema"]))]
    keys = [c.key for c in candidates]
    layer = pd.DataFrame({"naam": [c.name for c in candidates], "soort": [KINDS[c.kind] for c in candidates],
                          "omvang": [c.size for c in candidates],
                          "project_id": [c.project_id or "" for c in candidates]}, index=keys)
    layer["zwaarste_status"] = worst_status(cards).reindex(keys)
    layer = layer.join(statuses)
    return gpd.GeoDataFrame(layer.reset_index(drop=True), geometry=[c.geometry for c in candidates], crs=RD_NEW)


def geopackage_bytes(layer: gpd.GeoDataFrame, embargo: str | None = None) -> bytes:
    """A GeoPackage with the layer 'locaties', made in memory (never on disk); an 'embargo' column first
    while the view is under embargo."""
    if embargo:
        layer = layer.copy()
        layer.insert(0, "embargo", embargo)
    buffer = io.BytesIO()
    pyogrio.write_dataframe(layer, buffer, layer="locaties", driver="GPKG")
    return buffer.getvalue()
