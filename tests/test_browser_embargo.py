"""The embargo in a real browser: page source, map iframe, downloads, login, cookies, static site."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from access.accounts import add_account
from access.log import read_log
from geo import paths
from tests.browser import map_frame, offline_page, running_app, screenshot, settled
from tests.embargo import AFTER, BEFORE, PASSWORD, leaks

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Accounts, attempts and access log for the served app."""
    folder = tmp_path_factory.mktemp("toegang")
    add_account(folder / "accounts.toml", "planner1", "planner", PASSWORD, "Anna Test")
    add_account(folder / "accounts.toml", "planner2", "planner", PASSWORD)
    return folder


def recording(page) -> list[str]:
    """Every websocket frame the page receives from now on, decoded (binary frames as UTF-8, so the
    texts inside the protobuf messages and Arrow tables are searchable)."""
    frames: list[str] = []

    def on_socket(socket) -> None:
        socket.on("framereceived", lambda payload: frames.append(
            payload if isinstance(payload, str) else payload.decode("utf-8", errors="replace")))

    page.on("websocket", on_socket)
    return frames


@pytest.fixture(scope="module")
def before_url(tmp_path_factory, files):
    env = {"WOONDEAL_NOW": BEFORE, "WOONDEAL_ACCOUNTS": str(files / "accounts.toml"),
           "WOONDEAL_LOGIN_ATTEMPTS": str(files / "pogingen.json"), "WOONDEAL_ACCESS_LOG": str(files / "toegang.jsonl")}
    with running_app(tmp_path_factory.mktemp("home"), env) as url:
        yield url


def page_source(page) -> str:
    """The page's HTML, the HTML of every iframe, and the layer script the map iframe evaluated."""
    parts = [page.content()]
    for frame in page.frames[1:]:
        parts.append(frame.content())
        parts.append(frame.evaluate("() => (window.__GLOBAL_DATA__ || {}).last_feature_group || ''"))
    return "\n".join(parts)


def download_all(page, tab_url: str) -> dict[str, str]:
    page.goto(tab_url)
    buttons = page.get_by_test_id("stDownloadButton").get_by_role("button")
    buttons.first.wait_for(timeout=30_000)
    settled(page)
    texts = {}
    for button in buttons.all():
        with page.expect_download() as info:
            button.click()
        download = info.value
        texts[download.suggested_filename] = open(download.path(), encoding="utf-8-sig").read()
    return texts


def login(page, username: str, password: str) -> None:
    """Log in through the sidebar's form once the page has finished its run, as a person would see it."""
    settled(page)
    if not page.get_by_label("Gebruikersnaam").is_visible():
        page.get_by_text("Inloggen (planners en bestuurders)").click()
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def test_the_public_page_source_and_downloads_hold_nothing_embargoed(before_url, browser, secrets):
    page = offline_page(browser, accept_downloads=True)
    frames = recording(page)
    page.goto(before_url)
    map_frame(page)
    assert leaks(page_source(page), secrets) == []
    screenshot(page, "publiek-voor-embargo")
    files = download_all(page, f"{before_url}/tabellen")
    assert set(files) == {"woondeal-gemeenten.csv", "woondeal-gemeenten.geojson", "woondeal-sleutelprojecten.csv",
                          "woondeal-sleutelprojecten.geojson", "woondeal-locatietoets.csv"}
    for name, text in files.items():
        assert leaks(text, secrets) == [], name
    for path in ("afwijkingen", "over"):
        page.goto(f"{before_url}/{path}")
        settled(page)
        assert leaks(page_source(page), secrets) == [], path
    page.goto(f"{before_url}/?project=kampen-de-bakkerij&periode=woningen_2024_2030")
    map_frame(page)
    expect(page.get_by_text("project bestaat niet of is (nog) niet openbaar")).to_be_visible()
    assert leaks(page_source(page), secrets) == []
    assert frames and leaks("\n".join(frames), secrets) == []


