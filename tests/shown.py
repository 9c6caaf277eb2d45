"""What an AppTest run shows as headline figures: they are one HTML block (ui.metrics), read back here."""

from __future__ import annotations

from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest

from geo.headlines import Metric

PARTS = {"wd-metric-label": "label", "wd-metric-value": "value", "wd-metric-remark": "remark", "wd-metric-bron": "bron"}


class _Figures(HTMLParser):
    """Collects label, value, remark and sources of each figure in ui.metrics' HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[dict[str, str]] = []
        self.part: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        css = dict(attrs).get("class") or ""
        if css == "wd-metric":
            self.figures.append({})
        elif css in PARTS:
            self.part = PARTS[css]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div"):
            self.part = None

    def handle_data(self, data: str) -> None:
        if self.part:
            self.figures[-1][self.part] = self.figures[-1].get(self.part, "") + data


def headline_figures(at: AppTest) -> list[Metric]:
    """The headline figures of the page, in order, as the app built them."""
    parser = _Figures()
    for element in at.get("html"):
        parser.feed(element.value)
    return [Metric(f.get("label", ""), f.get("value", ""), f.get("remark", ""), f.get("bron", "")) for f in parser.figures]
