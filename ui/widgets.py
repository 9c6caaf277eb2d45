"""Streamlit pieces the pages share: the page language, Dutch metrics and tables, logged downloads."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.exports import csv_bytes, geojson_bytes
from geo.headlines import Metric
from geo.numbers import format_count
from ui import dutch
from ui.login import log_embargoed

if TYPE_CHECKING:
    from ui.view import View


PAGE_STYLE = """
<style>
.wd-skip { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
.wd-skip:focus { position: static; width: auto; height: auto; padding: 6px 10px; background: #fff;
  outline: 3px solid #0b5cad; display: inline-block; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #474747 !important; }
[data-testid="stMetricValue"] { font-size: 2rem; }
[data-testid="stElementToolbar"] { display: none !important; }
</style>
"""


def page_setup() -> None:
    """The page in Dutch for browsers and screen readers (Streamlit's own texts too, see ui.dutch), with
    text colours that pass WCAG contrast and without Streamlit's English table toolbar (the pages offer
    Dutch downloads instead)."""
    st.html(PAGE_STYLE + dutch.script(), unsafe_allow_javascript=True)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")  # what can start markup; ( ) only follow ]


def plain(text: object) -> str:
    """Text from the data for use inside markdown: every markdown character escaped, so a name
    with markup, a link or HTML in it shows as the text it is."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def anchor(name: str) -> None:
    """An invisible anchor a link can jump to (#name), e.g. past the map or to the project detail."""
    st.html(f'<span id="{name}" tabindex="-1"></span>')


def skip_link(target: str, text: str) -> None:
    """A link for keyboard users to jump past a large element (WCAG 2.4.1), visible when it has focus."""
    st.html(f'<a class="wd-skip" href="#{target}">{text}</a>')


def metric_row(metrics: list[Metric]) -> None:
    """Headline numbers side by side, each with its remark and sources on hover."""
    if not metrics:
        return
    for column, metric in zip(st.columns(len(metrics)), metrics):
        with column:
            st.metric(metric.label, metric.value, help=f"Bron: {metric.bron}" if metric.bron else None)
            if metric.remark:
                st.caption(metric.remark)


def _dutch(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_count(int(value))
    return str(value)


def dutch_table(frame: pd.DataFrame, labels: dict[str, str], embargo: str | None = None) -> None:
    """A sortable table with Dutch headers and Dutch number notation ('–' where there is no figure)."""
    if embargo:
        st.caption(f":red[**{embargo}**]")
    shown = pd.DataFrame(frame[[c for c in labels if c in frame.columns]]).rename(columns=labels)
    numeric = [c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c]) and shown[c].dtype != bool]
    # Streamlit shows the Styler's text only for plain numpy columns, so nullable integers become floats.
    shown = shown.astype({c: "float64" for c in numeric})
    st.dataframe(shown.style.format(_dutch, subset=numeric, na_rep="–"), hide_index=True, width="stretch",
                 height="content", placeholder="–")


def downloads(view: View, frame: gpd.GeoDataFrame, labels: dict[str, str], basename: str, key: str) -> None:
    """Download buttons for the filtered selection; an export of embargoed data is logged."""
    csv, geojson = csv_bytes(frame, labels, view.embargo), geojson_bytes(frame, labels, view.embargo)
    prefix = "EMBARGO-" if view.embargo else ""
    left, right = st.columns(2)
    for column, data, kind, suffix, mime in ((left, csv, "CSV", "csv", "text/csv"),
                                             (right, geojson, "GeoJSON", "geojson", "application/geo+json")):
        download(view, column, f"Download {kind}", data, f"{prefix}{basename}.{suffix}", mime, f"{key}_{suffix}")


def download(view: View, place: Any, label: str, data: bytes | Callable[[], bytes], name: str, mime: str,
             key: str) -> None:
    """One download button; downloading embargoed data is written to the access log. Data may be a
    function, called only when the button is pressed (a report is made on demand, not on every rerun)."""
    place.download_button(label, data, name, mime, key=key, on_click=_log_export if view.embargoed else "ignore",
                          args=(view, name) if view.embargoed else None)


def _log_export(view: View, name: str) -> None:
    log_embargoed("export_embargo", view.visitor, list(view.embargoed), {"bestand": name})
