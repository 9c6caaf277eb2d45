"""The public static site, served by the app itself and rebuilt when a release becomes public.

A deployment that publishes the site elsewhere names its address in ``WOONDEAL_PUBLIEKE_SITE``; without
it the app writes the site (``python -m staticsite``) into ``static/publiek/`` in the background, once
per set of released releases, and links to it. Only for the project's own data: an app pointed at
other data (``WOONDEAL_DATA``) links to nothing.
"""

from __future__ import annotations

import os
import threading
from datetime import datetime

from geo import paths
from geo.files import locked, write_atomically
from geo.releases import read_releases
from layers.base import STATIC_URL
from staticsite.publish import write_site

SITE = paths.ROOT / "static" / "publiek"
STAMP = SITE.with_name(".publiek.releases")  # which releases the served site holds
URL = f"{STATIC_URL}/publiek/index.html"
_BUILDING = threading.Lock()


def public_site_url(moment: datetime) -> str | None:
    """The address of the public site as of this moment, starting a rebuild when a release came out."""
    configured = os.environ.get("WOONDEAL_PUBLIEKE_SITE")
    if configured:
        return configured
    if paths.app_data().resolve() != paths.DATA.resolve():
        return None
    released = ",".join(r.id for r in read_releases() if r.published(moment))
    current = STAMP.read_text(encoding="utf-8") if STAMP.exists() else None
    if current != released and _BUILDING.acquire(blocking=False):
        threading.Thread(target=_build, args=(moment, released), daemon=True).start()
    return URL if (SITE / "index.html").exists() else None


def _build(moment: datetime, released: str) -> None:
    """Write the site for this moment and record which releases it holds (one build at a time)."""
    try:
        with locked(STAMP):
            write_site(SITE, paths.DATA, moment)
            write_atomically(STAMP, released)
    finally:
        _BUILDING.release()
