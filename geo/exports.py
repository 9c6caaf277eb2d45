"""Downloads of a selection: CSV with Dutch headers and GeoJSON in WGS84, marked while under embargo."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd

from geo.geodata import WEB

PROJECT_COLUMNS = {
    "naam": "Sleutelproject", "gemeente": "Gemeente", "status": "Status", "woningen_2022": "Woondeal 2022",
    "woningen_2024_2030": "2024 t/m 2030", "woningen_na_2030": "Doorkijk na 2030",
    "locatie_precisie": "Precisie locatie", "toetsing": "Locatietoets", "bron": "Bron",
}
PROJECT_EXPORT_COLUMNS = {**PROJECT_COLUMNS, "locatie_toelichting": "Toelichting locatie", "project_id": "Project-id"}
GEMEENTE_COLUMNS = {
    "gemeente": "Gemeente", "gemeentecode": "CBS-code", "gerealiseerd_2022_2024": "Gerealiseerd 2022–2024",
    "sleutelprojecten_aantal": "Sleutelprojecten", "woningen_woondeal_2022": "Woondeal 2022",
    "woningen_2024_2030": "2024 t/m 2030", "woningen_2031_2035": "Doorkijk 2031–2035",
    "verschil_2022_2024": "Verandering 2022 → 2024–2030",
    "ouderen_nultreden_basis": "Nultreden (basis)", "ouderen_geclusterd_basis": "Geclusterd (basis)",
    "ouderen_zorggeschikt_basis": "Zorggeschikt (basis)", "ouderen_nultreden_trend": "Nultreden (trend)",
    "ouderen_geclusterd_trend": "Geclusterd (trend)", "ouderen_zorggeschikt_trend": "Zorggeschikt (trend)",
    "projecten_geselecteerd": "Projecten in selectie", "woningen_geselecteerd": "Woningen in selectie",
}


def labelled(frame: pd.DataFrame, labels: dict[str, str], embargo: str | None = None) -> pd.DataFrame:
    """The columns that exist, under their Dutch names; an 'Embargo' column first while embargoed."""
    table = pd.DataFrame(frame[[c for c in labels if c in frame.columns]]).rename(columns=labels)
    if embargo:
        table.insert(0, "Embargo", embargo)
    return table


def csv_bytes(frame: pd.DataFrame, labels: dict[str, str], embargo: str | None = None) -> bytes:
    """CSV for Dutch spreadsheets: ';' separated, UTF-8 with byte order mark."""
    return labelled(frame, labels, embargo).to_csv(sep=";", index=False).encode("utf-8-sig")


def geojson_bytes(frame: gpd.GeoDataFrame, labels: dict[str, str], embargo: str | None = None) -> bytes:
    """GeoJSON (RFC 7946, WGS84) of the same columns; a top-level 'embargo' member while embargoed."""
    features = gpd.GeoDataFrame(labelled(frame, labels, embargo), geometry=frame.geometry.to_numpy(),
                                crs=frame.crs).to_crs(WEB)
    document = json.loads(features.to_json(drop_id=True, ensure_ascii=False))
    if embargo:
        document = {"embargo": embargo, **document}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
