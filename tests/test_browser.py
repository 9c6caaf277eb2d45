"""The app in Debian's Chromium, offline: the map draws, tooltips and clicks work, filters update."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from geo import paths
from geo.display import for_web, project_tolerances
from geo.store import read_layers, write_layers
from tests.browser import MAP_FRAME, map_frame, offline_page, running_app, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("home")) as url:
        yield url


def test_the_map_draws_all_gemeenten_and_projects_offline_and_responds(app_url, browser):
    page = offline_page(browser)
    page.goto(app_url)
    frame = map_frame(page)
    expect(frame.locator("path.wd-gemeente")).to_have_count(11)
    expect(frame.locator("path.wd-project-gebied")).to_have_count(distinct_areas())
    expect(frame.locator("path.wd-project-symbool")).to_have_count(50)
    expect(frame.locator(".wd-panel-body")).to_contain_text("Woningen in sleutelprojecten 2024 t/m 2030")
    screenshot(page, "kaart-standaard")

    opgave = page.locator(".wd-metric").filter(has_text="Opgave 2022–2030")
    expect(opgave.locator(".wd-metric-value")).to_have_text("28.200")
    opgave.locator("summary").focus()
    page.keyboard.press("Enter")  # the sources open from the keyboard
    expect(opgave.locator("details div")).to_contain_text("regel 311")

    zoom_before = frame.locator(".leaflet-container").evaluate("() => window.map.getZoom()")
    frame.locator("a.leaflet-control-zoom-in").click()
    page.wait_for_timeout(600)
    zoomed = frame.locator(".leaflet-container").evaluate("() => window.map.getZoom()")
    assert zoomed > zoom_before

    frame.locator(".leaflet-container").scroll_into_view_if_needed()
    centre = _centre(frame.locator("path.wd-project-symbool").nth(0))
    page.mouse.move(*centre)
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("woningen 2024 t/m 2030")
    name = tooltip.inner_text().splitlines()[0].split(" (")[0].strip()
    page.mouse.click(*centre)
    expect(page.get_by_text(re.compile(rf"^{re.escape(name)} ·"))).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Cijfers en bronnen")).to_be_visible()

    frame.locator(".leaflet-container").evaluate("() => { window.wdSameMap = true; }")
    page.get_by_label("Gemeenten").first.click()
    page.get_by_role("option", name="Deventer").click()
    page.keyboard.press("Escape")
    expect(frame.locator("path.wd-project-symbool")).to_have_count(3, timeout=15_000)
    expect(page.locator(".wd-metric").filter(has_text="Geselecteerde sleutelprojecten")).to_contain_text("3")
    assert frame.locator(".leaflet-container").evaluate("() => window.wdSameMap === true"), "map remounted"
    screenshot(page, "kaart-deventer")


def distinct_areas() -> int:
    """Projects of 2024–2030 on the same kern share one drawn area."""
    projects = read_layers(paths.PROJECTS_GPKG)["sleutelprojecten"].dropna(subset=["woningen_2024_2030"])
    shown = for_web(projects, project_tolerances(projects["locatie_precisie"]))
    return shown[~shown.geom_type.isin(["Point"])].geometry.to_wkb().nunique()


def _centre(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


@pytest.fixture
def hostile_data(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in (paths.GEMEENTEN_GPKG.name, paths.AFWIJKINGEN.name, paths.RELEASES.name):
        shutil.copy(paths.DATA / name, data / name)
    projects = read_layers(paths.PROJECTS_GPKG)["sleutelprojecten"]
    projects.loc[projects["project_id"] == "deventer-bathmen", "naam"] = '<script>window.gehackt=1</script><b>Bathmen</b>'
    write_layers(data / paths.PROJECTS_GPKG.name, {"sleutelprojecten": projects})
    return data


def test_a_hostile_project_name_is_shown_as_text_in_tooltip_and_detail(hostile_data, browser, tmp_path):
    with running_app(tmp_path / "home2", {"WOONDEAL_DATA": str(hostile_data)}) as url:
        page = offline_page(browser)
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url)
        frame = map_frame(page)
        symbols = frame.locator("path.wd-project-symbool")
        tooltip = frame.locator(".leaflet-tooltip")
        frame.locator(".leaflet-container").scroll_into_view_if_needed()
        for index in range(symbols.count()):
            page.mouse.move(*_centre(symbols.nth(index)))
            if "Bathmen" in " ".join(tooltip.all_inner_texts()):  # a fading tooltip may still be there
                break
        expect(tooltip.filter(has_text="Bathmen")).to_contain_text("<script>window.gehackt=1</script><b>Bathmen</b>")
        assert frame.locator(".leaflet-tooltip b").count() == 0
        page.mouse.click(*_centre(symbols.nth(index)))
        expect(page.get_by_text("<script>window.gehackt=1</script><b>Bathmen</b> · Deventer")).to_be_visible(
            timeout=15_000)
        assert frame.locator("body").evaluate("() => window.gehackt === undefined")
        assert page.evaluate("() => window.gehackt === undefined")
        assert dialogs == []


@pytest.mark.parametrize("width", [390, 1400, 1920])
def test_a_theme_switched_on_shows_where_its_rule_applies_with_the_thresholds_in_the_legend(app_url, browser, width):
    page = offline_page(browser)
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(f"{app_url}/?lagen=primaire_kering&project=kampen-reevedelta")
    frame = page.frame_locator(MAP_FRAME)  # zoomed to the project
    expect(frame.locator("path.wd-zone-primaire_kering")).to_have_count(2, timeout=30_000)  # 0–50 m, 50–200 m
    expect(frame.locator("path.wd-thema-primaire_kering").first).to_be_attached()
    if not frame.locator(".wd-panel-body").is_visible():  # closed on a narrow map
        frame.get_by_role("button", name="Lagen en legenda").click()
    legend = frame.locator(".wd-theme").filter(has_text="Nabij een primaire waterkering")
    expect(legend).to_contain_text("✖ knelpunt: 0–50 m van een primaire waterkering")
    expect(legend).to_contain_text("▲ aandacht: 50–200 m van een primaire waterkering")
    expect(page.get_by_text("Locatietoets (klimaatadaptief en waterbewust)")).to_be_visible(timeout=15_000)
    screenshot(page, f"regelzones-kering-{width}")


def test_a_project_on_a_kern_shows_indicatief_in_its_scorecard(app_url, browser):
    page = offline_page(browser)
    page.goto(f"{app_url}/?project=olst-wijhe-olst-zuid&lagen=natura2000")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.wd-zone-natura2000").first).to_be_attached(timeout=30_000)
    expect(page.get_by_text("geen oordeel over een bouwlocatie", exact=False)).to_be_visible(timeout=15_000)
    screenshot(page, "scorekaart-indicatief")


@pytest.mark.parametrize("width", [390, 1400, 1920])
def test_a_project_link_opens_zoomed_in_on_the_project_with_its_popup_inside_the_map(app_url, browser, width):
    page = offline_page(browser)
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(f"{app_url}/?project=kampen-de-bakkerij")
    frame = page.frame_locator(MAP_FRAME)
    popup = frame.locator(".leaflet-popup")
    expect(popup).to_contain_text("De Bakkerij", timeout=30_000)
    expect(frame.locator(".leaflet-container")).to_have_class(re.compile(r"\bwd-zoom-near\b"))  # not the region view
    page.wait_for_timeout(1000)  # a zoom animation still under way would end here
    expect(frame.locator(".leaflet-container")).to_have_class(re.compile(r"\bwd-zoom-near\b"))
    inside = popup.evaluate("(el) => { const p = el.getBoundingClientRect(), "
                            "m = el.closest('.leaflet-container').getBoundingClientRect(); "
                            "return p.left >= m.left && p.right <= m.right && p.top >= m.top && p.bottom <= m.bottom; }")
    assert inside
    screenshot(page, f"projectlink-{width}")
