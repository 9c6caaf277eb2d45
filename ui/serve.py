"""Start the app warm: ``python -m ui.serve [streamlit options]`` does what the first visitor's run
would otherwise pay for, then hands over to ``streamlit run streamlit_app.py`` in the same process.

Streamlit runs the script only when a browser connects, so without this the first visitor after a
start waited for every import of the pages (about 1,3 s on 2 cores), the data read and restricted to
the public releases, the display geometry, the map legends and the gemeente name points. Here they are
imported and made before the server takes visitors; Streamlit's caches and the modules stay in the
process and the first run finds them. A data error is left to the page, which reports it in Dutch.

Streamlit 1.67 also binds its listening socket without saying it is TCP, so every response after the
first on a kept-alive connection waited ~40 ms (``listen_without_delay``); here it is handed on as TCP.

One thing Streamlit does only inside a script run: a custom component (streamlit-folium's map) is
registered with the server when its module is imported in a run. The components the warm-up declared
are therefore kept here and registered by the first run (``register_declared``, from ``ui.view``).
"""

from __future__ import annotations

import ast
import contextlib
import gc
import importlib
import logging
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from geo import paths

ENTRY = paths.ROOT / "streamlit_app.py"
PAGES = paths.ROOT / "app_pages"
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"  # warns of Streamlit calls outside a run
_DECLARED: list[Any] = []  # components declared by the warm-up, registered by the first run
_LOCK = threading.Lock()


def app_imports() -> list[str]:
    """The modules the entry point and the pages import: what the app imports before its first page."""
    return page_imports([ENTRY, *sorted(PAGES.glob("*.py"))])


def page_imports(scripts: list[Path]) -> list[str]:
    """The absolute imports of these scripts, read from their source (a page script runs when imported)."""
    names: set[str] = set()
    for script in scripts:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return sorted(names)


@contextlib.contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Only errors from this logger while the block runs (the warm-up runs Streamlit code outside a run)."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _components(modules: list[ModuleType]) -> list[Any]:
    """The custom components these modules declared (module-level objects of Streamlit's component class)."""
    from streamlit.components.v1.custom_component import CustomComponent

    return [value for module in modules for value in list(vars(module).values()) if isinstance(value, CustomComponent)]


def register_declared() -> None:
    """Register with the running server the components the warm-up declared outside a run (once)."""
    from streamlit import runtime

    with _LOCK:
        if _DECLARED and runtime.exists():
            registry = runtime.get_instance().component_registry
            for component in _DECLARED:
                registry.register_component(component)
            _DECLARED.clear()


def listen_without_delay() -> None:
    """Streamlit binds its listening socket itself with ``proto`` 0 (``starlette_server._bind_socket``), and
    asyncio turns Nagle's algorithm off (TCP_NODELAY) only for sockets that say IPPROTO_TCP: so every
    response after the first on a kept-alive connection waited ~40 ms for the browser's delayed ACK, for
    each of a first map's ~110 files and the WebSocket's messages (uvicorn issue #3149). The socket
    Streamlit bound, with the options it set, is handed on as a TCP socket; the ones it accepts inherit that."""
    from streamlit.web.server.starlette import starlette_server

    bind = starlette_server._bind_socket

    def bind_tcp(address: str, port: int, backlog: int) -> socket.socket:
        bound = bind(address, port, backlog)
        tcp = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
        tcp.setblocking(False)
        tcp.set_inheritable(True)
        return tcp

    starlette_server._bind_socket = bind_tcp


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while the block runs, and what it made kept out of later collections: imports
    and the warm-up make objects that live as long as the server, and every collection while importing the
    app walked all of them again (0,15–0,2 s of its import on 2 cores)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def import_app() -> list[ModuleType]:
    """Import what the entry point and the pages import, with the collector paused; the modules it loaded."""
    before = set(sys.modules)
    with collector_paused():
        for name in app_imports():
            importlib.import_module(name)
    return [sys.modules[name] for name in sorted(set(sys.modules) - before)]


def skip_direct_run_warning() -> None:
    """Streamlit checks, at the first element any session sends, whether it runs in a REPL or without its
    server, to print a warning: ``inspect.stack()`` of that run reads the source of every frame and resolves
    the path of every loaded module (0,3 s of the first visitor's run on 2 cores). Served through
    ``streamlit run``, neither applies, so the check is marked done."""
    from streamlit import delta_generator

    delta_generator._use_warning_has_been_displayed = True


def warm() -> None:
    """Import what the entry point and the pages import, and make what a public visitor's first run needs:
    the public data and its display geometry, the headline figures' source rows, and the Kaart page's map
    (with the legends of the themes and the gemeente name points)."""
    with _quiet(CONTEXT_LOGGER):  # Streamlit code outside a run is expected here: declarations, cached calls
        _DECLARED.extend(_components(import_app()))
        from geo import headlines
        from geo.dataset import DataError
        from geo.releases import ReleaseError
        from ui.kaartmap import warm as warm_map
        from ui.view import warm as warm_view

        with contextlib.suppress(ReleaseError, DataError), collector_paused():
            public = warm_view()
            headlines.regional(public.dataset)
            warm_map(public.dataset, public.releases, public.version)


def main(argv: list[str]) -> None:
    """Warm up, then run the app with Streamlit's own command line (its options as given). The options
    are applied before the warm-up reads any, so Streamlit does not see them change when it starts."""
    from streamlit.web import bootstrap, cli

    arguments = ["run", str(ENTRY), *argv]
    options = cli.main_run.make_context("run", arguments[1:]).params
    bootstrap.load_config_options({k: v for k, v in options.items() if k not in ("target", "args")})
    warm()
    skip_direct_run_warning()
    listen_without_delay()
    cli.main(arguments, prog_name="streamlit")


if __name__ == "__main__":  # run through the importable module: the first run reads its _DECLARED
    importlib.import_module("ui.serve").main(sys.argv[1:])
