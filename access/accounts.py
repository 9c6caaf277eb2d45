"""Local accounts for deployments without an identity provider: ``python -m access.accounts``.

The accounts file (TOML, ``WOONDEAL_ACCOUNTS`` or ``.streamlit/accounts.toml``, git-ignored) holds
per user a username, a role (planner or bestuurder) and a bcrypt hash, never a password; a file
with anything else in it is refused whole. Failed logins are counted per username and per client
in a small JSON file (``WOONDEAL_LOGIN_ATTEMPTS`` or ``logs/inlogpogingen.json``) shared by all
processes under a file lock; too many within the window lock that username or client out for a
while. The command line adds, removes and lists accounts; every file is replaced atomically.
"""

from __future__ import annotations

import argparse
import functools
import getpass
import hashlib
import json
import math
import os
import re
import sys
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import bcrypt
import tomlkit

from access.log import AccessLog
from geo import paths
from geo.files import locked, write_atomically
from geo.schema import ELEVATED

USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
# Cost, a 22-character salt and a 31-character hash in bcrypt's base64; the last character of each
# carries only 2 or 4 bits, so only these characters are valid there (bcrypt refuses anything else).
BCRYPT_HASH = re.compile(
    r"\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{21}[.Oeu][./A-Za-z0-9]{30}[.CGKOSWaeimquy26]")
HASH_ROUNDS = 12
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_BYTES = 72  # bcrypt uses no more; bcrypt 5 refuses longer passwords
MAX_ATTEMPTS_BYTES = 2_000_000  # the attempts file never grows beyond MAX_BUCKETS entries (well under this)
MAX_BUCKETS = 5_000  # usernames and clients counted at once; beyond, the oldest unlocked ones are dropped
ENTRY_KEYS = {"gebruikersnaam", "rol", "wachtwoord_hash"}
REFUSED = "Onbekende gebruikersnaam of onjuist wachtwoord."
HEADER = """\
# Lokale accounts van de Woondeal-kaart: alleen bcrypt-hashes, nooit wachtwoorden.
# Beheer ze met: python -m access.accounts toevoegen|verwijderen|lijst. Zet dit bestand nooit in git.
"""


class AccountsError(ValueError):
    """The accounts file or the attempts file is broken, or an account change is invalid (Dutch)."""


class LoginError(Exception):
    """A refused login: ``str()`` is the Dutch message for the user, ``reason`` is for the access log only."""

    def __init__(self, message: str, *, event: str, reason: str, username: str):
        super().__init__(message)
        self.event, self.reason, self.username = event, reason, username


@dataclass(frozen=True)
class Account:
    """A logged-in local user: what the app needs, without the password hash."""

    username: str
    role: str
    display_name: str | None = None


@dataclass(frozen=True)
class StoredAccount:
    """An account as the accounts file holds it."""

    account: Account
    password_hash: str = field(repr=False)


@dataclass(frozen=True)
class Limits:
    """How many failed logins a username or a client may have within the window, and the lockout."""

    user_failures: int = 5
    client_failures: int = 20
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)

    def failures(self, kind: str) -> int:
        """The limit for one kind of key: 'gebruiker' or 'client'."""
        return self.user_failures if kind == "gebruiker" else self.client_failures


def read_accounts(path: Path | None = None) -> dict[str, StoredAccount]:
    """Every account by username; a missing file has none, a broken one raises AccountsError."""
    path = path or paths.configured("accounts")
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise AccountsError(f"Accountsbestand {path} is niet leesbaar ({error}).") from None
    except tomllib.TOMLDecodeError as error:
        raise AccountsError(f"Accountsbestand {path} is geen geldige TOML ({error}).") from None
    entries = document.pop("gebruiker", [])
    if document or not isinstance(entries, list):
        raise AccountsError(f"Accountsbestand {path} mag alleen [[gebruiker]]-tabellen bevatten.")
    accounts: dict[str, StoredAccount] = {}
    for number, entry in enumerate(entries, start=1):
        stored = _stored(path, number, entry)
        if stored.account.username in accounts:
            raise AccountsError(f"Accountsbestand {path}: gebruiker '{stored.account.username}' "
                                "staat er meer dan één keer in.")
        accounts[stored.account.username] = stored
    return accounts


