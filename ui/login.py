"""Who is looking: login (local accounts or OIDC), the role, the embargo banner and the access log.

A local login is checked against the accounts file on every run: an account that was removed (or a
file that can no longer be read) ends the session at its next run, and a changed role applies at
once. The access log names people by their username (or OIDC e-mail), never by display name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from access.accounts import AccountsError, LocalLogin, LoginError, read_accounts
from access.clients import client_address, trusted_proxies
from access.log import AccessLog, AccessLogError
from access.roles import RolesError, user_role
from geo.releases import Release
from geo.schema import PUBLIC
from ui.markdown import plain

AUTH_COOKIE = "_streamlit_user"  # the cookie of Streamlit's OIDC login (streamlit.web.server.server_util)
LOOPBACK = "127.0.0.1"  # st.context.ip_address is None for a connection from this machine
UNKNOWN_CLIENT = "onbekend"


@dataclass(frozen=True)
class Visitor:
    """The person behind this session: a username or e-mail (None for the public), a role, how they
    logged in, and the name the app shows (the username when there is none)."""

    user: str | None
    role: str
    method: str | None
    name: str | None = None

    @property
    def shown(self) -> str:
        """How the app names the visitor."""
        return self.name or self.user or ""


def client_address_now() -> str | None:
    """The real address of this session's client (see access.clients), or None when it cannot be told."""
    forwarded = st.context.headers.get("X-Forwarded-For") if st.context.headers else None
    return client_address(st.context.ip_address or LOOPBACK, forwarded, trusted_proxies())


def client_key() -> str:
    """What the per-client login limit counts: the client's address, or this session when the address
    cannot be told (never one bucket for every unknown client)."""
    address = client_address_now()
    if address:
        return address
    context = get_script_run_ctx()
    return f"sessie:{context.session_id if context else UNKNOWN_CLIENT}"


def _logged_client() -> str:
    """The client as the access log records it: its address, else what the connection came from."""
    try:
        address = client_address_now()
    except ValueError:
        address = None
    return address or f"{UNKNOWN_CLIENT} (verbinding van {st.context.ip_address or LOOPBACK})"


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return False


def _logged_in() -> bool:
    """Whether Streamlit accepted an OIDC login; a cookie it could not read counts as logged out."""
    try:
        return bool(st.user.get("is_logged_in", False))
    except (AttributeError, KeyError):
        return False


def _oidc_visitor() -> Visitor | None:
    """The OIDC user and the role the roles file gives them; a broken file grants nothing."""
    if not _oidc_configured() or not _logged_in():
        return None
    identity = str(st.user.get("email") or st.user.get("sub") or "onbekend")
    try:
        role = user_role(st.user.to_dict())
    except RolesError as error:
        st.sidebar.error(str(error))
        role = PUBLIC
    visitor = Visitor(identity, role, "oidc")
    if st.session_state.get("_oidc_logged") != identity:
        try:
            _log("login", visitor, {"methode": "oidc"})
        except AccessLogError as error:
            st.sidebar.error(f"Inloggen kon niet worden vastgelegd, daarom geldt de rol publiek: {error}")
            return None
        st.session_state["_oidc_logged"] = identity
    return visitor


def _local_visitor() -> Visitor | None:
    """The local account of this session, as the accounts file holds it now: a removed account (or an
    unreadable file) ends the session, with a log record; a changed role or name applies at once."""
    local = st.session_state.get("_account")
    if local is None:
        return None
    try:
        stored = read_accounts().get(local.user)
        reason = "account verwijderd"
    except AccountsError:
        stored, reason = None, "accountsbestand onleesbaar"
    if stored is None:
        st.session_state.pop("_account", None)
        try:
            _log("uitloggen", local, {"methode": "lokaal", "reden": reason})
        except AccessLogError as error:
            st.error(f"Het uitloggen kon niet worden vastgelegd: {error}")
        st.warning("U bent uitgelogd: uw account bestaat niet meer of kan niet worden gecontroleerd.")
        return None
    current = replace(local, role=stored.account.role, name=stored.account.display_name)
    if current != local:
        st.session_state["_account"] = current
    return current


