"""The embargo: before the release moment the public sees nothing of it; logged-in roles see it marked."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from access.accounts import add_account
from access.log import read_log
from geo.dataset import load_dataset
from geo.exports import GEMEENTE_COLUMNS, PROJECT_EXPORT_COLUMNS, csv_bytes, file_name, geojson_bytes
from geo.releases import ReleaseError, now, read_releases, restrict, visible
from tests.embargo import AFTER, BEFORE, LAST_MOMENT, PASSWORD, leaks
from tests.shown import headline_figures
from ui.login import Visitor

APP = "../streamlit_app.py"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """Accounts, login attempts and the access log in a temporary directory."""
    accounts = tmp_path / "accounts.toml"
    add_account(accounts, "planner1", "planner", PASSWORD)
    add_account(accounts, "bestuurder1", "bestuurder", PASSWORD, "Wethouder Wonen")
    monkeypatch.setenv("WOONDEAL_ACCOUNTS", str(accounts))
    monkeypatch.setenv("WOONDEAL_LOGIN_ATTEMPTS", str(tmp_path / "pogingen.json"))
    monkeypatch.setenv("WOONDEAL_ACCESS_LOG", str(tmp_path / "toegang.jsonl"))
    return tmp_path


def app_at(moment: str, monkeypatch, page: str | None = None, query: dict | None = None,
           visitor: Visitor | None = None) -> AppTest:
    """A fresh session at this moment (one run per session: AppTest loses widget ids on reruns of a
    st.navigation app, so the login form itself is driven in the browser tests)."""
    monkeypatch.setenv("WOONDEAL_NOW", moment)
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if visitor:
        at.session_state["_account"] = visitor
    at.run()
    return at.switch_page(f"app_pages/{page}.py").run() if page else at


ROLES = {"planner1": Visitor("planner1", "planner", "lokaal"),
         "bestuurder1": Visitor("bestuurder1", "bestuurder", "lokaal", "Wethouder Wonen")}


def everything_shown(at: AppTest) -> str:
    """All text the session received: elements, tables and the map component's script."""
    parts = [str(e.value) for kind in ("markdown", "caption", "title", "subheader", "info", "warning", "error")
             for e in getattr(at, kind)]
    parts += [e.value for e in at.get("html")]  # the headline figures (ui.metrics) and the chart
    parts += [d.value.to_csv() for d in at.dataframe]
    parts += [c.proto.json_args for c in at.get("component_instance")]
    parts += [json.dumps(at.query_params.to_dict() if hasattr(at.query_params, "to_dict") else dict(at.query_params))]
    return "\n".join(parts)


@pytest.mark.parametrize("page", ["kaart", "tabellen", "afwijkingen", "over"])
def test_before_the_release_the_public_sees_nothing_of_it(page, env, monkeypatch, secrets):
    at = app_at(BEFORE, monkeypatch, page)
    assert not at.exception
    shown = everything_shown(at)
    assert leaks(shown, secrets) == []
    assert "EMBARGO" not in shown
    assert secrets["names"] and secrets["vertices"]


def test_the_last_second_of_the_embargo_is_still_embargoed(env, monkeypatch, secrets):
    at = app_at(LAST_MOMENT, monkeypatch)
    assert leaks(everything_shown(at), secrets) == []


@pytest.mark.parametrize("page", ["kaart", "tabellen", "afwijkingen"])
def test_after_the_release_the_public_sees_everything(page, env, monkeypatch, secrets):
    at = app_at(AFTER, monkeypatch, page)
    shown = everything_shown(at)
    assert "EMBARGO" not in shown
    if page == "kaart":
        assert all(name in shown for name in secrets["names"] if name != "Nieuwleusen Palthelanden")
        assert "24.210" in shown and "10.124" in shown
        drawn = set(load_dataset().projects.dropna(subset=["woningen_2024_2030"])["project_id"])
        assert all(vertex in shown for pid, vertex in secrets["vertices"].items() if pid in drawn)
    if page == "afwijkingen":
        assert "2.550 volgens" in shown.replace("**", "")


