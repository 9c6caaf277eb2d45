"""The BO Wonen meeting view in Debian's Chromium, offline, as a projector shows it (1920×1080 and 1280×720):
the map fills at least half the screen with every gemeente named, the chart names every gemeente, the
type is large and dark enough, the arrow keys move through the subjects, and the reports download
marked and logged while embargoed, with nothing embargoed on the public's screens."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from access.accounts import add_account
from access.log import read_log
from geo.region import GEMEENTEN
from tests.browser import MAP_FRAME, map_frame, offline_page, running_app, screenshot
from tests.embargo import BEFORE, PASSWORD, leaks

pytestmark = pytest.mark.browser

SCREENS = [(1920, 1080), (1280, 720)]
# Every visible text in the page (outside the map's frame): its element, font size and the text itself.
TEXT_SIZES = """() => {
  const out = []; const main = document.querySelector('[data-testid="stMain"]');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT); let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim(); const el = node.parentElement;
    if (!text || el.closest('svg') || el.closest('[data-testid="stIconMaterial"]')) continue;
    const box = el.getBoundingClientRect(); if (box.width === 0 || box.height === 0) continue;
    out.push([el.tagName, parseFloat(getComputedStyle(el).fontSize), text.slice(0, 40)]);
  }
  return out; }"""
# The WCAG contrast ratio of an element's text against the first opaque background behind it.
CONTRAST = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = (c) => { const v = rgb(c).slice(0, 3).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  let bg = el; let colour = 'rgb(255, 255, 255)';
  while (bg) { const c = getComputedStyle(bg).backgroundColor; const a = rgb(c)[3];
               if (c && !(a !== undefined && a === 0) && c !== 'transparent') { colour = c; break; } bg = bg.parentElement; }
  const [l1, l2] = [lum(getComputedStyle(el).color), lum(colour)].sort((a, b) => b - a);
  return (l1 + 0.05) / (l2 + 0.05); }"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("home")) as url:
        yield url


def _open(browser, url: str, width: int, height: int, path: str = "/bo_wonen?presentatie=1"):
    page = offline_page(browser, width, height)
    page.goto(url + path)
    frame = map_frame(page)
    frame.locator(".wd-label").first.wait_for(timeout=30_000)
    page.wait_for_timeout(800)  # the map settles on its bounds after the frame is sized
    return page, frame


def _boxes(locator) -> list[dict]:
    return [item.bounding_box() for item in locator.all()]


def _overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def _current_map(page):
    """The map of the screen shown now (while a screen changes, the previous map lingers a moment, stale)."""
    expect(page.locator(f'[data-stale="true"] {MAP_FRAME}')).to_have_count(0,
                                                                                                       timeout=30_000)
    expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=30_000)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.wd-gemeente >> visible=true").first.wait_for(timeout=30_000)  # gemeenten out of view are culled
    return frame


def _title(page) -> str:
    return page.locator("h1.bo-title").inner_text()


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_on_a_projector_the_first_screen_is_readable_from_the_back_of_the_room(app_url, browser, width, height):
    """Map ≥ half the screen with every gemeente named, clear of each other and of the legend; figures ≥ 40 px,
    every other text ≥ 20 px, contrast ≥ 4,5:1; the chart names every gemeente in large type."""
    page, frame = _open(browser, app_url, width, height)
    assert not page.get_by_test_id("stSidebar").is_visible()
    screenshot(page, f"bo-wonen-{width}x{height}-regio")
    _map_fills_half_the_screen_with_every_name(page, frame, width, height)
    _type_is_large_and_dark_enough(page)
    _the_chart_names_every_gemeente(page)


def _map_fills_half_the_screen_with_every_name(page, frame, width: int, height: int) -> None:
    box = page.locator(MAP_FRAME).bounding_box()
    visible_height = min(box["y"] + box["height"], height) - max(box["y"], 0)
    assert box["width"] * visible_height >= 0.5 * width * height, (box, width, height)
    expect(frame.locator("path.wd-gemeente")).to_have_count(11)
    labels = frame.locator(".wd-label:not(.wd-project-label)")
    assert sorted(labels.all_inner_texts()) == sorted(GEMEENTEN)
    map_box = frame.locator(".leaflet-container").bounding_box()
    legend = frame.locator(".wd-panel").bounding_box()
    boxes = _boxes(labels)
    for label, item in zip(labels.all_inner_texts(), boxes):
        assert map_box["x"] <= item["x"] and item["x"] + item["width"] <= map_box["x"] + map_box["width"], label
        assert map_box["y"] <= item["y"] and item["y"] + item["height"] <= map_box["y"] + map_box["height"], label
        assert not _overlap(item, legend), f"de legenda bedekt {label}"
    assert min(float(x.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) for x in labels.all()) >= 20
    clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if _overlap(a, b)]
    assert clashes == [], "namen op de kaart overlappen"


def _type_is_large_and_dark_enough(page) -> None:
    values = page.locator(".bo-value")
    assert values.count() >= 8  # the deal's figures and the four risk figures, on the first screen
    assert min(float(v.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) for v in values.all()) >= 40
    small = [item for item in page.evaluate(TEXT_SIZES) if item[1] < 20]
    assert small == [], small
    for selector in (".bo-value", ".bo-label", ".bo-remark", ".bo-text", "h1.bo-title"):
        for element in page.locator(selector).all()[:6]:
            assert element.evaluate(CONTRAST) >= 4.5, selector
    assert "Wat staat op het spel" in page.locator(".st-key-bo_paneel").inner_text()


def _the_chart_names_every_gemeente(page) -> None:
    chart = page.locator(".st-key-bo_grafiek")
    chart.scroll_into_view_if_needed()
    names = chart.locator(".wd-chart-name").filter(has_text=re.compile("^(" + "|".join(GEMEENTEN) + ")$"))
    expect(names).to_have_count(11, timeout=15_000)
    boxes = _boxes(names)
    assert all(b["height"] > 0 for b in boxes)
    assert [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if _overlap(a, b)] == []
    assert min(float(n.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) for n in names.all()) >= 20


def test_the_arrow_keys_move_through_regio_each_gemeente_the_changes_and_the_risks(app_url, browser):
    page, _ = _open(browser, app_url, 1920, 1080)
    assert _title(page) == "West-Overijssel"
    page.keyboard.press("ArrowRight")
    expect(page.locator("h1.bo-title")).to_have_text("Dalfsen", timeout=15_000)
    _current_map(page).locator(".wd-label").filter(has_text="5").first.wait_for(timeout=15_000)
    screenshot(page, "bo-wonen-1920x1080-dalfsen")
    _current_map(page)
    page.keyboard.press("ArrowLeft")
    expect(page.locator("h1.bo-title")).to_have_text("West-Overijssel", timeout=15_000)
    for name in [*sorted(GEMEENTEN), "Veranderingen sinds 2022", "Locatierisico's"]:
        _current_map(page)  # a presenter moves on once the screen is there
        page.keyboard.press("ArrowRight")
        expect(page.locator("h1.bo-title")).to_have_text(name, timeout=15_000)
        if name in ("Veranderingen sinds 2022", "Locatierisico's"):
            _current_map(page).locator(".wd-label").first.wait_for()
            page.wait_for_timeout(800)
            screenshot(page, "bo-wonen-1920x1080-" + ("veranderingen" if name.startswith("V") else "risico"))
    _current_map(page)
    page.keyboard.press("ArrowRight")  # the last screen stays the last
    expect(page.locator("h1.bo-title")).to_have_text("Locatierisico's")
    assert "scherm=risico" in page.url
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Presentatiemodus")).to_be_visible(timeout=15_000)


def test_outside_presentation_mode_the_view_works_on_a_laptop_and_a_phone(app_url, browser):
    for width, height in ((1400, 900), (390, 844)):
        page, _ = _open(browser, app_url, width, height, "/bo_wonen?scherm=Zwolle")
        expect(page.locator("h1.bo-title")).to_have_text("Zwolle")
        expect(page.locator(".bo-table").first).to_contain_text("Zwolle Spoorzone")
        screenshot(page, f"bo-wonen-{width}-zwolle")


@pytest.fixture(scope="module")
def embargo_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("toegang")
    add_account(folder / "accounts.toml", "wethouder", "bestuurder", PASSWORD)
    env = {"WOONDEAL_NOW": BEFORE, "WOONDEAL_ACCOUNTS": str(folder / "accounts.toml"),
           "WOONDEAL_LOGIN_ATTEMPTS": str(folder / "pogingen.json"), "WOONDEAL_ACCESS_LOG": str(folder / "toegang.jsonl")}
    with running_app(tmp_path_factory.mktemp("home"), env) as url:
        yield url, folder / "toegang.jsonl"


def test_before_the_release_the_public_meeting_view_shows_nothing_embargoed(embargo_app, browser, secrets):
    url, _ = embargo_app
    page = offline_page(browser)
    for screen in ("regio", "Kampen", "veranderingen", "risico"):
        page.goto(f"{url}/bo_wonen?scherm={screen}")
        _current_map(page)
        page.wait_for_timeout(500)
        text = page.content() + "".join(f.content() for f in page.frames[1:])
        assert leaks(text, secrets) == [], screen
        if screen in ("regio", "veranderingen"):
            assert "nog niet openbaar" in text, screen


def test_a_bestuurder_downloads_the_reports_marked_and_logged(embargo_app, browser):
    url, log = embargo_app
    page = offline_page(browser, 1920, 1080, accept_downloads=True)
    page.goto(f"{url}/bo_wonen?scherm=Deventer")
    page.get_by_text("Inloggen (planners en bestuurders)").click()
    page.get_by_label("Gebruikersnaam").fill("wethouder")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".bo-embargo")).to_contain_text("EMBARGO tot en met 15 april 2025", timeout=30_000)
    _current_map(page)
    names = {}
    for label in ("PDF-rapport Deventer", "PDF-rapport West-Overijssel", "PNG van deze kaart (met legenda)"):
        if not page.get_by_role("button", name=label).is_visible():
            page.get_by_role("button", name="Rapporten").click()
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=label).click()
        download = info.value
        names[label] = download.suggested_filename
        with open(download.path(), "rb") as file:
            content = file.read()
        if label.startswith("PDF"):
            pages = [p.extract_text() for p in PdfReader(io.BytesIO(content)).pages]
            assert all("EMBARGO tot en met 15 april 2025" in p for p in pages)
    assert names == {"PDF-rapport Deventer": "EMBARGO-bo-wonen-deventer.pdf",
                     "PDF-rapport West-Overijssel": "EMBARGO-bo-wonen-regio.pdf",
                     "PNG van deze kaart (met legenda)": "EMBARGO-bo-wonen-deventer.png"}
    exported = [r["details"]["bestand"] for r in read_log(log) if r["gebeurtenis"] == "export_embargo"]
    assert set(names.values()) <= set(exported)
