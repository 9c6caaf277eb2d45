"""The printable scorecard of a candidate site: a valid PDF with its name, map, outcomes and marking."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from shapely.geometry import Point, box

from geo.candidates import Candidate, engine, scorecards
from geo.rules import read_rules
from reports.pdf import PageFrame
from reports.scorecard import extent, scorecard_pdf, site_map

EMBARGO = "EMBARGO tot en met 15 april 2025"


@pytest.fixture(scope="module")
def checker(data):
    return engine(data, read_rules())


def _pdf(checker, data, site, embargo=None) -> PdfReader:
    card = scorecards([site], checker)
    pdf = scorecard_pdf(site, card, checker.themes, checker.rules, data.gemeenten,
                        PageFrame("Woondeal West-Overijssel · Locatietoets", "Stand: 1 december 2026", embargo))
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def test_the_scorecard_pdf_names_the_site_and_lists_every_theme_with_rule_and_source(checker, data):
    site = Candidate("t1", "Kade <b>noord</b> & zuid", "getekend", box(190_900, 507_900, 191_300, 508_300))
    reader = _pdf(checker, data, site, EMBARGO)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Locatietoets: Kade <b>noord</b> & zuid" in text
    assert "Getekend op de kaart · 16,0 ha" in text and "gemeente: Kampen" in text
    assert all(EMBARGO in page.extract_text() for page in reader.pages)
    for rule in checker.rules:
        assert rule.label.split(" (")[0][:25] in text.replace("\n", " "), rule.label
    assert any("/XObject" in page["/Resources"] for page in reader.pages), "the map image is missing"


def test_a_public_scorecard_carries_no_embargo_marking(checker, data):
    reader = _pdf(checker, data, Candidate("p1", "Punt", "punt", Point(202_850, 502_125)))
    assert not any("EMBARGO" in page.extract_text() for page in reader.pages)


def test_the_map_shows_the_zones_of_the_distance_rules_around_the_site(checker, data):
    site = Candidate("t1", "Bij de kering", "getekend", box(190_900, 507_900, 191_300, 508_300))
    card = scorecards([site], checker)
    png, legend = site_map(site, card, checker.themes, checker.rules, data.gemeenten)
    assert png.startswith(b"\x89PNG")
    texts = [row.label for row in legend]
    assert texts[-1] == "De locatie: Bij de kering"
    assert any(" m (knelpunt)" in text for text in texts) and any(" m (aandacht)" in text for text in texts)
    quiet = set(card.loc[card["status"].isin(["geen bezwaar", "geen gegevens"]), "label"])
    assert not any(text.split(":")[0] in quiet for text in texts), "a theme without an objection is drawn"


def test_the_map_extent_keeps_a_margin_around_the_site():
    xmin, ymin, xmax, ymax = extent(Point(200_000, 500_000))
    assert (xmax - xmin) == (ymax - ymin) == 2_000
