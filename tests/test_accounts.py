"""Local accounts: bcrypt only, one refusal for every bad login, rate limiting that survives restarts, the CLI."""

import json
import multiprocessing
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import bcrypt
import pytest

from access.accounts import (
    REFUSED,
    Account,
    AccountsError,
    LocalLogin,
    LoginError,
    StoredAccount,
    add_account,
    read_accounts,
    remove_account,
    write_accounts,
)
from access.log import AccessLog, read_log
from geo import paths

T0 = datetime(2025, 4, 10, 12, 0, tzinfo=UTC)
PASSWORD = "correct paard batterij"


def _stored(username, role="planner", password=PASSWORD, name=None):
    """An account with a cheap (cost 4) hash, so the tests stay fast."""
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode()
    return StoredAccount(Account(username, role, name), hashed)


@pytest.fixture
def files(tmp_path):
    """An accounts file with anna (planner) and bert (bestuurder); attempts and log beside it."""
    accounts = tmp_path / "accounts.toml"
    write_accounts(accounts, {"anna": _stored("anna", name="Anna de Vries"), "bert": _stored("bert", "bestuurder")})
    return accounts, tmp_path / "inlogpogingen.json", tmp_path / "toegang.jsonl"


def _login(files):
    """A fresh LocalLogin on the same files: what a restarted or another Streamlit process would use."""
    accounts, attempts, log = files
    return LocalLogin(accounts, attempts, log=AccessLog(log))


def _fail(files, username, password="fout", client="10.0.0.1", now=T0):
    """One failed login; returns the LoginError."""
    with pytest.raises(LoginError) as refused:
        _login(files).authenticate(username, password, client=client, now=now)
    return refused.value


def test_the_right_password_logs_in_with_role_and_name_and_is_logged(files):
    account = _login(files).authenticate("anna", PASSWORD, client="10.0.0.1", now=T0)
    assert account == Account("anna", "planner", "Anna de Vries")
    [entry] = read_log(files[2])
    assert (entry["gebeurtenis"], entry["gebruiker"], entry["rol"], entry["client"]) == ("login", "anna", "planner", "10.0.0.1")
    assert entry["tijd"] == "2025-04-10T12:00:00.000+00:00"


def test_username_case_and_surrounding_spaces_do_not_matter(files):
    assert _login(files).authenticate("  Anna ", PASSWORD, client="c", now=T0).username == "anna"


def test_wrong_password_and_unknown_user_get_the_same_message_but_the_log_has_the_reason(files):
    wrong, unknown = _fail(files, "anna"), _fail(files, "niemand", PASSWORD)
    assert str(wrong) == str(unknown) == REFUSED
    assert (wrong.reason, unknown.reason) == ("onjuist wachtwoord", "onbekende gebruiker")
    entries = read_log(files[2])
    assert [(e["gebeurtenis"], e["gebruiker"], e["rol"], e["details"]["reden"]) for e in entries] == [
        ("login_mislukt", "anna", None, "onjuist wachtwoord"), ("login_mislukt", "niemand", None, "onbekende gebruiker"),
    ]


def test_a_password_longer_than_bcrypt_allows_is_refused_not_crashing(files):
    assert str(_fail(files, "anna", PASSWORD + "x" * 80)) == REFUSED


def test_five_failures_lock_the_username_even_for_the_right_password(files):
    for minute in range(5):
        _fail(files, "anna", now=T0 + timedelta(minutes=minute))
    blocked = _fail(files, "anna", PASSWORD, now=T0 + timedelta(minutes=5))
    assert blocked.event == "login_geblokkeerd" and blocked.reason == "gebruiker geblokkeerd"
    assert str(blocked) == "Te veel mislukte inlogpogingen. Probeer het over 14 minuten opnieuw."
    assert read_log(files[2])[-1]["gebeurtenis"] == "login_geblokkeerd"


def test_the_lockout_ends_after_its_period(files):
    for _ in range(5):
        _fail(files, "anna")
    _fail(files, "anna", PASSWORD, now=T0 + timedelta(minutes=14, seconds=59))
    assert _login(files).authenticate("anna", PASSWORD, client="c", now=T0 + timedelta(minutes=15, seconds=1))


def test_failures_older_than_the_window_do_not_count(files):
    for _ in range(4):
        _fail(files, "anna")
    assert _fail(files, "anna", now=T0 + timedelta(minutes=16)).event == "login_mislukt"
    assert _login(files).authenticate("anna", PASSWORD, client="c", now=T0 + timedelta(minutes=16))


