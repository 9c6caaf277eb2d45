"""The BO Wonen page headless (AppTest): every subject renders from the visible data, the buttons move
through them, presentation mode takes the sidebar away, and the public before the release sees no secret."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from access.accounts import add_account
from geo.meeting import subjects
from geo.schema import PLANNER
from tests.embargo import BEFORE, PASSWORD, leaks
from ui.login import Visitor

APP = "../streamlit_app.py"


def meeting(**session) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    return at.switch_page("app_pages/bo_wonen.py").run()


def shown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_every_subject_renders_in_order_regio_gemeenten_changes_risks(data):
    at = meeting()
    keys = [s.key for s in subjects(data)]
    assert keys[0] == "regio" and keys[-2:] == ["veranderingen", "risico"] and len(keys) == 14
    for key in keys:
        at.selectbox(key="bo_scherm").select(key).run()
        assert not at.exception, key
        assert at.query_params["scherm"] == key


def test_the_first_screen_shows_the_deal_and_what_is_at_risk_firm_and_indicative_apart():
    text = shown(meeting())
    for figure in ("28.200", "7.960", "24.210", "10.124"):
        assert f'bo-value">{figure}<' in text
    assert "✖ knelpunt · vast" in text and "≈ indicatief: regel raakt het gebied" in text and "▲ aandacht · vast" in text
    assert "Ommen 518 tegenover 508" in text
    assert "Woningen in sleutelprojecten 2024 t/m 2030: Ommen: 508 tegenover 518; gebruikt: 508." in text


def test_next_and_previous_move_one_subject_and_stop_at_the_ends():
    at = meeting()
    at.button(key="bo_vorige").click().run()
    assert at.session_state["bo_scherm"] == "regio"
    at.button(key="bo_volgende").click().run()
    assert at.session_state["bo_scherm"] == "Dalfsen"
    text = shown(at)
    assert "geven geen opgave per gemeente" in text and "Ouderenhuisvesting (basisscenario)" in text
    assert "Nieuwleusen Centrum" in text and "≈ indicatief" in text


def test_a_gemeente_screen_lists_its_projects_and_its_register_rows():
    at = meeting()
    at.selectbox(key="bo_scherm").select("Deventer").run()
    text = shown(at)
    for name in ("Deventer Centrumschil", "Deventer Keizerslanden", "Bathmen"):
        assert name in text
    assert "Deventer Centrumschil (Deventer): 2.550 tegenover 2.250" in text
    assert [link.proto.page for link in at.get("page_link")] == ["afwijkingen"]


def test_the_changes_screen_counts_per_gemeente_and_quotes_the_documents():
    at = meeting()
    at.selectbox(key="bo_scherm").select("veranderingen").run()
    text = shown(at)
    assert 'bo-value">17<' in text and 'bo-value">18<' in text and 'bo-value">14<' in text
    assert "25.045 → 20.295" in text and "regel 1481–1482" in text and "vervallen van een sleutelproject" in text


def test_presentation_mode_hides_the_sidebar_and_enlarges_the_type():
    at = meeting()
    assert '[data-testid="stSidebar"]' not in next(m.value for m in at.markdown if m.value.startswith("<style>"))
    at.button(key="bo_presenteer").click().run()
    assert at.session_state["bo_presentatie"] is True
    style = next(m.value for m in at.markdown if m.value.startswith("<style>"))
    assert '[data-testid="stSidebar"]' in style and ".bo-value{font-size:48px" in style
    assert at.query_params["presentatie"] == "1"


def test_before_the_release_the_public_sees_no_secret_on_any_screen(monkeypatch, data, secrets):
    monkeypatch.setenv("WOONDEAL_NOW", BEFORE)
    at = meeting()
    for key in [s.key for s in subjects(data)]:
        at.selectbox(key="bo_scherm").select(key).run()
        assert leaks(shown(at), secrets) == [], key
    assert "EMBARGO" not in shown(at)


def test_a_planner_before_the_release_sees_the_marking_and_no_unbound_export(monkeypatch, tmp_path):
    """Without a server that binds a file to the session (AppTest has none) an embargoed report is not
    offered; the real downloads, their EMBARGO- names and the access log are checked in the browser
    (tests/test_browser_meeting.py)."""
    add_account(tmp_path / "accounts.toml", "anna", PLANNER, PASSWORD)  # a session outlives no account
    monkeypatch.setenv("WOONDEAL_ACCOUNTS", str(tmp_path / "accounts.toml"))
    monkeypatch.setenv("WOONDEAL_LOGIN_ATTEMPTS", str(tmp_path / "pogingen.json"))
    monkeypatch.setenv("WOONDEAL_NOW", BEFORE)
    at = meeting(_account=Visitor("anna", PLANNER, "lokaal"))
    assert "EMBARGO tot en met 15 april 2025" in shown(at) and "vertrouwelijk, niet delen" in shown(at)
    assert not at.get("download_button")
    captions = [c.value for c in at.caption]
    for label in ("PDF-rapport West-Overijssel", "PDF-rapport Dalfsen", "PNG van deze kaart (met legenda)"):
        assert any(c.startswith(f"{label}: niet beschikbaar") for c in captions), label


def test_the_public_gets_the_reports_made_only_on_demand():
    buttons = meeting().get("download_button")
    assert [b.proto.label for b in buttons] == ["PDF-rapport West-Overijssel", "PDF-rapport Dalfsen",
                                                "PNG van deze kaart (met legenda)"]
    assert all(b.proto.deferred_file_id for b in buttons)  # made when pressed, not on every rerun


@pytest.fixture(autouse=True)
def _fresh_logs(tmp_path, monkeypatch):
    monkeypatch.setenv("WOONDEAL_ACCESS_LOG", str(tmp_path / "toegang.jsonl"))