def _refused_cookie() -> bool:
    """A login cookie that Streamlit did not accept (tampered, expired, from another server)."""
    cookies = st.context.cookies
    present = hasattr(cookies, "keys") and any(str(name).startswith(AUTH_COOKIE) for name in cookies)
    return present and not _logged_in()


def visitor() -> Visitor:
    """The login widgets in the sidebar, and who the visitor is after them."""
    with st.sidebar:
        local = _local_visitor()
        current = local or _oidc_visitor() or Visitor(None, PUBLIC, None)
        if current.user is None and _refused_cookie():
            st.warning("Uw inlogsessie is ongeldig of verlopen; u ziet de openbare gegevens. Log opnieuw in.")
        if current.user is None:
            _login_form()
            current = st.session_state.get("_account") or current
        if current.user is not None:
            st.caption(f"Ingelogd als **{plain(current.shown)}** (rol: {current.role}).")
            st.button("Uitloggen", on_click=_logout, args=(current,), key="uitloggen")
    return current


def _login_form() -> None:
    """Local login (when accounts exist) and OIDC login (when configured), for planners and bestuurders."""
    login = LocalLogin(log=AccessLog())
    oidc = _oidc_configured()
    if not login.available() and not oidc:
        return
    with st.expander("Inloggen (planners en bestuurders)"):
        if oidc:
            st.button("Inloggen met organisatieaccount", on_click=st.login, key="oidc_login")
        if login.available():
            with st.form("inloggen", clear_on_submit=True):
                username = st.text_input("Gebruikersnaam", key="login_naam")
                password = st.text_input("Wachtwoord", type="password", key="login_wachtwoord")
                submitted = st.form_submit_button("Inloggen")
            if submitted:
                _authenticate(login, username, password)


def _authenticate(login: LocalLogin, username: str, password: str) -> None:
    try:
        account = login.authenticate(username, password, client=client_key())
    except LoginError as error:
        st.error(str(error))
        return
    except (AccountsError, AccessLogError, ValueError) as error:
        st.error(f"Inloggen is nu niet mogelijk: {plain(error)}")
        return
    st.session_state["_account"] = Visitor(account.username, account.role, "lokaal", account.display_name)
    st.rerun()  # draw the page again as the logged-in visitor, with the login form closed


def _logout(current: Visitor) -> None:
    _log("uitloggen", current, {"methode": current.method})
    st.session_state.pop("_account", None)
    st.session_state.pop("_oidc_logged", None)
    if current.method == "oidc":
        st.logout()


def _log(event: str, who: Visitor, details: dict, client: str | None = None) -> None:
    """Append to the access log under the visitor's username; a failure raises AccessLogError."""
    AccessLog().record(event, user=who.user, role=who.role, client=client or _logged_client(), details=details)


def log_event(event: str, who: Visitor, details: dict) -> str | None:
    """Record an event (such as an upload) in the access log; the Dutch problem when it cannot be written."""
    try:
        _log(event, who, details)
    except AccessLogError as error:
        return str(error)
    return None


def embargo_banner(embargoed: list[Release]) -> str:
    """The 'EMBARGO tot …' marking shown on every page, table and export while a release is embargoed."""
    label = "; ".join(f"{r.embargo_label()} ({r.titel})" for r in embargoed)
    st.container(key="embargo_banner").warning(
        f"**{plain(label)}.** Vertrouwelijk: niet delen of publiceren vóór het einde van het embargo.",
        icon=":material/lock:")
    return label


def log_embargoed(event: str, who: Visitor, embargoed: list[Release], what: dict) -> bool:
    """Record a view or export of embargoed data; False (and a message) when it cannot be recorded."""
    try:
        _log(event, who, {"releases": [r.id for r in embargoed], **what})
    except AccessLogError as error:
        st.error(f"Het toegangslogboek kan niet worden bijgewerkt, daarom worden gegevens onder embargo "
                 f"niet getoond: {error}")
        return False
    return True


def export_logger(who: Visitor, embargoed: list[Release], name: str) -> Callable[[], None]:
    """What writes the log record of an embargoed export when the export is made (outside the script
    run, so the client is taken now, while the session runs); it raises AccessLogError when it cannot."""
    client, details = _logged_client(), {"releases": [r.id for r in embargoed], "bestand": name}
    return lambda: _log("export_embargo", who, details, client)
