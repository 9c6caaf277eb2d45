"""Hostile text stays text: markup in every text the data can hold (theme labels, names, caveats, rule
texts, sources, the register, release titles) runs nowhere, in the app and in the static site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib

import pandas as pd
import pytest
import tomlkit
from playwright.sync_api import expect

from geo import paths
from geo.store import read_layers, write_layers
from tests.browser import map_frame, offline_page, running_app, screenshot
from tests.embargo import AFTER

pytestmark = pytest.mark.browser

PAYLOADS = (
    '<img src=x onerror="alert(\'wd-img\')">',
    '<svg onload="alert(\'wd-svg\')"></svg>',
    '<details open ontoggle="alert(\'wd-details\')">x</details>',
    '<iframe srcdoc="<script>parent.alert(\'wd-iframe\')</script>"></iframe>',
    "[klik](javascript:alert('wd-md')) :red[rood]",
)
PROJECT = "deventer-keizerslanden"
# Elements the payloads would create if they were parsed as HTML.
PARSED = "img[src='x'], svg[onload], details[ontoggle], iframe[srcdoc], a[href^='javascript']"


def hostile(text: object, number: int) -> str:
    """The text with a payload in front (a different one per row, so every payload reaches every place)."""
    return f"{PAYLOADS[number % len(PAYLOADS)]} {text}"


def _texts(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        frame[column] = [hostile(value, number) for number, value in enumerate(frame[column])]
    return frame


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    """A copy of data/ with a payload in every text a page, tooltip, legend or layer control shows."""
    data = tmp_path_factory.mktemp("data")
    projects = read_layers(paths.PROJECTS_GPKG)["sleutelprojecten"]
    write_layers(data / paths.PROJECTS_GPKG.name,
                 {"sleutelprojecten": _texts(projects, ("naam", "locatie_toelichting", "bron"))})
    gemeenten = read_layers(paths.GEMEENTEN_GPKG)
    write_layers(data / paths.GEMEENTEN_GPKG.name,
                 {"gemeenten": gemeenten["gemeenten"], "cijfers": _texts(gemeenten["cijfers"], ("onderwerp",))})
    constraints = read_layers(paths.CONSTRAINTS_GPKG)
    layers = {name: _texts(frame, ("naam",)) if "naam" in frame.columns else frame for name, frame in constraints.items()}
    layers["lagen"] = _texts(constraints["lagen"], ("label", "kanttekening"))
    cards = constraints["toetsing_sleutelprojecten"]
    labels = dict(zip(layers["lagen"]["thema"], layers["lagen"]["label"]))
    cards = _texts(cards.assign(label=cards["thema"].map(labels).fillna(cards["label"])), ("regel", "kanttekening"))
    layers["toetsing_sleutelprojecten"] = cards
    write_layers(data / paths.CONSTRAINTS_GPKG.name, layers)
    register = pd.read_csv(paths.AFWIJKINGEN, dtype=str, keep_default_na=False)
    _texts(register, ("onderwerp", "waarde_b", "toelichting")).to_csv(data / paths.AFWIJKINGEN.name, index=False)
    releases = tomlkit.parse(paths.RELEASES.read_text(encoding="utf-8"))
    releases["release"][1]["titel"] = hostile(releases["release"][1]["titel"], 0)
    (data / paths.RELEASES.name).write_text(tomlkit.dumps(releases), encoding="utf-8")
    assert tomllib.loads((data / paths.RELEASES.name).read_text(encoding="utf-8"))
    return data


def _watched(browser):
    """A page that records every dialog (an alert from any frame means a payload ran)."""
    page = offline_page(browser)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, dialogs


def _nothing_parsed(page) -> None:
    for frame in page.frames:
        assert frame.evaluate(f"() => document.querySelectorAll(\"{PARSED}\").length") == 0, frame.url


def test_hostile_texts_stay_text_on_every_page_of_the_app(hostile_data, browser, tmp_path):
    with running_app(tmp_path / "home", {"WOONDEAL_DATA": str(hostile_data), "WOONDEAL_NOW": AFTER}) as url:
        page, dialogs = _watched(browser)
        page.goto(f"{url}/?project={PROJECT}")
        frame = map_frame(page)
        panel = frame.locator(".wd-panel-body")
        themes = panel.locator("input[data-thema]")
        expect(themes).to_have_count(9, timeout=20_000)
        for number in range(4):  # four theme layers, each label with another payload
            themes.nth(number).check()
        for payload in PAYLOADS[:4]:
            expect(panel.locator(".wd-themes")).to_contain_text(payload)
        expect(frame.locator("path.wd-thema")).not_to_have_count(0, timeout=20_000)
        frame.locator("path.wd-project-symbool >> visible=true").first.hover()  # the map opens on the project
        expect(page.get_by_text("Cijfers en bronnen")).to_be_visible(timeout=20_000)
        expect(page.get_by_text(PAYLOADS[0]).first).to_be_visible()
        screenshot(page, "vijandige-tekst-kaart")
        _nothing_parsed(page)
        for name in ("tabellen", "afwijkingen", "over"):
            page.goto(f"{url}/{name}")
            page.get_by_role("heading").first.wait_for(timeout=30_000)
            page.wait_for_timeout(1500)
            _nothing_parsed(page)
        assert dialogs == []


def test_hostile_texts_stay_text_in_the_static_site(hostile_data, browser, tmp_path):
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "staticsite", str(out), "--data", str(hostile_data)],
                            cwd=paths.ROOT, capture_output=True, text=True, env={**os.environ, "WOONDEAL_NOW": AFTER})
    assert result.returncode == 0, result.stderr
    for name in ("index.html", "kaart.html"):
        page, dialogs = _watched(browser)
        page.goto(out.joinpath(name).as_uri())
        frame = page.frame_locator("iframe") if name == "index.html" else page
        expect(frame.locator("path.wd-gemeente")).to_have_count(11, timeout=30_000)
        panel = frame.locator(".wd-panel-body")
        expect(panel.locator(".wd-themes")).to_contain_text(PAYLOADS[0])
        panel.locator("input[data-thema]").first.check()
        expect(frame.locator("path.wd-thema")).not_to_have_count(0, timeout=20_000)
        if name == "index.html":
            expect(page.get_by_text(PAYLOADS[1]).first).to_be_attached()
        page.wait_for_timeout(500)
        _nothing_parsed(page)
        assert dialogs == [], name
    shutil.rmtree(out)
