"""Guards on the running web server: embargoed files only for the browser that asked for them, the
metrics endpoint closed to the public, and a missing static file answered in Dutch.

Streamlit serves every download button's file at ``/media/<id>`` to any client that has the URL,
and its metrics (which reveal, through cache misses, when a logged-in session loaded the embargoed
release) at ``/_stcore/metrics`` to anyone. Once per process, at the app's first run, ``install``
puts these routes in front of Streamlit's own (Streamlit 1.67 serves through Starlette):

- ``/media/<id>``: a file whose content was bound with ``bind`` (an embargoed export, made only
  when clicked, after its log record was written) is served only to the browser whose session
  asked for it (the same ``_streamlit_xsrf`` cookie as that session's connection) and only for
  ``BINDING_TTL``; any other request gets 404. Other files pass through unchanged.
- ``/_stcore/metrics``: 404, unless ``WOONDEAL_METRICS_TOKEN`` is set and the request carries it
  (``Authorization: Bearer <token>``), for an operator's monitoring.
- ``/app/static/<path>`` (the public site and the map's theme layers): a file that is not there is
  answered in Dutch (``NOT_FOUND``), not with Starlette's English "File not found", e.g. for a
  mistyped address of the public site.

When the server cannot be found (AppTest has none), nothing is installed and ``installed()`` says
so; the app then offers no embargoed download at all.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

XSRF_COOKIE = "_streamlit_xsrf"  # streamlit.web.server.starlette.starlette_server_config.XSRF_COOKIE_NAME
METRICS_TOKEN = "WOONDEAL_METRICS_TOKEN"
BINDING_TTL = 600.0  # seconds an embargoed file stays fetchable after the click that made it
NOT_FOUND = "Niet gevonden: op dit adres staat geen pagina of bestand. Controleer het adres."
_MEDIA_SUFFIX = "media/{file_id:path}"
_METRICS_SUFFIX = "_stcore/metrics"
_STATIC_SUFFIX = "app/static/{path:path}"


@dataclass(frozen=True)
class Binding:
    """Who may fetch one embargoed file: the browser cookie of the session that made it, until when."""

    cookie: str
    until: float


_bindings: dict[str, list[Binding]] = {}
_lock = threading.Lock()
_install_lock = threading.Lock()
_state = {"installed": False, "tried": False}


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def bind(content: bytes, cookie: str, now: float | None = None) -> None:
    """Allow this file content to be fetched by the browser with this cookie, for BINDING_TTL."""
    moment = time.time() if now is None else now
    with _lock:
        alive = [b for b in _bindings.get(_digest(content), []) if b.until > moment]
        _bindings[_digest(content)] = [*alive, Binding(cookie, moment + BINDING_TTL)]
        for key in [k for k, bound in _bindings.items() if all(b.until <= moment for b in bound)]:
            del _bindings[key]


def bound(content: bytes) -> bool:
    """Whether this content is an embargoed file (bound to some browser, expired or not)."""
    with _lock:
        return _digest(content) in _bindings


def allowed(content: bytes, cookie: str | None, now: float | None = None) -> bool:
    """Whether the browser with this cookie may fetch this embargoed content now."""
    moment = time.time() if now is None else now
    with _lock:
        return bool(cookie) and any(hmac.compare_digest(b.cookie, cookie or "") and b.until > moment
                                    for b in _bindings.get(_digest(content), []))


def installed() -> bool:
    """Whether the guards are in front of the running server (False in AppTest: there is none)."""
    return _state["installed"]


class _GuardedMedia:
    """The media route: files bound to a browser go to that browser only; the rest pass through."""

    def __init__(self, original: Any, storage: Any):
        self.original, self.storage = original, storage

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        from starlette.requests import Request
        from starlette.responses import PlainTextResponse

        request = Request(scope)
        try:
            content = self.storage.get_file(request.path_params["file_id"]).content
        except Exception:  # unknown file: Streamlit's own route answers 404
            content = None
        if content is not None and bound(content) and not allowed(content, request.cookies.get(XSRF_COOKIE)):
            await PlainTextResponse(NOT_FOUND, status_code=404)(scope, receive, send)
            return
        await self.original.handle(scope, receive, send)


class _ClosedMetrics:
    """The metrics route: only for an operator with the token, else as if it did not exist."""

    def __init__(self, original: Any):
        self.original = original

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        from starlette.requests import Request
        from starlette.responses import PlainTextResponse

        token = os.environ.get(METRICS_TOKEN, "")
        given = Request(scope).headers.get("authorization", "")
        if token and hmac.compare_digest(given, f"Bearer {token}"):
            await self.original.handle(scope, receive, send)
            return
        await PlainTextResponse(NOT_FOUND, status_code=404)(scope, receive, send)


class _DutchNotFound:
    """A route whose own 404 answer (Starlette's English text) is replaced by the Dutch one."""

    def __init__(self, original: Any):
        self.original = original

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        from starlette.responses import PlainTextResponse

        replaced = False

        async def dutch(message: dict) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and message["status"] == 404:
                replaced = True
                await PlainTextResponse(NOT_FOUND, status_code=404)(scope, receive, send)
            elif not replaced:  # the original 404's body is dropped
                await send(message)

        await self.original.handle(scope, receive, dutch)


def _running_app() -> Any | None:
    """The Starlette app the running Streamlit server serves, or None (no server, e.g. AppTest)."""
    try:
        from streamlit.web.server.starlette.starlette_server import UvicornServer
    except ImportError:
        return None
    for candidate in gc.get_objects():
        if type(candidate) is UvicornServer:
            server = getattr(candidate, "_server", None)
            app = getattr(getattr(server, "config", None), "app", None)
            if app is not None and hasattr(app, "router"):
                return app
    return None


def _get_route(routes: list, suffix: str) -> Any | None:
    """The app's GET route whose path ends with this suffix, if any."""
    return next((r for r in routes if getattr(r, "path", "").endswith(suffix)
                 and "GET" in (getattr(r, "methods", None) or ())), None)


def guard_routes(app: Any, storage: Any) -> bool:
    """Put the guarded media and metrics routes (and the static route answering in Dutch, where the app
    serves static files) in front of the app's own; True when media and metrics are found."""
    from starlette.routing import Route

    routes = app.router.routes
    media, metrics, static = (_get_route(routes, s) for s in (_MEDIA_SUFFIX, _METRICS_SUFFIX, _STATIC_SUFFIX))
    if media is None or metrics is None:
        return False
    routes.insert(0, Route(media.path, _GuardedMedia(media, storage), methods=["GET", "HEAD"]))
    routes.insert(0, Route(metrics.path, _ClosedMetrics(metrics), methods=["GET"]))
    if static is not None:
        routes.insert(0, Route(static.path, _DutchNotFound(static), methods=sorted(static.methods)))
    return True


def install() -> bool:
    """Once per process: guard the running server's media and metrics routes (see the module)."""
    from streamlit.runtime import Runtime

    with _install_lock:
        if not _state["tried"]:
            _state["tried"] = True
            app = _running_app() if Runtime.exists() else None
            storage = getattr(Runtime.instance().media_file_mgr, "_storage", None) if app is not None else None
            _state["installed"] = app is not None and storage is not None and guard_routes(app, storage)
        return _state["installed"]