def test_a_successful_login_resets_the_usernames_failures(files):
    for _ in range(4):
        _fail(files, "anna")
    _login(files).authenticate("anna", PASSWORD, client="c", now=T0)
    for _ in range(4):
        _fail(files, "anna")
    assert _login(files).authenticate("anna", PASSWORD, client="c", now=T0)


def test_unknown_usernames_are_locked_like_known_ones_so_they_cannot_be_probed(files):
    for _ in range(5):
        _fail(files, "niemand", client="10.0.0.1")
        _fail(files, "anna", client="10.0.0.2")
    unknown, known = _fail(files, "niemand", client="10.0.0.1"), _fail(files, "anna", client="10.0.0.2")
    assert unknown.event == known.event == "login_geblokkeerd"
    assert str(unknown) == str(known)


def test_a_client_is_locked_after_twenty_failures_across_usernames(files):
    for number in range(20):
        _fail(files, f"gok{number}", client="10.6.6.6")
    blocked = _fail(files, "anna", PASSWORD, client="10.6.6.6")
    assert blocked.reason == "client geblokkeerd"
    assert _login(files).authenticate("anna", PASSWORD, client="10.0.0.2", now=T0)


def test_a_lockout_survives_a_restart(files):
    for _ in range(5):
        _fail(files, "bert")
    assert _fail(files, "bert", PASSWORD, client="elders").event == "login_geblokkeerd"
    assert files[1].exists()


def _attempt(files, outcomes):
    """One wrong-password attempt from its own process; reports the event."""
    try:
        _login(files).authenticate("anna", "fout", client="c", now=T0)
    except LoginError as error:
        outcomes.put(error.event)


def test_parallel_attempts_from_several_processes_never_get_past_the_limit(files):
    context = multiprocessing.get_context("fork")
    outcomes = context.Queue()
    attempts = [context.Process(target=_attempt, args=(files, outcomes)) for _ in range(12)]
    for process in attempts:
        process.start()
    for process in attempts:
        process.join(timeout=60)
        assert process.exitcode == 0
    events = sorted(outcomes.get(timeout=5) for _ in attempts)
    assert events.count("login_mislukt") == 5 and events.count("login_geblokkeerd") == 7


def test_a_damaged_attempts_file_refuses_every_login(files):
    files[1].write_text("{kapot", encoding="utf-8")
    with pytest.raises(AccountsError, match="beschadigd"):
        _login(files).authenticate("anna", PASSWORD, client="c", now=T0)


@pytest.mark.parametrize("content", [
    '{"x": {"fouten": [Infinity], "geblokkeerd_tot": null}}',
    '{"x": {"fouten": [], "geblokkeerd_tot": NaN}}',
    '{"x": {"fouten": [1e400], "geblokkeerd_tot": null}}',
    '{"x": {"fouten": [true], "geblokkeerd_tot": null}}',
    '{"x": {"fouten": [], "geblokkeerd_tot": -Infinity}}',
])
def test_an_attempts_file_with_an_impossible_moment_is_refused_with_a_message(files, content):
    files[1].write_text(content, encoding="utf-8")
    with pytest.raises(AccountsError, match="beschadigd"):
        _login(files).authenticate("anna", PASSWORD, client="c", now=T0)


def test_a_16_mb_attempts_file_is_refused_quickly_without_reading_it_whole(files):
    bucket = '"%032d": {"fouten": [1744279200.0], "geblokkeerd_tot": null}'
    files[1].write_text("{" + ", ".join(bucket % i for i in range(300_000)) + "}", encoding="utf-8")
    assert files[1].stat().st_size > 16_000_000
    with pytest.raises(AccountsError, match="groter dan 2 MB"):  # refused on its size, before parsing
        _login(files).authenticate("anna", PASSWORD, client="c", now=T0)


def test_a_flood_of_new_usernames_cannot_grow_the_attempts_file_without_bound(files, monkeypatch):
    from access import accounts

    monkeypatch.setattr(accounts, "MAX_BUCKETS", 50)
    for number in range(60):
        _fail(files, f"niemand{number}", client=f"10.1.{number}.1", now=T0 + timedelta(seconds=number))
    assert len(json.loads(files[1].read_text(encoding="utf-8"))) == 50
    _fail(files, "anna", client="10.9.9.9", now=T0 + timedelta(seconds=61))
    assert _login(files).authenticate("anna", PASSWORD, client="10.9.9.9", now=T0 + timedelta(seconds=62))


