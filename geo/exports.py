"""Downloads of a selection: CSV with Dutch headers and GeoJSON in WGS84, marked while under embargo."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd

from geo.geodata import WEB
from geo.safetext import spreadsheet_frame
from geo.schema import ELDERLY_KINDS, ELDERLY_SCENARIOS, PERIODS, labels

PROJECT_TABLE = labels("naam", "gemeente", "status", *PERIODS, "locatie_precisie", "toetsing")  # on screen
PROJECT_COLUMNS = {**PROJECT_TABLE, **labels("bron")}
PROJECT_EXPORT_COLUMNS = {**PROJECT_COLUMNS, **labels("locatie_toelichting", "project_id")}
GEMEENTE_HOUSING = labels(
    "gemeente", "gerealiseerd_2022_2024", "sleutelprojecten_aantal", *PERIODS, "verschil_2022_2024",
    "projecten_geselecteerd", "woningen_geselecteerd",
)
GEMEENTE_ELDERLY = labels("gemeente", *(
    f"ouderen_{scenario}_{kind}" for scenario in ELDERLY_SCENARIOS for kind in (*ELDERLY_KINDS, "totaal")))
GEMEENTE_COLUMNS = labels(
    "gemeente", "gemeentecode", "gerealiseerd_2022_2024", "sleutelprojecten_aantal", *PERIODS, "verschil_2022_2024",
    *(f"ouderen_{scenario}_{kind}" for scenario in ELDERLY_SCENARIOS for kind in ELDERLY_KINDS),
    "projecten_geselecteerd", "woningen_geselecteerd",
)


def file_name(name: str, embargo: str | None) -> str:
    """The download's file name, with 'EMBARGO-' in front while under embargo (seen in every folder it lands in)."""
    return f"EMBARGO-{name}" if embargo else name


def labelled(frame: pd.DataFrame, labels: dict[str, str], embargo: str | None = None) -> pd.DataFrame:
    """The columns that exist, under their Dutch names; an 'Embargo' column first while embargoed."""
    table = pd.DataFrame(frame[[c for c in labels if c in frame.columns]]).rename(columns=labels)
    if embargo:
        table.insert(0, "Embargo", embargo)
    return table


def csv_bytes(frame: pd.DataFrame, labels: dict[str, str], embargo: str | None = None) -> bytes:
    """CSV for Dutch spreadsheets: ';' separated, decimal comma, UTF-8 with byte order mark; a text cell
    that a spreadsheet would run as a formula starts with an apostrophe (see geo.safetext)."""
    table = spreadsheet_frame(labelled(frame, labels, embargo))
    return table.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def geojson_bytes(frame: gpd.GeoDataFrame, labels: dict[str, str], embargo: str | None = None) -> bytes:
    """GeoJSON (RFC 7946, WGS84) of the same columns; a top-level 'embargo' member while embargoed."""
    features = gpd.GeoDataFrame(labelled(frame, labels, embargo), geometry=frame.geometry.to_numpy(),
                                crs=frame.crs).to_crs(WEB)
    document = json.loads(features.to_json(drop_id=True, ensure_ascii=False))
    if embargo:
        document = {"embargo": embargo, **document}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
