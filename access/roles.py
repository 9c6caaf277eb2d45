"""Roles: who may see what, and which role a user who logged in through OIDC gets.

``publiek`` needs no login and sees released data only; ``planner`` and ``bestuurder`` also see
embargoed releases. A roles file (TOML, ``WOONDEAL_ROLES`` or ``.streamlit/roles.toml``) grants the
elevated roles by e-mail address, e-mail domain or token claim; everyone else is ``publiek``. A
missing or broken roles file raises ``RolesError``: it never grants anything.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo import paths
from geo.schema import ELEVATED, PUBLIC

RULE_KINDS = ("emails", "domeinen", "claims")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


class RolesError(ValueError):
    """The roles file is missing, unreadable or invalid, or a user matches two roles (Dutch message)."""


@dataclass(frozen=True)
class RoleRules:
    """The parsed roles file: trusted issuers and, per kind of rule, what grants which role."""

    issuers: frozenset[str] = frozenset()
    emails: Mapping[str, str] = field(default_factory=dict)
    domains: Mapping[str, str] = field(default_factory=dict)
    claims: Mapping[tuple[str, str], str] = field(default_factory=dict)


def load_roles(path: Path | None = None) -> RoleRules:
    """Read and check the roles file, so a typo is reported instead of silently granting nothing."""
    path = path or paths.configured("roles")
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _error(path, "het bestand ontbreekt; maak het aan naar het voorbeeld "
                           ".streamlit/roles.example.toml") from None
    except (OSError, UnicodeDecodeError) as error:
        raise _error(path, f"het bestand is niet leesbaar ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise _error(path, f"geen geldige TOML ({error})") from None
    unknown = sorted(set(document) - {"uitgevers", *ELEVATED})
    if unknown:
        raise _error(path, f"onbekende sleutel(s) {', '.join(unknown)}; "
                           "toegestaan zijn 'uitgevers', 'planner' en 'bestuurder'")
    issuers = frozenset(_strings(path, "uitgevers", document.get("uitgevers", [])))
    rules = [_role_rules(path, role, document.get(role, {})) for role in ELEVATED]
    return RoleRules(issuers, *(_merged(path, kind, rules) for kind in RULE_KINDS))


def _role_rules(path: Path, role: str, section: Any) -> dict[str, dict[Any, str]]:
    """The rules of one role's section, each mapped to that role."""
    if not isinstance(section, dict):
        raise _error(path, f"[{role}] moet een tabel zijn")
    unknown = sorted(set(section) - set(RULE_KINDS))
    if unknown:
        raise _error(path, f"[{role}]: onbekende sleutel(s) {', '.join(unknown)}; "
                           "toegestaan zijn emails, domeinen en claims")
    emails = [_email(path, role, value) for value in _strings(path, f"{role}.emails", section.get("emails", []))]
    domains = [_domain(path, role, value) for value in _strings(path, f"{role}.domeinen", section.get("domeinen", []))]
    claims = _claim_values(path, role, section.get("claims", {}))
    values: tuple[list[Any], ...] = (emails, domains, claims)
    return {kind: dict.fromkeys(found, role) for kind, found in zip(RULE_KINDS, values)}


def _claim_values(path: Path, role: str, claims: Any) -> list[tuple[str, str]]:
    """``claims = { groups = [...], "realm_access.roles" = [...] }`` as (claim, value) pairs."""
    if not isinstance(claims, dict):
        raise _error(path, f"[{role}] claims moet een tabel zijn, bijvoorbeeld claims = {{ groups = [\"…\"] }}")
    return [(name, value) for name, values in claims.items()
            for value in _strings(path, f"{role}.claims.{name}", values)]


def _merged(path: Path, kind: str, rules: list[dict[str, dict[Any, str]]]) -> dict[Any, str]:
    """One kind of rule over both roles; the same address, domain or claim under two roles is refused."""
    merged: dict[Any, str] = {}
    for per_kind in rules:
        for value, role in per_kind[kind].items():
            if value in merged:
                shown = "=".join(value) if isinstance(value, tuple) else value
                raise _error(path, f"'{shown}' staat bij zowel {merged[value]} als {role}")
            merged[value] = role
    return merged


def _strings(path: Path, key: str, values: Any) -> list[str]:
    """A list of non-empty strings, or a clear error naming the key."""
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise _error(path, f"{key} moet een lijst met niet-lege teksten zijn")
    return [v.strip() for v in values]


def _email(path: Path, role: str, value: str) -> str:
    """An e-mail address, compared case-insensitively."""
    if not EMAIL.fullmatch(value):
        raise _error(path, f"[{role}] '{value}' is geen e-mailadres")
    return value.lower()


def _domain(path: Path, role: str, value: str) -> str:
    """An e-mail domain such as ``zwolle.nl`` (exact match: subdomains are not included)."""
    if not DOMAIN.fullmatch(value.lower()):
        raise _error(path, f"[{role}] '{value}' is geen domein (schrijf bijvoorbeeld zwolle.nl, zonder @)")
    return value.lower()


def _error(path: Path, problem: str) -> RolesError:
    """A RolesError that names the file and says nobody gets an elevated role meanwhile."""
    return RolesError(f"Rollenbestand {path}: {problem}. Tot dit is opgelost krijgt niemand een verhoogde rol.")


def role_for(user: Mapping[str, Any], rules: RoleRules) -> str:
    """The role of an OIDC user (``st.user``): e-mail beats claim beats domain; no match is publiek."""
    if not user.get("is_logged_in", True) or (rules.issuers and user.get("iss") not in rules.issuers):
        return PUBLIC
    email = _verified_email(user)
    domain = email.rpartition("@")[2] if email else None
    matches = [
        {rules.emails[email]} if email is not None and email in rules.emails else set(),
        {role for (name, value), role in rules.claims.items() if value in _claim(user, name)},
        {rules.domains[domain]} if domain is not None and domain in rules.domains else set(),
    ]
    found = next((roles for roles in matches if roles), {PUBLIC})
    if len(found) > 1:
        raise RolesError(f"Uw account past in het rollenbestand op meer dan één rol ({', '.join(sorted(found))}); "
                         "vraag de beheerder dit op te lossen. U krijgt geen verhoogde rol.")
    return found.pop()


def _verified_email(user: Mapping[str, Any]) -> str | None:
    """The user's e-mail address, unless the provider says it is not verified (``email_verified``)."""
    email = user.get("email")
    if not isinstance(email, str) or user.get("email_verified") is False:
        return None
    return email.strip().lower()


def _claim(user: Mapping[str, Any], name: str) -> set[str]:
    """The values of a claim as strings; a dotted name reaches into nested claims (Keycloak)."""
    value: Any = user
    for part in name.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    values = value if isinstance(value, list) else [value]
    return {str(v) for v in values if isinstance(v, str | int) and not isinstance(v, bool)}


def user_role(user: Mapping[str, Any], path: Path | None = None) -> str:
    """The role of an OIDC user under the current roles file (read each time, so edits apply at once)."""
    return role_for(user, load_roles(path))
