"""The BO Wonen reports: one for the region and one per gemeente, A4 landscape, one page per subject.

Pages: figures (with what is at risk and the register rows that touch them), the map, the chart, the
projects, the changes since 2022, the location risks, and sources, limits, releases and stand. The
content comes from ``geo.briefing`` exactly as the meeting view shows it, from the data the visitor
may see (``view.dataset``); a report that holds embargoed data carries the marking on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

import pandas as pd
from babel.dates import format_date, format_datetime
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Spacer

from geo import briefing, changes, risks
from geo.dataset import Dataset
from geo.documents import released_sources
from geo.headlines import Metric
from geo.meeting import REGIO, Subject, subjects
from geo.numbers import format_count, format_signed
from geo.provenance import read_provenance
from geo.region import REGION
from geo.releases import Release
from geo.schema import INDICATIVE_LEVELS, PERIODS, SITE_LEVELS, period_label
from reports.charts import bar_chart
from reports.maps import MAP_SIZE, map_png
from reports.pdf import MUTED, PageFrame, build, table, text

WIDTH = 269 * mm  # A4 landscape minus the margins of reports.pdf
TITLE = "Woondeal West-Overijssel — BO Wonen"


@dataclass(frozen=True)
class ReportContext:
    """When the report is made, from which releases, and the embargo marking (None: public data only)."""

    made: datetime
    releases: tuple[Release, ...]
    embargoed: tuple[Release, ...] = ()
    embargo: str | None = None

    def _local(self, moment: datetime) -> datetime:
        zone = self.releases[0].publicatie.tzinfo if self.releases else None
        return moment.astimezone(zone) if zone else moment

    def stand(self) -> str:
        """The footer: when the report was made and which releases it holds."""
        made = format_datetime(self._local(self.made), "d MMMM y HH:mm", locale="nl")
        return f"Gemaakt op {made} · gegevens: " + ", ".join(r.titel for r in self.releases)

    def release_lines(self, documents: Sequence[str]) -> list[str]:
        """Per release: its title, whether and since when it is public, and what that moment rests on
        (cited only from the given documents: those the report may show)."""
        lines = []
        for release in self.releases:
            day = format_date(release.publicatie, "d MMMM y", locale="nl")
            state = (f"onder embargo ({release.embargo_label()}), openbaar vanaf {day}" if release in self.embargoed
                     else f"openbaar sinds {day}")
            bron = released_sources(release.bron, documents)
            lines.append(f"{release.titel}: {state}." + (f" {bron}." if bron else ""))
        return lines


def file_name(subject: Subject, suffix: str = "pdf") -> str:
    """'bo-wonen-regio.pdf', 'bo-wonen-olst-wijhe.pdf' (a download puts 'EMBARGO-' in front while under embargo)."""
    slug = (subject.gemeente or subject.key).lower().replace(" ", "-")
    return f"bo-wonen-{slug}.{suffix}"


def _heading(value: str) -> Flowable:
    return text(value, 15, bold=True)


def _metrics(metrics: Sequence[Metric]) -> list[Flowable]:
    if not metrics:
        return []
    rows = [["Cijfer", "Waarde", "Toelichting", "Bron"]]
    rows += [[m.label, m.value, m.remark, m.bron or "–"] for m in metrics]
    return [table(rows, [55 * mm, 25 * mm, 95 * mm, 94 * mm], size=8.5, numeric=[1]), Spacer(1, 3 * mm)]


def _paragraphs(values: Sequence[str], size: float = 9) -> list[Flowable]:
    return [item for value in values for item in (text(value, size), Spacer(1, 1.5 * mm))]


def _figures_page(brief: briefing.Brief) -> list[Flowable]:
    """The subject's headline figures, what is at risk, ouderenhuisvesting, statements and register rows."""
    story: list[Flowable] = [_heading(f"{brief.subject.title}: kerncijfers"), Spacer(1, 3 * mm)]
    story += _metrics(brief.metrics)
    if brief.risks:
        story += [text("Wat staat op het spel: woningen in projecten met knelpunt of aandacht", 11, bold=True)]
        story += _metrics(brief.risks) + _paragraphs([risks.RELIABILITY], 8)
    if brief.elderly:
        story += [text("Ouderenhuisvesting", 11, bold=True), *_metrics(brief.elderly)]
    story += _paragraphs(brief.statements)
    story += _notes(brief.notes)
    return story