def test_a_bcrypt_shaped_hash_with_an_invalid_salt_is_refused_with_the_entry_named(files):
    text = files[0].read_text(encoding="utf-8")
    anna = read_accounts(files[0])["anna"].password_hash
    files[0].write_text(text.replace(anna, anna[:28] + "z" + anna[29:]), encoding="utf-8")
    with pytest.raises(AccountsError, match="gebruiker 1: wachtwoord_hash is geen geldige bcrypt-hash"):
        _login(files).authenticate("anna", PASSWORD, client="c", now=T0)


def test_a_hash_bcrypt_itself_refuses_is_a_message_not_a_crash(files, monkeypatch):
    from access import accounts

    def invalid_salt(password, hashed):
        raise ValueError("Invalid salt")

    monkeypatch.setattr(accounts.bcrypt, "checkpw", invalid_salt)
    with pytest.raises(AccountsError, match="wachtwoord-hash van dit account is ongeldig"):
        _login(files).authenticate("anna", PASSWORD, client="c", now=T0)


@pytest.mark.parametrize("text, problem", [
    ('[[gebruiker]]\ngebruikersnaam = "anna"\nrol = "planner"\nwachtwoord = "geheim123"', "wachtwoord in platte tekst"),
    ('[[gebruiker]]\ngebruikersnaam = "anna"\nrol = "planner"\nwachtwoord_hash = "geheim123"', "geen geldige bcrypt-hash"),
    ('[[gebruiker]]\ngebruikersnaam = "anna"\nrol = "beheerder"\nwachtwoord_hash = "{hash}"', "rol 'beheerder' is ongeldig"),
    ('[[gebruiker]]\ngebruikersnaam = "anna"\nrol = "publiek"\nwachtwoord_hash = "{hash}"', "publiek heeft geen account nodig"),
    ('[[gebruiker]]\ngebruikersnaam = "Anna"\nrol = "planner"\nwachtwoord_hash = "{hash}"', "gebruikersnaam 'Anna' is ongeldig"),
    ('[[gebruiker]]\ngebruikersnaam = "anna"\nrol = "planner"\nwachtwoord_hash = "{hash}"\nbeheerder = true', "onbekende sleutels ['beheerder']"),
    ('[[gebruiker]]\ngebruikersnaam = "anna"\nrol = "planner"', "ontbrekende sleutels ['wachtwoord_hash']"),
    ('[[gebruiker]]\ngebruikersnaam = "anna"\nrol = "planner"\nwachtwoord_hash = "{hash}"\n'
     '[[gebruiker]]\ngebruikersnaam = "anna"\nrol = "bestuurder"\nwachtwoord_hash = "{hash}"', "meer dan één keer"),
    ('[gebruiker]\ngebruikersnaam = "anna"', "alleen [[gebruiker]]-tabellen"),
    ('rol = "planner"', "alleen [[gebruiker]]-tabellen"),
    ('[[gebruiker]\ngebruikersnaam = "anna"', "geen geldige TOML"),
])
def test_a_broken_accounts_file_is_refused_with_a_clear_message_and_grants_nothing(files, text, problem):
    files[0].write_text(text.replace("{hash}", _stored("anna").password_hash), encoding="utf-8")
    with pytest.raises(AccountsError) as refused:
        _login(files).authenticate("anna", PASSWORD, client="c", now=T0)
    assert problem in str(refused.value)


def test_a_tampered_hash_is_refused(files):
    text = files[0].read_text(encoding="utf-8")
    start = text.index("$2b$")
    files[0].write_text(text[:start] + text[start + 1:], encoding="utf-8")
    with pytest.raises(AccountsError, match="geen geldige bcrypt-hash"):
        read_accounts(files[0])


def test_a_hash_replaced_by_another_valid_hash_no_longer_accepts_the_old_password(files):
    text = files[0].read_text(encoding="utf-8")
    anna = read_accounts(files[0])["anna"].password_hash
    files[0].write_text(text.replace(anna, _stored("anna", password="een ander wachtwoord").password_hash), encoding="utf-8")
    assert _fail(files, "anna", PASSWORD).reason == "onjuist wachtwoord"


def test_without_an_accounts_file_local_login_is_unavailable_and_refuses(tmp_path):
    login = LocalLogin(tmp_path / "accounts.toml", tmp_path / "pogingen.json")
    assert not login.available()
    with pytest.raises(LoginError, match=REFUSED):
        login.authenticate("anna", PASSWORD, client="c", now=T0)


