"""The eleven gemeenten of the Woondeal West-Overijssel and how the documents name the region."""

from __future__ import annotations

import difflib

REGION = "West-Overijssel"

GEMEENTEN: dict[str, str] = {
    "Dalfsen": "GM0148",
    "Deventer": "GM0150",
    "Hardenberg": "GM0160",
    "Kampen": "GM0166",
    "Olst-Wijhe": "GM1773",
    "Ommen": "GM0175",
    "Raalte": "GM0177",
    "Staphorst": "GM0180",
    "Steenwijkerland": "GM1708",
    "Zwartewaterland": "GM1896",
    "Zwolle": "GM0193",
}


def closest_gemeente(name: str) -> str | None:
    """The Woondeal gemeente a (mis)spelled name most likely means, or None if none is close."""
    if name in GEMEENTEN:
        return name
    match = difflib.get_close_matches(name, list(GEMEENTEN), n=1, cutoff=0.85)
    return match[0] if match else None
