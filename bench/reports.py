"""Benchmark of the BO Wonen reports: ``python -m bench.reports`` prints figures, asserts nothing.

Times (median of several runs, after one warm-up that loads fonts and libraries) to make the regional
PDF, one gemeente's PDF and the PNG of the regional map from the data a bestuurder sees before the
release, against the target of at most 3 s each; and, as the naive approach, the same report when
every map layer makes matplotlib redraw the whole figure (what geopandas asks for with a normal
canvas), to show what the draw-once canvas saves.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import datetime
from unittest import mock

from geo.dataset import load_dataset
from geo.meeting import subjects
from geo.numbers import format_decimal_nl
from geo.releases import read_releases, restrict, under_embargo, visible
from geo.schema import EXECUTIVE
from reports import staticmap
from reports.maps import map_png
from reports.meeting import ReportContext, gemeente_report, regional_report

MOMENT = "2025-04-10T12:00:00+02:00"
RUNS = 3
TARGET_S = 3.0


def _median(action: Callable[[], bytes], runs: int = RUNS) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(action())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def _seconds(value: float) -> str:
    return f"{format_decimal_nl(value, 2)} s"


def main() -> None:
    """Print the times and sizes."""
    moment = datetime.fromisoformat(MOMENT)
    shown = visible(read_releases(), EXECUTIVE, moment)
    embargoed = under_embargo(shown, moment)
    data = restrict(load_dataset(), shown)
    context = ReportContext(moment, tuple(shown), tuple(embargoed), "EMBARGO tot en met 15 april 2025")
    start = time.perf_counter()
    regional_report(data, context)
    print(f"Eerste rapport (laden van lettertypen en bibliotheken): {_seconds(time.perf_counter() - start)}")
    cases = {
        "PDF West-Overijssel": lambda: regional_report(data, context),
        "PDF gemeente Zwolle": lambda: gemeente_report(data, "Zwolle", context),
        "PNG kaart West-Overijssel": lambda: map_png(data, subjects(data)[0], context.embargo),
    }
    for label, action in cases.items():
        seconds, size = _median(action)
        verdict = "binnen" if seconds <= TARGET_S else "BOVEN"
        print(f"{label}: {_seconds(seconds)} ({format_decimal_nl(size / 1_000_000, 2)} MB), {verdict} de "
              f"streefwaarde van {_seconds(TARGET_S)}")
    with mock.patch.object(staticmap._Canvas, "draw_idle", staticmap.FigureCanvasAgg.draw_idle):
        naive, _ = _median(lambda: regional_report(data, context), runs=1)
    fast, _ = _median(lambda: regional_report(data, context), runs=1)
    print(f"Naïef (kaart bij elke laag opnieuw getekend): {_seconds(naive)} voor het regionale rapport, "
          f"{format_decimal_nl(naive / fast, 1)}× de tijd")


if __name__ == "__main__":
    main()
