"""Which document a text comes from, and every text cut to the documents a reader may see.

The product cites its documents by line: every line reference ("…, regel 1570", "regels
1461–1743") points into the extracted text ``data/sources/woondeal_documenten.txt``, which is one
dataset of ``bronnen.toml``; a release names the datasets whose texts it brings (``documenten`` in
``data/releases.toml``). Before a release the public sees the texts of released documents only, so
a text is cut to what the shown documents hold, as ``geo.releases.restrict`` cuts rows and columns:

- a list of sources ("A; B; C") keeps the sources that cite shown documents only;
- in running text, a parenthesis that cites a hidden document goes, together with the quote right
  before it when that quote stands on the cited lines ("<quote> (<document>, regel N)"); a sentence
  that still cites a hidden document goes whole;
- a quote of a source line is given only when its document is shown.

Authors write accordingly: what a sentence takes from a document goes into the citing parenthesis
or into a sentence of its own.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from geo import paths
from geo.provenance import read_provenance
from geo.reference import normalise, quote

LINE_REFERENCE = re.compile(r"\bregels?\s+\d")
SOURCE_SEPARATOR = "; "
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9'‘\"(])")
_QUOTE_START = re.compile(r"(?:^|(?<=[.;:!?])\s+)")


@lru_cache(maxsize=1)
def text_document() -> str:
    """The dataset (id in bronnen.toml) that holds the document text every line reference points into."""
    return read_provenance().of_file(paths.DOCUMENT_TEXT.name).id


def cited(text: str) -> set[str]:
    """The datasets a text cites by line (empty when it cites none)."""
    return {text_document()} if LINE_REFERENCE.search(text) else set()


def _hidden(text: str, shown: Collection[str]) -> bool:
    return bool(cited(text) - set(shown))


def released_sources(bron: str, shown: Collection[str]) -> str:
    """A list of sources cut to those that cite shown documents only ('' when none is left)."""
    if not _hidden(bron, shown):
        return bron
    return SOURCE_SEPARATOR.join(part for part in bron.split(SOURCE_SEPARATOR) if not _hidden(part, shown))


def released_text(text: str, shown: Collection[str]) -> str:
    """Running text without what it takes from hidden documents (see the module docstring)."""
    if not text or not _hidden(text, shown):
        return text
    return _cut(text, frozenset(shown))


@lru_cache(maxsize=4096)
def _cut(text: str, shown: frozenset[str]) -> str:
    kept = text
    for match in reversed(list(_PARENTHESIS.finditer(text))):
        if _hidden(match.group(1), shown):
            start = _quote_start(text, match.start(), match.group(1))
            kept = kept[:start] + kept[match.end():]
    sentences = [s for s in _SENTENCE_END.split(kept) if s.strip() and not _hidden(s, shown)]
    return _tidy(" ".join(sentences))


def _quote_start(text: str, end: int, citation: str) -> int:
    """Where the quote before a citation begins: the earliest clause start from which the text up to
    the citation stands on the cited lines; the citation itself when no quote precedes it."""
    try:
        lines = quote(citation)
    except ValueError:
        return end
    for match in _QUOTE_START.finditer(text, 0, end):
        candidate = normalise(text[match.end():end]).rstrip(".").strip("'‘’\" ")
        if candidate and candidate in lines:
            return match.start()
    return end


def _tidy(text: str) -> str:
    """Punctuation and spacing left over after cutting, set right."""
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    text = re.sub(r"([.;:,])(?:\s*[.;:,])+", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text.lstrip(".;:, ").strip()


def released_quote(bron: str, shown: Collection[str]) -> str:
    """The lines a source cites, quoted, when its document is shown; '' otherwise or when it names none."""
    if _hidden(bron, shown) or not cited(bron):
        return ""
    try:
        return quote(bron)
    except ValueError:
        return ""
