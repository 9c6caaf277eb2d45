"""What the meeting view and its reports say about each subject: headline and risk figures, statements
that qualify them, the projects as a table, and the register rows that touch the figures shown.

A register row touches a figure when the figures table flags that figure (object and kenmerk) as
disputed and the row's subject is the figure's subject; a figure's period or kind (the kenmerken in
``QUALIFIERS``, such as the period of the doorkijk) is a figure of the region that qualifies it, so
its register rows are shown wherever the figure is. Whatever the register holds flows through.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from geo import changes, risks
from geo.dataset import Dataset
from geo.headlines import HEADLINES, NO_GEMEENTE_TARGET, Metric, elderly, for_gemeente, regional
from geo.meeting import CHANGES, RISKS, Subject
from geo.numbers import format_count
from geo.region import REGION
from geo.schema import (
    CHECK_STATUSES,
    ELDERLY_KINDS,
    ELDERLY_SCENARIOS,
    PERIOD_2022,
    PERIOD_2024_2030,
    PERIOD_2031_2035,
    PRECISIONS,
    PROJECT_STATUSES,
    period_label,
)
from geo.selection import unpublished_sums

# Figures whose period or kind is itself a (text) figure of the region, recorded in kerncijfers.csv.
QUALIFIERS = {
    PERIOD_2024_2030: ("periode_sleutelprojecten",),
    PERIOD_2031_2035: ("doorkijk_periode",),
    "opgave_2022_2030": ("opgave_soort",),
    **{f"ouderen_{scenario}_totaal": ("ouderen_periode",) for scenario in ("basis", "trend")},
}
PROJECT_KENMERKEN = ("naam", "gemeente", PERIOD_2022, PERIOD_2024_2030, PERIOD_2031_2035)


@dataclass(frozen=True)
class Note:
    """A register row in one sentence, with its full explanation for the report."""

    onderwerp: str
    zin: str
    toelichting: str


def register_notes(dataset: Dataset, objects: Iterable[str], kenmerken: Iterable[str]) -> list[Note]:
    """The register rows about the figures shown (objects × kenmerken) and about their periods and kinds."""
    shown = set(kenmerken)
    qualifying = {q for kenmerk in shown for q in QUALIFIERS.get(kenmerk, ())}
    figures = dataset.figures
    flagged = figures["afwijking"].astype(bool) & (
        (figures["object"].isin(set(objects)) & figures["kenmerk"].isin(shown))
        | ((figures["object"] == REGION) & figures["kenmerk"].isin(qualifying))
    )
    subjects = set(figures.loc[flagged, "onderwerp"])
    rows = dataset.afwijkingen[dataset.afwijkingen["onderwerp"].isin(subjects)]
    return [Note(row.onderwerp, f"{row.onderwerp}: {row.waarde_a} tegenover {row.waarde_b}; "
                                f"gebruikt: {row.gebruikt}.", str(row.toelichting))
            for row in rows.itertuples()]


def numbered(projects: pd.DataFrame) -> pd.Series:
    """Each project's number within its gemeente (1, 2, …, in the order of Bijlage 1), for map and table."""
    return projects.groupby("gemeente", sort=False).cumcount() + 1


def check_texts(dataset: Dataset) -> pd.Series:
    """Per project id: its worst check outcome in words, firm or indicative, and the themes behind it."""
    if dataset.scorecards is None or dataset.scorecards.empty:
        return pd.Series(dtype="object")
    worst = risks.worst(risks.exposure(dataset.scorecards, dataset.projects, []))
    texts = [
        (risks.category_label(row.status, row.zekerheid) if row.geraakt else CHECK_STATUSES[row.status].shown)
        + (f" ({row.themas})" if row.themas else "")
        for row in worst.itertuples()
    ]
    return pd.Series(texts, index=worst["project_id"].to_numpy())


PROJECT_TABLE = {"nr": "Nr.", "naam": "Sleutelproject", "status": "Bestaand of nieuw",
                 PERIOD_2022: "Woondeal 2022", PERIOD_2024_2030: "2024–2030", PERIOD_2031_2035: "Doorkijk",
                 "locatie_precisie": "Precisie locatie", "toets": "Locatietoets (zwaarste uitkomst)"}


def _projects_of(projects: pd.DataFrame, gemeente: str | None) -> pd.DataFrame:
    """The projects of one gemeente, or all of them (None)."""
    return projects if gemeente is None else projects[projects["gemeente"] == gemeente]


def project_table(dataset: Dataset, gemeente: str | None = None) -> pd.DataFrame:
    """The projects (of one gemeente, or all), numbered, with status, dwellings per period, precision and
    check result in Dutch; periods this data does not hold are left out."""
    projects = _projects_of(dataset.projects.assign(nr=numbered(dataset.projects)), gemeente)
    checks = check_texts(dataset)
    table = pd.DataFrame(projects.drop(columns="geometry")).assign(
        status=projects["status"].map(lambda s: PROJECT_STATUSES[s].label.split(" (")[0]),
        locatie_precisie=projects["locatie_precisie"].map(lambda p: PRECISIONS[p].label),
        toets=projects["project_id"].map(checks).fillna("niet getoetst"),
    )
    columns = ["project_id", "gemeente", *(c for c in PROJECT_TABLE if c in table.columns)]
    return pd.DataFrame(table[columns]).reset_index(drop=True)


@dataclass(frozen=True)
class Brief:
    """What one subject of the meeting says, for the screen and the report alike: headline figures,
    risk figures, ouderenhuisvesting, statements that qualify them, and the register rows they touch."""

    subject: Subject
    metrics: list[Metric]
    risks: list[Metric]
    elderly: list[Metric]
    statements: list[str]
    notes: list[Note]


