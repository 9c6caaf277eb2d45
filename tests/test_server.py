"""The guards on the web server: an embargoed file only for the browser that made it, for a while;
the metrics endpoint closed to all but an operator with the token; a missing static file answered in Dutch."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ui import server

EMBARGOED = b"Embargo;Gemeente\nEMBARGO tot en met 15 april 2025;Kampen\n"
PUBLIC = b"Gemeente\nKampen\n"


@dataclass
class File:
    content: bytes


FILES = {"embargo": File(EMBARGOED), "openbaar": File(PUBLIC)}


class Storage:
    """Like Streamlit's in-memory media storage: files by id, an unknown id raises."""

    def get_file(self, filename: str) -> File:
        return FILES[filename.split(".", maxsplit=1)[0]]


def _app() -> Starlette:
    async def media(request) -> Response:
        file = FILES.get(request.path_params["file_id"].split(".")[0])
        return Response(file.content) if file else PlainTextResponse("weg", status_code=404)

    async def metrics(request) -> Response:
        return PlainTextResponse("cache_misses 3")

    async def static(request) -> Response:
        if request.path_params["path"] == "publiek/index.html":
            return PlainTextResponse("De openbare kaart")
        return PlainTextResponse("File not found", status_code=404)  # as Streamlit's, through Starlette

    app = Starlette(routes=[Route("/media/{file_id:path}", media, methods=["GET", "HEAD"]),
                            Route("/_stcore/metrics", metrics, methods=["GET"]),
                            Route("/app/static/{path:path}", static, methods=["GET", "HEAD"])])
    assert server.guard_routes(app, Storage())
    return app


def get(app: Starlette, path: str, cookie: str | None = None, method: str = "GET", **headers: str) -> httpx.Response:
    """One request to the app, from a browser with this XSRF cookie (or none)."""
    async def send() -> httpx.Response:
        cookies = {server.XSRF_COOKIE: cookie} if cookie is not None else None
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://app",
                                     cookies=cookies) as client:
            return await client.request(method, path, headers=headers)

    return asyncio.run(send())


@pytest.fixture(autouse=True)
def fresh_bindings(monkeypatch):
    monkeypatch.setattr(server, "_bindings", {})


def test_an_embargoed_file_is_served_only_to_the_browser_whose_session_made_it():
    server.bind(EMBARGOED, "cookie-van-anna")
    app = _app()
    assert get(app, "/media/embargo.csv", "cookie-van-anna").content == EMBARGOED
    assert get(app, "/media/embargo.csv").status_code == 404
    assert get(app, "/media/embargo.csv", "een-ander").status_code == 404
    assert get(app, "/media/embargo.csv", method="HEAD").status_code == 404
    assert get(app, "/media/openbaar.csv").content == PUBLIC
    assert get(app, "/media/bestaat-niet.csv").status_code == 404


def test_an_embargoed_file_expires_after_its_time(monkeypatch):
    server.bind(EMBARGOED, "cookie-van-anna", now=1000.0)
    assert server.allowed(EMBARGOED, "cookie-van-anna", now=1000.0 + server.BINDING_TTL - 1)
    assert not server.allowed(EMBARGOED, "cookie-van-anna", now=1000.0 + server.BINDING_TTL + 1)
    assert not server.allowed(EMBARGOED, None, now=1001.0) and not server.allowed(EMBARGOED, "", now=1001.0)
    assert server.bound(EMBARGOED) and not server.bound(PUBLIC)


def test_the_metrics_are_closed_unless_the_operator_token_is_given(monkeypatch):
    app = _app()
    monkeypatch.delenv(server.METRICS_TOKEN, raising=False)
    assert get(app, "/_stcore/metrics").status_code == 404
    assert get(app, "/_stcore/metrics", Authorization="Bearer ").status_code == 404
    monkeypatch.setenv(server.METRICS_TOKEN, "geheim-token")
    assert get(app, "/_stcore/metrics", Authorization="Bearer fout").status_code == 404
    assert get(app, "/_stcore/metrics", Authorization="Bearer geheim-token").text == "cache_misses 3"


def test_a_missing_static_file_is_answered_in_dutch_and_a_present_one_unchanged():
    app = _app()
    missing = get(app, "/app/static/publiek/kaartt.html")
    assert missing.status_code == 404 and missing.text == server.NOT_FOUND
    assert get(app, "/app/static/publiek/kaartt.html", method="HEAD").status_code == 404
    present = get(app, "/app/static/publiek/index.html")
    assert present.status_code == 200 and present.text == "De openbare kaart"


def test_without_a_running_server_nothing_is_installed():
    assert server.install() is False and server.installed() is False
