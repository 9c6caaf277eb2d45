"""Locatiekeuze in Debian's Chromium, offline: draw with the mouse, click, upload, compare, share, print."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from access.accounts import add_account
from access.log import read_log
from geo.constraints import load_themes
from tests.browser import MAP_FRAME, offline_page, running_app, screenshot
from tests.embargo import BEFORE, PASSWORD
from tests.test_browser_embargo import login

pytestmark = pytest.mark.browser
FRAME = MAP_FRAME


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    return tmp_path_factory.mktemp("toegang") / "toegang.jsonl"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, log):
    with running_app(tmp_path_factory.mktemp("home"), {"WOONDEAL_ACCESS_LOG": str(log)}) as url:
        yield url


def open_workbench(browser, url: str, width: int = 1400, **options):
    page = offline_page(browser, **options)
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(url)
    frame = page.frame_locator(FRAME)
    frame.locator("path.wd-grens").first.wait_for(timeout=60_000)
    frame.locator(".leaflet-container").scroll_into_view_if_needed()
    return page, frame


def map_centre(frame) -> tuple[float, float]:
    box = frame.locator(".leaflet-container").bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def zoom_in(page, frame, times: int = 3) -> None:
    for _ in range(times):
        frame.locator("a.leaflet-control-zoom-in").click()
        page.wait_for_timeout(350)


def draw_polygon(page, frame, x: float, y: float, half: float = 22) -> None:
    """Draw a square with the polygon tool as a planner would: move, click each corner, click the first."""
    frame.locator("a.leaflet-draw-draw-polygon").click()
    corners = [(x - half, y - half), (x + half, y - half), (x + half, y + half), (x - half, y + half)]
    for cx, cy in corners:
        page.mouse.move(cx, cy, steps=4)
        page.mouse.click(cx, cy)
        page.wait_for_timeout(120)
    page.mouse.move(*corners[0], steps=4)
    page.mouse.click(*corners[0])


def settle(page) -> None:
    """Wait until the app has finished its run (Streamlit shows its status widget while it runs)."""
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=30_000)


def choose_project(page, name: str) -> None:
    """Pick a sleutelproject in the list by typing part of its name."""
    settle(page)
    page.get_by_label("Sleutelproject").click()
    page.keyboard.type(name.split(" (", maxsplit=1)[0])
    page.get_by_role("option", name=name).click()


def grid_text(page, index: int) -> str:
    """The cells of a dataframe as its accessibility table shows them."""
    grid = page.get_by_test_id("stDataFrame").nth(index)
    grid.locator('[role="gridcell"]').first.wait_for(state="attached", timeout=15_000)
    return " | ".join(grid.locator('[role="columnheader"], [role="gridcell"]').all_inner_texts())


def comparison_headers(page) -> list[str]:
    grid = page.get_by_test_id("stDataFrame").nth(1)
    grid.locator('[role="columnheader"]').first.wait_for(state="attached", timeout=15_000)
    return grid.locator('[role="columnheader"]').all_inner_texts()


def test_a_planner_draws_clicks_compares_three_sites_shares_and_prints(app_url, browser):
    page, frame = open_workbench(browser, f"{app_url}/locatiekeuze", width=1920, accept_downloads=True)
    zoom_in(page, frame)
    x, y = map_centre(frame)
    draw_polygon(page, frame, x - 80, y)
    expect(page.get_by_text(re.compile(r"Locatie 1 · Getekend op de kaart · [\d.,]+ ha"))).to_be_visible(timeout=15_000)
    expect(frame.locator(".wd-locatienaam")).to_have_text(["Locatie 1"])
    card = grid_text(page, 0)
    assert "Uitkomst" in card and "Nabij een primaire waterkering" in card
    assert re.search(r"(✖ knelpunt|▲ aandacht|✔ geen bezwaar|\? geen gegevens)", card)
    screenshot(page, "locatiekeuze-getekend")

    page.mouse.move(x + 90, y + 10, steps=4)
    page.mouse.click(x + 90, y + 10)
    expect(page.get_by_text("Wat geldt hier? · Aangeklikt punt · punt")).to_be_visible(timeout=15_000)
    expect(frame.locator("path.wd-klik")).to_have_count(1)
    settle(page)
    page.get_by_role("button", name="Bewaar dit punt als locatie").click()
    expect(page.get_by_text(re.compile(r"Punt 2 · Aangeklikt punt · punt"))).to_be_visible(timeout=15_000)

    choose_project(page, "Bathmen (Deventer)")
    expect(page.get_by_text("Vergelijking van 3 locaties")).to_be_visible(timeout=15_000)
    expect(frame.locator(".wd-locatienaam")).to_have_text(["Locatie 1", "Punt 2", "Bathmen"])
    page.wait_for_timeout(500)
    assert comparison_headers(page)[:5] == ["Thema", "Locatie 1", "Punt 2", "Bathmen", "Verschil"]
    table = grid_text(page, 1)
    assert "Zwaarste uitkomst" in table and "Omvang" in table and "(sleutelproject)" in table
    screenshot(page, "locatiekeuze-vergelijking-1920")

    with page.expect_download() as info:
        page.get_by_role("button", name="Scorekaart als PDF (afdrukbaar)").click()
    pdf = info.value
    assert pdf.suggested_filename == "locatietoets-Bathmen.pdf"
    reader = PdfReader(io.BytesIO(open(pdf.path(), "rb").read()))
    assert "Locatietoets: Bathmen" in reader.pages[0].extract_text()

    with page.expect_download() as info:
        page.get_by_role("button", name="Vergelijking als CSV").click()
    csv = open(info.value.path(), encoding="utf-8-sig").read()
    assert csv.splitlines()[0].startswith("Locatie;Soort;Omvang;Thema;Uitkomst;Waarde")
    assert csv.count("\n") == 1 + 3 * (len(load_themes()) + 4)

    link = page.url
    assert "plek=" in link and "%40deventer-bathmen" in link
    colleague, colleague_frame = open_workbench(browser, link)
    expect(colleague.get_by_text("Vergelijking van 3 locaties")).to_be_visible(timeout=30_000)
    expect(colleague_frame.locator(".wd-locatienaam")).to_have_text(["Locatie 1", "Punt 2", "Bathmen"])
    colleague.set_viewport_size({"width": 1920, "height": 1000})
    colleague.wait_for_timeout(800)
    assert comparison_headers(colleague)[:5] == ["Thema", "Locatie 1", "Punt 2", "Bathmen", "Verschil"]
    assert grid_text(colleague, 1) == table
    for width in (390, 1400):
        colleague.set_viewport_size({"width": width, "height": 1000})
        colleague.wait_for_timeout(800)
        screenshot(colleague, f"locatiekeuze-gedeelde-link-{width}")


def test_a_drawing_deleted_with_the_tools_leaves_the_comparison(app_url, browser):
    page, frame = open_workbench(browser, f"{app_url}/locatiekeuze")
    zoom_in(page, frame)
    x, y = map_centre(frame)
    draw_polygon(page, frame, x, y)
    expect(page.get_by_text(re.compile(r"Locatie 1 · Getekend op de kaart"))).to_be_visible(timeout=15_000)
    frame.locator("a.leaflet-draw-edit-remove").click()
    page.mouse.click(x, y)
    frame.get_by_text("Bewaren").click()
    expect(page.get_by_text("'Locatie 1' is verwijderd.")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Vergelijking van")).to_have_count(0)
    expect(frame.locator(".wd-locatienaam")).to_have_count(0)


def test_a_drawing_outside_the_region_is_refused_and_taken_off_the_map(app_url, browser):
    page, frame = open_workbench(browser, f"{app_url}/locatiekeuze")
    box = frame.locator(".leaflet-container").bounding_box()
    draw_polygon(page, frame, box["x"] + 60, box["y"] + 60, half=8)  # north-west of the region
    expect(page.get_by_text("De getekende locatie ligt (deels) buiten West-Overijssel")).to_be_visible(timeout=15_000)
    page.wait_for_timeout(800)
    assert frame.locator(".leaflet-container").evaluate(
        "() => { var n = 0; drawnItems.eachLayer(function () { n += 1; }); return n; }") == 0


def test_a_good_and_a_bad_file_are_uploaded_and_the_upload_is_logged(app_url, browser, tmp_path, log):
    page, _ = open_workbench(browser, f"{app_url}/locatiekeuze")
    stations = load_themes()["station"].set_index("naam")
    zwolle, deventer = stations.loc["station Zwolle", "geometry"], stations.loc["station Deventer", "geometry"]
    good = tmp_path / "plannen.csv"
    good.write_text(f"naam;x;y\n<img src=x onerror=alert(1)>;{zwolle.x:.0f};{zwolle.y:.0f}\nLeeg;;\n"
                    f"Deventer;{deventer.x:.0f};{deventer.y:.0f}\n", encoding="utf-8")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput")
    uploader.set_input_files(str(good))
    expect(page.get_by_text("Bestand plannen.csv (CSV): 2 van 3 locaties getoetst, 1 overgeslagen.")).to_be_visible(
        timeout=30_000)
    expect(page.get_by_text("Vergelijking van 2 locaties")).to_be_visible()
    frame = page.frame_locator(FRAME)
    expect(frame.locator(".wd-locatienaam")).to_have_text(["<img src=x onerror=alert(1)>", "Deventer"])
    assert "kolom 'x' is leeg" in grid_text(page, page.get_by_test_id("stDataFrame").count() - 1)
    screenshot(page, "locatiekeuze-upload")

    bad = tmp_path / "kapot.gpkg"
    bad.write_bytes(b"dit is geen geopackage")
    uploader.set_input_files(str(bad))
    expect(page.get_by_text("Het bestand is niet gebruikt: kapot.gpkg is geen leesbaar GeoPackage-bestand")).to_be_visible(
        timeout=30_000)
    assert dialogs == []
    uploads = [r for r in read_log(log) if r["gebeurtenis"] == "upload_locaties"]
    assert [r["details"]["locaties"] for r in uploads] == [2, 0]
    assert str(round(zwolle.x)) not in log.read_text(encoding="utf-8")


def test_a_planner_under_embargo_exports_marked_files_and_each_export_is_logged(browser, tmp_path):
    folder = tmp_path / "toegang"
    folder.mkdir()
    add_account(folder / "accounts.toml", "planner1", "planner", PASSWORD)
    env = {"WOONDEAL_NOW": BEFORE, "WOONDEAL_ACCOUNTS": str(folder / "accounts.toml"),
           "WOONDEAL_LOGIN_ATTEMPTS": str(folder / "pogingen.json"), "WOONDEAL_ACCESS_LOG": str(folder / "log.jsonl")}
    with running_app(tmp_path / "home", env) as url:
        page, frame = open_workbench(browser, f"{url}/locatiekeuze", accept_downloads=True)
        login(page, "planner1", PASSWORD)
        expect(page.get_by_text("Ingelogd als")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Getoetst wordt met:").filter(has_text="(onder embargo)")).to_be_visible(
            timeout=30_000)
        frame.locator("path.wd-grens").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        frame.locator(".leaflet-container").scroll_into_view_if_needed()
        zoom_in(page, frame)
        draw_polygon(page, frame, *map_centre(frame))
        expect(page.get_by_text(re.compile(r"Locatie 1 · Getekend op de kaart"))).to_be_visible(timeout=15_000)
        names = {}
        for label in ("Vergelijking als CSV", "Locaties als GeoPackage", "Scorekaart als PDF (afdrukbaar)"):
            with page.expect_download() as info:
                page.get_by_role("button", name=label).click()
            names[label] = info.value.suggested_filename
            content = open(info.value.path(), "rb").read()
            if label.endswith("CSV"):
                assert content.decode("utf-8-sig").startswith("Embargo;Locatie;")
            elif label.endswith("PDF (afdrukbaar)"):
                assert all("EMBARGO tot en met 15 april 2025" in p.extract_text()
                           for p in PdfReader(io.BytesIO(content)).pages)
        assert names == {"Vergelijking als CSV": "EMBARGO-locatiekeuze-vergelijking.csv",
                         "Locaties als GeoPackage": "EMBARGO-locatiekeuze-locaties.gpkg",
                         "Scorekaart als PDF (afdrukbaar)": "EMBARGO-locatietoets-Locatie-1.pdf"}
        page.wait_for_timeout(500)
        exported = [r["details"]["bestand"] for r in read_log(folder / "log.jsonl")
                    if r["gebeurtenis"] == "export_embargo"]
        assert sorted(exported) == sorted(names.values())