def _notes(notes: Sequence[briefing.Note]) -> list[Flowable]:
    if not notes:
        return []
    return [text("Afwijkingen in de documenten die deze cijfers raken", 11, bold=True),
            *_paragraphs([f"• {note.zin}" for note in notes], 8.5),
            text("Het volledige register staat op de pagina Afwijkingen van de kaart.", 8, colour=MUTED)]


def _image(png: bytes, width: float, size: tuple[float, float]) -> Image:
    return Image(BytesIO(png), width=width, height=width * size[1] / size[0])


def _map_page(dataset: Dataset, subject: Subject, embargo: str | None) -> list[Flowable]:
    caption = ("Kaart van de gemeente met haar sleutelprojecten (de nummers zijn die van de projecttabel) en de "
               "namen van de gemeenten." if subject.gemeente else
               "Kaart van de regio met de sleutelprojecten en de namen van de gemeenten.")
    return [PageBreak(), _heading(f"{subject.title}: kaart"), text(caption, 8.5, colour=MUTED), Spacer(1, 2 * mm),
            _image(map_png(dataset, subject, embargo), 250 * mm, MAP_SIZE)]


def _chart_page(dataset: Dataset, subject: Subject) -> list[Flowable]:
    """Dwellings per period: per gemeente for the region, per project for a gemeente."""
    if subject.gemeente:
        frame = pd.DataFrame(briefing.project_table(dataset, subject.gemeente))
        frame["categorie"] = frame["nr"].astype(str) + ". " + frame["naam"]
        title = "woningen per sleutelproject en periode"
    else:
        frame = pd.DataFrame(dataset.gemeenten.drop(columns="geometry")).assign(categorie=dataset.gemeenten["gemeente"])
        title = "woningen in sleutelprojecten per gemeente en periode (zoals per gemeente gepubliceerd)"
    series = {column: name for column, name in PERIODS.items() if column in frame.columns}
    size = (10.5, max(3.0, min(6.2, 0.9 + 0.42 * len(frame) * max(len(series), 1) / 2)))
    return [PageBreak(), _heading(f"{subject.title}: {title}"), Spacer(1, 2 * mm),
            _image(bar_chart(frame, "categorie", series, size=size), 235 * mm, size)]


def _project_rows(frame: pd.DataFrame, with_gemeente: bool) -> list[list[object]]:
    periods = [p for p in PERIODS if p in frame.columns]
    header: list[object] = ["Nr.", *(["Gemeente"] if with_gemeente else []), "Sleutelproject", "Status",
              *(period_label(p) for p in periods), "Precisie locatie", "Locatietoets (zwaarste uitkomst)"]
    rows: list[list[object]] = [header]
    for row in frame.itertuples():
        values = [format_count(getattr(row, p), none="–") for p in periods]
        rows.append([row.nr, *([row.gemeente] if with_gemeente else []), row.naam, row.status, *values,
                     row.locatie_precisie, row.toets])
    return rows


def _projects_page(dataset: Dataset, subject: Subject) -> list[Flowable]:
    frame = briefing.project_table(dataset, subject.gemeente)
    with_gemeente = subject.gemeente is None
    rows = _project_rows(frame, with_gemeente)
    periods = len([p for p in PERIODS if p in frame.columns])
    fixed = [10 * mm, *([26 * mm] if with_gemeente else []), 56 * mm, 20 * mm, *([23 * mm] * periods), 30 * mm]
    widths = [*fixed, WIDTH - sum(fixed)]
    first_number = 4 if with_gemeente else 3
    return [PageBreak(), _heading(f"{subject.title}: sleutelprojecten"),
            text("Aantallen zoals in de lijst van sleutelprojecten (– is: geen aantal). De locatietoets is 'vast' voor "
                 f"projecten op {SITE_LEVELS} en 'indicatief' voor projecten die alleen op een "
                 f"{INDICATIVE_LEVELS} geplaatst zijn.", 8.5, colour=MUTED), Spacer(1, 2 * mm),
            table(rows, widths, size=7.5, numeric=list(range(first_number, first_number + periods)))]


