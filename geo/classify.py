"""Choropleth classes taken from the data (Fisher-Jenks natural breaks), with Dutch labels.

The breaks are computed here, exactly, by dynamic programming over the sorted values: for a handful
of gemeenten (or all 342) that takes microseconds to milliseconds, where mapclassify would pull
scipy and scikit-learn into the app's start-up for the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.numbers import MINUS, format_count

MAX_CLASSES = 5
NO_DATA = "geen gegevens"


@dataclass(frozen=True)
class Classes:
    """Class bounds of a figure, each value's class (None for no data), and a label per class."""

    bounds: tuple[float, ...]
    lower: tuple[float, ...]
    labels: tuple[str, ...]
    of: pd.Series


def fisher_jenks(values: np.ndarray, k: int) -> tuple[float, ...]:
    """The upper bounds of the k classes that minimise the within-class sum of squared deviations."""
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    sums, squares = np.concatenate([[0.0], np.cumsum(x)]), np.concatenate([[0.0], np.cumsum(x * x)])
    cost = np.full((k + 1, n + 1), np.inf)
    cost[0, 0] = 0.0
    split = np.zeros((k + 1, n + 1), dtype=int)
    for classes in range(1, k + 1):
        for end in range(classes, n + 1):
            starts = np.arange(classes - 1, end)  # the class holds x[start:end]
            total = sums[end] - sums[starts]
            deviation = squares[end] - squares[starts] - total * total / (end - starts)
            candidates = cost[classes - 1, starts] + deviation
            best = int(np.argmin(candidates))
            cost[classes, end], split[classes, end] = candidates[best], starts[best]
    bounds, end = [], n
    for classes in range(k, 0, -1):
        bounds.append(float(x[end - 1]))
        end = split[classes, end]
    return tuple(reversed(bounds))


def _signed(value: float) -> str:
    text = format_count(round(abs(value)))
    return f"+{text}" if value > 0 else (f"{MINUS}{text}" if value < 0 else "0 (geen verandering)")


SIDE_CLASSES = 2  # a change gets at most two classes of decrease and two of increase, and zero its own


def _breaks(values: np.ndarray, k: int) -> tuple[float, ...]:
    """Upper bounds of up to k natural-break classes of the values."""
    k = min(k, len(np.unique(values)))
    return (float(values.max()),) if k < 2 else fisher_jenks(values, k)


def _upper_bounds(values: np.ndarray, signed: bool) -> tuple[float, ...]:
    """Upper bounds of the classes: natural breaks, or for a change: decreases, no change and increases
    classified apart, so that zero never shares a class with a real change."""
    if not signed:
        return _breaks(values, MAX_CLASSES)
    parts = (values[values < 0], values[values == 0], values[values > 0])
    return tuple(bound for part in parts if len(part) for bound in _breaks(part, SIDE_CLASSES))


def classify(values: pd.Series, signed: bool = False) -> Classes:
    """Natural-break classes for the known values, each labelled with the lowest and highest value it
    holds; unknown values get no class (not 0)."""
    known = values.dropna().astype(float)
    of = pd.Series([None] * len(values), index=values.index, dtype="object")
    if known.empty:
        return Classes((), (), (), of)
    bounds = _upper_bounds(known.to_numpy(), signed)
    indices = np.searchsorted(np.array(bounds), known.to_numpy(), side="left")
    of.loc[known.index] = indices.astype(int)
    lower = tuple(float(known[indices == i].min()) for i in range(len(bounds)))  # classes labelled by what they hold
    fmt = _signed if signed else (lambda v: format_count(round(v)))
    labels = tuple(fmt(lo) if lo == hi else f"{fmt(lo)} tot en met {fmt(hi)}" for lo, hi in zip(lower, bounds))
    return Classes(bounds, lower, labels, of)
