"""The PDF and static-map foundation: every page framed and marked, data text printed as text."""

import io

import geopandas as gpd
from pypdf import PdfReader
from reportlab.platypus import PageBreak
from shapely.geometry import box

from reports.pdf import PageFrame, build, table, text
from reports.staticmap import Label, MapLayer, StaticMap, render

EMBARGO = "EMBARGO tot en met 15 april 2025"


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_every_page_carries_the_title_stand_and_embargo_marking():
    story = [text("Eerste pagina"), PageBreak(), text("Tweede pagina"), PageBreak(),
             table([["Gemeente", "Woningen"]] + [[f"G{i}", "1.000"] for i in range(60)], numeric=[1])]
    pages = _pages(build(story, PageFrame("Woondeal West-Overijssel", "Stand: 1 december 2026", EMBARGO)))
    assert len(pages) >= 4
    assert all(EMBARGO in page and "Stand: 1 december 2026" in page and "Woondeal West-Overijssel" in page
               for page in pages)


def test_a_public_report_carries_no_embargo_marking():
    pages = _pages(build([text("Openbaar")], PageFrame("Woondeal", "Stand: 16 april 2025")))
    assert not any("EMBARGO" in page for page in pages)


def test_markup_in_data_prints_as_text_and_dutch_symbols_survive():
    pages = _pages(build([text("<b>Bathmen</b> − 1.815 ✖ ▲ ✔ ë")], PageFrame("T", "S")))
    assert "<b>Bathmen</b> − 1.815 ✖ ▲ ✔ ë" in pages[0]


def test_a_static_map_is_a_png_of_its_layers_and_labels():
    frame = gpd.GeoDataFrame(geometry=[box(200_000, 480_000, 210_000, 490_000)], crs="EPSG:28992")
    png = render(StaticMap([MapLayer(frame, fill="#a1dab4")], (199_000, 479_000, 211_000, 491_000),
                           [Label(205_000, 485_000, "Zwolle")], size=(3, 3)))
    assert png.startswith(b"\x89PNG") and len(png) > 2_000