def risk_periods(dataset: Dataset) -> list[str]:
    """The periods whose dwellings the risk figures count: 2024–2030 and doorkijk, or what the data holds."""
    later = [p for p in (PERIOD_2024_2030, PERIOD_2031_2035) if p in dataset.projects.columns]
    return later or [p for p in dataset.periods() if p in dataset.projects.columns]


def risk_frame(dataset: Dataset, gemeente: str | None = None) -> pd.DataFrame | None:
    """The location check of the projects (of one gemeente) with their dwellings; None when not checked."""
    if dataset.scorecards is None or dataset.scorecards.empty:
        return None
    return risks.exposure(dataset.scorecards, _projects_of(dataset.projects, gemeente), risk_periods(dataset))


def _risk_metrics(dataset: Dataset, gemeente: str | None = None) -> list[Metric]:
    frame = risk_frame(dataset, gemeente)
    return risks.metrics(frame, risk_periods(dataset)) if frame is not None else []


REGIONAL_KENMERKEN = ("opgave_2022_2030", *HEADLINES, "sleutelprojecten_aantal")
GEMEENTE_KENMERKEN = (*HEADLINES, "sleutelprojecten_aantal",
                      *(f"ouderen_{s}_{k}" for s in ELDERLY_SCENARIOS for k in (*ELDERLY_KINDS, "totaal")))


def _project_ids(dataset: Dataset, gemeente: str | None = None) -> list[str]:
    return list(_projects_of(dataset.projects, gemeente)["project_id"])


def regional_brief(dataset: Dataset, subject: Subject) -> Brief:
    """The region: the deal's figures, what is at risk, the ouderenhuisvesting targets, the register rows
    about those figures and about the per-gemeente figures of the chart."""
    notes = register_notes(dataset, [REGION], REGIONAL_KENMERKEN) + register_notes(
        dataset, list(dataset.gemeenten["gemeente"]), PROJECT_KENMERKEN)
    statements = sum_statements(dataset) if PERIOD_2024_2030 in dataset.projects.columns else [PUBLIC_ONLY]
    return Brief(subject, regional(dataset), _risk_metrics(dataset), elderly(dataset), statements, _unique(notes))


def gemeente_brief(dataset: Dataset, subject: Subject) -> Brief:
    """One gemeente: its figures and share of the region, its projects' risks, its ouderenhuisvesting
    targets, the absence of a per-gemeente target for the 28.200, and the register rows about it."""
    name = str(subject.gemeente)
    notes = register_notes(dataset, [name], GEMEENTE_KENMERKEN) + register_notes(
        dataset, _project_ids(dataset, name), PROJECT_KENMERKEN)
    return Brief(subject, for_gemeente(dataset, name), _risk_metrics(dataset, name), elderly(dataset, name),
                 [NO_GEMEENTE_TARGET, *sum_statements(dataset, name)], _unique(notes))


def changes_brief(dataset: Dataset, subject: Subject) -> Brief:
    """The changes since 2022: the caveat about the periods and the register rows about the 2022 list."""
    notes = register_notes(dataset, [REGION], (PERIOD_2022, "sleutelprojecten_aantal_2022", PERIOD_2024_2030)) + \
        register_notes(dataset, [*dataset.gemeenten["gemeente"], *_project_ids(dataset)], PROJECT_KENMERKEN)
    statements = [changes.PERIOD_CAVEAT, changes.NOT_RECONSTRUCTABLE] if changes.comparable(dataset) \
        else [NOTHING_TO_COMPARE]
    return Brief(subject, [], [], [], statements, _unique(notes))


def risks_brief(dataset: Dataset, subject: Subject) -> Brief:
    """The location risks: the headline per concern, what firm and indicative mean, and the register rows
    about the project figures counted."""
    notes = register_notes(dataset, _project_ids(dataset), PROJECT_KENMERKEN)
    return Brief(subject, [], _risk_metrics(dataset), [], [risks.RELIABILITY, *sum_statements(dataset)],
                 _unique(notes))


def brief(dataset: Dataset, subject: Subject) -> Brief:
    """The brief of any subject of the meeting."""
    if subject.gemeente:
        return gemeente_brief(dataset, subject)
    return {CHANGES: changes_brief, RISKS: risks_brief}.get(subject.key, regional_brief)(dataset, subject)


def _unique(notes: list[Note]) -> list[Note]:
    return list({note.zin: note for note in notes}.values())


def sum_statements(dataset: Dataset, gemeente: str | None = None) -> list[str]:
    """Where the projects (which the risk figures count) add up to another figure than the one published."""
    period = PERIOD_2024_2030
    differing = unpublished_sums(dataset, period)
    if gemeente is not None:
        differing = differing[differing["gemeente"] == gemeente]
    if differing.empty:
        return []
    parts = ", ".join(f"{row.gemeente} {format_count(row.projecten)} tegenover {format_count(row.gepubliceerd)}"
                      for row in differing.itertuples())
    return [f"De risicocijfers tellen de projecten op; hun woningen {period_label(period)} wijken af van het "
            f"gepubliceerde totaal ({parts}; zie Afwijkingen)."]


PUBLIC_ONLY = "De actualisatie van 2025 is nog niet openbaar: deze gegevens bevatten alleen de Woondeal 2022."
NOTHING_TO_COMPARE = f"{PUBLIC_ONLY} Er is daarom nog niets te vergelijken."