@pytest.mark.parametrize("page", ["kaart", "tabellen", "afwijkingen", "over"])
@pytest.mark.parametrize("username", ["planner1", "bestuurder1"])
def test_logged_in_roles_see_the_embargoed_release_marked_on_every_page(username, page, env, monkeypatch):
    at = app_at(BEFORE, monkeypatch, page, visitor=ROLES[username])
    assert not at.exception
    assert any("EMBARGO tot en met 15 april 2025" in w.value for w in at.warning)
    shown = everything_shown(at)
    if page == "kaart":
        assert "24.210" in shown and "Dalfsen Het Engelland" in shown
        assert "EMBARGO tot en met 15 april 2025" in json.loads(at.get("component_instance")[0].proto.json_args)["feature_group"]
    if page == "tabellen":
        assert any("EMBARGO tot en met 15 april 2025" in c.value for c in at.caption)
    views = [e for e in read_log(env / "toegang.jsonl") if e["gebeurtenis"] == "bekijken_embargo"]
    assert views[-1]["gebruiker"] == ROLES[username].user and views[-1]["details"]["releases"] == ["actualisatie-2025"]


def test_after_the_release_nobody_sees_an_embargo_mark(env, monkeypatch):
    at = app_at(AFTER, monkeypatch, "tabellen", visitor=ROLES["planner1"])
    assert "EMBARGO" not in everything_shown(at)
    assert not (env / "toegang.jsonl").exists()


def test_a_logged_in_map_is_never_served_to_a_public_session(env, monkeypatch, secrets):
    planner = app_at(BEFORE, monkeypatch, visitor=ROLES["planner1"])
    assert "Dalfsen Het Engelland" in everything_shown(planner)
    public = app_at(BEFORE, monkeypatch)
    assert leaks(everything_shown(public), secrets) == []


def test_a_permalink_to_an_embargoed_project_shows_nothing_of_it(env, monkeypatch, secrets):
    at = app_at(BEFORE, monkeypatch, query={"project": "kampen-de-bakkerij", "periode": "woningen_2024_2030"})
    shown = everything_shown(at)
    assert leaks(shown, secrets) == []
    assert "project bestaat niet of is (nog) niet openbaar" in shown
    assert "kampen-de-bakkerij" not in shown


def oidc_app(roles_toml: str, tmp_path, monkeypatch) -> AppTest:
    """A session of an OIDC user planner@zwolle.nl, with this roles file, before the release."""
    roles = tmp_path / "roles.toml"
    roles.write_text(roles_toml, encoding="utf-8")
    monkeypatch.setenv("WOONDEAL_ROLES", str(roles))
    monkeypatch.setenv("WOONDEAL_NOW", BEFORE)
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "woondeal", "client_secret": "geheim",
                          "server_metadata_url": "https://idp.invalid/.well-known/openid-configuration"}
    at.user = {"is_logged_in": True, "email": "planner@zwolle.nl", "email_verified": True}
    return at.run()


def test_a_broken_roles_file_refuses_the_oidc_user_an_elevated_role(env, monkeypatch, secrets, tmp_path):
    at = oidc_app("[planner\nemails = ", tmp_path, monkeypatch)
    assert not at.exception
    assert any("roles.toml" in e.value for e in at.sidebar.error)
    assert leaks(everything_shown(at), secrets) == []


def test_an_oidc_user_mapped_to_planner_sees_the_embargo(env, monkeypatch, tmp_path):
    at = oidc_app('[planner]\nemails = ["planner@zwolle.nl"]\n', tmp_path, monkeypatch)
    assert any("EMBARGO tot en met 15 april 2025" in w.value for w in at.warning)
    assert read_log(env / "toegang.jsonl")[0]["gebeurtenis"] == "login"


@pytest.mark.parametrize("value", ["morgen", "2025-04-10T12:00:00", "2025-13-01T00:00:00+02:00"])
def test_an_invalid_now_stops_the_app_without_showing_data(value, env, monkeypatch):
    at = app_at(value, monkeypatch)
    assert not at.exception
    assert "WOONDEAL_NOW" in at.error[0].value
    assert not at.get("component_instance") and not headline_figures(at)


def test_now_requires_an_offset_and_defaults_to_the_clock():
    assert now({"WOONDEAL_NOW": AFTER}) == datetime.fromisoformat(AFTER)
    assert now({}).tzinfo is not None
    with pytest.raises(ReleaseError, match="mist een tijdzone"):
        now({"WOONDEAL_NOW": "2025-04-16T00:00:00"})


def test_the_publication_moment_is_the_end_of_15_april_in_amsterdam():
    actualisatie = read_releases()[-1]
    assert actualisatie.embargo_label() == "EMBARGO tot en met 15 april 2025"
    assert not actualisatie.published(datetime.fromisoformat(LAST_MOMENT))
    assert actualisatie.published(datetime.fromisoformat("2025-04-15T22:00:00+00:00"))


