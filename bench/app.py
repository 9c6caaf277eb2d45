"""Benchmark of the app as a user feels it: ``python -m bench.app`` prints figures, asserts nothing.

Every time in Chromium is also printed as a ratio against baselines measured in the same run, because
absolute times on these machines vary from run to run: the static public site's map (``kaart.html``,
opened from disk) and a bare Leaflet page with the same GeoJSON. A later visitor's first map is also set
against two Streamlit pages served the same way (a new browser each time): one that shows only a text,
the floor of Streamlit's own front end, and the naive map, one ``st_folium`` call with the same GeoJSON.
Times are taken in the page, from its navigation start (or from just before a click) to the animation frame
that has the element, in a Chromium that cannot resolve any host but 127.0.0.1.
Rows:

1. first map for the first visitor after the server starts, and for a later visitor;
2. a theme layer switched on, until it is drawn; a period change, until the map shows it (to a map the
   server had not made yet, and to one made before); a page switch;
3. the server time of a rerun after a filter change (AppTest, median), to choices not made before, and
   to the same choices again;
4. the size of the static ``kaart.html`` (themes are loaded when switched on, not carried in the page);
5. the import time of everything the app imports (what the entry point and the pages import, as
   ``ui.serve`` imports it before the server takes visitors: with the garbage collector paused; the plain
   import is printed beside it);
6. a national-size simulation (342 gemeenten, 12 regions × 50 projects): the map payload and the server
   time to build it for one region's view, against the regional data.
"""

from __future__ import annotations

import json
import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from geo import paths
from geo.dataset import load_dataset
from geo.display import for_web, project_display
from geo.numbers import format_decimal_nl
from geo.releases import now
from layers.base import LEAFLET
from layers.mapview import MapOptions, overlays
from tests.browser import MAP_FRAME
from ui.serve import CONTEXT_LOGGER, app_imports

APP = str(paths.ROOT / "streamlit_app.py")
# Filter choices for the timed reruns, 14 different ones, none the first run's (all gemeenten): the server
# keeps a map it made (ui/kaartmap.py), so a choice made before is timed apart, as the choices again.
# On these shared machines one rerun varies by ±30 ms, so the median of 14 moves less than that of 7.
RERUN_CHOICES = [["Deventer"], ["Zwolle", "Kampen"], ["Ommen"], ["Raalte"], ["Hardenberg"], ["Dalfsen"], ["Kampen"],
                 ["Olst-Wijhe"], ["Staphorst"], ["Steenwijkerland"], ["Zwartewaterland"], ["Zwolle"],
                 ["Deventer", "Raalte"], ["Ommen", "Hardenberg"]]
# The period changes timed in Chromium: the two periods the first map did not show, then all three again
PERIOD_CHOICES = (("Woondeal 2022", 35), ("Doorkijk 2031–2035", 29), ("2024 t/m 2030", 50)) * 2
# No internet inside Chromium (tiles fail at once) without routing every request through Playwright, which
# a visitor's browser does not do and which cost 0,2–0,4 s of a first map of ~110 requests.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
# Times are taken in the page (performance.now() at the animation frame that has the element), not where
# Playwright sees the element: its polling of a frame added up to half a second to a first map.
_PROBE = """
window.wdFound = (frame, css, count) => {
  let root = document;
  if (frame) {
    const el = document.querySelector(frame);
    try { root = el && el.contentDocument; } catch (e) { root = null; }
  }
  if (!root) return false;
  return count === null ? root.querySelector(css) !== null : root.querySelectorAll(css).length === count;
};
window.wdWhen = (frame, css, count) => new Promise((resolve, reject) => {
  const deadline = performance.now() + 120000;
  const poll = () => {
    if (wdFound(frame, css, count)) resolve(performance.now());
    else if (performance.now() > deadline) reject(new Error("niet getekend: " + css));
    else requestAnimationFrame(poll);
  };
  poll();
});
"""
DOCUMENTS = ("woondeal_documenten", "woondeal_2022")  # every release public: the legends cite both
TARGETS = {
    "first": 3.0, "later": 1.5, "theme": 0.5, "filter": 0.7, "switch": 0.5, "rerun": 0.1, "kaart_mb": 0.5,
    "import": 1.0, "national": 2.0,
}


def seconds(value: float) -> str:
    """A duration in Dutch notation."""
    return f"{format_decimal_nl(value, 2)} s"


