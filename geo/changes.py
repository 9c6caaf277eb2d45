"""What changed since the Woondeal 2022, per project and per gemeente, computed from the project figures.

A project from 2022 (status bestaand) kept its figure, grew or shrank: its 2022 figure against its
figure for 2024 t/m 2030, where "no figure" counts as 0 (Steenwijk Stationsgebied moved wholly to
after 2030). A project added in 2025 (status nieuw) has no 2022 figure. The two periods differ, and
the newer figure can include dwellings built since 2022: ``PERIOD_CAVEAT`` says so, with its lines.
What the documents say about the projects that lapsed or merged is quoted from the cited lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.dataset import Dataset
from geo.numbers import format_count
from geo.reference import quote
from geo.schema import NIEUW, PERIOD_2022, PERIOD_2024_2030, PERIOD_2031_2035

NEW, SAME, GREW, SHRANK, UNKNOWN = "nieuw", "gelijk", "gegroeid", "gekrompen", "onbekend"
CHANGES = {
    NEW: "Nieuw toegevoegd in 2025",
    GREW: "Gegroeid",
    SAME: "Gelijk gebleven",
    SHRANK: "Gekrompen",
    UNKNOWN: "Geen 2022-aantal",
}
COLUMNS = ["project_id", "naam", "gemeente", "status", PERIOD_2022, PERIOD_2024_2030, PERIOD_2031_2035,
           "verandering", "verschil", "met_doorkijk", "bron"]

PERIOD_CAVEAT = (
    "De twee perioden verschillen. Het aantal uit de Woondeal 2022 noemt geen periode (kolomkop, regel "
    "1447–1450) en geldt voor de Woondeal-periode 2022 t/m 2030; het nieuwe aantal geldt voor 2024 t/m "
    "2030 (regel 1452–1456), maar daarin zijn woningen meegeteld die sinds de Woondeal 2022 al gebouwd zijn, "
    "voor zover bekend (regel 1481–1482). Een verschil is dus geen bouwproductie, en gerealiseerd en "
    "sleutelprojecten mogen niet worden opgeteld."
)
# What the documents print about the 2022 list: the cited lines are quoted, never retold.
DOCUMENTED = (
    ("De Woondeal 2022", "Actualisatie Woondeal 2025, §4, regel 519–520"),
    ("Vervallen project", "Actualisatie Woondeal 2025, Bijlage 1, voetnoot **, regel 1755–1757"),
    ("Samengevoegd (Bijlage 1)", "Actualisatie Woondeal 2025, Bijlage 1, regel 1635–1639"),
    ("Samengevoegd (overzicht per gemeente)", "Actualisatie Woondeal 2025, overzicht sleutelprojecten per "
                                              "gemeente, regel 1858–1859"),
    ("Na 2030", "Actualisatie Woondeal 2025, Bijlage 1, voetnoot *, regel 1700–1704"),
    ("Oorzaken", "Actualisatie Woondeal 2025, Bijlage 1, toelichting, regel 1476–1482"),
)
NOT_RECONSTRUCTABLE = (
    "Niet te reconstrueren uit de documenten: naam, gemeente en aantal van het vervallen project, welke twee "
    "Heino-projecten zijn samengevoegd (de twee teksten verschillen) en hun afzonderlijke 2022-aantallen, en de "
    "namen zoals ze in 2022 luidden (Bijlage 1 drukt de namen van 2025)."
)


@dataclass(frozen=True)
class Documented:
    """A statement of the documents about the 2022 list: what it is about, the printed text, the source."""

    onderwerp: str
    tekst: str
    bron: str


def comparable(dataset: Dataset) -> bool:
    """Whether this data holds both the 2022 and the 2024–2030 figures (the public may see only 2022)."""
    return {PERIOD_2022, PERIOD_2024_2030} <= set(dataset.projects.columns)


def project_changes(projects: pd.DataFrame) -> pd.DataFrame:
    """Per project: nieuw, gelijk, gegroeid or gekrompen, the difference, and 2024–2030 plus doorkijk."""
    frame = pd.DataFrame(projects)
    old = frame[PERIOD_2022].astype("Int64")
    later = frame[PERIOD_2024_2030].astype("Int64").fillna(0)
    doorkijk = (frame[PERIOD_2031_2035].astype("Int64").fillna(0) if PERIOD_2031_2035 in frame
                else pd.Series(pd.NA, index=frame.index, dtype="Int64"))
    new = frame["status"] == NIEUW
    difference = (later - old).where(~new)
    kind = pd.Series(UNKNOWN, index=frame.index, dtype="object")
    kind[difference > 0] = GREW
    kind[difference == 0] = SAME
    kind[difference < 0] = SHRANK
    kind[new] = NEW
    table = frame.assign(verandering=kind, verschil=difference.astype("Int64"),
                         met_doorkijk=(later + doorkijk).astype("Int64"))
    return pd.DataFrame(table[[c for c in COLUMNS if c in table.columns]]).reset_index(drop=True)


def gemeente_changes(changes: pd.DataFrame) -> pd.DataFrame:
    """Per gemeente: how many projects are new, grew, kept their figure or shrank, and the dwellings."""
    existing = changes[changes["verandering"] != NEW]
    added = changes[changes["verandering"] == NEW]
    gemeenten = list(dict.fromkeys(changes["gemeente"]))
    table = pd.DataFrame({"gemeente": gemeenten})
    for kind in CHANGES:
        table[kind] = table["gemeente"].map(changes[changes["verandering"] == kind].groupby("gemeente").size())
    table = table.fillna(0).astype({kind: "int64" for kind in CHANGES})
    table["bestaand_2022"] = table["gemeente"].map(existing.groupby("gemeente")[PERIOD_2022].sum(min_count=1))
    table["bestaand_2024_2030"] = table["gemeente"].map(existing.groupby("gemeente")[PERIOD_2024_2030].sum())
    table["nieuw_2024_2030"] = table["gemeente"].map(added.groupby("gemeente")[PERIOD_2024_2030].sum())
    table["verschil_bestaand"] = table["gemeente"].map(existing.groupby("gemeente")["verschil"].sum(min_count=1))
    counts = ["bestaand_2022", "bestaand_2024_2030", "nieuw_2024_2030", "verschil_bestaand"]
    table[counts] = table[counts].astype("Int64")
    table[counts[1:3]] = table[counts[1:3]].fillna(0)
    return table


def totals(changes: pd.DataFrame) -> dict[str, int]:
    """The region: rows per kind of change, and the dwellings of the existing and the new projects."""
    existing = changes[changes["verandering"] != NEW]
    added = changes[changes["verandering"] == NEW]
    counts = {kind: int((changes["verandering"] == kind).sum()) for kind in CHANGES}
    return {**counts, "bestaand": len(existing), "bestaand_2022": int(existing[PERIOD_2022].sum()),
            "bestaand_2024_2030": int(existing[PERIOD_2024_2030].fillna(0).sum()),
            "nieuw_2024_2030": int(added[PERIOD_2024_2030].fillna(0).sum())}


def documented() -> list[Documented]:
    """What the documents print about the 2022 list (lapsed, merged, moved after 2030), quoted."""
    return [Documented(onderwerp, quote(bron), bron) for onderwerp, bron in DOCUMENTED]


def remark(row: pd.Series) -> str:
    """A plain-Dutch remark on a shrink: when the doorkijk makes it up, the dwellings moved past 2030."""
    if row["verandering"] != SHRANK or pd.isna(row["met_doorkijk"]):
        return ""
    total = format_count(int(row["met_doorkijk"]))
    if row["met_doorkijk"] >= row[PERIOD_2022]:
        return f"Met de doorkijk erbij {total}: (deels) naar na 2030 geschoven."
    return f"Ook met de doorkijk erbij minder ({total})."
