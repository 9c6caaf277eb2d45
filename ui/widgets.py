"""Streamlit pieces the pages share: the page language, Dutch metrics and tables, logged downloads."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import headlines
from geo.exports import csv_bytes, file_name, geojson_bytes
from geo.headlines import Metric
from geo.numbers import format_count
from layers.palette import SECONDARY_TEXT
from ui import dutch, server
from ui.login import export_logger
from ui.markdown import plain
from ui.metrics import metrics_html

if TYPE_CHECKING:
    from ui.view import View


PAGE_STYLE = """
<style>
.wd-skip { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
.wd-skip:focus { position: static; width: auto; height: auto; padding: 6px 10px; background: #fff;
  outline: 3px solid #0b5cad; display: inline-block; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: SECONDARY !important; }
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
[data-testid="stElementToolbar"] { display: none !important; }
</style>
""".replace("SECONDARY", SECONDARY_TEXT)


def page_setup() -> None:
    """The page in Dutch for browsers and screen readers (Streamlit's own texts too, see ui.dutch), with
    text colours that pass WCAG contrast and without Streamlit's element toolbar: its own exports (a
    table's CSV) would bypass the marking and the access log, so the pages' download buttons are the
    only way out (the tables' CSV and copy are also off in .streamlit/config.toml,
    client.disableDataExport; the bar charts are plain HTML, ui/charts.py, and offer no export)."""
    st.html(PAGE_STYLE + dutch.script(), unsafe_allow_javascript=True)


def anchor(name: str) -> None:
    """An invisible anchor a link can jump to (#name), e.g. past the map or to the project detail."""
    st.html(f'<span id="{name}" tabindex="-1"></span>')


def skip_link(target: str, text: str) -> None:
    """A link for keyboard users to jump past a large element (WCAG 2.4.1), visible when it has focus."""
    st.html(f'<a class="wd-skip" href="#{target}">{text}</a>')


def figure_notes(view: View) -> None:
    """Said under the headline figures: what the newest visible release cannot reconstruct, and where
    the figures may not be added up or compared (geo.headlines.notes)."""
    for note in view.dataset.notes:
        st.info(plain(note), icon=":material/history_edu:")
    for note in headlines.notes(view.dataset):
        st.caption(plain(note))


def metric_row(metrics: list[Metric]) -> None:
    """Headline numbers side by side, each with its remark and its sources to open (ui.metrics)."""
    if metrics:
        st.html(metrics_html(metrics))


def _dutch(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_count(int(value))
    return str(value)


def dutch_table(frame: pd.DataFrame, labels: dict[str, str], embargo: str | None = None) -> None:
    """A sortable table with Dutch headers and Dutch number notation ('–' where there is no figure)."""
    if embargo:
        st.caption(f":red[**{embargo}**]")
    _table(pd.DataFrame(frame[[c for c in labels if c in frame.columns]]).rename(columns=labels))


@st.cache_data(show_spinner=False, max_entries=64)
def _table(shown: pd.DataFrame) -> None:
    """The table drawn once per content and replayed after (the key is the table itself, so every session
    asking for the same figures gets them): formatting through a Styler costs about 20 ms a table."""
    numeric = [c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c]) and shown[c].dtype != bool]
    # Streamlit shows the Styler's text only for plain numpy columns, so nullable integers become floats.
    shown = shown.astype({c: "float64" for c in numeric})
    narrow = {column: st.column_config.Column(width="small") for column in numeric}
    st.dataframe(shown.style.format(_dutch, subset=numeric, na_rep="–"), hide_index=True, width="stretch",
                 height="content", placeholder="–", column_config=narrow)


def downloads(view: View, frame: gpd.GeoDataFrame, labels: dict[str, str], basename: str, key: str) -> None:
    """Download buttons for the filtered selection, each file made only when it is asked for (not on every
    rerun); an export of embargoed data is logged."""
    csv, geojson = partial(csv_bytes, frame, labels, view.embargo), partial(geojson_bytes, frame, labels, view.embargo)
    left, right = st.columns(2)
    for column, data, kind, suffix, mime in ((left, csv, "CSV", "csv", "text/csv"),
                                             (right, geojson, "GeoJSON", "geojson", "application/geo+json")):
        download(view, column, f"Download {kind}", data, f"{basename}.{suffix}", mime, f"{key}_{suffix}")


def download(view: View, place: Any, label: str, data: bytes | Callable[[], bytes], name: str, mime: str,
             key: str) -> None:
    """One download button; ``data`` may be a function that makes the file only when it is asked for (a
    PDF, a GeoPackage). An export of embargoed data is made only when clicked: its access-log record
    first (no record, no file), then the file, which the server hands only to this browser for a short
    while (ui.server). Where the server cannot bind it, it is not offered. Under embargo the file's name
    starts with 'EMBARGO-' (geo.exports.file_name)."""
    name = file_name(name, view.embargo)
    if not view.embargoed:
        place.download_button(label, data, name, mime, key=key, on_click="ignore")
        return
    cookie = st.context.cookies.get(server.XSRF_COOKIE) if st.context.cookies else None
    if not (server.installed() and cookie):
        place.caption(f"{plain(label)}: niet beschikbaar, want de server kan dit bestand onder embargo niet "
                      "aan deze sessie binden.")
        return
    place.download_button(label, partial(_export, export_logger(view.visitor, list(view.embargoed), name), data,
                                         cookie), name, mime, key=key, on_click="ignore")


def _export(record: Callable[[], None], data: bytes | Callable[[], bytes], cookie: str) -> bytes:
    """The embargoed file, made at the click: logged first, then made, then bound to the browser that clicked."""
    record()
    content = data() if callable(data) else data
    server.bind(content, cookie)
    return content
