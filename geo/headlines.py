"""Headline figures for the region, a set of gemeenten and a selection of projects, with sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo.dataset import Dataset
from geo.memo import kept_for
from geo.numbers import format_count, format_share
from geo.region import REGION
from geo.schema import ELDERLY_KINDS, ELDERLY_SCENARIOS, PERIOD_2022, PERIOD_2024_2030, PERIOD_2031_2035, period_label
from geo.selection import gemeente_attributes, unpublished_sums

_SOURCE_LINES: dict[int, tuple[Any, dict]] = {}  # per figures table: figure → (object, source lines)

# The headline figures, under the names the first screen gives them (regional and per gemeente alike).
HEADLINES = {
    "gerealiseerd_2022_2024": "Gerealiseerd 2022–2024",
    PERIOD_2024_2030: "Sleutelprojecten 2024–2030",
    PERIOD_2031_2035: "Doorkijk 2031–2035",
    PERIOD_2022: "Woondeal 2022",
}


@dataclass(frozen=True)
class Metric:
    """One headline number: label, formatted value, a short remark and its sources."""

    label: str
    value: str
    remark: str = ""
    bron: str = ""


def _figure(dataset: Dataset, kenmerk: str, scope: str = REGION) -> tuple[int | None, str, bool]:
    """A figure's value, sources and disagreement flag for the region or one gemeente (None: not shown)."""
    row = dataset.headline(kenmerk, scope)
    if row is None or pd.isna(row["waarde"]):
        return None, "", False
    return int(row["waarde"]), str(row["bron"]), bool(row["afwijking"])


def _note(afwijking: bool) -> str:
    return " De documenten noemen ook een ander getal (zie Afwijkingen)." if afwijking else ""


def regional(dataset: Dataset) -> list[Metric]:
    """Target, realised, progress, sleutelprojecten and doorkijk for West-Overijssel."""
    metrics = []
    target, target_bron, _ = _figure(dataset, "opgave_2022_2030")
    if target is not None:
        metrics.append(Metric("Opgave 2022–2030", format_count(target), "woningen, bruto, minimaal.", target_bron))
    realised, realised_bron, realised_differs = _figure(dataset, "gerealiseerd_2022_2024")
    if realised is not None and target:
        metrics.append(Metric(
            HEADLINES["gerealiseerd_2022_2024"], format_count(realised),
            f"Q1 2022 t/m Q4 2024: {format_share(realised / target)} van de opgave. "
            "Gerealiseerd is netto, de opgave bruto."
            + _note(realised_differs), realised_bron,
        ))
    remarks = {PERIOD_2024_2030: "woningen in sleutelprojecten", PERIOD_2031_2035: "woningen, voorlopig beeld",
               PERIOD_2022: "woningen in sleutelprojecten volgens de Woondeal 2022"}
    for kenmerk in (PERIOD_2024_2030, PERIOD_2031_2035, PERIOD_2022):
        value, bron, differs = _figure(dataset, kenmerk)
        if value is None:
            continue
        count, _, _ = _figure(dataset, "sleutelprojecten_aantal") if kenmerk == PERIOD_2024_2030 else (None, "", False)
        remark = f"woningen in {format_count(count)} sleutelprojecten" if count is not None else remarks[kenmerk]
        metrics.append(Metric(HEADLINES[kenmerk], format_count(value), remark + "." + _note(differs), bron))
    return metrics


def notes(dataset: Dataset) -> list[str]:
    """What the regional figures need said next to them: where the projects add up to another total,
    and that realised and sleutelprojecten overlap (the register says why)."""
    said = [sum_note(dataset, PERIOD_2024_2030)]
    realised, _, _ = _figure(dataset, "gerealiseerd_2022_2024")
    planned, _, _ = _figure(dataset, PERIOD_2024_2030)
    if realised is not None and planned is not None:
        said.append(f"{HEADLINES['gerealiseerd_2022_2024']} en {HEADLINES[PERIOD_2024_2030]} overlappen: de "
                    "sleutelprojecten tellen ook woningen die sinds de Woondeal 2022 al gebouwd zijn, dus tel ze "
                    "niet bij elkaar op (zie Afwijkingen).")
    return [note for note in said if note]


def sum_note(dataset: Dataset, period: str) -> str:
    """One sentence when the projects on the map add up to another total than the documents print for
    the region, naming the gemeenten where the difference arises ('' when they agree)."""
    printed, _, _ = _figure(dataset, period)
    if printed is None or period not in dataset.projects.columns:
        return ""
    total = int(dataset.projects[period].sum())
    if total == printed:
        return ""
    where = "; ".join(f"in {row.gemeente} tellen de projecten op tot {format_count(row.projecten)}, de documenten "
                      f"noemen {format_count(row.gepubliceerd)}"
                      for row in unpublished_sums(dataset, period).itertuples())
    side = "meer" if total > printed else "minder"
    return (f"De projecten op de kaart tellen samen op tot {format_count(total)} woningen, "
            f"{format_count(abs(total - printed))} {side} dan de {format_count(printed)} van de documenten"
            + (f": {where}, en de documenten zeggen niet welk projectaantal afwijkt." if where else "."))


