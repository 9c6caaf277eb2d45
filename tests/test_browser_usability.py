"""The map as people use it, in Chromium: phone, laptop and projector layouts, selection on the map, names,
full tables, keyboard use, Dutch everywhere, the whole view in the link, and axe-core on every page."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from geo import paths
from tests.browser import MAP_FRAME, map_frame, offline_page, running_app, screenshot, settled
from ui.dutch import ENGLISH, ENGLISH_PATTERNS

pytestmark = pytest.mark.browser

SIZES = {"telefoon": (390, 844), "laptop": (1400, 900), "projector": (1920, 1080)}
PAGES = {"kaart": "", "bo_wonen": "bo_wonen", "locatiekeuze": "locatiekeuze", "tabellen": "tabellen",
         "afwijkingen": "afwijkingen", "over": "over"}
MAPS = ("kaart", "locatiekeuze")
AXE = paths.ROOT / "static" / "vendor" / "axe-core-4.14.1" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("home")) as url:
        yield url


def _page(browser, size=(1400, 900)):
    return offline_page(browser, *size)


def _opened(browser, url, size=(1400, 900)):
    """A page on url once its map is drawn and the app has settled, and the map's frame."""
    page = _page(browser, size)
    page.goto(url)
    frame = map_frame(page)
    settled(page)
    return page, frame


def _frame(page):
    """The map's frame itself (not a locator), to wait on a condition in it with a timeout."""
    return next(f for f in page.frames if f != page.main_frame and f.locator("#map_div").count())


def _covered(frame) -> float:
    """The share of the map's area that its controls cover (from their element boxes)."""
    return frame.locator(".leaflet-container").evaluate("""map => {
        const box = map.getBoundingClientRect();
        const area = box.width * box.height;
        const controls = [...map.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect())
            .filter(r => r.width && r.height);
        return controls.reduce((sum, r) => sum + r.width * r.height, 0) / area; }""")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_controls_leave_the_map_free_on_every_screen(app_url, browser, size):
    page, frame = _opened(browser, app_url, SIZES[size])
    button = frame.locator(".wd-panel-button")
    if size == "telefoon":
        expect(button).to_have_attribute("aria-expanded", "false")  # closed by default below 768 px
        assert _covered(frame) <= 0.30
        button.click()
        expect(frame.locator(".wd-panel-body")).to_be_visible()
        expect(frame.locator("a.leaflet-control-zoom-in")).to_be_visible()
    else:
        expect(button).to_have_attribute("aria-expanded", "true")
        assert _covered(frame) <= 0.25, f"controls cover {_covered(frame):.0%} of the map"
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    screenshot(page, f"kaart-{size}")


def test_every_gemeente_name_is_on_the_map_inside_it_and_apart(app_url, browser):
    page = _page(browser)
    page.goto(app_url)
    frame = map_frame(page)
    labels = frame.locator(".wd-label:not(.wd-project-label)")
    expect(labels).to_have_count(11)
    boxes = labels.evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); "
                                "return [e.textContent, r.left, r.top, r.right, r.bottom]; })")
    assert {b[0] for b in boxes} == {"Dalfsen", "Deventer", "Hardenberg", "Kampen", "Olst-Wijhe", "Ommen", "Raalte",
                                     "Staphorst", "Steenwijkerland", "Zwartewaterland", "Zwolle"}
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, f"{a[0]} and {b[0]} collide"


def test_a_project_chosen_with_the_keyboard_is_outlined_zoomed_to_and_shown_beside_the_map(app_url, browser):
    page, frame = _opened(browser, app_url)
    zoom = frame.locator(".leaflet-container").evaluate("() => window.map.getZoom()")
    symbol = frame.locator("path.wd-project-symbool[role=button]").first
    name = symbol.get_attribute("aria-label").split(" (")[0]
    symbol.focus()
    page.keyboard.press("Enter")
    expect(frame.locator("path.wd-selectie").first).to_be_attached(timeout=15_000)
    expect(frame.locator(".leaflet-popup")).to_contain_text(name)
    expect(frame.locator(".leaflet-popup")).to_contain_text("Locatietoets")
    expect(frame.get_by_role("button", name="Pop-up sluiten")).to_be_visible()
    expect(page.get_by_text(re.compile(rf"^{re.escape(name)} ·"))).to_be_visible(timeout=15_000)
    page.wait_for_timeout(800)
    assert frame.locator(".leaflet-container").evaluate("() => window.map.getZoom()") > zoom
    detail = page.get_by_text("Cijfers en bronnen").bounding_box()
    map_box = page.locator(MAP_FRAME).bounding_box()
    assert detail["x"] > map_box["x"] + map_box["width"] - 1, "the detail is beside the map"
    screenshot(page, "kaart-selectie")


