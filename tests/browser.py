"""Helpers for browser tests: start the app on 127.0.0.1 and drive Debian's Chromium offline."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo import paths

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
OUTPUT = paths.ROOT / "test-output"
# The map's frame, found by its source: its title is Streamlit's component name until the page's Dutch
# script (ui.dutch) renames it.
MAP_FRAME = 'iframe[src*="/streamlit_folium.st_folium/"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_app(home: Path, env: dict[str, str] | None = None, script: Path | None = None) -> Iterator[str]:
    """Start the app as scripts/start does (``python -m ui.serve``: warmed up, then ``streamlit run``) on a
    free local port, or ``streamlit run`` of another script (its folder's ``static/`` served, on a server
    that listens as the app's does, ``ui.serve.listen_without_delay``); yield its URL; stop it after."""
    port = free_port()
    environment = {**os.environ, "HOME": str(home), "TMPDIR": str(home), "PROJ_USER_WRITABLE_DIRECTORY": str(home),
                   **(env or {})}
    command = ["-m", "ui.serve"] if script is None else [
        "-c", "import runpy, ui.serve; ui.serve.listen_without_delay(); runpy.run_module('streamlit', "
        "run_name='__main__')", "run", str(script), "--server.enableStaticServing", "true"]
    if script is not None:
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(paths.ROOT), environment.get("PYTHONPATH")]))
    process = subprocess.Popen(
        [sys.executable, *command, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=paths.ROOT if script is None else script.parent, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        if process.poll() is None:
            process.kill()


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"de app stopte direct:\n{output}")
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError("de app werd niet gezond binnen de tijd")


def launch_chromium(playwright, *flags: str):
    """Debian's Chromium (with these flags too); a missing browser fails the test instead of skipping it."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium ontbreekt (/usr/bin/chromium); .ci/run installeert het met apt-get")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_FLAGS, *flags])


def offline_page(browser, width: int = 1400, height: int = 1000, **options):
    """A Dutch browser page of this size that can reach only 127.0.0.1, as on a network without internet."""
    options = {"viewport": {"width": width, "height": height}, **options}
    context = browser.new_context(locale="nl-NL", **options)
    context.route("**/*", lambda route: route.continue_() if _local(route.request.url) else route.abort())
    return context.new_page()


def _local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:", "file://"))


def map_frame(page):
    """The Leaflet map inside the streamlit-folium iframe, once its vector layers are drawn."""
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.wd-gemeente").first.wait_for(state="attached", timeout=30_000)  # may lie outside a zoomed view
    return frame


def screenshot(page, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def settled(page) -> None:
    """Wait until Streamlit has drawn the page (its Dutch texts in place) and finished its run."""
    page.wait_for_function("() => window.wdDutch === true && !document.querySelector('[data-testid=stStatusWidget]') "
                           "&& !document.querySelector('[data-stale=true]')", timeout=30_000)
    page.wait_for_timeout(500)
