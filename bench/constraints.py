"""Benchmark of the location check: ``python -m bench.constraints [--naief-volledig]``.

Checks 1.000, 10.000 and 100.000 random points inside the 11 gemeenten (and 10.000 squares of
100 × 100 m) against every theme with ``geo.toets.check_sites``, and compares it with a naive loop
over the sites that tests each site against all features of a layer without a spatial index. It
prints times, ratios and whether both give the same status and value for every site and theme; it
asserts nothing. The naive loop runs on at most 10.000 sites of a set (the first ones); for bigger
sets its time is extrapolated linearly and marked 'geschat', unless ``--naief-volledig`` is given.
"""

from __future__ import annotations

import argparse
import os
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.check import check_sites
from geo.constraints import load_themes
from geo.geodata import RD_NEW
from geo.numbers import format_count, format_decimal_nl
from geo.rules import Rule, classify, read_rules
from geo.sites import study_area

SIZES = (1_000, 10_000, 100_000)
SQUARES = 10_000
SQUARE_M = 100.0
NAIVE_LIMIT = 10_000
SEED = 2025
REPEATS = 3
TARGET_SECONDS, TARGET_RATIO, TARGET_SCALING = 1.0, 30.0, 12.0


def random_points(region: shapely.Geometry, count: int, rng: np.random.Generator) -> np.ndarray:
    """count uniformly random points inside region (rejection sampling in its bounding box)."""
    shapely.prepare(region)
    xmin, ymin, xmax, ymax = region.bounds
    found: list[np.ndarray] = []
    while sum(len(part) for part in found) < count:
        x, y = rng.uniform(xmin, xmax, 2 * count), rng.uniform(ymin, ymax, 2 * count)
        inside = shapely.contains_xy(region, x, y)
        found.append(shapely.points(x[inside], y[inside]))
    return np.concatenate(found)[:count]


def random_squares(region: shapely.Geometry, count: int, rng: np.random.Generator) -> np.ndarray:
    """count squares of SQUARE_M around random points, cut to the region (so they stay checkable)."""
    centres = random_points(region, count, rng)
    squares = shapely.buffer(centres, SQUARE_M / 2, cap_style="square")
    return shapely.intersection(squares, region)


def timed(function, *args, repeats: int = 1):
    """The result of the last call and the fastest of repeats wall-clock times in seconds."""
    best, result = np.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return result, best


def naive(geometries: np.ndarray, themes: dict[str, gpd.GeoDataFrame], rules: tuple[Rule, ...]) -> pd.DataFrame:
    """Status and value per site and theme with a loop over the sites and no spatial index."""
    rows = []
    for site, geometry in enumerate(geometries):
        for rule in (rule for rule in rules if rule.heeft_gegevens):
            features = themes[rule.thema].geometry.to_numpy()
            if rule.maat == "aandeel":
                value = _naive_share(geometry, features)
            else:
                origin = geometry if rule.gemeten_vanaf == "rand" else shapely.point_on_surface(geometry)
                value = float(np.round(shapely.distance(origin, features).min())) if len(features) else np.nan
            rows.append((site, rule.thema, classify(np.array([value]), rule)[0], value))
    return pd.DataFrame(rows, columns=["site", "thema", "status", "waarde"])


def _naive_share(geometry: shapely.Geometry, features: np.ndarray) -> float:
    """The share (%) of one site inside the features, tested against every feature."""
    touching = features[shapely.intersects(geometry, features)]
    if geometry.area == 0:
        return 100.0 if len(touching) else 0.0
    inside = shapely.area(shapely.intersection(geometry, touching)).sum()
    return float(np.round(min(100 * inside / geometry.area, 100.0), 1))


def differences(fast: pd.DataFrame, slow: pd.DataFrame) -> int:
    """How many site-theme results differ in status or value between the two methods."""
    merged = slow.merge(fast[["site", "thema", "status", "waarde"]], on=["site", "thema"], suffixes=("", "_snel"))
    same_value = np.isclose(merged["waarde"], merged["waarde_snel"], atol=0.05, equal_nan=True)
    return int((~same_value | (merged["status"] != merged["status_snel"])).sum())


