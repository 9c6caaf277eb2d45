"""Who is looking: login (local accounts or OIDC), the role, the embargo banner and the access log."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from access.accounts import AccountsError, LocalLogin, LoginError
from access.log import AccessLog, AccessLogError
from access.roles import RolesError, user_role
from geo.releases import Release
from geo.schema import PUBLIC

AUTH_COOKIE = "_streamlit_user"  # the cookie of Streamlit's OIDC login (streamlit.web.server.server_util)


@dataclass(frozen=True)
class Visitor:
    """The person behind this session: a name (None for the public), a role and how they logged in."""

    user: str | None
    role: str
    method: str | None


def client_key() -> str:
    """What identifies the client for rate limiting: its IP address as Streamlit sees it."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "onbekend"


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


def _refused_cookie() -> bool:
    """A login cookie that Streamlit did not accept (tampered, expired, from another server)."""
    cookies = st.context.cookies
    present = hasattr(cookies, "keys") and any(str(name).startswith(AUTH_COOKIE) for name in cookies)
    return present and not _logged_in()


def visitor() -> Visitor:
    """The login widgets in the sidebar, and who the visitor is after them."""
    with st.sidebar:
        local = st.session_state.get("_account")
        current = local or _oidc_visitor() or Visitor(None, PUBLIC, None)
        if current.user is None and _refused_cookie():
            st.warning("Uw inlogsessie is ongeldig of verlopen; u ziet de openbare gegevens. Log opnieuw in.")
        if current.user is None:
            _login_form()
            current = st.session_state.get("_account") or current
        if current.user is not None:
            st.caption(f"Ingelogd als **{current.user}** (rol: {current.role}).")
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
    except (AccountsError, AccessLogError) as error:
        st.error(f"Inloggen is nu niet mogelijk: {error}")
        return
    st.session_state["_account"] = Visitor(account.display_name or account.username, account.role, "lokaal")


def _logout(current: Visitor) -> None:
    _log("uitloggen", current, {"methode": current.method})
    st.session_state.pop("_account", None)
    st.session_state.pop("_oidc_logged", None)
    if current.method == "oidc":
        st.logout()


def _log(event: str, who: Visitor, details: dict) -> None:
    """Append to the access log; a failure is shown, and embargoed data is then not shown."""
    AccessLog().record(event, user=who.user, role=who.role, client=client_key(), details=details)


def embargo_banner(embargoed: list[Release]) -> str:
    """The 'EMBARGO tot …' marking shown on every page, table and export while a release is embargoed."""
    label = "; ".join(f"{r.embargo_label()} ({r.titel})" for r in embargoed)
    st.container(key="embargo_banner").warning(
        f"**{label}.** Vertrouwelijk: niet delen of publiceren vóór het einde van het embargo.", icon=":material/lock:")
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