def _row(label: str, value: str, target: str, met: bool, ratio: str = "") -> None:
    print(f"  {label:<48} {value:>10}   doel {target:<24} {'gehaald' if met else 'NIET gehaald'}  {ratio}")


# --- baselines: the static site's map and a bare Leaflet page -----------------------------------------

def _layers() -> tuple[dict, dict]:
    """The gemeenten and the project symbols of the app's default map, as GeoJSON."""
    data = load_dataset()
    gemeenten = json.loads(for_web(data.gemeenten)[["gemeente", "geometry"]].to_json())
    projects = project_display(data.projects[data.projects["woningen_2024_2030"].notna()])
    return gemeenten, json.loads(gpd.GeoDataFrame({"naam": projects["naam"]}, geometry=projects["marker"]).to_json())


def _bare_leaflet(folder: Path) -> Path:
    """A plain Leaflet page with the same gemeenten and projects GeoJSON as the app's default map."""
    gemeenten, symbols = _layers()
    leaflet = paths.ROOT / "static" / LEAFLET
    page = folder / "leaflet.html"
    css, script = (leaflet / "leaflet.css").as_uri(), (leaflet / "leaflet.js").as_uri()
    page.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{css}"><script src="{script}"></script>
<style>html,body,#map{{height:100%;margin:0}}</style></head><body><div id="map"></div><script>
var map = L.map('map').setView([52.47, 6.22], 10);
L.geoJSON({json.dumps(gemeenten)}, {{className: 'wd-gemeente'}}).addTo(map);
L.geoJSON({json.dumps(symbols)}, {{pointToLayer: (f, ll) => L.circleMarker(ll, {{radius: 6}})}}).addTo(map);
</script></body></html>""", encoding="utf-8")
    return page


def _draw_time(browser, url: str) -> float:
    """Seconds from opening a page until its first gemeente is drawn (median of three)."""
    return statistics.median(_visits(browser, url, None, "path.wd-gemeente", 3))


_STREAMLIT_TEXT = 'import streamlit as st\n\nst.write("Hallo")\n'
_STREAMLIT_MAP = f"""import json
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

gemeenten, symbols = json.loads(Path(__file__).with_name("lagen.json").read_text())
folium.Map.default_js = [("leaflet", "/app/static/{LEAFLET}/leaflet.js")]
folium.Map.default_css = [("leaflet_css", "/app/static/{LEAFLET}/leaflet.css")]
m = folium.Map(location=[52.47, 6.22], zoom_start=10, tiles=None)
folium.GeoJson(gemeenten, style_function=lambda feature: {{"className": "wd-gemeente"}}).add_to(m)
folium.GeoJson(symbols, marker=folium.CircleMarker(radius=6)).add_to(m)
st_folium(m, height=560, use_container_width=True, returned_objects=[])
"""


def _streamlit_baselines(folder: Path) -> tuple[Path, Path]:
    """Two plain Streamlit scripts with the app's settings: one text, and the naive map (one st_folium call,
    the same GeoJSON, Leaflet served locally as the app does, no tiles)."""
    shutil.copytree(paths.ROOT / "static" / LEAFLET, folder / "static" / LEAFLET)  # Streamlit refuses symlinks
    shutil.copytree(paths.ROOT / ".streamlit", folder / ".streamlit")  # the app's server and browser settings
    (folder / "lagen.json").write_text(json.dumps(_layers()), encoding="utf-8")
    text, naive = folder / "tekst.py", folder / "kaart.py"
    text.write_text(_STREAMLIT_TEXT, encoding="utf-8")
    naive.write_text(_STREAMLIT_MAP, encoding="utf-8")
    return text, naive


def _later_visitor(browser, url: str, frame: str | None, css: str) -> float:
    """Seconds until ``css`` is drawn for a new browser, median of three, after one visit that warms the server."""
    return statistics.median(_visits(browser, url, frame, css, 4)[1:])


def streamlit_floor(browser, home: Path, folder: Path) -> tuple[float, float]:
    """A later visitor's seconds to a plain Streamlit page's one text, and to the naive map's first gemeente."""
    from tests.browser import running_app

    text, naive = _streamlit_baselines(folder)
    with running_app(home, script=text) as url:
        floor = _later_visitor(browser, url, None, '[data-testid="stMarkdownContainer"] p')
    with running_app(home, script=naive) as url:
        return floor, _later_visitor(browser, url, MAP_FRAME, "path.wd-gemeente")


# --- timing in the page ----------------------------------------------------------------------------------

