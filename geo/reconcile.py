"""Check every total and every figure printed twice, and hold each disagreement against the register.

Every figure the documents print, and every sum of printed rows, becomes an *occurrence* of a
quantity (a key such as ``("woningen_2024_2030", "Deventer")``). Occurrences of one key that
disagree are *findings*. A finding must be recorded in ``data/afwijkingen.csv`` with the value
the product uses; the build refuses unrecorded findings and recorded ones that no longer occur.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pandas as pd

from geo import paths
from geo.numbers import format_count, parse_count
from geo.reference import cited_lines
from geo.region import GEMEENTEN, REGION, closest_gemeente
from geo.schema import ELDERLY_KINDS, PROJECT_FIGURES, subject

Value = int | str | None
Key = tuple[str, str]
REGISTER_COLUMNS = ("onderwerp", "waarde_a", "bron_a", "waarde_b", "bron_b", "gebruikt", "toelichting")


class ReconciliationError(ValueError):
    """The register of disagreements does not match what the documents say."""


@dataclass(frozen=True)
class Occurrence:
    """One printed or computed value of a quantity, with where it comes from."""

    key: Key
    value: Value
    bron: str


@dataclass(frozen=True)
class Finding:
    """Two values of one quantity that disagree; the reference value is waarde_a."""

    key: Key
    onderwerp: str
    waarde_a: str
    bron_a: str
    waarde_b: str
    bron_b: str

    def record(self) -> tuple[str, str, str]:
        """What identifies this finding in the register."""
        return (self.onderwerp, self.waarde_a, self.waarde_b)


@dataclass(frozen=True)
class Resolved:
    """The value the product uses for a quantity, its sources, and whether the documents disagree."""

    value: Value
    bron: str
    afwijking: bool


def printed(value: Value) -> str:
    """A value as the documents print it: Dutch thousands separators, '-' for no figure."""
    if value is None or isinstance(value, int):
        return format_count(value)
    return value or "(ontbreekt)"


def _sum(values: Iterable[Value]) -> int | None:
    """Sum printed counts; a column of dashes sums to a dash, not to 0."""
    numbers = [int(v) for v in values if v is not None and not pd.isna(v)]
    return sum(numbers) if numbers else None


def _value(cell: Any) -> Value:
    """A table cell as a printed value: None for no figure, the text of a name, else the count."""
    return None if cell is None or pd.isna(cell) else (int(cell) if not isinstance(cell, str) else cell)


def _lines(rows: pd.DataFrame) -> str:
    numbers = sorted(n for bron in rows["bron"] for n in cited_lines(bron))
    return f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])


def _derived(what: str, document: str, rows: pd.DataFrame) -> str:
    return f"{what} ({document}, regels {_lines(rows)})"


def canonical_gemeente(table: pd.DataFrame) -> pd.Series:
    """Each row's gemeente as CBS spells it (the region label stays as it is)."""
    return table["gemeente"].map(lambda name: name if name == REGION else closest_gemeente(name))


