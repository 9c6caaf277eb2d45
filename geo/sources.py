"""Read the hand-transcribed source tables with a schema, and say exactly what is wrong in which row."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo import paths
from geo.numbers import parse_count
from geo.reference import cited_lines
from geo.region import REGION, closest_gemeente
from geo.schema import ELDERLY_KINDS, ELDERLY_SCENARIOS, PRECISIONS, PROJECT_FIGURES, PROJECT_STATUSES

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KEY = re.compile(r"^[a-z0-9_]+$")
LOCATION_LAYERS = ("top10nl", "ns_stations", "wkt", "gemeente")


class SourceError(ValueError):
    """A source file is malformed; the message names the file, the row and the problem."""

    def __init__(self, path: Path, row: int | None, problem: str):
        where = f"{path.name}, rij {row}" if row is not None else path.name
        super().__init__(f"{where}: {problem}")
        self.path, self.row, self.problem = path, row, problem


@dataclass(frozen=True)
class Column:
    """One column of a source table: its name, how a cell is checked and converted, its dtype."""

    name: str
    convert: Callable[[str], object]
    dtype: str = "object"


def text(value: str) -> str:
    if not value.strip():
        raise ValueError("is leeg")
    return value.strip()


def optional_text(value: str) -> str:
    return value.strip()


def pattern(pattern: re.Pattern[str], what: str) -> Callable[[str], str]:
    def convert(value: str) -> str:
        if not pattern.match(value.strip()):
            raise ValueError(f"'{value}' is geen geldige {what}")
        return value.strip()

    return convert


def choice(*options: str) -> Callable[[str], str]:
    def convert(value: str) -> str:
        if value.strip().lower() not in options:
            raise ValueError(f"'{value}' is niet een van: {', '.join(options)}")
        return value.strip().lower()

    return convert


def _flag(value: str) -> bool:
    return choice("ja", "nee")(value) == "ja"


def _gemeente(value: str) -> str:
    name = value.strip()
    if name != REGION and closest_gemeente(name) is None:
        raise ValueError(f"onbekende gemeente '{name}'")
    return name


def _bron(value: str) -> str:
    cited_lines(value)
    return value.strip()


def _count(name: str) -> Column:
    return Column(name, parse_count, "Int64")


def _text_column(name: str, optional: bool = False) -> Column:
    return Column(name, optional_text if optional else text)


ID = Column("project_id", pattern(SLUG, "id (kleine letters, cijfers en streepjes)"))
GEMEENTE, BRON, GEDRUKT = Column("gemeente", _gemeente), Column("bron", _bron), _text_column("gedrukt")
SCHEMAS: dict[str, tuple[Column, ...]] = {
    paths.BIJLAGE_PROJECTS.name: (
        ID, GEMEENTE, _text_column("naam"), Column("status", choice(*PROJECT_STATUSES)),
        *map(_count, PROJECT_FIGURES), Column("alleen_na_2030", _flag, "bool"), BRON, GEDRUKT,
    ),
    paths.BIJLAGE_TOTALS.name: (
        GEMEENTE, *map(_count, PROJECT_FIGURES), BRON, GEDRUKT,
    ),
    paths.OVERVIEW.name: (
        _text_column("project_id", optional=True), GEMEENTE,
        Column("soort", choice("project", "totaal")), _text_column("naam", optional=True),
        _count("woningen_2024_2030"), BRON, GEDRUKT,
    ),
    paths.TABLE_REALISED.name: (GEMEENTE, _count("gerealiseerd_2022_2024"), BRON, GEDRUKT),
    paths.TABLE_PROJECTS.name: (
        GEMEENTE, _count("sleutelprojecten_aantal"), _count("woningen_2024_2030"), BRON, GEDRUKT,
    ),
    paths.TABLE_OUTLOOK.name: (GEMEENTE, _count("woningen_2031_2035"), BRON, GEDRUKT),
    paths.ELDERLY.name: (
        Column("scenario", choice(*ELDERLY_SCENARIOS)), GEMEENTE, *map(_count, ELDERLY_KINDS), BRON, GEDRUKT,
    ),
    paths.HEADLINES.name: (
        Column("kenmerk", pattern(KEY, "kenmerk (kleine letters, cijfers en _)")),
        _text_column("onderwerp"), _text_column("waarde"), BRON, GEDRUKT,
    ),
    paths.LOCATIONS.name: (
        ID, Column("locatie_precisie", choice(*PRECISIONS)),
        Column("bronlaag", choice(*LOCATION_LAYERS)), _text_column("objecten", optional=True),
        _text_column("objectnamen", optional=True), _text_column("locatie_toelichting"),
    ),
}
UNIQUE: dict[str, tuple[str, ...]] = {
    paths.BIJLAGE_PROJECTS.name: ("project_id",),
    paths.BIJLAGE_TOTALS.name: ("gemeente",),
    paths.TABLE_REALISED.name: ("gemeente",),
    paths.TABLE_PROJECTS.name: ("gemeente",),
    paths.TABLE_OUTLOOK.name: ("gemeente",),
    paths.ELDERLY.name: ("scenario", "gemeente"),
    paths.LOCATIONS.name: ("project_id",),
}


def read_table(path: Path, schema: tuple[Column, ...], unique: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a CSV table and check every cell against its schema (the first data row is rij 2)."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(path, None, "bestand ontbreekt") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise SourceError(path, None, f"geen leesbare CSV ({error})") from None
    missing = [column.name for column in schema if column.name not in raw.columns]
    if missing:
        raise SourceError(path, 1, f"kolom ontbreekt: {', '.join(missing)}")
    rows = []
    for index, record in enumerate(raw.to_dict("records"), start=2):
        row = {}
        for column in schema:
            try:
                row[column.name] = column.convert(record[column.name])
            except ValueError as error:
                raise SourceError(path, index, f"kolom '{column.name}': {error}") from None
        rows.append(row)
    table = pd.DataFrame(rows, columns=[column.name for column in schema])
    table = table.astype({column.name: column.dtype for column in schema})
    _check_unique(path, table, unique)
    return table


def read_source(path: Path) -> pd.DataFrame:
    """One of the transcribed source tables, read with its own schema."""
    return read_table(path, SCHEMAS[path.name], UNIQUE.get(path.name, ()))


def _check_unique(path: Path, table: pd.DataFrame, key: tuple[str, ...]) -> None:
    """Refuse a table in which a key (a project, a gemeente) occurs twice."""
    duplicated = table.duplicated(list(key), keep="first") if key and not table.empty else None
    if duplicated is not None and duplicated.any():
        index = int(duplicated.to_numpy().nonzero()[0][0])
        values = ", ".join(str(table.iloc[index][k]) for k in key)
        raise SourceError(path, index + 2, f"dubbele rij voor {values}")


def read_sources(directory: Path) -> dict[str, pd.DataFrame]:
    """Read every transcribed table in a sources directory, keyed by file name."""
    return {name: read_source(directory / name) for name in SCHEMAS}