def _changes_page(dataset: Dataset, subject: Subject) -> list[Flowable]:
    """Per project (and for the region per gemeente): new, kept, grew or shrank, with the caveats and what
    the documents say about the projects that lapsed or merged."""
    story: list[Flowable] = [PageBreak(), _heading(f"{subject.title}: wat veranderde sinds de Woondeal 2022")]
    if not changes.comparable(dataset):
        return [*story, *_paragraphs([briefing.NOTHING_TO_COMPARE])]
    table_of = changes.project_changes(dataset.projects)
    if subject.gemeente:
        table_of = table_of[table_of["gemeente"] == subject.gemeente]
    else:
        story += _regional_changes(table_of)
    story += _paragraphs([changes.PERIOD_CAVEAT], 8.5)
    rows: list[list[object]] = [["Sleutelproject", "Gemeente", "Verandering", "Woondeal 2022", "2024–2030",
                                 "Verschil", "Doorkijk", "Opmerking", "Bron"]]
    for row in table_of.itertuples():
        rows.append([row.naam, row.gemeente, changes.CHANGES[row.verandering],
                     format_count(row.woningen_2022, none="–"),
                     format_count(row.woningen_2024_2030, none="–"),
                     format_signed(row.verschil, "–"),
                     format_count(row.woningen_2031_2035, none="–"),
                     changes.remark(pd.Series(row._asdict())), row.bron])
    widths = [48 * mm, 24 * mm, 26 * mm, 21 * mm, 21 * mm, 17 * mm, 18 * mm, 42 * mm, 52 * mm]
    story += [table(rows, widths, size=7, numeric=[3, 4, 5, 6]), Spacer(1, 3 * mm)]
    story += [text("Wat de documenten zeggen over vervallen en samengevoegde projecten", 11, bold=True)]
    story += _paragraphs([f"{d.onderwerp}: “{d.tekst}” ({d.bron})" for d in changes.documented()], 8)
    return story + _paragraphs([changes.NOT_RECONSTRUCTABLE], 8)


def _regional_changes(table_of: pd.DataFrame) -> list[Flowable]:
    counts = changes.totals(table_of)
    summary = (
        f"Van de {format_count(counts['bestaand'])} projecten uit 2022 in Bijlage 1 groeiden er "
        f"{format_count(counts[changes.GREW])}, bleven er {format_count(counts[changes.SAME])} gelijk en krompen er "
        f"{format_count(counts[changes.SHRANK])}: samen van {format_count(counts['bestaand_2022'])} woningen (2022) "
        f"naar {format_count(counts['bestaand_2024_2030'])} (2024 t/m 2030). In 2025 kwamen er "
        f"{format_count(counts[changes.NEW])} projecten bij met {format_count(counts['nieuw_2024_2030'])} woningen "
        "2024 t/m 2030."
    )
    per_gemeente = changes.gemeente_changes(table_of)
    rows: list[list[object]] = [["Gemeente", "Nieuw", "Gegroeid", "Gelijk", "Gekrompen", "Bestaand 2022",
                                 "Bestaand 2024–2030", "Verschil bestaand", "Nieuw 2024–2030"]]
    rows += [[r.gemeente, r.nieuw, r.gegroeid, r.gelijk, r.gekrompen, format_count(int(r.bestaand_2022)),
              format_count(int(r.bestaand_2024_2030)), format_signed(r.verschil_bestaand),
              format_count(int(r.nieuw_2024_2030))]
             for r in per_gemeente.itertuples()]
    return [*_paragraphs([summary], 9),
            table(rows, [40 * mm, *([22 * mm] * 8)], size=8, numeric=list(range(1, 9))), Spacer(1, 3 * mm)]


NO_RISK = f"Geen projecten met knelpunt of aandacht, en geen {INDICATIVE_LEVELS} die een regel raakt."
RISK_NUMBERS = list(range(1, len(risks.CATEGORIES) + 1))
RISK_WIDTHS = [85 * mm, *([(WIDTH - 85 * mm) / len(risks.CATEGORIES)] * len(risks.CATEGORIES))]


def _risk_table(frame: pd.DataFrame, index_name: str) -> list[list[object]]:
    header = [index_name, *(risks.category_label(*category) for category in frame.columns)]
    return [header, *([label, *(format_count(int(v)) for v in values)] for label, values in frame.iterrows())]


