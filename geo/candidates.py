"""Candidate sites of the locatiekeuze workbench: drawn, clicked, uploaded, from a link or a sleutelproject.

A candidate is the planner's own data: it lives in one session only and is never written to disk.
Drawn and linked geometries are checked here before they are used: empty or invalid shapes, a
self-intersecting polygon (repaired to a valid area, with a notice), a site outside the 11
gemeenten and one of an absurd size get a Dutch message, using the same rules as a planner's file
(``geo.sites``). Every candidate is checked by the one engine (``geo.check``) against the layers
and rules of the visible releases only (``Engine``); a sleutelproject keeps its stored scorecard.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.check import check_sites
from geo.dataset import Dataset
from geo.geodata import RD_NEW, WEB, reprojected
from geo.numbers import format_count, format_decimal_nl
from geo.rules import Rule
from geo.sitelink import SiteLinkError, clean_name, rounded
from geo.sites import geometry_problems, site_problems, study_area

MAX_SITES = 6
KINDS = {
    "getekend": "Getekend op de kaart",
    "punt": "Aangeklikt punt",
    "bestand": "Uit een bestand",
    "link": "Uit een gedeelde link",
    "sleutelproject": "Sleutelproject",
}
TEXT_COLUMNS = ("label", "regel", "bron")


class CandidateError(ValueError):
    """A geometry cannot be used as a site; the message says why, in Dutch."""


@dataclass(frozen=True)
class Candidate:
    """One site of the session: a key that stays the same while it is renamed, its name and kind, and
    its geometry in RD New (a sleutelproject also carries its id)."""

    key: str
    name: str
    kind: str
    geometry: BaseGeometry
    project_id: str | None = None

    @property
    def size(self) -> str:
        """The site in a few words: 'punt', '3 punten' or '4,2 ha'."""
        if self.geometry.geom_type in ("Point", "MultiPoint"):
            count = len(shapely.get_parts(self.geometry))
            return "punt" if count == 1 else f"{format_count(count)} punten"
        hectares = self.geometry.area / 10_000
        return f"{format_decimal_nl(hectares, 1 if hectares >= 1 else 2)} ha"


@dataclass(frozen=True)
class Engine:
    """What a candidate is checked against in this view: the released theme layers and rules, the 11
    gemeenten, the texts of the rules as the view shows them, and the stored project scorecards."""

    themes: dict[str, gpd.GeoDataFrame]
    rules: tuple[Rule, ...]
    region: BaseGeometry
    texts: pd.DataFrame
    project_cards: pd.DataFrame


def engine(dataset: Dataset, rules: tuple[Rule, ...]) -> Engine | None:
    """The engine of a view, or None when the view holds no location check.

    The view's scorecards are those of the visible releases: only the themes they hold are checked,
    and their label, rule text, source and caveat are taken from them, so a drawn site shows exactly
    what a sleutelproject shows, and nothing a release does not hold.
    """
    cards = dataset.scorecards
    if cards is None or cards.empty:
        return None
    first = cards.drop_duplicates("thema").set_index("thema")
    texts = first[list(TEXT_COLUMNS)].assign(
        kanttekening=cards.groupby("thema")["kanttekening"].agg(lambda values: values.mode().iloc[0]))
    released = tuple(rule for rule in rules if rule.thema in texts.index)
    themes = {theme: layer for theme, layer in dataset.themes.items() if theme in texts.index}
    return Engine(themes, released, study_area(dataset.gemeenten), texts, cards)


def from_browser(geometry: dict) -> BaseGeometry:
    """A GeoJSON geometry from the map (WGS84) in RD New; an unreadable one is a CandidateError."""
    try:
        web = shape(geometry)
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError):
        raise CandidateError("de getekende vorm is onleesbaar") from None
    return reprojected([web], WEB, RD_NEW)[0]


def prepared(geometry: BaseGeometry, region: BaseGeometry) -> tuple[BaseGeometry, list[str]]:
    """The geometry ready to check (RD New) and notices; a CandidateError says why it cannot be a site.

    A polygon whose edge crosses itself is repaired to the valid area it encloses, with a notice
    saying where it crossed; everything else follows the rules for a planner's file. The result lies
    on whole metres (``on_metres``).
    """
    notices = []
    problem = geometry_problems(np.array([geometry], dtype=object), degrees=False)[0]
    if problem and problem.startswith("ongeldige geometrie") and geometry.geom_type in ("Polygon", "MultiPolygon"):
        repaired = _polygonal(shapely.make_valid(geometry, method="structure", keep_collapsed=False))
        if repaired.is_empty:
            raise CandidateError(f"{problem}; er blijft geen vlak over om te toetsen")
        notices.append(f"De vorm was ongeldig ({problem.removeprefix('ongeldige geometrie: ')}); hersteld tot "
                       f"een geldig vlak van {format_decimal_nl(repaired.area / 10_000)} ha.")
        geometry, problem = repaired, None
    if problem:
        raise CandidateError(problem)
    later = site_problems(np.array([geometry], dtype=object), region)[0]
    if later:
        raise CandidateError(later)
    return on_metres(geometry), notices


def on_metres(geometry: BaseGeometry) -> BaseGeometry:
    """The site on whole metres, as the link holds it, so a colleague who opens the link sees the same
    outcomes; a site too small for that is a CandidateError."""
    try:
        return rounded(geometry)
    except SiteLinkError as error:
        raise CandidateError(str(error)) from None


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Only the areas of a repaired geometry (make_valid can leave lines where the edge folded back)."""
    parts = [part for part in shapely.get_parts(geometry) if part.geom_type == "Polygon" and part.area > 0]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def unique_name(name: str, taken: list[str]) -> str:
    """A clean name that no other site of the session has: 'Zwolle', then 'Zwolle (2)'."""
    base = clean_name(name)
    candidate, number = base, 2
    lowered = {other.lower() for other in taken}
    while candidate.lower() in lowered:
        candidate, number = f"{base} ({number})", number + 1
    return candidate