@pytest.mark.parametrize("project", ["kampen-reevedelta", "raalte-heino-centrum", "deventer-centrumschil",
                                     "steenwijkerland-steenwijk-stationsgebied"])
def test_an_existing_project_chosen_before_the_release_sends_nothing_embargoed(project, before_url, browser,
                                                                               secrets):
    page = offline_page(browser)
    frames = recording(page)
    page.goto(f"{before_url}/?project={project}&periode=woningen_2022")
    map_frame(page)
    expect(page.get_by_text("Cijfers en bronnen")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Locatietoets (klimaatadaptief en waterbewust)")).to_be_visible()
    settled(page)
    if project == "kampen-reevedelta":
        screenshot(page, "publiek-voor-embargo-project")
    assert leaks(page_source(page) + "\n".join(frames), secrets) == []
    assert any("Woondeal West-Overijssel 2022" in frame for frame in frames)  # the figures cite the 2022 deal


def test_after_the_release_a_chosen_project_sends_its_printed_line(tmp_path, browser):
    with running_app(tmp_path / "home", {"WOONDEAL_NOW": AFTER}) as url:
        page = offline_page(browser)
        frames = recording(page)
        page.goto(f"{url}/?project=kampen-reevedelta&periode=woningen_2022")
        map_frame(page)
        expect(page.get_by_text("Cijfers en bronnen")).to_be_visible(timeout=30_000)
        settled(page)
        assert any("Kampen Kampen Reevedelta Bestaand 3.200 1.815 2.020" in frame for frame in frames)


def test_a_tampered_login_cookie_is_refused(before_url, browser, secrets):
    page = offline_page(browser)
    page.context.add_cookies([{"name": "_streamlit_user", "value": "eyJyb2wiOiJwbGFubmVyIn0.vervalst",
                               "url": before_url}])
    page.goto(before_url)
    map_frame(page)
    expect(page.get_by_text("Uw inlogsessie is ongeldig of verlopen")).to_be_visible()
    assert leaks(page_source(page), secrets) == []
    assert "EMBARGO" not in page.content()


def _cleared(page) -> None:
    """Wait for the rerun that refused a login to clear the form: filling it before then loses the input."""
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("", timeout=20_000)


def test_the_password_field_names_its_show_button_in_dutch(before_url, browser):
    page = offline_page(browser)
    page.goto(before_url)
    map_frame(page)
    page.get_by_text("Inloggen (planners en bestuurders)").click()
    page.get_by_role("button", name="Wachtwoord tonen").click()
    expect(page.get_by_role("button", name="Wachtwoord verbergen")).to_be_visible()
    expect(page.get_by_label("Wachtwoord", exact=True)).to_have_attribute("type", "text")


def test_a_bad_password_and_an_unknown_user_are_refused_alike(before_url, browser, files, secrets):
    page = offline_page(browser)
    page.goto(before_url)
    map_frame(page)
    messages = []
    for username in ("planner1", "niemand"):
        before = len(_failures(files))
        login(page, username, "helemaal fout 123")
        for _ in range(100):
            if len(_failures(files)) > before:
                break
            page.wait_for_timeout(100)
        _cleared(page)
        alert = page.get_by_test_id("stAlertContentError")
        expect(alert).to_be_visible()
        messages.append(alert.inner_text())
    assert messages == ["Onbekende gebruikersnaam of onjuist wachtwoord."] * 2
    assert leaks(page_source(page), secrets) == []
    assert _failures(files)[-2:] == ["onjuist wachtwoord", "onbekende gebruiker"]


def _failures(files) -> list[str]:
    path = files / "toegang.jsonl"
    entries = read_log(path) if path.exists() else []
    return [e["details"].get("reden") for e in entries if e["gebeurtenis"] == "login_mislukt"]


def test_a_planner_sees_the_embargo_marked_and_the_public_still_does_not(before_url, browser, files, secrets):
    public = offline_page(browser)
    public_frames = recording(public)
    public.goto(before_url)
    map_frame(public)

    page = offline_page(browser, accept_downloads=True)
    frames = recording(page)
    page.goto(before_url)
    map_frame(page)
    login(page, "planner1", PASSWORD)
    expect(page.get_by_text("EMBARGO tot en met 15 april 2025").first).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("stSidebar").get_by_text("Ingelogd als Anna Test")).to_be_visible()
    frame = map_frame(page)
    expect(frame.locator(".wd-panel-body")).to_contain_text("EMBARGO tot en met 15 april 2025")
    expect(frame.locator("path.wd-project-symbool")).to_have_count(35)  # the public period stays chosen
    page.get_by_test_id("stSidebar").get_by_text("2024 t/m 2030", exact=True).click()
    expect(frame.locator("path.wd-project-symbool")).to_have_count(50, timeout=15_000)
    screenshot(page, "planner-onder-embargo")
    chart = page.locator(".wd-chart")
    _no_export_of_its_own(page, chart)
    expect(chart.locator("a, button")).to_have_count(0)  # the chart is plain HTML: nothing to download from it

    page.get_by_role("link", name="Tabellen", exact=True).click()
    buttons = page.get_by_test_id("stDownloadButton").get_by_role("button", name="Download CSV")
    buttons.first.wait_for(timeout=30_000)
    settled(page)
    assert not any("/media/" in frame for frame in frames)  # no file exists before its click
    _no_export_of_its_own(page, page.get_by_test_id("stDataFrame"))
    before = len(_exports(files))
    with page.expect_download() as info:
        buttons.nth(1).click()
    download = info.value
    assert download.suggested_filename == "EMBARGO-woondeal-sleutelprojecten.csv"
    text = open(download.path(), encoding="utf-8-sig").read()
    assert text.startswith("Embargo;") and "Dalfsen Het Engelland" in text
    exports = _exports(files)
    assert len(exports) == before + 1 and exports[-1]["gebruiker"] == "planner1"
    assert exports[-1]["details"]["bestand"] == "EMBARGO-woondeal-sleutelprojecten.csv"
    events = [e for e in read_log(files / "toegang.jsonl")
              if e["gebeurtenis"] in ("login", "bekijken_embargo", "export_embargo")]
    assert {"login", "bekijken_embargo", "export_embargo"} <= {e["gebeurtenis"] for e in events}
    assert {e["gebruiker"] for e in events} == {"planner1"}  # usernames, never the display name

    # The file's URL serves it to this browser only: not to another client, not without a cookie.
    assert page.request.get(download.url).status == 200
    assert public.request.get(download.url).status == 404
    with pytest.raises(urllib.error.HTTPError, match="404"):
        urllib.request.urlopen(download.url)
    with pytest.raises(urllib.error.HTTPError, match="404"):
        urllib.request.urlopen(f"{before_url}/_stcore/metrics")

    public.goto(before_url)
    map_frame(public)
    assert leaks(page_source(public), secrets) == []
    assert leaks("\n".join(public_frames), secrets) == []


