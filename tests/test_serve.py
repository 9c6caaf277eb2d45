"""The warm start (ui.serve): what it imports and makes before Streamlit takes visitors.

That the app started this way still works in a browser (the map's component registered, the data
shown) is proved by every browser test: tests/browser.running_app starts the app through ui.serve."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from unittest import mock

from geo import paths
from ui import serve
from ui.serve import app_imports, page_imports


def test_the_imports_of_the_pages_are_read_without_running_them(tmp_path):
    script = tmp_path / "pagina.py"
    script.write_text("import json\nfrom geo import paths\nfrom . import elders\nraise SystemExit('uitgevoerd')\n",
                      encoding="utf-8")
    assert page_imports([script]) == ["geo", "json"]


def _printed(code: str, home) -> dict:
    """What a fresh Python process running this code printed last, as JSON."""
    done = subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True, text=True, timeout=120,
                          env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_app_pages_import_the_map_component_and_the_data():
    modules = app_imports()
    assert {"ui.kaartmap", "ui.view"} <= set(modules)


def test_the_warm_up_makes_the_public_view_and_keeps_the_map_component_for_the_first_run(tmp_path):
    code = ("import gc, json, sys\nimport ui.serve as s\ns.warm()\n"
            "from layers.labels import _POINTS\nfrom ui.checks import _THEMES\n"
            "print(json.dumps({'declared': [c.name for c in s._DECLARED], 'legends': len(_THEMES), "
            "'name_points': len(_POINTS), 'collecting': gc.isenabled(), 'kept': gc.get_freeze_count() > 100_000}))")
    assert _printed(code, tmp_path) == {"declared": ["streamlit_folium.st_folium"], "legends": 1, "name_points": 1,
                                        "collecting": True, "kept": True}


def test_the_map_component_is_declared_under_its_name_without_inspect_scanning_every_module(tmp_path):
    code = ("import inspect, json\ncalls = []\noriginal = inspect.getabsfile\n"
            "inspect.getabsfile = lambda *a, **k: calls.append(a) or original(*a, **k)\n"
            "import ui.mapcomponent, streamlit_folium\n"
            "print(json.dumps({'name': ui.mapcomponent._component_func.name, 'paths': len(calls)}))")
    assert _printed(code, tmp_path) == {"name": "streamlit_folium.st_folium", "paths": 1}


def test_no_garbage_is_collected_while_paused_and_collecting_resumes_after(monkeypatch):
    import gc

    from ui.serve import collector_paused

    monkeypatch.setattr(gc, "freeze", lambda: None)  # the test process keeps collecting its own garbage
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with contextlib.suppress(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()


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


def test_streamlits_direct_run_check_is_marked_done_so_the_first_visitor_does_not_inspect_the_stack(monkeypatch):
    from streamlit import delta_generator, env_util

    checked = mock.Mock(return_value=False)
    monkeypatch.setattr(env_util, "is_repl", checked)
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    delta_generator._maybe_print_use_warning()  # Streamlit's own, at the first element of a process
    assert checked.call_count == 1
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    serve.skip_direct_run_warning()
    delta_generator._maybe_print_use_warning()
    assert checked.call_count == 1
