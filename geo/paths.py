"""Where the project's files live, so every module reads the same ones; settings come from here too."""

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
RULES = SOURCES / "regels.csv"
PROVENANCE = SOURCES / "bronnen.toml"

AFWIJKINGEN = DATA / "afwijkingen.csv"
GEMEENTEN_GPKG = DATA / "gemeenten.gpkg"
PROJECTS_GPKG = DATA / "sleutelprojecten.gpkg"
CONSTRAINTS_GPKG = DATA / "constraints.gpkg"
RELEASES = DATA / "releases.toml"
MAP_LAYERS = ROOT / "static" / "kaartlagen"  # the theme layers as GeoJSON, fetched by the map when switched on

# Files a deployment may put elsewhere: (environment variable, default). Read through `configured`.
SETTINGS: dict[str, tuple[str, Path]] = {
    "data": ("WOONDEAL_DATA", DATA),
    "accounts": ("WOONDEAL_ACCOUNTS", ROOT / ".streamlit" / "accounts.toml"),
    "roles": ("WOONDEAL_ROLES", ROOT / ".streamlit" / "roles.toml"),
    "login_attempts": ("WOONDEAL_LOGIN_ATTEMPTS", ROOT / "logs" / "inlogpogingen.json"),
    "access_log": ("WOONDEAL_ACCESS_LOG", ROOT / "logs" / "toegang.jsonl"),
}


# Settings that are not files: (environment variable, default). Read through `setting`.
TEXT_SETTINGS: dict[str, tuple[str, str]] = {
    # Reverse proxies whose X-Forwarded-For header names the real client (access/clients.py):
    # addresses or networks, comma separated. Loopback by default, where a local proxy sits.
    "trusted_proxies": ("WOONDEAL_TRUSTED_PROXIES", "127.0.0.1, ::1"),
}


def setting(name: str) -> str:
    """A text setting: its environment variable when set, else the default."""
    variable, default = TEXT_SETTINGS[name]
    value = os.environ.get(variable)
    return default if value is None else value


def configured(setting: str) -> Path:
    """A configurable location: its environment variable when set (and not empty), else the default."""
    variable, default = SETTINGS[setting]
    return Path(os.environ.get(variable) or default)


def app_data() -> Path:
    """The data directory the app reads: WOONDEAL_DATA if set (tests, demos), else data/."""
    return configured("data")