def _by_gemeente(table: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """Rows per Woondeal gemeente, in CBS spelling, in the fixed order of the region."""
    names = canonical_gemeente(table)
    for gemeente in GEMEENTEN:
        yield gemeente, table[names == gemeente]


def _table_occurrences(
    table: pd.DataFrame, columns: dict[str, str], document: str
) -> Iterator[Occurrence]:
    """Each row of a per-gemeente table, its printed total, and the sum of its rows."""
    regional = table[table["gemeente"] == REGION]
    rows = table[table["gemeente"] != REGION]
    for column, quantity in columns.items():
        for gemeente, part in _by_gemeente(rows):
            for _, row in part.iterrows():
                yield Occurrence((quantity, gemeente), _value(row[column]), row["bron"])
        for _, row in regional.iterrows():
            yield Occurrence((quantity, REGION), _value(row[column]), row["bron"])
        yield Occurrence(
            (quantity, REGION), _sum(rows[column]), _derived("som van de gemeenterijen", document, rows)
        )


def _bijlage_occurrences(projects: pd.DataFrame, totals: pd.DataFrame) -> Iterator[Occurrence]:
    """Bijlage 1: each project figure, each gemeente total against the sum of its projects."""
    for _, row in projects.iterrows():
        for column in PROJECT_FIGURES:
            yield Occurrence((column, row["project_id"]), _value(row[column]), row["bron"])
        yield Occurrence(("naam", row["project_id"]), row["naam"], row["bron"])
    yield from _table_occurrences(totals, {c: c for c in PROJECT_FIGURES}, "Bijlage 1, gemeentetotalen")
    for column in PROJECT_FIGURES:
        for gemeente, part in _by_gemeente(projects):
            yield Occurrence(
                (column, gemeente), _sum(part[column]), _derived("som van de projecten", "Bijlage 1", part)
            )
        yield Occurrence(
            (column, REGION), _sum(projects[column]), _derived("som van alle projecten", "Bijlage 1", projects)
        )
    counted = projects[~projects["alleen_na_2030"]]
    for gemeente, part in _by_gemeente(counted):
        yield Occurrence(
            ("sleutelprojecten_aantal", gemeente), len(part),
            _derived("aantal projectrijen zonder *", "Bijlage 1", part),
        )
    yield Occurrence(
        ("sleutelprojecten_aantal", REGION), len(counted),
        _derived("aantal projectrijen zonder *", "Bijlage 1", counted),
    )
    existing = projects[projects["status"] == "bestaand"]
    yield Occurrence(
        ("sleutelprojecten_aantal_2022", REGION), len(existing),
        _derived("aantal projectrijen met status Bestaand", "Bijlage 1", existing),
    )


def _spelling_occurrences(projects: pd.DataFrame, table2: pd.DataFrame) -> Iterator[Occurrence]:
    """A gemeente name printed differently from CBS, set against the spelling in Tabel 2."""
    canonical = canonical_gemeente(projects)
    spelled = table2.set_index("gemeente")["bron"]
    for (_, row), name in zip(projects.iterrows(), canonical):
        if row["gemeente"] != name:
            yield Occurrence(("gemeente", row["project_id"]), row["gemeente"], row["bron"])
            yield Occurrence(("gemeente", row["project_id"]), name, spelled.get(name, "CBS-gemeentelijst 2026"))


def _overview_occurrences(overview: pd.DataFrame) -> Iterator[Occurrence]:
    """The per-gemeente overview after Bijlage 1: project figures, names and totals."""
    projects = overview[overview["soort"] == "project"]
    for _, row in projects.iterrows():
        yield Occurrence(("woningen_2024_2030", row["project_id"]), _value(row["woningen_2024_2030"]), row["bron"])
        yield Occurrence(("naam", row["project_id"]), row["naam"], row["bron"])
    for gemeente, part in _by_gemeente(overview[overview["soort"] == "totaal"]):
        for _, row in part.iterrows():
            yield Occurrence(("woningen_2024_2030", gemeente), _value(row["woningen_2024_2030"]), row["bron"])
    for gemeente, part in _by_gemeente(projects):
        yield Occurrence(
            ("woningen_2024_2030", gemeente), _sum(part["woningen_2024_2030"]),
            _derived("som van de projecten", "overzicht per gemeente", part),
        )


def _elderly_occurrences(elderly: pd.DataFrame) -> Iterator[Occurrence]:
    """Afsprakenkader Bijlage 1 per scenario, and each scenario's total of the three kinds."""
    for scenario, part in elderly.groupby("scenario", sort=True):
        columns = {kind: f"ouderen_{scenario}_{kind}" for kind in ELDERLY_KINDS}
        yield from _table_occurrences(part, columns, f"Afsprakenkader, {scenario}scenario")
        total_row = part[part["gemeente"] == REGION]
        yield Occurrence(
            (f"ouderen_{scenario}_totaal", REGION),
            _sum(total_row[list(ELDERLY_KINDS)].iloc[0]) if len(total_row) else None,
            _derived("som van de drie totalen", f"Afsprakenkader, {scenario}scenario", total_row),
        )


def _headline_occurrences(headlines: pd.DataFrame) -> Iterator[Occurrence]:
    """Every regional figure in the running text, and the sums and shares that must match it."""
    values: dict[str, Value] = {}
    for _, row in headlines.iterrows():
        value = _headline_value(row["waarde"])
        values.setdefault(row["kenmerk"], value)
        yield Occurrence((row["kenmerk"], REGION), value, row["bron"])
    target = values.get("opgave_2022_2030")
    for share, count in (("aandeel_sociale_huur", "woningen_sociale_huur"),
                         ("aandeel_midden", "woningen_midden"),
                         ("aandeel_vrije_sector", "woningen_vrije_sector")):
        percent = values.get(share)
        if isinstance(target, int) and isinstance(percent, str) and percent.endswith("%"):
            yield Occurrence(
                (count, REGION), round(target * int(percent.rstrip("%")) / 100),
                f"{percent} van {printed(target)} (berekend uit de kerncijfers)",
            )
    hard, soft = values.get("plancapaciteit_hard"), values.get("plancapaciteit_zacht")
    if isinstance(hard, int) and isinstance(soft, int):
        yield Occurrence(
            ("plancapaciteit_2024_2030", REGION), hard + soft, "som van harde en zachte plancapaciteit"
        )


def _headline_value(text: str) -> Value:
    try:
        return parse_count(text)
    except ValueError:
        return text


def occurrences(tables: dict[str, pd.DataFrame]) -> list[Occurrence]:
    """Every printed figure and every computed check value in the transcribed sources."""
    projects = tables[paths.BIJLAGE_PROJECTS.name]
    table2 = tables[paths.TABLE_PROJECTS.name]
    return [
        *_bijlage_occurrences(projects, tables[paths.BIJLAGE_TOTALS.name]),
        *_spelling_occurrences(projects, table2),
        *_overview_occurrences(tables[paths.OVERVIEW.name]),
        *_table_occurrences(
            tables[paths.TABLE_REALISED.name], {"gerealiseerd_2022_2024": "gerealiseerd_2022_2024"}, "Tabel 1",
        ),
        *_table_occurrences(
            table2, {"sleutelprojecten_aantal": "sleutelprojecten_aantal", "woningen_2024_2030": "woningen_2024_2030"},
            "Tabel 2",
        ),
        *_table_occurrences(tables[paths.TABLE_OUTLOOK.name], {"woningen_2031_2035": "woningen_2031_2035"}, "Tabel 3"),
        *_elderly_occurrences(tables[paths.ELDERLY.name]),
        *_headline_occurrences(tables[paths.HEADLINES.name]),
    ]


def label(key: Key, tables: dict[str, pd.DataFrame]) -> str:
    """A Dutch subject line for a quantity: what it is and for which gemeente or project."""
    quantity, scope = key
    headlines = tables[paths.HEADLINES.name]
    names = headlines.loc[headlines["kenmerk"] == quantity, "onderwerp"]
    what = subject(quantity) or (names.iloc[0] if len(names) else quantity)
    projects = tables[paths.BIJLAGE_PROJECTS.name].set_index("project_id")
    if scope in projects.index:
        row = projects.loc[scope]
        return f"{what}: {row['naam']} ({closest_gemeente(row['gemeente'])})"
    return f"{what}: {scope}"


def _grouped(found: list[Occurrence]) -> dict[Key, list[Occurrence]]:
    groups: dict[Key, list[Occurrence]] = {}
    for occurrence in found:
        groups.setdefault(occurrence.key, []).append(occurrence)
    return groups


def reference_value(group: list[Occurrence]) -> Value:
    """The value most sources agree on; on a tie, the one printed first."""
    counts = Counter(o.value for o in group)
    return max(counts, key=lambda v: (counts[v], -[o.value for o in group].index(v)))


def _bronnen(group: list[Occurrence], value: Value) -> str:
    return "; ".join(dict.fromkeys(o.bron for o in group if o.value == value))


def disagreements(found: list[Occurrence], tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """Each quantity whose occurrences do not all agree, as reference-versus-other findings."""
    findings = []
    for key, group in _grouped(found).items():
        reference = reference_value(group)
        for other in dict.fromkeys(o.value for o in group if o.value != reference):
            findings.append(Finding(
                key, label(key, tables), printed(reference), _bronnen(group, reference),
                printed(other), _bronnen(group, other),
            ))
    return findings


def read_register(path: Path = paths.AFWIJKINGEN) -> pd.DataFrame:
    """The hand-kept register of disagreements and the value used for each."""
    try:
        register = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise ReconciliationError(f"{path.name} ontbreekt") from None
    missing = [c for c in REGISTER_COLUMNS if c not in register.columns]
    if missing:
        raise ReconciliationError(f"{path.name}, rij 1: kolom ontbreekt: {', '.join(missing)}")
    return register


def check_register(findings: list[Finding], register: pd.DataFrame, name: str = paths.AFWIJKINGEN.name) -> None:
    """Fail unless the register holds exactly the current findings, each with a valid 'gebruikt'."""
    problems = []
    recorded = {tuple(row[c] for c in ("onderwerp", "waarde_a", "waarde_b")): (i + 2, row)
                for i, row in register.iterrows()}
    current = {f.record(): f for f in findings}
    for record, finding in current.items():
        if record not in recorded:
            problems.append(f"niet geregistreerde afwijking, voeg toe aan {name}:\n    " + _csv_line(finding))
            continue
        row_number, row = recorded[record]
        if (row["bron_a"], row["bron_b"]) != (finding.bron_a, finding.bron_b):
            problems.append(f"{name}, rij {row_number}: bronnen wijken af; verwacht:\n    " + _csv_line(finding))
        if row["gebruikt"] not in (finding.waarde_a, finding.waarde_b):
            problems.append(f"{name}, rij {row_number}: 'gebruikt' moet waarde_a of waarde_b zijn")
        if not row["toelichting"].strip():
            problems.append(f"{name}, rij {row_number}: toelichting ontbreekt")
    for record, (row_number, _) in recorded.items():
        if record not in current:
            problems.append(f"{name}, rij {row_number}: afwijking komt niet (meer) voor in de bronnen: {record[0]}")
    if problems:
        raise ReconciliationError("\n".join(problems))


def _csv_line(finding: Finding) -> str:
    """The register row to add for a finding, with 'gebruikt' and 'toelichting' still to be filled."""
    buffer = StringIO()
    csv.writer(buffer, lineterminator="").writerow(
        [finding.onderwerp, finding.waarde_a, finding.bron_a, finding.waarde_b, finding.bron_b, "", ""]
    )
    return buffer.getvalue()


def resolve(found: list[Occurrence], findings: list[Finding], register: pd.DataFrame) -> dict[Key, Resolved]:
    """The value used for every quantity: the agreed one, or the register's choice where sources differ."""
    chosen = {
        tuple(row[c] for c in ("onderwerp", "waarde_a", "waarde_b")): row["gebruikt"]
        for _, row in register.iterrows()
    }
    choice_by_key: dict[Key, str] = {}
    for finding in findings:
        used = chosen[finding.record()]
        if choice_by_key.setdefault(finding.key, used) != used:
            raise ReconciliationError(f"{finding.onderwerp}: de registerrijen kiezen verschillende waarden")
    resolved = {}
    for key, group in _grouped(found).items():
        if key in choice_by_key:
            value = next(o.value for o in group if printed(o.value) == choice_by_key[key])
        else:
            value = group[0].value
        resolved[key] = Resolved(value, _bronnen(group, value), key in choice_by_key)
    return resolved