def _open(browser, url: str, frame: str | None, css: str):
    """A new browser on ``url`` and the seconds from its navigation start until ``css`` was drawn there."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 1000})
    context.add_init_script(_PROBE + f"if (window === window.top) window.wdShown = wdWhen({json.dumps(frame)}, "
                                     f"{json.dumps(css)}, null);")
    page = context.new_page()
    page.goto(url)
    return page, page.evaluate("wdShown") / 1000


def _visits(browser, url: str, frame: str | None, css: str, count: int) -> list[float]:
    """Seconds to ``css`` for ``count`` new browsers one after another."""
    times = []
    for _ in range(count):
        page, shown = _open(browser, url, frame, css)
        times.append(shown)
        page.context.close()
    return times


def _after(page, action, css: str, count: int | None = None, frame: str | None = MAP_FRAME) -> float:
    """Seconds from just before ``action()`` until ``css`` is drawn (``count`` times, if given), timed in the page."""
    page.evaluate("([frame, css, count]) => { window.wdStart = performance.now(); "
                  "window.wdDone = wdWhen(frame, css, count); }", [frame, css, count])
    action()
    return (page.evaluate("wdDone") - page.evaluate("wdStart")) / 1000


# --- the app in Chromium -----------------------------------------------------------------------------

def _map_drawn(page) -> None:
    """Wait (untimed) until the app's map has drawn its first gemeente again."""
    page.frame_locator(MAP_FRAME).locator("path.wd-gemeente").first.wait_for(timeout=120_000)


def _public_site_current(timeout: float = 60) -> None:
    """Have the app's public site hold the releases public now before the server starts, as a server that
    ran before has it: otherwise its start builds the site (ui.publicsite), and the timed visits share the
    two cores with that build (after a test run as of another moment, for one)."""
    from geo.releases import read_releases
    from ui.publicsite import public_site_url

    deadline = time.monotonic() + timeout
    while public_site_url(now(), read_releases()) is None and time.monotonic() < deadline:
        time.sleep(0.2)


def browser_figures(browser, home: Path) -> dict[str, float]:
    """First and later visitor, theme layer, period change and page switch, in seconds."""
    from tests.browser import running_app, settled

    _public_site_current()
    figures: dict[str, float] = {}
    started = time.perf_counter()
    with running_app(home) as url:
        figures["server"] = time.perf_counter() - started
        page, figures["first"] = _open(browser, url, MAP_FRAME, "path.wd-gemeente")
        figures["later"] = statistics.median(_visits(browser, url, MAP_FRAME, "path.wd-gemeente", 3))
        settled(page)
        frame = page.frame_locator(MAP_FRAME)
        figures["theme"] = statistics.median(
            _after(page, frame.locator(f"input[data-thema={theme}]").check, f"path.wd-thema-{theme}")
            for theme in ("natura2000", "buitendijks", "natuurnetwerk"))
        radio = page.get_by_test_id("stRadioGroup")
        periods = [_after(page, radio.get_by_text(label, exact=True).click, "path.wd-project-symbool", count)
                   for label, count in PERIOD_CHOICES]
        figures["filter"] = statistics.median(periods[:2])  # maps the server had not made before
        figures["filter_seen"] = statistics.median(periods[2:])
        switches = []
        for _ in range(3):
            switches.append(_after(page, page.get_by_role("link", name="Tabellen", exact=True).click,
                                   '[data-testid="stDataFrame"]', frame=None))
            page.get_by_role("link", name="Kaart", exact=True).click()
            _map_drawn(page)
        figures["switch"] = statistics.median(switches)
        page.context.close()
    return figures


# --- server, page size, imports ------------------------------------------------------------------------

def rerun_seconds() -> tuple[list[float], list[float]]:
    """Server time of reruns that change a filter, after a first (cold) run of the session: to choices
    not made before, then to the same choices again (their maps kept). The server compiles each page once
    (one ScriptCache per runtime); AppTest makes a new cache for every run, so here one cache is shared
    to time what the server does, not the recompiling of the harness."""
    shared = ScriptCache()
    # AppTest's own calls outside a run, not the app's; a filter, since Streamlit resets its loggers' levels
    logging.getLogger(CONTEXT_LOGGER).addFilter(lambda record: record.levelno >= logging.ERROR)
    with mock.patch("streamlit.testing.v1.app_test.ScriptCache", return_value=shared):
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        times = []
        for gemeenten in RERUN_CHOICES * 2:
            at.session_state["f_gemeenten"] = gemeenten
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
    return times[:len(RERUN_CHOICES)], times[len(RERUN_CHOICES):]


