"""Source references ('…, regel 1519–1523 en 1771'): parse them and quote the lines they name."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from geo import paths

_RANGE = re.compile(r"(\d+)(?:\s*[–-]\s*(\d+))?")
_LINES_PART = re.compile(r"regels?\s+([\d\s–\-en]+)$")


def cited_lines(bron: str) -> list[int]:
    """Line numbers named at the end of a source reference, in order."""
    match = _LINES_PART.search(bron.strip())
    if not match:
        raise ValueError(f"bronverwijzing '{bron}' noemt geen regel")
    numbers: list[int] = []
    for start, end in _RANGE.findall(match.group(1)):
        first = int(start)
        numbers.extend(range(first, int(end or first) + 1))
    return numbers


@lru_cache(maxsize=4)
def document_lines(path: Path = paths.DOCUMENT_TEXT) -> tuple[str, ...]:
    """The extracted document text, one entry per line (line n is index n - 1)."""
    return tuple(path.read_text(encoding="utf-8").split("\n"))


def quote(bron: str, path: Path = paths.DOCUMENT_TEXT) -> str:
    """The cited lines joined with single spaces: what the reference points at."""
    lines = document_lines(path)
    return normalise(" ".join(lines[n - 1] for n in cited_lines(bron) if 0 < n <= len(lines)))


def normalise(text: str) -> str:
    """Collapse whitespace so wrapped lines compare equal to their transcription."""
    return " ".join(text.split())