def seconds(value: float) -> str:
    """A duration in Dutch notation."""
    return f"{format_decimal_nl(value, 3 if value < 10 else 1)} s"


def measure(label: str, geometries: np.ndarray, themes, rules, region, full_naive: bool) -> dict[str, float]:
    """Time both methods on one set of sites, print a line, and return the figures."""
    sites = gpd.GeoDataFrame(geometry=geometries, crs=RD_NEW)
    fast, fast_time = timed(check_sites, sites, themes, rules, region, repeats=REPEATS if len(sites) <= 10_000 else 1)
    sample = len(sites) if full_naive else min(len(sites), NAIVE_LIMIT)
    slow, slow_time = timed(naive, geometries[:sample], themes, rules)
    naive_time = slow_time * len(sites) / sample
    wrong = differences(fast, slow)
    checked = format_count(len(slow))
    same = f"ja ({checked} uitkomsten)" if wrong == 0 else f"NEE: {format_count(wrong)} van {checked} verschillen"
    naive_text = seconds(naive_time) + ("" if sample == len(sites) else f" (geschat uit {format_count(sample)})")
    print(f"{label:>22} | {seconds(fast_time):>10} | {format_decimal_nl(1e6 * fast_time / len(sites), 1):>9} µs "
          f"| {naive_text:>28} | {format_decimal_nl(naive_time / fast_time, 0):>6}× | {same}")
    return {"snel": fast_time, "naief": naive_time}


def main() -> None:
    """Run the benchmark and print the figures and how they compare with the targets."""
    parser = argparse.ArgumentParser(prog="python -m bench.constraints", description=__doc__.splitlines()[0])
    parser.add_argument("--naief-volledig", action="store_true", help="de naïeve lus op alle locaties draaien")
    args = parser.parse_args()
    rules, themes, region = read_rules(), load_themes(), study_area()
    rng = np.random.default_rng(SEED)
    features = sum(len(layer) for layer in themes.values())
    print(f"Locatietoets-benchmark: {len(rules)} thema's, waarvan {len(themes)} met een laag "
          f"({format_count(features)} objecten); willekeurige locaties in de 11 gemeenten (seed {SEED}); "
          f"{os.cpu_count()} processorkernen.")
    warm_up = gpd.GeoDataFrame(geometry=random_points(region, 100, rng), crs=RD_NEW)
    _, first = timed(check_sites, warm_up, themes, rules, region)
    print(f"Eenmalig (ruimtelijke indexen bouwen, geometrie voorbereiden, 100 locaties): {seconds(first)}")
    print(f"{'locaties':>22} | {'toets':>10} | {'per locatie':>12} | {'naïeve lus zonder index':>28} | "
          f"{'sneller':>7} | zelfde status en waarde")
    results = {size: measure(f"{format_count(size)} punten", random_points(region, size, rng), themes, rules, region,
                             args.naief_volledig) for size in SIZES}
    measure(f"{format_count(SQUARES)} vlakken", random_squares(region, SQUARES, rng), themes, rules, region,
            args.naief_volledig)
    ten, hundred = results[10_000]["snel"], results[100_000]["snel"]
    ratio = results[10_000]["naief"] / ten
    print("Doelen (gemeten, niet afgedwongen):")
    met = "ja" if ten <= TARGET_SECONDS else "nee"
    print(f"  10.000 punten binnen {format_decimal_nl(TARGET_SECONDS, 0)} s: {met} "
          f"({seconds(ten)})")
    print(f"  minstens {format_count(int(TARGET_RATIO))}× sneller dan de naïeve lus bij 10.000: "
          f"{'ja' if ratio >= TARGET_RATIO else 'nee'} ({format_decimal_nl(ratio, 0)}×)")
    print(f"  100.000 punten hoogstens ~{format_count(int(TARGET_SCALING))}× de tijd van 10.000: "
          f"{'ja' if hundred / ten <= TARGET_SCALING else 'nee'} ({format_decimal_nl(hundred / ten, 1)}×)")


if __name__ == "__main__":
    main()