def import_seconds() -> tuple[float, float, float]:
    """Seconds to import everything the app imports in a fresh process as ``ui.serve`` does (collector
    paused), the same as plain imports, and the seconds to start Python itself."""
    def timed(code: str) -> float:
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT, check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
        return min(runs)

    bare = timed("pass")
    served = timed("from ui.serve import import_app; import_app()") - bare
    return served, timed("import " + ", ".join(app_imports())) - bare, bare


# --- national-size simulation ---------------------------------------------------------------------------

def _shifted(frame: gpd.GeoDataFrame, shift: np.ndarray) -> np.ndarray:
    """The frame's geometries moved by (dx, dy) metres."""
    return shapely.transform(frame.geometry.to_numpy(), lambda xy: xy + shift)


def national(regional_gemeenten: gpd.GeoDataFrame, regional_projects: gpd.GeoDataFrame,
             seed: int = 2025) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """342 gemeenten in 12 regions and 50 projects per region, in the layout the app reads. Each region is
    the real region shifted, cut into a grid of gemeenten (as many as the Netherlands has per region);
    its projects are a sample of the real ones, shifted with it."""
    rng = np.random.default_rng(seed)
    xmin, ymin, xmax, ymax = regional_gemeenten.total_bounds
    width, height = xmax - xmin, ymax - ymin
    outline = shapely.union_all(regional_gemeenten.geometry.to_numpy())
    cells = shapely.box(*np.meshgrid(np.linspace(xmin, xmax, 8)[:-1], np.linspace(ymin, ymax, 7)[:-1]),
                        *np.meshgrid(np.linspace(xmin, xmax, 8)[1:], np.linspace(ymin, ymax, 7)[1:])).ravel()
    parts = shapely.intersection(cells, outline)
    parts = parts[~shapely.is_empty(parts)][:29]
    gemeenten, projects = [], []
    for region in range(12):
        shift = np.array([(region % 4) * width * 1.05, (region // 4) * height * 1.05])
        own = gpd.GeoDataFrame(geometry=parts, crs=regional_gemeenten.crs)
        gemeenten.append(own.assign(geometry=_shifted(own, shift), regio=region,
                                    gemeente=[f"Gemeente {region + 1}-{i + 1}" for i in range(len(parts))]))
        sample = regional_projects.sample(50, replace=True, random_state=int(rng.integers(1 << 31)))
        projects.append(sample.assign(geometry=_shifted(sample, shift), regio=region,
                                      project_id=[f"r{region}-{i}" for i in range(50)]))
    every = gpd.GeoDataFrame(pd.concat(gemeenten, ignore_index=True), crs=regional_gemeenten.crs).iloc[:342]
    for column in ("woningen_2024_2030",):
        every[column] = rng.integers(200, 5_000, len(every))
    return every, gpd.GeoDataFrame(pd.concat(projects, ignore_index=True), crs=regional_projects.crs)


def view_cost(gemeenten: gpd.GeoDataFrame, projects: gpd.GeoDataFrame) -> tuple[int, float]:
    """The map payload (bytes) of one view's overlays and the server time to build it (median of five);
    display geometry is prepared once, as the app does."""
    import folium

    gemeenten_web, projects_web = for_web(gemeenten), project_display(projects)
    shown = projects_web.assign(woningen=projects["woningen_2024_2030"])
    times, size = [], 0
    for _ in range(5):
        start = time.perf_counter()
        groups = overlays(gemeenten_web, shown, "woningen_2024_2030", MapOptions(), float(shown["woningen"].max()),
                          documents=DOCUMENTS)
        holder = folium.Map()
        for group in groups:
            group.add_to(holder)
        size = len(holder.get_root().render().encode("utf-8"))
        times.append(time.perf_counter() - start)
    return size, statistics.median(times)


def main() -> None:
    """Print every figure with its target and its ratio to the baselines."""
    from playwright.sync_api import sync_playwright

    from staticsite.publish import write_site
    from tests.browser import launch_chromium

    print("Benchmark van de app (gemeten, niet afgedwongen)")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        work = Path(folder)
        write_site(work / "site", paths.DATA, now())
        kaart = work / "site" / "kaart.html"
        browser = launch_chromium(playwright, OFFLINE)
        static = _draw_time(browser, kaart.as_uri())
        bare = _draw_time(browser, _bare_leaflet(work).as_uri())
        floor, naive = streamlit_floor(browser, work / "home", work / "streamlit")
        figures = browser_figures(browser, work / "home")
        browser.close()
        size = kaart.stat().st_size
    print(f"  Basis: statische kaart.html {seconds(static)}, kale Leaflet-pagina {seconds(bare)} "
          "tot de eerste gemeente")

    def ratio(value: float) -> str:
        return (f"({format_decimal_nl(value / static, 1)}× statische kaart, "
                f"{format_decimal_nl(value / bare, 1)}× kale Leaflet)")

    _row("eerste kaart, eerste bezoeker na start", seconds(figures["first"]), "≤ 3 s en ≤ 3× statische kaart",
         figures["first"] <= TARGETS["first"] and figures["first"] <= 3 * static, ratio(figures["first"]))
    print(f"  {'':<48} (de server was {seconds(figures['server'])} na het starten gezond)")
    _row("eerste kaart, volgende bezoeker", seconds(figures["later"]), "≤ 1,5 s",
         figures["later"] <= TARGETS["later"], ratio(figures["later"]))
    print(f"  {'':<48} (Streamlit zelf, ook een nieuwe browser: één tekst {seconds(floor)}, naïeve kaart met "
          f"st_folium {seconds(naive)}; de app is {format_decimal_nl(figures['later'] / floor, 1)}× de tekst en "
          f"{format_decimal_nl(figures['later'] / naive, 1)}× de naïeve kaart)")
    _row("themalaag aan, tot getekend", seconds(figures["theme"]), "≤ 0,5 s", figures["theme"] <= TARGETS["theme"],
         ratio(figures["theme"]))
    _row("periode gewisseld, tot de kaart het toont", seconds(figures["filter"]), "≤ 0,7 s",
         figures["filter"] <= TARGETS["filter"], ratio(figures["filter"]))
    print(f"  {'':<48} (kaarten die de server nog niet had; een eerder gevraagde: {seconds(figures['filter_seen'])})")
    _row("naar een andere pagina (Tabellen)", seconds(figures["switch"]), "≤ 0,5 s",
         figures["switch"] <= TARGETS["switch"], ratio(figures["switch"]))
    reruns, again = rerun_seconds()
    median = statistics.median(reruns)
    _row(f"rerun op de server na filterwissel ({len(reruns)}×, mediaan)", seconds(median), "≤ 0,1 s",
         median <= TARGETS["rerun"], f"(max {seconds(max(reruns))}; elk een nieuwe keuze)")
    print(f"  {'':<48} (dezelfde keuzes nog eens, hun kaart bewaard: mediaan {seconds(statistics.median(again))})")
    _row("statische kaart.html", f"{format_decimal_nl(size / 1e6, 2)} MB", "≤ 0,5 MB",
         size <= TARGETS["kaart_mb"] * 1e6, "(themalagen worden pas bij aanzetten geladen)")
    imports, plain, python = import_seconds()
    _row("importeren van de app (zoals ui.serve)", seconds(imports), "≤ 1 s", imports <= TARGETS["import"],
         f"(bovenop {seconds(python)} voor Python zelf; met de garbage collector aan {seconds(plain)})")
    data = load_dataset()
    regional_size, regional_time = view_cost(data.gemeenten, data.projects[data.projects["woningen_2024_2030"].notna()])
    gemeenten, projects = national(data.gemeenten, data.projects[data.projects["woningen_2024_2030"].notna()])
    national_all = view_cost(gemeenten, projects)
    one_region = view_cost(gemeenten[gemeenten["regio"] == 0], projects[projects["regio"] == 0])
    print(f"  Landelijke simulatie: {len(gemeenten)} gemeenten, {len(projects)} projecten in 12 regio's")
    _row("  kaart van één regio, landelijke gegevens", f"{format_decimal_nl(one_region[0] / regional_size, 2)}×",
         "≤ 2× regionaal", one_region[0] <= TARGETS["national"] * regional_size,
         f"(payload {format_decimal_nl(one_region[0] / 1e6, 2)} MB tegen "
         f"{format_decimal_nl(regional_size / 1e6, 2)} MB; opbouw {seconds(one_region[1])} tegen "
         f"{seconds(regional_time)})")
    print(f"  {'':<48} (alles tegelijk: {format_decimal_nl(national_all[0] / 1e6, 2)} MB, {seconds(national_all[1])})")


if __name__ == "__main__":
    main()
