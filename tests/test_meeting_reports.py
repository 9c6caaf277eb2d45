"""The BO Wonen reports: a valid PDF for the region and for every gemeente, with the figures of the meeting
view, EMBARGO on every page while embargoed, and nothing embargoed in a public report before the release."""

from __future__ import annotations

import io
from datetime import datetime

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from geo import risks
from geo.meeting import subjects
from geo.numbers import format_count
from geo.releases import read_releases, restrict, under_embargo, visible
from geo.schema import KNELPUNT, PLANNER, PUBLIC
from reports.maps import map_png
from reports.meeting import ReportContext, file_name, gemeente_report, regional_report
from tests.embargo import BEFORE, leaks

EMBARGO = "EMBARGO tot en met 15 april 2025"


def _setting(data, role: str):
    """The data and report context a visitor with this role gets at the moment before the release."""
    moment = datetime.fromisoformat(BEFORE)
    shown = visible(read_releases(), role, moment)
    embargoed = under_embargo(shown, moment)
    context = ReportContext(moment, tuple(shown), tuple(embargoed), EMBARGO if embargoed else None)
    return restrict(data, shown, read_releases()), context


def _pages(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    return [page.extract_text() for page in reader.pages]


def _all_reports(data, role: str):
    """The regional report and every gemeente's, as the role sees them before the release: text per page."""
    restricted, context = _setting(data, role)
    reports = {"regio": regional_report(restricted, context)}
    reports |= {name: gemeente_report(restricted, name, context) for name in restricted.gemeenten["gemeente"]}
    return restricted, {name: _pages(pdf) for name, pdf in reports.items()}


@pytest.fixture(scope="module")
def embargoed(data):
    return _all_reports(data, PLANNER)


@pytest.fixture(scope="module")
def public(data):
    return _all_reports(data, PUBLIC)


def test_there_is_a_valid_report_for_the_region_and_one_for_every_gemeente(embargoed, data):
    _, reports = embargoed
    assert set(reports) == {"regio", *data.gemeenten["gemeente"]}
    for name, pages in reports.items():
        assert len(pages) >= 7, name  # figures, map, chart, projects, changes, risks, sources
        title = "West-Overijssel" if name == "regio" else f"gemeente {name}"
        assert all(f"BO Wonen: {title}" in page for page in pages), name


def test_an_embargoed_report_is_marked_on_every_page(embargoed):
    _, reports = embargoed
    for name, pages in reports.items():
        assert all(EMBARGO in page for page in pages), name


def test_the_regional_report_holds_the_deal_the_risks_and_the_changes(embargoed):
    restricted, reports = embargoed
    text = " ".join(" ".join(reports["regio"]).split())
    for figure in ("28.200", "7.960", "24.210", "10.124", "25.045", "25.125"):
        assert figure in text, figure
    frame = risks.exposure(restricted.scorecards, restricted.projects, ["woningen_2024_2030", "woningen_2031_2035"])
    firm = risks.headline(frame, ["woningen_2024_2030"])[(KNELPUNT, risks.FIRM)]["woningen_2024_2030"]
    assert f"{format_count(firm)}" in text and "indicatief: regel raakt het gebied" in text
    assert "Van de 35 projecten uit 2022 in Bijlage 1 groeiden er 18, bleven er 3 gelijk en krompen er 14" in text
    assert "vervallen van een sleutelproject" in text and "regel 1481–1482" in text
    assert "Ommen: 508 tegenover 518" in text
    assert "Releases in dit rapport" in text and "onder embargo" in text


def test_a_gemeente_report_holds_its_figures_projects_and_the_absence_of_a_target(embargoed):
    restricted, reports = embargoed
    text = " ".join(" ".join(reports["Deventer"]).split())
    for figure in ("1.816", "4.550", "3.550", "1.615", "1.485"):  # realised, 2024–2030, 2022, ouderen basis/trend
        assert figure in text, figure
    assert "geven geen opgave per gemeente" in text
    for name in restricted.projects.loc[restricted.projects["gemeente"] == "Deventer", "naam"]:
        assert name in text
    assert "Deventer Centrumschil (Deventer): 2.550 tegenover 2.250" in text
    assert "Keizerslanden" not in " ".join(reports["Ommen"])


def test_a_public_report_before_the_release_holds_nothing_embargoed(public, secrets):
    restricted, reports = public
    assert "woningen_2024_2030" not in restricted.projects.columns
    for name, pages in reports.items():
        text = "\n".join(pages)
        assert "EMBARGO" not in text, name
        assert leaks(" ".join(text.split()), secrets) == [], name
    regional = "\n".join(reports["regio"])
    assert "25.125" in regional and "25.045" not in regional and "nog niet openbaar" in regional  # the 2022 deal itself


def test_a_report_file_is_named_after_its_gemeente_or_the_region(data):
    subject = next(s for s in subjects(data) if s.gemeente == "Olst-Wijhe")
    assert file_name(subject) == "bo-wonen-olst-wijhe.pdf"
    assert file_name(subjects(data)[0], "png") == "bo-wonen-regio.png"


def _red_pixels(png: bytes) -> int:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    band = pixels[: pixels.shape[0] // 20]
    return int(((band[..., 0] > 150) & (band[..., 1] < 60) & (band[..., 2] < 80)).sum())


def test_the_map_png_has_its_legend_and_the_embargo_stamp_only_when_embargoed(data):
    restricted, _ = _setting(data, PLANNER)
    subject = subjects(restricted)[0]
    marked, plain = map_png(restricted, subject, EMBARGO), map_png(restricted, subject, None)
    assert marked.startswith(b"\x89PNG") and Image.open(io.BytesIO(marked)).size == (1650, 990)
    assert _red_pixels(marked) > 500 and _red_pixels(plain) == 0