def _risks_page(dataset: Dataset, subject: Subject) -> list[Flowable]:
    """Dwellings in projects with a concern, per theme (and for the region per gemeente), firm and indicative
    apart, per period; themes without a verdict; the data's caveats per theme."""
    story: list[Flowable] = [PageBreak(), _heading(f"{subject.title}: locatierisico's (klimaatadaptief en "
                                                   "waterbewust)")]
    frame = briefing.risk_frame(dataset, subject.gemeente)
    if frame is None:
        return [*story, text("De locatietoets is voor deze gegevens niet berekend.")]
    story += _paragraphs([risks.RELIABILITY], 8.5)
    for period in briefing.risk_periods(dataset):
        themes = risks.by_theme(frame, period)
        blocks: list[Flowable] = [text(f"Per thema: woningen {period_label(period)}", 10, bold=True)]
        blocks.append(table(_risk_table(themes, "Thema"), RISK_WIDTHS, size=8, numeric=RISK_NUMBERS)
                      if len(themes) else text(NO_RISK))
        if subject.gemeente is None:
            gemeenten = risks.by_gemeente(frame, period, list(dataset.gemeenten["gemeente"]))
            blocks += [Spacer(1, 2 * mm), text(f"Per gemeente (elk project één keer, onder zijn zwaarste uitkomst): "
                                               f"woningen {period_label(period)}", 10, bold=True),
                       table(_risk_table(gemeenten, "Gemeente"), RISK_WIDTHS, size=8, numeric=RISK_NUMBERS)]
        story += [KeepTogether(blocks), Spacer(1, 3 * mm)]
    unjudged = risks.unjudged_themes(frame)
    if unjudged:
        story += _paragraphs(["Geen oordeel mogelijk (voor geen enkel project): "
                              + "; ".join(f"{label} ({status})" for label, status in unjudged.items()) + "."], 8.5)
    return story


def _sources_page(dataset: Dataset, brief: briefing.Brief, context: ReportContext) -> list[Flowable]:
    """Each figure's sources, the register rows in full, the datasets, the limits, releases and stand."""
    story: list[Flowable] = [PageBreak(), _heading("Bronnen, beperkingen, releases en stand")]
    releases = context.release_lines(dataset.shown_documents())
    story += [text("Releases in dit rapport", 11, bold=True), *_paragraphs(releases, 8.5), text(context.stand(), 8.5)]
    if brief.notes:
        rows: list[list[object]] = [["Onderwerp", "Toelichting (register van afwijkingen)"]]
        rows += [[note.zin, note.toelichting] for note in brief.notes]
        story += [Spacer(1, 3 * mm), text("Afwijkingen die de cijfers raken", 11, bold=True),
                  table(rows, [100 * mm, WIDTH - 100 * mm], size=7.5)]
    provenance = read_provenance()
    story += [Spacer(1, 3 * mm), text("Beperkingen van de gegevens", 11, bold=True),
              *_paragraphs([f"{limit.titel}. {limit.tekst}" for limit in provenance.limits], 8)]
    if dataset.theme_table is not None:
        story += _paragraphs([f"Locatietoets, {row.label}: {row.kanttekening}"
                              for row in dataset.theme_table.itertuples() if row.kanttekening], 7.5)
    sources: list[list[object]] = [["Gegevens", "Uitgever", "Jaar", "Licentie en naamsvermelding"]]
    sources += [[*d.row()] for d in provenance.datasets.values() if dataset.names_source(d.id)]
    story += [Spacer(1, 3 * mm), text("Gegevensbronnen", 11, bold=True),
              table(sources, [92 * mm, 66 * mm, 21 * mm, 90 * mm], size=7.5)]
    return story


def _report(dataset: Dataset, subject: Subject, context: ReportContext, title: str) -> bytes:
    brief = briefing.brief(dataset, subject)
    story = [*_figures_page(brief), *_map_page(dataset, subject, context.embargo), *_chart_page(dataset, subject),
             *_projects_page(dataset, subject), *_changes_page(dataset, subject), *_risks_page(dataset, subject),
             *_sources_page(dataset, brief, context)]
    return build(story, PageFrame(title, context.stand(), context.embargo))


def regional_report(dataset: Dataset, context: ReportContext) -> bytes:
    """The report for the region: the deal's figures, map, chart, all projects, changes, risks, sources."""
    subject = next(s for s in subjects(dataset) if s.key == REGIO)
    return _report(dataset, subject, context, f"{TITLE}: {REGION}")


def gemeente_report(dataset: Dataset, gemeente: str, context: ReportContext) -> bytes:
    """The report for one gemeente: its figures and share, map, chart, projects, changes, risks, sources."""
    subject = next(s for s in subjects(dataset) if s.gemeente == gemeente)
    return _report(dataset, subject, context, f"{TITLE}: gemeente {gemeente}")