def test_names_with_quotes_backslashes_and_accents_survive_writing_and_reading(tmp_path):
    path = tmp_path / "accounts.toml"
    stored = _stored("o.brien@zwolle.nl", name='Siobhán "Sam" O\'Brien \\ team')
    write_accounts(path, {stored.account.username: stored})
    assert read_accounts(path) == {stored.account.username: stored}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("username, role, password, problem", [
    ("anna", "planner", "kort", "minstens 12 tekens"),
    ("anna", "planner", "é" * 40, "hoogstens 72 bytes"),
    ("an na", "planner", PASSWORD, "gebruikersnaam 'an na' is ongeldig"),
    ("carla", "publiek", PASSWORD, "rol 'publiek' is ongeldig"),
    ("anna", "planner", PASSWORD, "bestaat al"),
])
def test_adding_an_invalid_account_is_refused_and_leaves_the_file_untouched(files, username, role, password, problem):
    before = files[0].read_bytes()
    with pytest.raises(AccountsError, match=problem):
        add_account(files[0], username, role, password)
    assert files[0].read_bytes() == before


def test_replacing_an_account_changes_its_password_and_role(files):
    add_account(files[0], "anna", "bestuurder", "nieuw wachtwoord 2025", replace=True)
    assert _fail(files, "anna", PASSWORD).reason == "onjuist wachtwoord"
    assert _login(files).authenticate("anna", "nieuw wachtwoord 2025", client="c", now=T0).role == "bestuurder"


def test_removing_an_unknown_account_is_refused(files):
    with pytest.raises(AccountsError, match="staat niet in"):
        remove_account(files[0], "niemand")


def _cli(env_path, *args, stdin=""):
    """Run ``python -m access.accounts`` on the given accounts file."""
    env = {**os.environ, "WOONDEAL_ACCOUNTS": str(env_path)}
    return subprocess.run([sys.executable, "-m", "access.accounts", *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=paths.ROOT, timeout=60)


def test_the_cli_adds_lists_and_removes_users(tmp_path):
    path = tmp_path / "accounts.toml"
    added = _cli(path, "toevoegen", "Anna", "--rol", "planner", "--naam", "Anna de Vries", "--wachtwoord-stdin",
                 stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "Account 'anna' (planner) opgeslagen" in added.stdout
    assert PASSWORD not in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert LocalLogin(path, tmp_path / "pogingen.json").authenticate("anna", PASSWORD, client="c", now=T0).role == "planner"
    listed = _cli(path, "lijst")
    assert listed.returncode == 0 and listed.stdout.splitlines() == ["gebruiker  rol      naam", "anna       planner  Anna de Vries"]
    removed = _cli(path, "verwijderen", "anna")
    assert removed.returncode == 0 and "verwijderd" in removed.stdout
    assert _cli(path, "lijst").stdout.strip() == f"Geen accounts in {path}."


def test_the_cli_refuses_bad_input_in_dutch_and_changes_nothing(tmp_path):
    path = tmp_path / "accounts.toml"
    short = _cli(path, "toevoegen", "anna", "--rol", "planner", "--wachtwoord-stdin", stdin="kort\n")
    assert short.returncode == 1 and "minstens 12 tekens" in short.stderr
    assert not path.exists()
    missing = _cli(path, "verwijderen", "anna")
    assert missing.returncode == 1 and "staat niet in" in missing.stderr


def test_the_example_accounts_file_is_valid_and_its_fake_password_is_the_documented_one(tmp_path):
    example = paths.ROOT / ".streamlit" / "accounts.example.toml"
    assert "dit-is-geen-echt-wachtwoord" in example.read_text(encoding="utf-8")
    login = LocalLogin(example, tmp_path / "pogingen.json")
    assert login.authenticate("voorbeeld", "dit-is-geen-echt-wachtwoord", client="c", now=T0).role == "planner"


def test_the_files_come_from_the_environment(files, monkeypatch):
    monkeypatch.setenv("WOONDEAL_ACCOUNTS", str(files[0]))
    monkeypatch.setenv("WOONDEAL_LOGIN_ATTEMPTS", str(files[1]))
    assert LocalLogin().authenticate("bert", PASSWORD, client="c", now=T0).role == "bestuurder"
    for _ in range(5):
        with pytest.raises(LoginError):
            LocalLogin().authenticate("bert", "fout", client="c", now=T0)
    assert _fail(files, "bert", PASSWORD).event == "login_geblokkeerd"