def _stored(path: Path, number: int, entry: Any) -> StoredAccount:
    """One [[gebruiker]] table, checked field by field; the message names the entry and the problem."""
    where = f"Accountsbestand {path}, gebruiker {number}"
    if not isinstance(entry, dict):
        raise AccountsError(f"{where}: geen tabel.")
    if "wachtwoord" in entry:
        raise AccountsError(f"{where}: bevat een wachtwoord in platte tekst. Verwijder het en maak het account "
                            "opnieuw aan met 'python -m access.accounts toevoegen'.")
    unknown, missing = sorted(set(entry) - ENTRY_KEYS - {"naam"}), sorted(ENTRY_KEYS - set(entry))
    if unknown or missing:
        raise AccountsError(f"{where}: onbekende sleutels {unknown} of ontbrekende sleutels {missing}.")
    if not isinstance(entry["wachtwoord_hash"], str) or not BCRYPT_HASH.fullmatch(entry["wachtwoord_hash"]):
        raise AccountsError(f"{where}: wachtwoord_hash is geen geldige bcrypt-hash (wachtwoorden in platte tekst "
                            "worden geweigerd; maak accounts aan met 'python -m access.accounts toevoegen').")
    try:
        account = Account(_username(entry["gebruikersnaam"]), _role(entry["rol"]), _display_name(entry.get("naam")))
    except ValueError as error:
        raise AccountsError(f"{where}: {error}") from None
    return StoredAccount(account, entry["wachtwoord_hash"])


def _username(value: Any) -> str:
    """A username: lower case letters, digits and . _ @ -, at most 64 characters."""
    if not isinstance(value, str) or not USERNAME.fullmatch(value):
        raise ValueError(f"gebruikersnaam {value!r} is ongeldig: gebruik kleine letters, cijfers en . _ @ - "
                         "(hoogstens 64 tekens, beginnend met een letter of cijfer)")
    return value


def _role(value: Any) -> str:
    """A role that needs an account: planner or bestuurder (publiek needs no login)."""
    if value not in ELEVATED:
        raise ValueError(f"rol {value!r} is ongeldig: kies planner of bestuurder (publiek heeft geen account nodig)")
    return value


def _display_name(value: Any) -> str | None:
    """An optional display name: printable text of at most 100 characters."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 100 or not value.isprintable():
        raise ValueError("naam moet leesbare tekst zijn van hoogstens 100 tekens")
    return value.strip()


def hash_password(password: str) -> str:
    """A salted bcrypt hash, after checking the length rules (at least 12 characters, at most 72 bytes)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens hebben")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise ValueError(f"het wachtwoord mag hoogstens {MAX_PASSWORD_BYTES} bytes lang zijn (bcrypt)")
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(HASH_ROUNDS)).decode("ascii")


def write_accounts(path: Path, accounts: Mapping[str, StoredAccount]) -> None:
    """Replace the accounts file atomically (mode 600) with these accounts, sorted by username."""
    document = tomlkit.document()
    for line in HEADER.splitlines():
        document.add(tomlkit.comment(line.removeprefix("# ")))
    entries = tomlkit.aot()
    for name in sorted(accounts):
        account, entry = accounts[name].account, tomlkit.table()
        entry.update({"gebruikersnaam": account.username, "rol": account.role})
        if account.display_name is not None:
            entry["naam"] = account.display_name
        entry["wachtwoord_hash"] = accounts[name].password_hash
        entries.append(entry)
    document["gebruiker"] = entries
    write_atomically(path, tomlkit.dumps(document), mode=0o600)


def add_account(path: Path, username: str, role: str, password: str, display_name: str | None = None,
                *, replace: bool = False) -> Account:
    """Add an account (or with ``replace`` overwrite it); refuses bad input and leaves the file untouched."""
    try:
        account = Account(_username(username.strip().lower()), _role(role), _display_name(display_name))
        stored = StoredAccount(account, hash_password(password))
    except ValueError as error:
        raise AccountsError(f"Niets gewijzigd: {error}.") from None
    with locked(path):
        accounts = read_accounts(path)
        if account.username in accounts and not replace:
            raise AccountsError(f"Gebruiker '{account.username}' bestaat al; gebruik --vervang om wachtwoord, "
                                "rol of naam te wijzigen.")
        write_accounts(path, {**accounts, account.username: stored})
    return account


