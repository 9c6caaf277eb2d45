"""The warm start (ui.serve): what it imports and makes before Streamlit takes visitors.

That the app started this way still works in a browser (the map's component registered, the data
shown) is proved by every browser test: tests/browser.running_app starts the app through ui.serve."""

from __future__ import annotations

import json
import subprocess
import sys

from geo import paths
from ui.serve import app_imports, page_imports


def test_the_imports_of_the_pages_are_read_without_running_them(tmp_path):
    script = tmp_path / "pagina.py"
    script.write_text("import json\nfrom geo import paths\nfrom . import elders\nraise SystemExit('uitgevoerd')\n",
                      encoding="utf-8")
    assert page_imports([script]) == ["geo", "json"]


def test_the_app_pages_import_the_map_component_and_the_data():
    modules = app_imports()
    assert {"streamlit_folium", "ui.view", "layers.mapview"} <= set(modules)


def test_the_warm_up_makes_the_public_view_and_keeps_the_map_component_for_the_first_run(tmp_path):
    code = ("import json, sys\nimport ui.serve as s\ns.warm()\n"
            "from layers.labels import _POINTS\nfrom ui.checks import _THEMES\n"
            "print(json.dumps({'declared': [c.name for c in s._DECLARED], 'legends': len(_THEMES), "
            "'name_points': len(_POINTS)}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True, text=True, timeout=120,
                          env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"declared": ["streamlit_folium.st_folium"], "legends": 1, "name_points": 1}


def _accepted_nodelay(listener) -> int:
    """TCP_NODELAY of a connection asyncio accepts on this listening socket, as Streamlit's server does."""
    import asyncio
    import socket

    async def accept() -> int:
        accepted = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport):
                accepted.set_result(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP,
                                                                                  socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname())
        value = await accepted
        writer.close()
        server.close()
        return value

    return asyncio.run(accept())


def test_streamlit_alone_leaves_nagle_on_for_the_connections_it_accepts():
    from streamlit.web.server.starlette import starlette_server

    assert _accepted_nodelay(starlette_server._bind_socket("127.0.0.1", 0, 8)) == 0  # fixed upstream: drop ours


def test_the_app_server_answers_every_kept_alive_request_without_waiting_for_an_ack(monkeypatch):
    from streamlit.web.server.starlette import starlette_server

    from ui.serve import listen_without_delay

    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)  # restored after
    listen_without_delay()
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    assert not listener.getblocking() and listener.get_inheritable()
    assert _accepted_nodelay(listener) != 0
