"""OIDC users get their role from the roles file; everyone else is publiek, and a broken file grants nothing."""

from pathlib import Path

import pytest

from access.roles import RolesError, load_roles, role_for, user_role
from geo import paths

ISSUER = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"
RULES = """
[planner]
emails = ["Piet@Zwolle.nl"]
domeinen = ["overijssel.nl"]
claims = { groups = ["woondeal-planners"], "realm_access.roles" = ["planner-rol"] }

[bestuurder]
emails = ["wethouder@overijssel.nl"]
domeinen = ["deventer.nl"]
claims = { roles = ["Woondeal.Bestuurder"] }
"""


def _rules(tmp_path: Path, text: str = RULES) -> Path:
    path = tmp_path / "roles.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _user(**claims) -> dict:
    return {"is_logged_in": True, "sub": "abc-123", "iss": ISSUER, **claims}


@pytest.fixture
def rules(tmp_path):
    return load_roles(_rules(tmp_path))


def test_an_email_address_grants_its_role_whatever_the_case(rules):
    assert role_for(_user(email="piet@zwolle.NL"), rules) == "planner"


def test_an_email_domain_grants_its_role_but_not_to_subdomains(rules):
    assert role_for(_user(email="anna@deventer.nl"), rules) == "bestuurder"
    assert role_for(_user(email="anna@intern.deventer.nl"), rules) == "publiek"


def test_a_claim_value_grants_its_role_from_a_list_a_string_or_a_nested_claim(rules):
    assert role_for(_user(groups=["andere-groep", "woondeal-planners"]), rules) == "planner"
    assert role_for(_user(roles="Woondeal.Bestuurder"), rules) == "bestuurder"
    assert role_for(_user(realm_access={"roles": ["planner-rol"]}), rules) == "planner"


def test_an_email_address_beats_a_claim_and_a_claim_beats_a_domain(rules):
    assert role_for(_user(email="wethouder@overijssel.nl", groups=["woondeal-planners"]), rules) == "bestuurder"
    assert role_for(_user(email="anna@deventer.nl", groups=["woondeal-planners"]), rules) == "planner"


def test_unknown_and_logged_out_users_are_publiek(rules):
    assert role_for(_user(email="iemand@gmail.com", groups=["iets"]), rules) == "publiek"
    assert role_for({"is_logged_in": False}, rules) == "publiek"
    assert role_for(_user(), rules) == "publiek"


def test_an_email_the_provider_marks_unverified_grants_nothing(rules):
    assert role_for(_user(email="piet@zwolle.nl", email_verified=False), rules) == "publiek"
    assert role_for(_user(email="piet@zwolle.nl", email_verified=True), rules) == "planner"


def test_with_trusted_issuers_a_token_from_another_issuer_is_publiek(tmp_path):
    rules = load_roles(_rules(tmp_path, f'uitgevers = ["{ISSUER}"]\n' + RULES))
    assert role_for(_user(email="piet@zwolle.nl"), rules) == "planner"
    assert role_for(_user(email="piet@zwolle.nl", iss="https://login.microsoftonline.com/common/v2.0"), rules) == "publiek"
    assert role_for({"is_logged_in": True, "email": "piet@zwolle.nl"}, rules) == "publiek"


def test_a_user_whose_claims_match_both_roles_is_refused_with_a_message(rules):
    with pytest.raises(RolesError, match="meer dan één rol"):
        role_for(_user(groups=["woondeal-planners"], roles=["Woondeal.Bestuurder"]), rules)


@pytest.mark.parametrize("text, problem", [
    ("[planner\nemails = []", "geen geldige TOML"),
    ('[planer]\nemails = ["a@b.nl"]', "onbekende sleutel(s) planer"),
    ('[publiek]\nemails = ["a@b.nl"]', "onbekende sleutel(s) publiek"),
    ('[planner]\nemail = ["a@b.nl"]', "onbekende sleutel(s) email"),
    ('[planner]\nemails = "a@b.nl"', "planner.emails moet een lijst"),
    ('[planner]\nemails = ["geen-adres"]', "'geen-adres' is geen e-mailadres"),
    ('[planner]\ndomeinen = ["@zwolle.nl"]', "is geen domein"),
    ('[planner]\nclaims = ["groups"]', "claims moet een tabel zijn"),
    ('[planner]\nclaims = { groups = [""] }', "planner.claims.groups moet een lijst"),
    ('[planner]\nemails = ["a@b.nl"]\n[bestuurder]\nemails = ["A@b.nl"]', "'a@b.nl' staat bij zowel planner als bestuurder"),
    ('uitgevers = "https://sso.voorbeeld.nl"', "uitgevers moet een lijst"),
    ("planner = 1", "[planner] moet een tabel zijn"),
])
def test_a_broken_roles_file_is_refused_with_a_clear_message(tmp_path, text, problem):
    with pytest.raises(RolesError) as refused:
        load_roles(_rules(tmp_path, text))
    assert problem in str(refused.value)
    assert "krijgt niemand een verhoogde rol" in str(refused.value)


def test_a_missing_or_unreadable_roles_file_is_refused(tmp_path):
    with pytest.raises(RolesError, match="ontbreekt"):
        load_roles(tmp_path / "roles.toml")
    with pytest.raises(RolesError, match="niet leesbaar"):
        load_roles(tmp_path)
    (tmp_path / "binair.toml").write_bytes(b"\xff\xfe[planner]")
    with pytest.raises(RolesError, match="niet leesbaar"):
        load_roles(tmp_path / "binair.toml")


def test_user_role_rereads_the_file_so_an_edit_applies_at_once(tmp_path):
    path = _rules(tmp_path)
    assert user_role(_user(email="piet@zwolle.nl"), path) == "planner"
    path.write_text('[bestuurder]\nemails = ["piet@zwolle.nl"]\n', encoding="utf-8")
    assert user_role(_user(email="piet@zwolle.nl"), path) == "bestuurder"
    path.write_text("kapot = [", encoding="utf-8")
    with pytest.raises(RolesError):
        user_role(_user(email="piet@zwolle.nl"), path)


def test_the_roles_file_location_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WOONDEAL_ROLES", str(_rules(tmp_path)))
    assert user_role(_user(email="anna@overijssel.nl")) == "planner"
    monkeypatch.delenv("WOONDEAL_ROLES")
    assert paths.configured("roles") == paths.ROOT / ".streamlit" / "roles.toml"


def test_the_example_roles_file_is_valid_and_maps_its_examples():
    rules = load_roles(paths.ROOT / ".streamlit" / "roles.example.toml")
    assert role_for(_user(email="planner@voorbeeld-gemeente.nl"), rules) == "planner"
    assert role_for(_user(roles=["Woondeal.Bestuurder"]), rules) == "bestuurder"
    assert role_for(_user(email="iemand@voorbeeld.nl"), rules) == "publiek"
