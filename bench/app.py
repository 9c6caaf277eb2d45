"""Benchmark of the map application: ``python -m bench.app`` prints figures, asserts nothing.

1. The map payload of the default view (what st_folium sends to the browser), raw and gzipped,
   against a naive folium map of the same layers at full geometry and full coordinate precision.
2. The server time of a filter-change rerun (AppTest, median of several).
3. Cold start to the first rendered map in Debian's Chromium (server start + page load).
"""

from __future__ import annotations

import gzip
import json
import statistics
import tempfile
import time
from pathlib import Path

import folium
from streamlit.testing.v1 import AppTest

from geo import paths
from geo.dataset import load_dataset
from geo.geodata import WEB
from geo.numbers import format_decimal_nl

APP = str(paths.ROOT / "streamlit_app.py")
RERUNS = 7


def _size(text: str) -> tuple[int, int]:
    raw = text.encode("utf-8")
    return len(raw), len(gzip.compress(raw, compresslevel=6))


def _mb(count: int) -> str:
    return f"{format_decimal_nl(count / 1_000_000, 2)} MB"


def app_payload(session: dict | None = None) -> tuple[int, int]:
    """Size of the map component's arguments in one run of the app (what the browser receives)."""
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    return _size(args["script"] + args["feature_group"] + (args["layer_control"] or "") + args["html"])


def naive_payload() -> tuple[int, int]:
    """The same gemeenten and projects as plain folium GeoJSON: full geometry, full precision."""
    data = load_dataset()
    naive = folium.Map(location=(52.47, 6.22), zoom_start=10)
    gemeenten = data.gemeenten.to_crs(WEB)
    folium.GeoJson(gemeenten, tooltip=folium.GeoJsonTooltip(["gemeente"])).add_to(naive)
    projects = data.projects[data.projects["woningen_2024_2030"].notna()].to_crs(WEB)
    folium.GeoJson(projects.drop(columns=["alleen_na_2030", "afwijking"], errors="ignore"),
                   tooltip=folium.GeoJsonTooltip(["naam", "gemeente", "woningen_2024_2030"])).add_to(naive)
    folium.GeoJson(projects.assign(geometry=projects.representative_point())[["naam", "geometry"]],
                   marker=folium.CircleMarker(radius=6)).add_to(naive)
    folium.LayerControl().add_to(naive)
    return _size(naive.get_root().render())


def rerun_seconds() -> list[float]:
    """Server time of reruns that change a filter, after a first (cold) run of the session."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    choices = [["Deventer"], ["Zwolle", "Kampen"], [], ["Ommen"], ["Raalte"], [], ["Hardenberg"]]
    times = []
    for gemeenten in choices[:RERUNS]:
        at.session_state["f_gemeenten"] = gemeenten
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return times


def first_map_seconds() -> tuple[float, float, float]:
    """Seconds to the first drawn map: from starting the server, from opening the page (cold
    server), and from opening a page on the now warm server."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_chromium, map_frame, offline_page, running_app

    with tempfile.TemporaryDirectory() as home, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        started = time.perf_counter()
        with running_app(Path(home)) as url:
            page = offline_page(browser)
            opened = time.perf_counter()
            page.goto(url)
            map_frame(page)
            drawn = time.perf_counter()
            second = offline_page(browser)
            reopened = time.perf_counter()
            second.goto(url)
            map_frame(second)
            warm = time.perf_counter() - reopened
        browser.close()
    return drawn - started, drawn - opened, warm


def main() -> None:
    """Print every figure with the target from the issue next to it."""
    app_raw, app_gzip = app_payload()
    themes_raw, themes_gzip = app_payload({"k_lagen": ["natuurnetwerk", "groen", "buitendijks"]})
    naive_raw, naive_gzip = naive_payload()
    print("Kaart van de standaardweergave (wat de browser ontvangt)")
    print(f"  app:    {_mb(app_raw)} ({_mb(app_gzip)} gzip)   doel ≤ 1,00 MB")
    print(f"  naïef:  {_mb(naive_raw)} ({_mb(naive_gzip)} gzip)  volle geometrie, volle precisie")
    print(f"  factor: {format_decimal_nl(naive_raw / app_raw, 1)}× kleiner "
          f"({format_decimal_nl(naive_gzip / app_gzip, 1)}× gzip)   doel ≥ 10×")
    print(f"  met drie themalagen aan: {_mb(themes_raw)} ({_mb(themes_gzip)} gzip)")
    times = rerun_seconds()
    print(f"Rerun na filterwissel (server, {len(times)}×): mediaan {format_decimal_nl(statistics.median(times), 3)} s, "
          f"max {format_decimal_nl(max(times), 3)} s   doel ≤ 0,3 s")
    total, page, warm = first_map_seconds()
    print(f"Eerste kaart in Chromium: {format_decimal_nl(page, 2)} s na openen pagina "
          f"({format_decimal_nl(total, 2)} s inclusief starten server), "
          f"{format_decimal_nl(warm, 2)} s voor een volgende bezoeker   doel ≤ 3 s")


if __name__ == "__main__":
    main()