def signature(geometry: dict) -> str:
    """A drawing's coordinates as the browser writes them (JSON.stringify), to recognise it again."""
    return json.dumps(geometry.get("coordinates"), separators=(",", ":"))


def editable(candidate: Candidate) -> bool:
    """Whether the drawing tools can edit the site: a point or a polygon without holes, not a sleutelproject."""
    geometry = candidate.geometry
    simple = geometry.geom_type == "Point" or (geometry.geom_type == "Polygon" and not len(geometry.interiors))
    return candidate.project_id is None and simple


@dataclass(frozen=True)
class DrawingChanges:
    """What the drawing layer's features mean for the sites: new drawings, edited and deleted sites, and
    per site on the layer the signature of its shape as reported now."""

    added: list[tuple[str, dict]]
    updated: dict[str, dict]
    removed: list[str]
    seen: dict[str, str]


def drawing_changes(features: list[dict], reported: dict[str, str]) -> DrawingChanges:
    """Compare the drawing layer's features (GeoJSON from the browser) with the editable sites.

    ``reported`` maps each editable site's key to the signature the browser last reported for it
    ('' while it has not reported it yet). A feature carries its site's key in ``wd_key`` once the
    map has tagged it; an untagged one with the signature of a known site is that site; any other is
    a new drawing. A site the browser reported before and no longer reports was deleted with the
    tools; one whose signature changed was edited. Features of sites that no longer exist are ignored.
    """
    by_signature = {sig: key for key, sig in reported.items() if sig}
    present: dict[str, tuple[str, dict]] = {}
    added = []
    for feature in features:
        geometry = feature.get("geometry")
        if not geometry:
            continue
        sig = signature(geometry)
        key = (feature.get("properties") or {}).get("wd_key") or by_signature.get(sig)
        if key is None:
            added.append((sig, geometry))
        elif key in reported:
            present[key] = (sig, geometry)
    updated = {key: geometry for key, (sig, geometry) in present.items() if reported[key] and reported[key] != sig}
    removed = [key for key, sig in reported.items() if sig and key not in present]
    return DrawingChanges(added, updated, removed, {key: sig for key, (sig, _) in present.items()})


def scorecards(candidates: list[Candidate], checker: Engine) -> pd.DataFrame:
    """One row per candidate and theme (candidate order, then rules order), 'site' holding its key.

    Drawn, clicked, uploaded and linked sites are checked together in one call of the engine; a
    sleutelproject keeps the scorecard the view holds for it.
    """
    own = [c for c in candidates if c.project_id is None]
    parts = []
    if own:
        sites = gpd.GeoDataFrame(geometry=[c.geometry for c in own], index=[c.key for c in own], crs=RD_NEW)
        parts.append(_released_texts(check_sites(sites, checker.themes, checker.rules, checker.region), checker))
    projects = {c.project_id: c.key for c in candidates if c.project_id is not None}
    if projects:
        stored = checker.project_cards[checker.project_cards["project_id"].isin(list(projects))]
        parts.append(stored.assign(site=stored["project_id"].map(projects)).drop(columns="project_id"))
    if not parts:
        return pd.DataFrame(columns=["site", "thema", "label", "status"])
    cards = pd.concat(parts, ignore_index=True)
    order = {c.key: i for i, c in enumerate(candidates)}
    themes = {rule.thema: i for i, rule in enumerate(checker.rules)}
    ranked = cards.assign(_site=cards["site"].map(order), _theme=cards["thema"].map(themes).fillna(len(themes)))
    return ranked.sort_values(["_site", "_theme"], kind="stable").drop(columns=["_site", "_theme"]).reset_index(
        drop=True)


def _released_texts(cards: pd.DataFrame, checker: Engine) -> pd.DataFrame:
    """Fresh results with the label, rule, source and usual caveat of each theme as the view shows them."""
    texts = checker.texts
    result = cards.copy()
    for column in TEXT_COLUMNS:
        result[column] = cards["thema"].map(texts[column])
    usual = cards["thema"].map({rule.thema: rule.kanttekening for rule in checker.rules})
    result["kanttekening"] = cards["kanttekening"].where(cards["kanttekening"] != usual,
                                                          cards["thema"].map(texts["kanttekening"]))
    return result
