"""Where the data comes from, written once in ``data/sources/bronnen.toml`` and read wherever it is shown.

The "Over de data" page, the map legends, the table ``lagen`` of the location check, the scorecard's
"Gegevensbron" and the static site all read the datasets from here, so they never word a source
differently; a test holds the README's table of sources to the same file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo import paths
from geo.sources import SourceError

FIELDS = ("id", "titel", "uitgever", "jaar", "licentie", "naamsvermelding", "bestanden", "herkomst", "kanttekening")
TABLE_COLUMNS = ("Gegevens", "Uitgever", "Jaar", "Licentie en naamsvermelding")


@dataclass(frozen=True)
class Dataset:
    """One source dataset: what it is, who publishes it, its year and licence, and its files."""

    id: str
    titel: str
    uitgever: str
    jaar: str
    licentie: str
    naamsvermelding: str
    bestanden: tuple[str, ...]
    herkomst: str
    kanttekening: str

    def cited(self) -> str:
        """The dataset in one plain Dutch phrase for a legend or a scorecard: title, publisher and year."""
        return f"{self.titel}, {self.uitgever} ({self.jaar})"

    def row(self) -> tuple[str, str, str, str]:
        """The dataset as a row of the sources table (see TABLE_COLUMNS)."""
        named = self.naamsvermelding in self.licentie
        attribution = self.licentie if named else f"{self.licentie} — {self.naamsvermelding}"
        return (self.titel, self.uitgever, self.jaar, attribution)


@dataclass(frozen=True)
class Limit:
    """A limit of what the product shows, in plain Dutch."""

    titel: str
    tekst: str


@dataclass(frozen=True)
class Provenance:
    """Every dataset by id, in file order, and the limits of the data."""

    datasets: dict[str, Dataset]
    limits: tuple[Limit, ...]

    def __getitem__(self, dataset_id: str) -> Dataset:
        return self.datasets[dataset_id]

    def of_file(self, name: str) -> Dataset:
        """The dataset a source file belongs to."""
        return next(d for d in self.datasets.values() if name in d.bestanden)

    def attribution(self, *dataset_ids: str) -> str:
        """The attribution the licences ask for, once per dataset: 'Bron: CBS, Kadaster/PDOK; Bron: RVO'."""
        return "; ".join(dict.fromkeys(self.datasets[d].naamsvermelding for d in dataset_ids))

    def cited(self, *dataset_ids: str) -> str:
        """Several datasets in one phrase: 'A, uitgever (jaar); B, uitgever (jaar)'."""
        return "; ".join(self.datasets[d].cited() for d in dict.fromkeys(dataset_ids))


def _dataset(path: Path, number: int, entry: object) -> Dataset:
    """One [[gegevens]] table, with every field present and text (bestanden: a list of file names)."""
    where = f"[[gegevens]] {number}"
    if not isinstance(entry, dict) or set(entry) != set(FIELDS):
        missing = sorted(set(FIELDS) - set(entry)) if isinstance(entry, dict) else list(FIELDS)
        raise SourceError(path, None, f"{where}: verwacht precies de velden {', '.join(FIELDS)} (mist: {missing})")
    files = entry["bestanden"]
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise SourceError(path, None, f"{where}: bestanden moet een lijst met bestandsnamen zijn")
    texts = {k: v for k, v in entry.items() if k != "bestanden"}
    if not all(isinstance(v, str) for v in texts.values()) or not entry["id"]:
        raise SourceError(path, None, f"{where}: elk veld behalve bestanden is tekst, en id is niet leeg")
    return Dataset(**texts, bestanden=tuple(files))


@lru_cache(maxsize=4)
def read_provenance(path: Path = paths.PROVENANCE) -> Provenance:
    """The datasets and limits in the provenance file; a broken file names what is wrong."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(path, None, "bestand ontbreekt") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SourceError(path, None, f"geen geldige TOML ({error})") from None
    datasets = [_dataset(path, n, entry) for n, entry in enumerate(document.get("gegevens", []), start=1)]
    ids = [d.id for d in datasets]
    if len(set(ids)) != len(ids):
        raise SourceError(path, None, "een id komt twee keer voor")
    limits = tuple(Limit(str(e["titel"]), str(e["tekst"])) for e in document.get("beperking", []))
    return Provenance({d.id: d for d in datasets}, limits)