def test_exports_before_the_release_hold_nothing_of_it(data, secrets):
    public = restrict(data, visible(read_releases(), "publiek", datetime.fromisoformat(BEFORE)))
    for content in (csv_bytes(public.gemeenten, GEMEENTE_COLUMNS), geojson_bytes(public.gemeenten, GEMEENTE_COLUMNS),
                    csv_bytes(public.projects, PROJECT_EXPORT_COLUMNS),
                    geojson_bytes(public.projects, PROJECT_EXPORT_COLUMNS)):
        assert leaks(content.decode("utf-8-sig"), {"names": secrets["names"], "figures": secrets["figures"]}) == []
    assert set(public.projects["status"]) == {"bestaand"}
    assert public.afwijkingen.empty
    assert "woningen_2024_2030" not in public.projects.columns and "woningen_2031_2035" not in public.projects.columns
    assert set(public.figures["kenmerk"]) <= {"opgave_2022_2030", "woningen_2022", "sleutelprojecten_aantal_2022", "naam"}


def test_embargoed_exports_are_marked(data):
    everything = restrict(data, read_releases())
    label = "EMBARGO tot en met 15 april 2025"
    assert csv_bytes(everything.projects, PROJECT_EXPORT_COLUMNS, label).decode("utf-8-sig").startswith("Embargo;")
    document = json.loads(geojson_bytes(everything.projects, PROJECT_EXPORT_COLUMNS, label))
    assert document["embargo"] == label
    assert document["features"][0]["properties"]["Embargo"] == label


def test_a_download_name_starts_with_embargo_only_while_embargoed():
    assert file_name("afwijkingen.csv", "EMBARGO tot en met 15 april 2025") == "EMBARGO-afwijkingen.csv"
    assert file_name("afwijkingen.csv", None) == "afwijkingen.csv"


def public_before(data):
    """The data as the public may see it shortly before the release."""
    return restrict(data, visible(read_releases(), "publiek", datetime.fromisoformat(BEFORE)), read_releases())


def test_no_existing_project_shows_a_text_or_figure_of_the_embargoed_release(data, secrets):
    public = public_before(data)
    existing = public.projects["project_id"]
    assert len(existing) == 35
    for project_id in existing:
        figures = public.project_figures(project_id)
        quotes = [public.quote(str(bron).split("; ")[0]) for bron in figures["bron"]]
        cards = public.scorecards[public.scorecards["project_id"] == project_id]
        row = public.projects[public.projects["project_id"] == project_id]
        shown = "\n".join([figures.to_csv(), *quotes, cards.to_csv(), row.to_csv()])
        assert leaks(shown, secrets) == [], project_id
        assert not any(quotes), project_id  # the 2022 document is not in the sources: nothing to quote


def test_after_the_release_a_project_quotes_its_source_line(data):
    everything = restrict(data, read_releases(), read_releases())
    bron = everything.project_figures("kampen-reevedelta")["bron"].iloc[0].split("; ")[0]
    assert everything.quote(bron) == "Kampen Kampen Reevedelta Bestaand 3.200 1.815 2.020"


def test_rule_texts_keep_their_test_but_not_the_embargoed_quote(data):
    public, everything = public_before(data), restrict(data, read_releases(), read_releases())
    before = public.scorecards.set_index(["project_id", "thema"])
    after = everything.scorecards.set_index(["project_id", "thema"])
    key = ("kampen-reevedelta", "natura2000")
    assert before.loc[key, "regel"] == after.loc[key, "regel"].split(". Toets: ")[-1].join(["Toets: ", ""])
    assert before.loc[key, "regel"].startswith("Toets: afstand vanaf de rand")
    assert "intern salderen" in after.loc[key, "regel"]
    assert "drinkwater" in before.loc[("kampen-reevedelta", "drinkwater"), "kanttekening"]
    assert "voorwaarde 10" not in before.loc[("kampen-reevedelta", "drinkwater"), "kanttekening"]


def test_the_2022_view_shows_the_2022_figures_and_names_and_says_what_it_cannot_reconstruct(data):
    public = public_before(data)
    assert public.headline("woningen_2022")["waarde"] == 25125
    assert public.headline("sleutelprojecten_aantal_2022")["waarde"] == 37
    heino = public.projects.set_index("project_id").loc["raalte-heino-centrum"]
    assert heino["naam"] == "Heino Molenweg en een tweede project in Heino" and heino["woningen_2022"] == 210
    subjects = public.project_figures("raalte-heino-centrum")["onderwerp"]
    assert all("samenvoeging" not in s and "Heino Molenweg en een tweede project" in s for s in subjects)
    assert "één van de 37 projecten" in public.notes[0] and "25.045" in public.notes[0]
    everything = restrict(data, read_releases(), read_releases())
    assert everything.headline("woningen_2022")["waarde"] == 25045 and not everything.notes
    assert everything.projects.set_index("project_id").loc["raalte-heino-centrum", "naam"].startswith(
        "Heino Centrum (samenvoeging")