def test_a_keyboard_user_can_skip_the_map(app_url, browser):
    page, _ = _opened(browser, app_url)
    skip = page.locator("a.wd-skip")
    skip.focus()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#na-de-kaart"


def test_choosing_gemeenten_zooms_the_map_to_them(app_url, browser):
    page, frame = _opened(browser, app_url)
    zoom = frame.locator(".leaflet-container").evaluate("() => window.map.getZoom()")
    page.get_by_label("Gemeenten").first.click()
    page.get_by_role("option", name="Olst-Wijhe").click()
    page.keyboard.press("Escape")
    _frame(page).wait_for_function("zoom => window.map.getZoom() > zoom", arg=zoom, timeout=20_000)


def test_a_place_search_zooms_the_map_to_the_place(app_url, browser):
    page, frame = _opened(browser, app_url)
    page.get_by_label("Zoek een plaats, wijk of buurt").click()
    page.keyboard.type("Brunnepe")
    page.get_by_role("option", name=re.compile("^Brunnepe")).first.click()
    _frame(page).wait_for_function("() => window.map.getZoom() >= 13", timeout=20_000)
    centre = frame.locator(".leaflet-container").evaluate("() => window.map.getCenter()")
    assert 52.54 < centre["lat"] < 52.57 and 5.89 < centre["lng"] < 5.93  # Brunnepe, Kampen


def test_a_theme_layer_is_drawn_without_a_rerun_and_its_opacity_can_change(app_url, browser):
    page = _page(browser)
    sent: list = []

    def record(message) -> None:
        sent.append(message)

    page.on("websocket", lambda ws: ws.on("framesent", record))  # every message to the server
    page.goto(app_url)
    frame = map_frame(page)
    settled(page)
    assert sent, "the listener sees the app's messages"
    sent.clear()
    frame.locator("input[data-thema=natura2000]").check()
    expect(frame.locator("path.wd-thema-natura2000").first).to_be_attached()
    frame.get_by_label("Dekking van Natura 2000-gebied (stikstofruimte)").fill("40")
    opacity = frame.locator("path.wd-thema-natura2000").first.get_attribute("stroke-opacity")
    assert float(opacity) == pytest.approx(0.4)
    page.wait_for_timeout(500)
    assert sent == [], "switching a theme layer on must not rerun the app"


def test_the_whole_view_travels_in_the_link_to_a_fresh_browser(app_url, browser):
    page = _page(browser)
    page.goto(f"{app_url}/?gemeente=Zwolle&gemeente=Kampen&periode=woningen_2031_2035&projectkleur=precisie"
               "&kleur=verschil_2022_2024")
    frame = map_frame(page)
    settled(page)
    frame.locator("input[data-thema=buitendijks]").check()
    expect(frame.locator("path.wd-thema-buitendijks").first).to_be_attached()
    frame.locator(".leaflet-container").evaluate("() => window.map.setView([52.52, 6.05], 12.5)")
    page.wait_for_timeout(800)
    link = page.url
    query = parse_qs(urlparse(link).query)
    assert query["gemeente"] == ["Zwolle", "Kampen"] and query["lagen"] == ["buitendijks"]
    assert query["kaart"] == ["52.52000,6.05000,12.5"]
    fresh = _page(browser)
    fresh.goto(link)
    again = map_frame(fresh)
    settled(fresh)
    expect(again.locator("input[data-thema=buitendijks]")).to_be_checked()
    expect(again.locator("path.wd-thema-buitendijks").first).to_be_attached()
    centre = again.locator(".leaflet-container").evaluate("() => [window.map.getCenter(), window.map.getZoom()]")
    assert centre[0]["lat"] == pytest.approx(52.52, abs=0.01) and centre[0]["lng"] == pytest.approx(6.05, abs=0.01)
    assert centre[1] == pytest.approx(12.5, abs=0.6)
    sidebar = fresh.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Zwolle")).to_be_visible()
    expect(sidebar.get_by_label("Doorkijk 2031–2035")).to_be_checked()
    expect(again.locator(".wd-panel-body")).to_contain_text("Verandering Woondeal 2022")
    expect(again.locator(".wd-panel-body")).to_contain_text("precisie van de locatie")