def remove_account(path: Path, username: str) -> str:
    """Remove an account and return its username; an unknown one is an error, so a typo is not silent."""
    name = username.strip().lower()
    with locked(path):
        accounts = read_accounts(path)
        if name not in accounts:
            raise AccountsError(f"Gebruiker '{name}' staat niet in {path}; er is niets gewijzigd.")
        write_accounts(path, {key: value for key, value in accounts.items() if key != name})
    return name


class Throttle:
    """Failed logins per username and per client, in a JSON file shared by every process."""

    def __init__(self, path: Path | None = None, limits: Limits = Limits()):
        self.path, self.limits = path or paths.configured("login_attempts"), limits

    def reserve(self, keys: Mapping[str, str], now: float) -> tuple[str, float] | None:
        """Count this attempt as failed in advance, unless a key is locked: then (kind, seconds left)."""
        with self._state(now) as state:
            for kind, key in keys.items():
                bucket = state.get(_key_id(kind, key))
                if bucket and bucket["geblokkeerd_tot"]:
                    return kind, bucket["geblokkeerd_tot"] - now
                if bucket and len(bucket["fouten"]) >= self.limits.failures(kind):  # attempts still in progress
                    return kind, self.limits.lockout.total_seconds()
            for kind, key in keys.items():
                state.setdefault(_key_id(kind, key), {"fouten": [], "geblokkeerd_tot": None})["fouten"].append(now)
        return None

    def settle(self, keys: Mapping[str, str], now: float, succeeded: bool) -> None:
        """After the check: a success clears the username's failures; a failure may lock a key."""
        with self._state(now) as state:
            for kind, key in keys.items():
                bucket = state.setdefault(_key_id(kind, key), {"fouten": [now], "geblokkeerd_tot": None})
                if succeeded:
                    bucket["fouten"] = [] if kind == "gebruiker" else _without_one(bucket["fouten"], now)
                elif len(bucket["fouten"]) >= self.limits.failures(kind):
                    bucket["fouten"], bucket["geblokkeerd_tot"] = [], now + self.limits.lockout.total_seconds()

    @contextmanager
    def _state(self, now: float) -> Iterator[dict[str, dict[str, Any]]]:
        """The current counts under the lock, without expired entries; written back atomically, at
        most MAX_BUCKETS of them (a flood of new usernames cannot grow the file without bound)."""
        with locked(self.path):
            state = _current(self._read(), now, self.limits.window.total_seconds())
            yield state
            write_atomically(self.path, json.dumps(_capped(state), sort_keys=True), mode=0o600)

    def _read(self) -> dict[str, dict[str, Any]]:
        """The stored counts; a damaged file refuses every login (fail closed) until it is removed."""
        damaged = f"Het bestand met inlogpogingen {self.path} is beschadigd"
        try:
            with self.path.open("rb") as file:
                data = file.read(MAX_ATTEMPTS_BYTES + 1)
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise AccountsError(f"{damaged} ({error}); inloggen kan pas weer als het is verwijderd.") from None
        if len(data) > MAX_ATTEMPTS_BYTES:
            raise AccountsError(f"{damaged}: het is groter dan {MAX_ATTEMPTS_BYTES // 1_000_000} MB, wat de app "
                                "nooit schrijft; inloggen kan pas weer als het is verwijderd.")
        try:
            state = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
        except (UnicodeDecodeError, ValueError) as error:
            raise AccountsError(f"{damaged} ({error}); inloggen kan pas weer als het is verwijderd.") from None
        if not isinstance(state, dict) or not all(_is_bucket(bucket) for bucket in state.values()):
            raise AccountsError(f"{damaged}; inloggen kan pas weer als het is verwijderd.")
        return state


def _no_constant(name: str) -> Any:
    """JSON's Infinity and NaN are no moments: the file is refused."""
    raise ValueError(f"ongeldige waarde {name}")