def _refusals(files) -> list[dict]:
    path = files / "toegang.jsonl"
    return [e for e in read_log(path) if e["gebeurtenis"] in ("login_mislukt", "login_geblokkeerd")] \
        if path.exists() else []


def _exports(files) -> list[dict]:
    return [e for e in read_log(files / "toegang.jsonl") if e["gebeurtenis"] == "export_embargo"]


def _no_export_of_its_own(page, element) -> None:
    """Tables and charts offer no export of their own (a CSV, a PNG, the Vega-Lite spec): it would
    bypass the marking and the log. Streamlit's element toolbar stays hidden, also on hover."""
    target = element.first
    target.scroll_into_view_if_needed()
    target.hover()
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stElementToolbar").first).to_be_hidden()
    for label in ("Download as PNG", "Copy Vega-Lite spec", "Download as CSV", "Download als CSV"):
        expect(page.get_by_role("button", name=label)).to_be_hidden()


def test_twenty_failed_logins_from_one_client_do_not_lock_out_another(before_url, browser, files):
    attacker = offline_page(browser)
    attacker.goto(before_url)
    map_frame(attacker)
    for number in range(21):
        refused = len(_refusals(files))
        login(attacker, f"aanvaller{number}", "helemaal fout 123")
        for _ in range(200):
            if len(_refusals(files)) > refused:
                break
            attacker.wait_for_timeout(100)
        else:
            raise AssertionError(f"poging {number} is niet geweigerd")
        _cleared(attacker)
    expect(attacker.get_by_test_id("stAlertContentError")).to_contain_text("Te veel mislukte inlogpogingen")
    assert _refusals(files)[-1]["details"]["reden"] == "client geblokkeerd"
    planner = offline_page(browser)
    planner.goto(before_url)
    map_frame(planner)
    login(planner, "planner1", PASSWORD)
    expect(planner.get_by_text("EMBARGO tot en met 15 april 2025").first).to_be_visible(timeout=20_000)


