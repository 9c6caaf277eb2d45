"""Sites in a link: small geometries written into a query parameter, so a colleague opens the same sites.

A site is written in RD New rounded to whole metres, in the style of Google's encoded polyline: per
coordinate the difference from the previous one, zigzag-encoded (so negative numbers stay short),
in chunks of five bits, each one URL-safe character (``A–Z a–z 0–9 - _``; a chunk with 32 added
means "more follows"). A ring leaves out its closing point. The first character says what it is
(``P`` point, ``Q`` multipoint, ``V`` polygon, ``W`` multipolygon); ``.`` separates the rings of a
polygon and ``~`` the parts of a multi-geometry. A value of the link is ``name:code``, or
``name:@project_id`` for a sleutelproject (its geometry comes from the data).

A 200 × 200 m rectangle takes about 25 characters; a site whose code would exceed ``MAX_CODE_CHARS``
is refused with a Dutch message rather than silently simplified.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.numbers import format_count
from geo.safetext import excerpt

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
INDEX = {character: value for value, character in enumerate(ALPHABET)}
RING, PART, PROJECT, NAME = ".", "~", "@", ":"
MAX_CODE_CHARS = 1_500  # six of them stay well below the 8 KB a proxy or server accepts in an address
MAX_NAME_CHARS = 60
KINDS = {"Point": "P", "MultiPoint": "Q", "Polygon": "V", "MultiPolygon": "W"}
PRECISION_M = 1.0


class SiteLinkError(ValueError):
    """A site cannot be written into a link, or a link holds no usable site; the message is Dutch."""


@dataclass(frozen=True)
class LinkedSite:
    """A site as the link holds it: a name and either a geometry (RD New) or a sleutelproject's id."""

    name: str
    geometry: BaseGeometry | None = None
    project_id: str | None = None


def _zigzag(value: int) -> int:
    """A signed integer as an unsigned one: 0, -1, 1, -2 … become 0, 1, 2, 3 …"""
    return 2 * value if value >= 0 else -2 * value - 1


def _unzigzag(value: int) -> int:
    """The signed integer back."""
    return value // 2 if value % 2 == 0 else -(value + 1) // 2


def _number(value: int) -> str:
    """One signed integer in five-bit chunks, lowest first, 32 added to every chunk but the last."""
    remaining, characters = _zigzag(value), []
    while remaining >= 32:
        characters.append(ALPHABET[(remaining & 31) | 32])
        remaining >>= 5
    characters.append(ALPHABET[remaining])
    return "".join(characters)


def _numbers(text: str) -> list[int]:
    """All signed integers of a run of chunk characters; a broken run is a SiteLinkError."""
    values, current, shift = [], 0, 0
    for character in text:
        if character not in INDEX:
            raise SiteLinkError(f"het teken '{excerpt(character)}' hoort niet in een locatiecode")
        chunk = INDEX[character]
        current |= (chunk & 31) << shift
        shift += 5
        if shift > 60:
            raise SiteLinkError("een getal in de locatiecode is te groot")
        if chunk < 32:
            values.append(_unzigzag(current))
            current, shift = 0, 0
    if shift:
        raise SiteLinkError("de locatiecode is afgebroken")
    return values


def _rings(geometry: BaseGeometry) -> list[list[np.ndarray]]:
    """The parts of a geometry, each as its rings (a point: one ring of one coordinate), without closing points."""
    parts = shapely.get_parts(geometry)
    result = []
    for part in parts:
        if part.geom_type == "Point":
            result.append([shapely.get_coordinates(part)])
        else:
            rings = [part.exterior, *part.interiors]
            result.append([shapely.get_coordinates(ring)[:-1] for ring in rings])
    return result


def rounded(geometry: BaseGeometry) -> BaseGeometry:
    """The site as a link holds it: on whole metres (RD New), valid, in one normal form."""
    result = shapely.normalize(shapely.set_precision(geometry, PRECISION_M))
    if result.is_empty:
        raise SiteLinkError("de locatie is te klein om op 1 m nauwkeurig vast te leggen")
    return result