def for_gemeenten(dataset: Dataset, gemeenten: tuple[str, ...]) -> list[Metric]:
    """The published per-gemeente figures summed over the chosen gemeenten."""
    table = gemeente_attributes(dataset)
    table = table[table["gemeente"].isin(gemeenten)]
    columns = [column for column in HEADLINES if column in table.columns]
    lines = kept_for(_SOURCE_LINES, dataset.figures, lambda: _source_lines(dataset.figures), limit=8)
    chosen = set(table["gemeente"])
    names = ", ".join(gemeenten)
    metrics = []
    for column in columns:  # column by column: a frame of nullable columns sums ten times slower
        known = table[column].count()
        missing = len(table) - known
        remark = f"{names}." + (f" Geen gegevens voor {missing} gemeente(n)." if missing else "")
        value = format_count(int(table[column].sum())) if known else "geen gegevens"
        sources = dict.fromkeys(line for name, found in lines.get(column, ()) if name in chosen for line in found)
        metrics.append(Metric(HEADLINES[column], value, remark, "; ".join(sources)))
    return metrics


def _source_lines(figures: pd.DataFrame) -> dict[str, list[tuple[str, list[str]]]]:
    """Per figure, each object's source lines (those naming a line), in the figures' order: read once per
    dataset, as the headline figures of every choice of gemeenten cite them."""
    lines: dict[str, list[tuple[str, list[str]]]] = {}
    for kenmerk, name, bron in zip(figures["kenmerk"], figures["object"], figures["bron"]):
        lines.setdefault(kenmerk, []).append((name, [b for b in str(bron).split("; ") if "regel" in b]))
    return lines


def for_selection(selected: pd.DataFrame, total: int, period: str) -> list[Metric]:
    """How many projects the filters select and how many dwellings they hold in the period."""
    known = selected["woningen"].dropna()
    return [
        Metric("Geselecteerde sleutelprojecten", format_count(len(selected)),
               f"van de {format_count(total)} projectrijen in de gegevens"),
        Metric(f"Woningen {period_label(period)} in de selectie", format_count(int(known.sum())) if len(known) else "0",
               "som van de projectaantallen zoals gebruikt (zie Afwijkingen)"),
    ]



NO_GEMEENTE_TARGET = (
    "De documenten geven geen opgave per gemeente: de 28.200 woningen (bruto, 2022 t/m 2030) gelden voor de "
    "regio als geheel. Wat een gemeente bijdraagt, is daarom alleen te zeggen als aandeel in wat de regio "
    "realiseerde en plant; gerealiseerd en sleutelprojecten mogen niet worden opgeteld, omdat de "
    "sleutelprojecten al gebouwde woningen kunnen bevatten."
)


def _share(part: int | None, whole: int | None) -> str:
    return f"{format_share(part / whole)} van de {format_count(whole)} in de regio" if part is not None and whole \
        else ""


def for_gemeente(dataset: Dataset, gemeente: str) -> list[Metric]:
    """One gemeente's published figures, each with its share of the region and its sources."""
    metrics = []
    count, _, _ = _figure(dataset, "sleutelprojecten_aantal", gemeente)
    remarks = {
        "gerealiseerd_2022_2024": "Q1 2022 t/m Q4 2024, netto",
        PERIOD_2024_2030: f"woningen in {format_count(count)} sleutelprojecten" if count is not None else "woningen",
        PERIOD_2031_2035: "woningen na 2030, voorlopig beeld",
        PERIOD_2022: "woningen in de sleutelprojecten uit 2022 (periode tot en met 2030)",
    }
    for kenmerk, label in HEADLINES.items():
        value, bron, differs = _figure(dataset, kenmerk, gemeente)
        if kenmerk not in dataset.gemeenten.columns:
            continue
        regional, _, _ = _figure(dataset, kenmerk)
        share = _share(value, regional)
        remark = remarks[kenmerk] + (f"; {share}" if share else "") + "." + _note(differs)
        metrics.append(Metric(label, format_count(value, none="geen gegevens"), remark, bron))
    return metrics


def _sources(*references: str) -> str:
    """Source references joined once each ('a; b; a' → 'a; b')."""
    return "; ".join(dict.fromkeys(part for reference in references for part in reference.split("; ") if part))


def elderly(dataset: Dataset, scope: str = REGION) -> list[Metric]:
    """The ouderenhuisvesting targets per scenario (basis, trend): the total and its three kinds."""
    metrics = []
    for scenario in ELDERLY_SCENARIOS:
        kinds = [(kind, *_figure(dataset, f"ouderen_{scenario}_{kind}", scope)[:2]) for kind in ELDERLY_KINDS]
        known = [(kind, value, bron) for kind, value, bron in kinds if value is not None]
        if not known:
            continue
        printed, total_bron, _ = _figure(dataset, f"ouderen_{scenario}_totaal", scope)
        total = printed if printed is not None else sum(value for _, value, _ in known)
        parts = " · ".join(f"{kind} {format_count(value)}" for kind, value, _ in known)
        metrics.append(Metric(f"Ouderenhuisvesting ({scenario}scenario)", format_count(total),
                              f"woningen t/m 2030: {parts}.", _sources(total_bron, *(b for _, _, b in known))))
    return metrics
