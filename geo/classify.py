"""Choropleth classes taken from the data (Fisher-Jenks natural breaks), with Dutch labels."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

from geo.numbers import format_count

MAX_CLASSES = 5
NO_DATA = "geen gegevens"


@dataclass(frozen=True)
class Classes:
    """Class bounds of a figure, each value's class (None for no data), and a label per class."""

    bounds: tuple[float, ...]
    lower: tuple[float, ...]
    labels: tuple[str, ...]
    of: pd.Series


def _signed(value: float) -> str:
    text = format_count(int(round(abs(value))))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "0")


def classify(values: pd.Series, signed: bool = False) -> Classes:
    """Natural-break classes for the known values; unknown values get no class (not 0)."""
    known = values.dropna().astype(float)
    of = pd.Series([None] * len(values), index=values.index, dtype="object")
    if known.empty:
        return Classes((), (), (), of)
    k = min(MAX_CLASSES, known.nunique())
    if k < 2:
        bounds = (float(known.max()),)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Numba not installed": fine for a few values
            breaks = mapclassify.FisherJenks(known.to_numpy(), k=k).bins
        bounds = tuple(float(b) for b in breaks)
    indices = np.searchsorted(np.array(bounds), known.to_numpy(), side="left")
    of.loc[known.index] = indices.astype(int)
    lower = (float(known.min()), *(b + 1 for b in bounds[:-1]))
    fmt = _signed if signed else (lambda v: format_count(int(round(v))))
    labels = tuple(fmt(lo) if lo == hi else f"{fmt(lo)} tot en met {fmt(hi)}" for lo, hi in zip(lower, bounds))
    return Classes(bounds, lower, labels, of)
