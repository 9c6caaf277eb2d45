"""Where the project's files live, so every module reads the same ones."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = DATA / "sources"

DOCUMENT_TEXT = SOURCES / "woondeal_documenten.txt"
BIJLAGE_PROJECTS = SOURCES / "bijlage1_sleutelprojecten.csv"
BIJLAGE_TOTALS = SOURCES / "bijlage1_totalen.csv"
OVERVIEW = SOURCES / "overzicht_per_gemeente.csv"
TABLE_REALISED = SOURCES / "tabel1_gerealiseerd.csv"
TABLE_PROJECTS = SOURCES / "tabel2_sleutelprojecten.csv"
TABLE_OUTLOOK = SOURCES / "tabel3_doorkijk.csv"
ELDERLY = SOURCES / "ouderenhuisvesting.csv"
HEADLINES = SOURCES / "kerncijfers.csv"
LOCATIONS = SOURCES / "sleutelprojecten_locaties.csv"
GEMEENTEN_SOURCE = SOURCES / "cbs_gemeenten_2026_west_overijssel.geojson"
PLACES_SOURCE = SOURCES / "top10nl_plaats_west_overijssel.geojson"
STATIONS_SOURCE = SOURCES / "ns_stations_2016_west_overijssel.geojson"
DIKE_RINGS_SOURCE = SOURCES / "dijkringgebieden_2002_west_overijssel.geojson"
DIKE_LINES_SOURCE = SOURCES / "dijkringdelen_waterkeringen_2013_west_overijssel.geojson"
MAIN_WATER_SOURCE = SOURCES / "water_hoofdwater_optimalisering_west_overijssel.geojson"
NATURA2000_SOURCE = SOURCES / "natura2000_west_overijssel.geojson"
NNN_SOURCE = SOURCES / "nnn_natuurnetwerk_west_overijssel.geojson"
FGR_SOURCE = SOURCES / "fgr_fysisch_geografische_regios_west_overijssel.geojson"
RULES = SOURCES / "regels.csv"

AFWIJKINGEN = DATA / "afwijkingen.csv"
GEMEENTEN_GPKG = DATA / "gemeenten.gpkg"
PROJECTS_GPKG = DATA / "sleutelprojecten.gpkg"
CONSTRAINTS_GPKG = DATA / "constraints.gpkg"
RELEASES = DATA / "releases.toml"


def app_data() -> Path:
    """The data directory the app reads: WOONDEAL_DATA if set (tests, demos), else data/."""
    return Path(os.environ.get("WOONDEAL_DATA", DATA))