def test_own_values_of_a_release_are_printed_on_the_lines_they_cite():
    from geo.numbers import format_count
    from geo.reference import quote

    for release in read_releases():
        for own in release.eigen:
            cited = quote(own.bron.rstrip(")").rsplit("(", 1)[-1].split("; ")[0])
            printed = format_count(own.waarde) if isinstance(own.waarde, int) else "Heino Molenweg"
            assert printed.lower() in cited.lower(), own


@pytest.mark.parametrize("project", ["kampen-reevedelta", "raalte-heino-centrum", "deventer-centrumschil"])
def test_a_chosen_existing_project_before_the_release_shows_nothing_of_it(project, env, monkeypatch, secrets):
    at = app_at(BEFORE, monkeypatch, query={"project": project, "periode": "woningen_2022"})
    assert not at.exception
    shown = everything_shown(at)
    assert leaks(shown, secrets) == []
    sources = [c.value for c in at.caption if c.value.startswith("Bron: ")]
    assert sources == ["Bron: Woondeal West-Overijssel 2022, ondertekend op 21 december 2022"]
    assert not any("tekst in de bron" in c.value for c in at.caption)  # no document of the 2022 release is quoted
    assert any("één van de 37 projecten" in i.value for i in at.info)


def test_after_the_release_a_chosen_project_shows_its_printed_line(env, monkeypatch):
    at = app_at(AFTER, monkeypatch, query={"project": "kampen-reevedelta"})
    quoted = [c.value for c in at.caption if "tekst in de bron" in c.value]
    assert any("“Kampen Kampen Reevedelta Bestaand 3.200 1.815 2.020”" in text for text in quoted)
    assert not any("één van de 37 projecten" in i.value for i in at.info)


def test_removing_an_account_ends_its_open_session_at_its_next_run(env, monkeypatch, secrets):
    from access.accounts import remove_account

    assert "EMBARGO" in everything_shown(app_at(BEFORE, monkeypatch, visitor=ROLES["planner1"]))
    remove_account(env / "accounts.toml", "planner1")
    at = app_at(BEFORE, monkeypatch, visitor=ROLES["planner1"])
    assert not at.exception
    assert any("U bent uitgelogd" in w.value for w in at.sidebar.warning)
    assert leaks(everything_shown(at), secrets) == [] and "EMBARGO" not in everything_shown(at)
    ended = read_log(env / "toegang.jsonl")[-1]
    assert (ended["gebeurtenis"], ended["gebruiker"], ended["details"]["reden"]) == (
        "uitloggen", "planner1", "account verwijderd")


def test_a_changed_role_applies_at_the_next_run(env, monkeypatch):
    add_account(env / "accounts.toml", "planner1", "bestuurder", PASSWORD, replace=True)
    at = app_at(BEFORE, monkeypatch, visitor=ROLES["planner1"])
    assert any("rol: bestuurder" in c.value for c in at.sidebar.caption)


def test_the_access_log_names_the_username_not_the_display_name(env, monkeypatch):
    at = app_at(BEFORE, monkeypatch, visitor=ROLES["bestuurder1"])
    assert any("Wethouder Wonen" in c.value for c in at.sidebar.caption)
    records = read_log(env / "toegang.jsonl")
    assert records and {r["gebruiker"] for r in records} == {"bestuurder1"}


def test_an_embargoed_download_is_not_offered_where_the_server_cannot_bind_it(env, monkeypatch):
    at = app_at(BEFORE, monkeypatch, "tabellen", visitor=ROLES["planner1"])
    assert not at.get("download_button")
    assert any("niet beschikbaar" in c.value for c in at.caption)
    assert not [r for r in read_log(env / "toegang.jsonl") if r["gebeurtenis"] == "export_embargo"]


def test_after_the_release_the_first_screen_says_why_the_projects_add_up_to_24220(env, monkeypatch):
    at = app_at(AFTER, monkeypatch)
    assert any(c.value.startswith("De projecten op de kaart tellen samen op tot 24.220 woningen, 10 meer dan de "
                                  "24.210") and "Ommen" in c.value for c in at.caption)
    assert any("overlappen" in c.value for c in at.caption)
    assert not any("24.220 woningen, 10 meer" in c.value for c in app_at(BEFORE, monkeypatch).caption)