def _moment(value: Any) -> bool:
    """A moment as the throttle writes it: seconds since 1970, a finite number within this era."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) \
        and 0 <= value < 1e11


def _is_bucket(bucket: Any) -> bool:
    """Whether one stored entry has the shape the throttle writes."""
    return (isinstance(bucket, dict) and set(bucket) == {"fouten", "geblokkeerd_tot"}
            and isinstance(bucket["fouten"], list) and len(bucket["fouten"]) <= 1000
            and all(_moment(t) for t in bucket["fouten"])
            and (bucket["geblokkeerd_tot"] is None or _moment(bucket["geblokkeerd_tot"])))


def _capped(state: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """At most MAX_BUCKETS entries: locked ones first, then those with the latest failures."""
    if len(state) <= MAX_BUCKETS:
        return state
    ranked = sorted(state.items(), key=lambda item: (item[1]["geblokkeerd_tot"] is not None,
                                                     max(item[1]["fouten"], default=0)), reverse=True)
    return dict(ranked[:MAX_BUCKETS])


def _current(state: dict[str, dict[str, Any]], now: float, window: float) -> dict[str, dict[str, Any]]:
    """The state without failures older than the window, ended lockouts and entries left empty."""
    current = {}
    for key, bucket in state.items():
        failures = [moment for moment in bucket["fouten"] if moment > now - window]
        locked = bucket["geblokkeerd_tot"] if bucket["geblokkeerd_tot"] and bucket["geblokkeerd_tot"] > now else None
        if failures or locked:
            current[key] = {"fouten": failures, "geblokkeerd_tot": locked}
    return current


def _without_one(moments: list[float], moment: float) -> list[float]:
    """The list with one occurrence of ``moment`` removed (a cancelled reservation)."""
    remaining = list(moments)
    if moment in remaining:
        remaining.remove(moment)
    return remaining


def _key_id(kind: str, key: str) -> str:
    """A fixed-length id for a username or client, so the file neither grows with nor lists raw input."""
    return hashlib.sha256(f"{kind}\0{key}".encode()).hexdigest()[:32]


class LocalLogin:
    """Logs local users in: the accounts file, the throttle and, when given, the access log."""

    def __init__(self, accounts_path: Path | None = None, attempts_path: Path | None = None, *,
                 limits: Limits = Limits(), log: AccessLog | None = None):
        self.accounts_path = accounts_path or paths.configured("accounts")
        self.throttle, self.log = Throttle(attempts_path, limits), log

    def available(self) -> bool:
        """Whether local login is set up (the accounts file exists), so the app can offer the form."""
        return self.accounts_path.exists()

    def authenticate(self, username: str, password: str, *, client: str, now: datetime | None = None) -> Account:
        """The account for a right username and password, else LoginError (one message for both wrong ones)."""
        moment = _timestamp(now)
        name = username.strip().lower()
        accounts = read_accounts(self.accounts_path)
        keys = {"gebruiker": name, "client": client}
        blocked = self.throttle.reserve(keys, moment)
        if blocked:
            kind, seconds = blocked
            raise self._refused(LoginError(_blocked_message(seconds), event="login_geblokkeerd",
                                           reason=f"{kind} geblokkeerd", username=name), client, now)
        stored = accounts.get(name)
        correct = _password_matches(stored, password, _dummy_cost(accounts))
        self.throttle.settle(keys, moment, correct)
        if not stored or not correct:
            reason = "onbekende gebruiker" if not stored else "onjuist wachtwoord"
            raise self._refused(LoginError(REFUSED, event="login_mislukt", reason=reason, username=name), client, now)
        if self.log:
            self.log.record("login", user=name, role=stored.account.role, client=client,
                            details={"methode": "lokaal"}, now=now)
        return stored.account

    def _refused(self, error: LoginError, client: str, now: datetime | None) -> LoginError:
        """Record a refused login with its real reason, and hand the error back to raise."""
        if self.log:
            self.log.record(error.event, user=error.username[:100] or None, role=None, client=client,
                            details={"methode": "lokaal", "reden": error.reason}, now=now)
        return error


def _timestamp(now: datetime | None) -> float:
    """Seconds since the epoch for an aware moment (the injectable clock), or for the real now."""
    if now is not None and now.tzinfo is None:
        raise ValueError("now moet een tijdzone hebben")
    return (now or datetime.now(UTC)).timestamp()


def _password_matches(stored: StoredAccount | None, password: str, dummy_cost: int) -> bool:
    """Check the password; an unknown user costs the same bcrypt work, so timing reveals nothing."""
    secret = password.encode("utf-8")
    if len(secret) > MAX_PASSWORD_BYTES:
        return False
    hashed = stored.password_hash if stored else _dummy_hash(dummy_cost)
    try:
        return bcrypt.checkpw(secret, hashed.encode("ascii")) and stored is not None
    except ValueError:
        raise AccountsError("De wachtwoord-hash van dit account is ongeldig; maak het account opnieuw aan met "
                            "'python -m access.accounts toevoegen … --vervang'.") from None


def _dummy_cost(accounts: Mapping[str, StoredAccount]) -> int:
    """The bcrypt cost of the file's hashes (the highest), so unknown users take as long as known ones."""
    return max((int(stored.password_hash[4:6]) for stored in accounts.values()), default=HASH_ROUNDS)