def encode(geometry: BaseGeometry) -> str:
    """The code of a site (RD New): rounded to whole metres, refused when it would be too long."""
    kind = KINDS.get(geometry.geom_type)
    if kind is None:
        raise SiteLinkError(f"een {geometry.geom_type} kan niet in de link; alleen punten en vlakken")
    previous = np.zeros(2, dtype=np.int64)
    written = []
    for rings in _rings(rounded(geometry)):
        texts = []
        for ring in rings:
            coordinates = np.rint(ring).astype(np.int64)
            steps = np.diff(np.vstack([previous, coordinates]), axis=0)
            previous = coordinates[-1]
            texts.append("".join(_number(int(v)) for v in steps.reshape(-1)))
        written.append(RING.join(texts))
    code = kind + PART.join(written)
    if len(code) > MAX_CODE_CHARS:
        raise SiteLinkError(f"de vorm heeft te veel hoekpunten voor de link ({format_count(len(code))} tekens, "
                            f"de grens is {format_count(MAX_CODE_CHARS)}); vereenvoudig de vorm of deel het bestand")
    return code


def decode(code: str) -> BaseGeometry:
    """The site a code describes (RD New); a damaged or implausible code is a SiteLinkError."""
    if len(code) > MAX_CODE_CHARS:
        raise SiteLinkError(f"de locatiecode is langer dan {format_count(MAX_CODE_CHARS)} tekens")
    kind = next((name for name, letter in KINDS.items() if code[:1] == letter), None)
    if kind is None:
        raise SiteLinkError("de locatiecode begint niet met P, Q, V of W")
    previous = np.zeros(2, dtype=np.int64)
    parts = []
    for part in code[1:].split(PART):
        rings = []
        for ring in part.split(RING):
            values = _numbers(ring)
            if not values or len(values) % 2:
                raise SiteLinkError("de locatiecode heeft een oneven aantal coördinaten")
            coordinates = previous + np.cumsum(np.array(values, dtype=np.int64).reshape(-1, 2), axis=0)
            previous = coordinates[-1]
            rings.append(coordinates.astype(float))
        parts.append(rings)
    return _geometry(kind, parts)


def _geometry(kind: str, parts: list[list[np.ndarray]]) -> BaseGeometry:
    """Build the geometry of a decoded code and check it."""
    if kind in ("Point", "MultiPoint"):
        if any(len(rings) != 1 or len(rings[0]) != 1 for rings in parts):
            raise SiteLinkError("een punt in de locatiecode heeft meer dan één coördinaat")
        points = [shapely.Point(rings[0][0]) for rings in parts]
        geometry: BaseGeometry = points[0] if kind == "Point" and len(points) == 1 else shapely.MultiPoint(points)
    else:
        if any(len(ring) < 3 for rings in parts for ring in rings):
            raise SiteLinkError("een vlak in de locatiecode heeft minder dan drie hoekpunten")
        polygons = [shapely.Polygon(rings[0], rings[1:]) for rings in parts]
        geometry = polygons[0] if kind == "Polygon" and len(polygons) == 1 else shapely.MultiPolygon(polygons)
    if not geometry.is_valid:
        raise SiteLinkError("de vorm in de locatiecode is ongeldig (de rand snijdt zichzelf)")
    return geometry


def clean_name(name: str) -> str:
    """A site name as a link (and the app) keeps it: control characters escaped, at most MAX_NAME_CHARS."""
    return excerpt(" ".join(str(name).split()), MAX_NAME_CHARS).strip() or "Locatie"


def link_value(site: LinkedSite) -> str:
    """One query-parameter value: 'name:code' or 'name:@project_id'."""
    code = PROJECT + site.project_id if site.project_id else encode(site.geometry) if site.geometry else ""
    if not code:
        raise SiteLinkError("een locatie zonder geometrie kan niet in de link")
    return f"{clean_name(site.name)}{NAME}{code}"


def parse_value(value: str) -> LinkedSite:
    """A site from one query-parameter value (the name may contain ':'; the code never does)."""
    name, separator, code = value.rpartition(NAME)
    if not separator:
        name, code = "", value
    if code.startswith(PROJECT):
        return LinkedSite(clean_name(name) if name else "", project_id=code[1:])
    return LinkedSite(clean_name(name), geometry=decode(code))
