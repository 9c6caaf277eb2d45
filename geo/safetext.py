"""Text from someone else's file, made safe to show: in a message (escaped and cut) or in a spreadsheet.

A planner's file can hold anything: terminal escape sequences, a cell of 30 MB, or a cell that a
spreadsheet runs as a formula (``=HYPERLINK(…)``, ``+cmd``, ``@SUM``; OWASP "CSV injection").
``excerpt`` is what a message quotes; ``spreadsheet_safe`` is what a CSV cell holds.

Text on a map is made inert for Jinja (``template_inert``): branca renders the script it wrote for each
layer as a template once more when it writes a whole page (the static site's ``kaart.html``), so a
name holding ``{{ … }}`` would be run there as template code.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

EXCERPT_CHARS = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")  # fullwidth forms too
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_TEMPLATE_OPENING = re.compile(r"\{(?=[{%#])")  # '{{', '{%' and '{#' open a Jinja tag
ZERO_WIDTH_SPACE = "\u200b"


def _escaped(match: re.Match[str]) -> str:
    """A control or bidirectional character as a visible escape: '\\x1b', '\\u202e'."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """The text for a message: control characters escaped, cut to ``limit`` characters with '…'."""
    text = str(value)
    cut = text[:limit]
    shown = _CONTROL.sub(_escaped, cut)
    return shown + ("…" if len(text) > limit else "")


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe.

    A plain number with a sign ('-721', '+3,5') is left alone: it is data, not a formula.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_START) or _NUMBER.match(value):
        return value
    return "'" + value


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell and header made spreadsheet-safe (numbers and booleans untouched)."""
    safe = frame.copy()
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            safe.isetitem(position, column.map(spreadsheet_safe))
    safe.columns = [spreadsheet_safe(str(name)) for name in frame.columns]
    return safe


def template_inert(value: Any) -> Any:
    """The value (a text, or a dict or list holding texts) with a zero-width space after every '{' that
    opens a Jinja tag: it reads the same, but no template engine runs it. Other values are returned as is."""
    if isinstance(value, str):
        return _TEMPLATE_OPENING.sub("{" + ZERO_WIDTH_SPACE, value)
    if isinstance(value, dict):
        return {key: template_inert(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(template_inert(item) for item in value)
    return value