@functools.cache
def _dummy_hash(cost: int) -> str:
    """A hash of a random secret at the given cost, made once per process."""
    return bcrypt.hashpw(os.urandom(16), bcrypt.gensalt(cost)).decode("ascii")


def _blocked_message(seconds: float) -> str:
    """The Dutch lockout message with the minutes left, rounded up."""
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minuut" if minutes == 1 else "minuten"
    return f"Te veel mislukte inlogpogingen. Probeer het over {minutes} {unit} opnieuw."


def _read_password(from_stdin: bool) -> str:
    """The new password: one line from stdin for scripts, else asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    password = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Herhaal het wachtwoord: ") != password:
        raise AccountsError("De wachtwoorden verschillen; er is niets gewijzigd.")
    return password


def _listing(accounts: Mapping[str, StoredAccount], path: Path) -> str:
    """The accounts as a small table (no hashes)."""
    if not accounts:
        return f"Geen accounts in {path}."
    rows = [("gebruiker", "rol", "naam")] + [
        (s.account.username, s.account.role, s.account.display_name or "") for _, s in sorted(accounts.items())
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{a.ljust(widths[0])}  {b.ljust(widths[1])}  {c}".rstrip() for a, b, c in rows)


def main(argv: list[str] | None = None) -> int:
    """Command line: toevoegen, verwijderen or lijst, on the accounts file from WOONDEAL_ACCOUNTS."""
    parser = argparse.ArgumentParser(
        prog="python -m access.accounts",
        description="Lokale accounts van de Woondeal-kaart beheren "
                    "(bestand: WOONDEAL_ACCOUNTS of .streamlit/accounts.toml).",
    )
    commands = parser.add_subparsers(dest="opdracht", required=True, metavar="opdracht")
    add = commands.add_parser("toevoegen", help="een account toevoegen")
    add.add_argument("gebruiker", help="gebruikersnaam (kleine letters, cijfers, . _ @ -)")
    add.add_argument("--rol", required=True, choices=ELEVATED, help="planner of bestuurder")
    add.add_argument("--naam", help="naam zoals de kaart die toont")
    add.add_argument("--wachtwoord-stdin", action="store_true", help="lees het wachtwoord als één regel van stdin")
    add.add_argument("--vervang", action="store_true", help="een bestaand account overschrijven (nieuw wachtwoord)")
    remove = commands.add_parser("verwijderen", help="een account verwijderen")
    remove.add_argument("gebruiker", help="gebruikersnaam")
    commands.add_parser("lijst", help="de accounts tonen (zonder hashes)")
    args = parser.parse_args(argv)
    path = paths.configured("accounts")
    try:
        if args.opdracht == "toevoegen":
            account = add_account(path, args.gebruiker, args.rol, _read_password(args.wachtwoord_stdin), args.naam,
                                  replace=args.vervang)
            print(f"Account '{account.username}' ({account.role}) opgeslagen in {path}.")
        elif args.opdracht == "verwijderen":
            print(f"Account '{remove_account(path, args.gebruiker)}' verwijderd uit {path}.")
        else:
            print(_listing(read_accounts(path), path))
    except AccountsError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
