"""Dutch number notation: parse figures as the documents print them, format them for readers."""

from __future__ import annotations

import re
from typing import SupportsInt

import pandas as pd
from babel import Locale
from babel.numbers import format_decimal, format_percent

LOCALE = Locale.parse("nl_NL")  # parsed once: formatting is called for every figure and check result
NONE_MARK = "-"
_PRINTED_COUNT = re.compile(r"^\d{1,3}(\.\d{3})*$")


def parse_count(text: str) -> int | None:
    """Parse a printed count such as '1.039' or '-' (no figure) into an int or None."""
    value = text.strip()
    if value in ("", NONE_MARK, "–"):
        return None
    if not _PRINTED_COUNT.match(value):
        raise ValueError(f"'{text}' is geen aantal (verwacht bijvoorbeeld 1.039 of -)")
    return int(value.replace(".", ""))


MINUS = "−"  # U+2212: a negative number reads as minus, not as a hyphen


def _missing(value: object) -> bool:
    """No figure: None, or a missing value of pandas or numpy (NA, NaN)."""
    return value is None or bool(pd.api.types.is_scalar(value) and pd.isna(value))


def format_count(value: SupportsInt | None, none: str = NONE_MARK) -> str:
    """Format a count with Dutch thousands separators and a real minus sign: -3000 -> '−3.000'; ``none``
    where there is no figure (None, NA, NaN)."""
    if _missing(value):
        return none
    return format_decimal(int(value), locale=LOCALE).replace("-", MINUS)  # type: ignore[arg-type]


def format_signed(value: SupportsInt | None, none: str = NONE_MARK) -> str:
    """A change with its sign: '+1.200', '−300', '0'; ``none`` where there is no figure."""
    if _missing(value):
        return none
    number = int(value)  # type: ignore[arg-type]
    return f"+{format_count(number)}" if number > 0 else format_count(number)


def format_share(fraction: float | None, decimals: int = 1, none: str = NONE_MARK) -> str:
    """Format a fraction as a Dutch percentage: 0.305 -> '30,5%'."""
    if fraction is None:
        return none
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(fraction, format=pattern, locale=LOCALE).replace("-", MINUS)


def format_decimal_nl(value: float, decimals: int = 1) -> str:
    """Format a decimal number the Dutch way: 1234.5 -> '1.234,5'."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE).replace("-", MINUS)
