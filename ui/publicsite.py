"""The public static site, served by the app itself and rebuilt when a release becomes public.

A deployment that publishes the site elsewhere names its address in ``WOONDEAL_PUBLIEKE_SITE``; without
it the app writes the site (``python -m staticsite``) into ``static/publiek/`` in the background, once
per set of released releases, and links to it. Only for the project's own data: an app pointed at
other data (``WOONDEAL_DATA``) links to nothing.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime

from geo import paths
from geo.files import locked, write_atomically
from geo.releases import Release
from layers.base import STATIC_URL

SITE = paths.ROOT / "static" / "publiek"
STAMP = SITE.with_name(".publiek.releases")  # which releases the served site holds
URL = f"{STATIC_URL}/publiek/index.html"
_BUILDING = threading.Lock()
LOG = logging.getLogger(__name__)


def public_site_url(moment: datetime, releases: list[Release]) -> str | None:
    """The address of the public site as of this moment (of all releases ``releases``): only when the
    served site holds exactly the releases public now; otherwise a rebuild starts and, until it is
    done, there is no link."""
    configured = os.environ.get("WOONDEAL_PUBLIEKE_SITE")
    if configured:
        return configured
    if paths.app_data().resolve() != paths.DATA.resolve():
        return None
    released = ",".join(r.id for r in releases if r.published(moment))
    if _served() == released and (SITE / "index.html").exists():
        return URL
    if _BUILDING.acquire(blocking=False):
        threading.Thread(target=_build, args=(moment, released), daemon=True).start()
    return None


def _served() -> str | None:
    """Which releases the served site holds (None: none served)."""
    return STAMP.read_text(encoding="utf-8") if STAMP.exists() else None


def _build(moment: datetime, released: str) -> None:
    """Write the site for this moment in a low-priority process of its own (in this process it would hold
    the interpreter lock and slow the visitors' pages) and record which releases it holds; one build at a
    time, failures only logged. ``staticsite`` writes the new site beside the served one and swaps it in,
    so a served site of an earlier moment keeps answering during the build; one that holds a release not
    public now, or whose releases are not recorded (one from a later moment must never linger), is
    removed first."""
    try:
        with locked(STAMP):
            served = _served()
            if served is None or not _releases(served) <= _releases(released):
                STAMP.unlink(missing_ok=True)
                shutil.rmtree(SITE, ignore_errors=True)
            command = ["nice", "-n", "15", sys.executable, "-m", "staticsite", str(SITE), "--data", str(paths.DATA)]
            done = subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True, timeout=900,
                                  env={**os.environ, "WOONDEAL_NOW": moment.isoformat()}, check=False)
            if done.returncode:
                raise RuntimeError(done.stderr.strip() or f"afgesloten met code {done.returncode}")
            write_atomically(STAMP, released)
    except (OSError, RuntimeError, subprocess.SubprocessError) as error:  # the app stays up; no link
        LOG.warning("De openbare site kon niet worden gebouwd: %s", error)
    finally:
        _BUILDING.release()


def _releases(stamp: str | None) -> set[str]:
    """The release ids in a stamp ('' or None: none)."""
    return set(filter(None, (stamp or "").split(",")))
