"""Benchmark of the locatiekeuze workbench: ``python -m bench.workbench`` prints figures, asserts nothing.

1. Server time of one check of a drawn site (a polygon and a point) by the engine as the app holds it
   (theme layers with their spatial indexes built once per process), against a naive check that
   builds every index and the region again for each site, as a script would that reads the layers
   per request.
2. Server time of the page's rerun after a drawing (AppTest: the fragment with map, scorecard and
   comparison), for 1 to 6 sites.
3. In Debian's Chromium: from the click that finishes a drawing to its scorecard in the page, both
   moments taken in the browser. This includes streamlit-folium's fixed 250 ms wait before it
   reports a change of the map.

Targets (issue 10): one check ≤ 50 ms on the server, scorecard on screen ≤ 0,5 s.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import Point, box
from streamlit.testing.v1 import AppTest

from geo import paths
from geo.candidates import Candidate, engine, scorecards
from geo.check import check_sites
from geo.dataset import load_dataset
from geo.geodata import RD_NEW, WEB
from geo.numbers import format_decimal_nl
from geo.rules import read_rules
from geo.sites import study_area

APP = str(paths.ROOT / "streamlit_app.py")
SITES = {"vlak van 4 ha bij Zwolle": box(202_750, 502_025, 202_950, 502_225),
         "punt bij Deventer": Point(207_802, 474_667)}


def _ms(seconds: float) -> str:
    return f"{format_decimal_nl(seconds * 1000, 1)} ms"


def _timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def check_times(repeat: int) -> None:
    """One site through the app's engine (warm) and through a naive per-site check (cold indexes)."""
    data = load_dataset()
    checker = engine(data, read_rules())
    assert checker is not None
    for name, geometry in SITES.items():
        site = [Candidate("t1", name, "getekend", geometry)]
        scorecards(site, checker)  # first use builds the indexes, as the first planner of a process does
        warm = _timed(lambda site=site: scorecards(site, checker), repeat)

        def naive(geometry=geometry) -> None:
            fresh = {theme: layer.copy() for theme, layer in checker.themes.items()}  # no index yet
            check_sites(gpd.GeoDataFrame(geometry=[geometry], crs=RD_NEW), fresh, checker.rules,
                        study_area(data.gemeenten))

        cold = _timed(naive, max(3, repeat // 5))
        ratio = statistics.median(cold) / statistics.median(warm)
        print(f"  {name}: mediaan {_ms(statistics.median(warm))} (min {_ms(min(warm))}, {len(warm)}×); "
              f"naïef {_ms(statistics.median(cold))}: {format_decimal_nl(ratio, 1)}× trager   doel ≤ 50 ms")


def _web(geometry) -> dict:
    return shapely.geometry.mapping(gpd.GeoSeries([geometry], crs=RD_NEW).to_crs(WEB).iloc[0])


def rerun_times() -> None:
    """The page's rerun after each new drawing, up to six sites (AppTest, server only)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/locatiekeuze.py").run()
    features, times = [], []
    for number in range(6):
        square = box(202_000 + 400 * number, 502_000, 202_200 + 400 * number, 502_200)
        features.append({"type": "Feature", "properties": {}, "geometry": _web(square)})
        at.session_state["lk_kaart"] = {"all_drawings": list(features), "last_clicked": None}
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    print("  " + ", ".join(f"{n + 1}: {_ms(t)}" for n, t in enumerate(times)))


WATCH = """(text) => { window.__seen = null; if (window.__watch) { window.__watch.disconnect(); }
    window.__watch = new MutationObserver(function () {
        if (!window.__seen && document.body.innerText.indexOf(text) >= 0) {
            window.__seen = performance.timeOrigin + performance.now();
        }
    });
    window.__watch.observe(document.body, {childList: true, subtree: true, characterData: true}); }"""
CLICKS = """() => { window.__up = []; document.addEventListener('mouseup', function () {
    window.__up.push(performance.timeOrigin + performance.now()); }, true); }"""


def browser_times(drawings: int) -> None:
    """From the click that closes a polygon to its scorecard in the page, several drawings in a row.

    Both moments are taken in the browser (the last mouse-up in the map, and a MutationObserver that
    sees the scorecard's text arrive), so the test driver's own polling is not counted.
    """
    from playwright.sync_api import sync_playwright

    from tests.browser import MAP_FRAME, launch_chromium, offline_page, running_app

    with tempfile.TemporaryDirectory() as home, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        with running_app(Path(home)) as url:
            page = offline_page(browser)
            page.set_viewport_size({"width": 1920, "height": 1000})
            page.goto(f"{url}/locatiekeuze")
            frame = page.frame_locator(MAP_FRAME)
            frame.locator("path.wd-grens").first.wait_for(timeout=60_000)
            frame.locator(".leaflet-container").scroll_into_view_if_needed()
            for _ in range(3):
                frame.locator("a.leaflet-control-zoom-in").click()
                page.wait_for_timeout(350)
            container = frame.locator(".leaflet-container")
            container.evaluate(CLICKS)
            area = container.bounding_box()
            x, y = area["x"] + area["width"] / 2, area["y"] + area["height"] / 2
            times = []
            for number in range(drawings):
                frame.locator("a.leaflet-draw-draw-polygon").click()
                left, top = x - 300 + 45 * number, y - 20  # one row left of the centre, clear of the map panel
                corners = [(left, top), (left + 40, top), (left + 40, top + 40), (left, top + 40)]
                for cx, cy in corners:
                    page.mouse.move(cx, cy, steps=4)
                    page.mouse.click(cx, cy)
                    page.wait_for_timeout(120)
                page.mouse.move(*corners[0], steps=4)
                text = f"Locatie {number + 1} · Getekend"
                page.evaluate(WATCH, text)
                page.mouse.click(*corners[0])
                page.get_by_text(re.compile(rf"^{text}")).wait_for(timeout=30_000)
                times.append((page.evaluate("() => window.__seen") - container.evaluate("() => window.__up.at(-1)"))
                             / 1000)
                page.wait_for_timeout(600)
        browser.close()
    print(f"  mediaan {format_decimal_nl(statistics.median(times), 2)} s, min {format_decimal_nl(min(times), 2)} s, "
          f"max {format_decimal_nl(max(times), 2)} s ({len(times)} tekeningen; waarvan 0,25 s de vaste wachttijd "
          "van streamlit-folium)   doel ≤ 0,5 s")


def main(argv: list[str] | None = None) -> None:
    """Print every figure with its target."""
    parser = argparse.ArgumentParser(prog="python -m bench.workbench", description="Meet de locatiekeuze.")
    parser.add_argument("--herhaal", type=int, default=30, help="aantal toetsen per locatie (standaard 30)")
    parser.add_argument("--tekeningen", type=int, default=5, help="aantal tekeningen in Chromium (standaard 5)")
    args = parser.parse_args(argv)
    print("Toets van één getekende locatie (server)")
    check_times(args.herhaal)
    print("Rerun van de pagina na een tekening (server, AppTest), per aantal locaties")
    rerun_times()
    print("Van de laatste klik van een tekening tot de scorekaart op het scherm (Chromium)")
    browser_times(args.tekeningen)


if __name__ == "__main__":
    main()
