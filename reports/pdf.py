"""PDF documents with ReportLab: DejaVu fonts (every Dutch character, − and the status symbols), an
A4 page frame with title, stand date and page number, and the EMBARGO marking on every page.

Text from the data goes through ``text()`` (ReportLab paragraphs read a little HTML), so a name with
markup prints as the text it is.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
INK, MUTED, EMBARGO_RED, RULE = colors.HexColor("#1a1a1a"), colors.HexColor("#444444"), colors.HexColor("#b00020"), \
    colors.HexColor("#bbbbbb")
MARGIN = 14 * mm


@cache
def _fonts() -> None:
    """Register the DejaVu fonts that ship with matplotlib (so no system font is needed)."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD)


def style(size: float = 10, bold: bool = False, colour: Any = INK, leading: float | None = None) -> ParagraphStyle:
    """A paragraph style in the report's font."""
    _fonts()
    return ParagraphStyle(f"s{size}{bold}", fontName=BOLD if bold else FONT, fontSize=size,
                          leading=leading or size * 1.3, textColor=colour)


def text(value: object, size: float = 10, bold: bool = False, colour: Any = INK) -> Paragraph:
    """A paragraph of plain text from the data: escaped, so markup in it prints as text."""
    return Paragraph(escape(str(value)), style(size, bold, colour))


def table(rows: Sequence[Sequence[object]], widths: Sequence[float] | None = None, size: float = 8.5,
          numeric: Sequence[int] = ()) -> Table:
    """A table whose first row is the header; cells are escaped text, numeric columns right-aligned."""
    cells = [[text(cell, size, bold=(r == 0)) for cell in row] for r, row in enumerate(rows)]
    for row in cells:
        for column in numeric:
            row[column].style = ParagraphStyle("num", parent=row[column].style, alignment=2)
    result = Table(cells, colWidths=widths, repeatRows=1)
    result.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK), ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return result


@dataclass(frozen=True)
class PageFrame:
    """What every page carries: the report title, the stand (moment and releases) and the embargo."""

    title: str
    stand: str
    embargo: str | None = None


def build(story: list[Flowable], frame: PageFrame, landscape_pages: bool = True) -> bytes:
    """The story as a PDF (A4, landscape by default) with the page frame on every page."""
    _fonts()
    size = landscape(A4) if landscape_pages else A4
    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=size, title=frame.title, author="Woondeal West-Overijssel",
                               leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 8 * mm,
                               bottomMargin=MARGIN + 6 * mm)
    body = Frame(document.leftMargin, document.bottomMargin, document.width, document.height, id="body")
    document.addPageTemplates([PageTemplate(id="page", frames=[body], onPage=lambda c, d: _decorate(c, d, frame))])
    document.build(story)
    return buffer.getvalue()


def _decorate(canvas: Any, document: BaseDocTemplate, frame: PageFrame) -> None:
    """Header (title, and the embargo in red), footer (stand and page number)."""
    width, height = document.pagesize
    canvas.saveState()
    canvas.setFont(BOLD, 9)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN, height - MARGIN, frame.title)
    if frame.embargo:
        canvas.setFillColor(EMBARGO_RED)
        canvas.drawRightString(width - MARGIN, height - MARGIN, frame.embargo)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, MARGIN, frame.stand)
    canvas.drawRightString(width - MARGIN, MARGIN, f"Pagina {document.page}")
    if frame.embargo:
        canvas.setFillColor(EMBARGO_RED)
        canvas.drawCentredString(width / 2, MARGIN, f"{frame.embargo} — vertrouwelijk, niet delen")
    canvas.restoreState()