def test_removing_an_account_ends_its_open_session(before_url, browser, files, secrets):
    from access.accounts import remove_account

    page = offline_page(browser)
    page.goto(before_url)
    map_frame(page)
    login(page, "planner2", PASSWORD)
    expect(page.get_by_text("EMBARGO tot en met 15 april 2025").first).to_be_visible(timeout=20_000)
    remove_account(files / "accounts.toml", "planner2")
    page.get_by_test_id("stSidebar").get_by_text("Doorkijk 2031–2035", exact=True).click()
    expect(page.get_by_text("U bent uitgelogd")).to_be_visible(timeout=20_000)
    settled(page)
    assert "EMBARGO" not in page.content()
    ended = read_log(files / "toegang.jsonl")[-1]
    assert (ended["gebeurtenis"], ended["gebruiker"], ended["details"]["reden"]) == (
        "uitloggen", "planner2", "account verwijderd")


def test_after_the_release_the_public_sees_the_new_projects(tmp_path, browser, secrets):
    with running_app(tmp_path / "home", {"WOONDEAL_NOW": AFTER}) as url:
        page = offline_page(browser)
        page.goto(url)
        frame = map_frame(page)
        expect(frame.locator("path.wd-project-symbool")).to_have_count(50)
        source = page_source(page)
        assert "Dalfsen Het Engelland" in source and "24.210" in source and "EMBARGO" not in source


@pytest.mark.parametrize("moment, embargoed_visible", [(BEFORE, False), (AFTER, True)])
def test_the_static_site_opens_from_disk_with_released_data_only(moment, embargoed_visible, tmp_path, browser, secrets):
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "staticsite", str(out)], cwd=paths.ROOT, capture_output=True,
                            text=True, env={**__import__("os").environ, "WOONDEAL_NOW": moment})
    assert result.returncode == 0, result.stderr
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*")
                           if p.is_file() and "vendor" not in p.parts)
    found = leaks(everything, secrets)
    if embargoed_visible:
        assert "Dalfsen Het Engelland" in everything and "24.210" in everything
    else:
        assert found == []
    page = offline_page(browser)
    page.goto(out.joinpath("index.html").as_uri())
    frame = page.frame_locator("iframe")
    expect(frame.locator("path.wd-gemeente")).to_have_count(11, timeout=30_000)
    expect(frame.locator("path.wd-project-symbool")).to_have_count(50 if embargoed_visible else 35)
    expect(page.get_by_role("heading", name="Over de data")).to_be_visible()
    screenshot(page, f"statische-site-{'na' if embargoed_visible else 'voor'}-release")


def test_republishing_before_the_release_leaves_nothing_of_a_later_site(tmp_path, secrets):
    out = tmp_path / "site"
    for moment in (AFTER, BEFORE):
        subprocess.run([sys.executable, "-m", "staticsite", str(out)], cwd=paths.ROOT, check=True,
                       capture_output=True, env={**__import__("os").environ, "WOONDEAL_NOW": moment})
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*")
                           if p.is_file() and "vendor" not in p.parts)
    assert leaks(everything, secrets) == []
    assert not (out / "data" / "afwijkingen.csv").exists()