def test_an_element_streamlit_adds_later_is_named_in_dutch_itself_and_within(app_url, browser):
    page = _page(browser)
    page.goto(f"{app_url}/over")
    settled(page)
    names = page.evaluate("""async () => {
        const link = document.createElement('a');
        link.setAttribute('aria-label', 'Link to heading');
        const box = document.createElement('div');
        box.innerHTML = '<button title="Fullscreen">Show password</button>';
        document.body.append(link, box);
        await new Promise(done => setTimeout(done, 50));
        const button = box.querySelector('button');
        return [link.getAttribute('aria-label'), button.title, button.textContent];
    }""")
    assert names == ["Link naar dit kopje", "Volledig scherm", "Wachtwoord tonen"]


def test_an_unknown_value_in_the_link_and_an_unknown_page_get_a_dutch_notice(app_url, browser):
    page = _page(browser)
    page.goto(f"{app_url}/?gemeente=Nergens&periode=xyz")
    map_frame(page)
    expect(page.get_by_text(re.compile("De link bevat waarden die deze kaart niet kent"))).to_contain_text(
        "gemeente 'Nergens'")
    expect(page.get_by_text(re.compile("De link bevat waarden"))).to_contain_text("periode 'xyz'")
    page.goto(f"{app_url}/bestaat-niet")
    expect(page.get_by_text("Pagina niet gevonden.", exact=False).first).to_be_visible(timeout=20_000)
    expect(page.get_by_role("link", name="Tabellen").last).to_be_visible()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_is_dutch_and_passes_axe_core(app_url, browser, name):
    page = _page(browser)
    page.goto(f"{app_url}/{PAGES[name]}")
    page.get_by_test_id("stMain").wait_for()
    if name in MAPS:
        page.frame_locator(MAP_FRAME).locator(".leaflet-container").wait_for(
            timeout=30_000)
    settled(page)
    violations = _axe(page)
    if name in MAPS:
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("body").evaluate("() => 1")
        violations += _axe(next(f for f in page.frames if f != page.main_frame and "component" in f.url))
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    texts = page.evaluate("""() => [...document.body.innerText.split('\\n'), ...[...document.querySelectorAll(
        '[aria-label],[title],[placeholder]')].flatMap(e => ['aria-label', 'title', 'placeholder'].map(name =>
            e.getAttribute(name) || ''))]""")
    text = " ".join(texts)
    english = [phrase for phrase in ENGLISH if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)]
    english += [value for value in texts for pattern in ENGLISH_PATTERNS if re.search(pattern, value.strip())]
    assert english == [], english
    screenshot(page, f"pagina-{name}")


def _axe(target) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations in a page or frame (served from the project, never a CDN)."""
    target.add_script_tag(path=str(AXE))
    return target.evaluate("""async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
        .violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help}))""", WCAG)


def test_no_table_hides_a_row_or_a_column_on_a_laptop(app_url, browser):
    page = _page(browser)
    page.goto(f"{app_url}/tabellen")
    page.get_by_test_id("stDataFrame").first.wait_for()
    settled(page)
    grids = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stDataFrame] .dvn-scroller')].map(s =>
        [s.scrollHeight - s.clientHeight, s.scrollWidth - s.clientWidth])""")
    assert grids and all(rows <= 1 and columns <= 1 for rows, columns in grids), grids
