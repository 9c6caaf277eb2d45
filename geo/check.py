"""The location check (klimaatadaptief en waterbewust): every site against every theme of the rules table.

``check_sites`` measures all sites against one theme layer at a time with spatial indexes
(STRtree), never with a loop over sites: ``sindex.query`` plus prepared features find the features a
site intersects, for the share of its area (a point counts as 0% or 100%); a nearest search over the
layer's boundary segments gives the distance from the site's edge or middle (0 inside a feature).
The rule's thresholds turn the value into a status; a verdict the theme's data cannot carry becomes
``onvolledige gegevens``. A theme without data, a missing layer and a site outside the 11 gemeenten
give ``geen gegevens``, never ``geen bezwaar``.

A project placed only at wijk, kern, meerdere_kernen or gemeente level is an area, not a site (a TOP10NL
wijk is a named neighbourhood, not the plan's outline): it gets no verdict but the status
``indicatief``, with how much of the area the rule touches (the share in the layer, or for a distance
rule the share in its zones from ``geo.zones``: "18,0% van de kern ligt
binnen 50 m van een primaire waterkering").

A planner's own file is checked from the command line with ``python -m geo.toets`` (see there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.constraints import load_themes
from geo.geodata import RD_NEW
from geo.memo import kept_for
from geo.numbers import format_count, format_share
from geo.rules import Rule, classify, reach, read_rules, zone_bands
from geo.schema import (
    AANDACHT,
    CHECK_STATUSES,
    GEEN_GEGEVENS,
    INDICATIEF,
    KNELPUNT,
    ONVOLLEDIG,
    PRECISIONS,
    RANKED,
)
from geo.sites import outside_area, study_area
from geo.zones import derive_zones, zones_of

COLUMNS = ["site", "thema", "label", "status", "waarde", "eenheid", "waarde_tekst", "indicatief", "regel", "bron",
           "kanttekening"]
OUTSIDE = ("De locatie ligt (deels) buiten West-Overijssel; de toetslagen dekken alleen de 11 gemeenten "
           "van de Woondeal, dus hier is niets getoetst.")


@dataclass(frozen=True)
class Measured:
    """One theme for all sites: status, value (NaN: none), its unit, value in words, and the caveat."""

    status: np.ndarray
    value: np.ndarray
    unit: np.ndarray
    text: np.ndarray
    caveat: np.ndarray


@dataclass(frozen=True)
class Sites:
    """The sites as the engine measures them: geometry, area, whether outside the region, and for an
    indicative placement the words for its area ('de kern'; '' for a site)."""

    geometries: np.ndarray
    areas: np.ndarray
    outside: np.ndarray
    area_words: np.ndarray

    @property
    def indicative(self) -> np.ndarray:
        """Which sites are areas (kern, gemeente) rather than sites."""
        return self.area_words != ""

    def subset(self, mask: np.ndarray) -> Sites:
        """Only the sites where mask is true."""
        return Sites(self.geometries[mask], self.areas[mask], self.outside[mask], self.area_words[mask])


def _repeated(text: str, count: int) -> np.ndarray:
    """An object array of count times the same text (np.full is an order of magnitude slower for objects)."""
    return np.repeat(np.array([text], dtype=object), count)


def _formatted(values: np.ndarray, formatter: Callable[[float], str]) -> np.ndarray:
    """Format each distinct value once (values are rounded, so there are few) and spread the texts back."""
    texts = _repeated("", len(values))
    known = ~np.isnan(values)
    distinct, positions = np.unique(values[known], return_inverse=True)
    texts[known] = np.array([formatter(value) for value in distinct], dtype=object)[positions]
    return texts


def _largest(site: np.ndarray, feature: np.ndarray, weight: np.ndarray, count: int) -> np.ndarray:
    """Per site the feature with the largest weight among its pairs, -1 for a site without pairs."""
    order = np.lexsort((-weight, site))
    ordered = site[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]] if len(ordered) else np.zeros(0, dtype=bool)
    largest = np.full(count, -1)
    largest[ordered[first]] = feature[order][first]
    return largest


def _names(layer: gpd.GeoDataFrame, index: np.ndarray) -> np.ndarray:
    """The naam of the features at index, '' where the index is -1."""
    names = np.append(layer["naam"].to_numpy(dtype=object), "")
    return names[index]


def _touching(geometries: np.ndarray, layer: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(site, feature) pairs that intersect: envelopes from the spatial index, then the prepared features."""
    features = layer.geometry.to_numpy()
    shapely.prepare(features)
    site, feature = layer.sindex.query(geometries)
    hits = shapely.intersects(features[feature], geometries[site])
    return site[hits], feature[hits]


def _overlap(geometries: np.ndarray, areas: np.ndarray,
             layer: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per site the percentage of its area inside the layer (a point: 0 or 100), the name of the feature
    it overlaps most, and whether it overlaps differently named features."""
    features = layer.geometry.to_numpy()
    site, feature = _touching(geometries, layer)
    overlap = np.ones(len(site))
    areal = areas[site] > 0
    pairs_site, pairs_feature = site[areal], feature[areal]
    covered = shapely.covers(features[pairs_feature], geometries[pairs_site])
    partial = np.flatnonzero(~covered)
    areal_overlap = areas[pairs_site]
    areal_overlap[partial] = shapely.area(shapely.intersection(geometries[pairs_site[partial]],
                                                               features[pairs_feature[partial]]))
    overlap[areal] = areal_overlap
    count = len(geometries)
    inside, touched = np.bincount(site, weights=overlap, minlength=count), np.bincount(site, minlength=count)
    share = np.where(areas > 0, 100 * inside / np.where(areas > 0, areas, 1), np.where(touched > 0, 100.0, 0.0))
    share = np.minimum(share, 100.0).round(1)
    names = _names(layer, _largest(site, feature, overlap, count))
    return share, names, _distinct_names(layer, site, feature, count) > 1


def _named_part(share: np.ndarray, names: np.ndarray, several: np.ndarray) -> np.ndarray:
    """' (name)' or ' (vooral name)' after a share above 0, nothing after 0%."""
    return np.where(share == 0, "", np.where(several, " (vooral ", " (") + names + ")")


def _shares(geometries: np.ndarray, areas: np.ndarray, layer: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per site the percentage of its area inside the layer (a point: 0 or 100) and that in words."""
    share, names, several = _overlap(geometries, areas, layer)
    in_words = _formatted(share / 100, format_share) + " van het gebied" + _named_part(share, names, several)
    point_words = np.where(share > 0, "punt ligt in " + names, "punt ligt erbuiten")
    return share, np.where(areas > 0, in_words, point_words)


def _distinct_names(layer: gpd.GeoDataFrame, site: np.ndarray, feature: np.ndarray, count: int) -> np.ndarray:
    """Per site how many differently named features it touches (several parts of one network count once)."""
    codes, uniques = pd.factorize(layer["naam"])
    pairs = np.unique(site * len(uniques) + codes[feature])
    return np.bincount(pairs // max(len(uniques), 1), minlength=count)


def _pieces(layer: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The layer as single boundary or line segments (points stay points), with the feature of each piece.

    Outside a feature, the distance to it is the distance to its boundary; short segments keep the
    envelopes in the spatial index small, so the nearest search computes few exact distances.
    """
    geometries = layer.geometry.to_numpy()
    outlines = np.where(shapely.get_dimensions(geometries) == 2, shapely.boundary(geometries), geometries)
    parts, owner = shapely.get_parts(outlines, return_index=True)
    if shapely.get_dimensions(parts).max() == 0:
        return parts, owner
    coordinates, part = shapely.get_coordinates(parts, return_index=True)
    joined = part[1:] == part[:-1]
    segments = shapely.linestrings(np.stack([coordinates[:-1][joined], coordinates[1:][joined]], axis=1))
    return segments, owner[part[:-1][joined]]


_SEGMENTS: dict[int, tuple[Any, tuple[shapely.STRtree, np.ndarray]]] = {}


def _segment_index(layer: gpd.GeoDataFrame) -> tuple[shapely.STRtree, np.ndarray]:
    """The spatial index of a layer's segments and their features, built once per layer object.

    Like ``layer.sindex`` it lives as long as the layer: an app that keeps its layers checks a new
    site without rebuilding any index.
    """
    def make() -> tuple[shapely.STRtree, np.ndarray]:
        pieces, owner = _pieces(layer)
        return shapely.STRtree(pieces), owner

    return kept_for(_SEGMENTS, layer, make, limit=64)


def _distances(origins: np.ndarray, layer: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per origin the distance in whole metres to the nearest feature (0 inside one), and that in words."""
    count = len(origins)
    distance, nearest = np.full(count, np.nan), np.full(count, -1)
    if len(layer):
        tree, owner = _segment_index(layer)
        (site, piece), metres = tree.query_nearest(origins, return_distance=True, all_matches=False)
        distance[site], nearest[site] = np.round(metres), owner[piece]
        inside, feature = _touching(origins, layer)
        distance[inside], nearest[inside] = 0.0, feature
    names = _names(layer, nearest)
    in_words = np.where(distance == 0, "0 m: ligt in of tegen " + names,
                        _formatted(distance, lambda metres: format_count(int(metres))) + " m tot " + names)
    return distance, np.where(np.isnan(distance), "geen object in de laag", in_words)


def _origins(geometries: np.ndarray, origin: str) -> np.ndarray:
    """Where a distance is measured from: the site itself (its edge) or a point inside it (its middle)."""
    return geometries if origin == "rand" else shapely.point_on_surface(geometries)


def _no_data(count: int, text: str, caveat: str) -> Measured:
    """Every site 'geen gegevens', with the reason as caveat."""
    return Measured(_repeated(GEEN_GEGEVENS, count), np.full(count, np.nan), _repeated("", count),
                    _repeated(text, count), _repeated(caveat, count))


def _indicative_shares(rule: Rule, layer: gpd.GeoDataFrame, zones: gpd.GeoDataFrame | None,
                       areas: Sites) -> tuple[np.ndarray, np.ndarray]:
    """Per indicative area how much of it the rule touches (%) and that in words: the share in the layer, or
    for a distance rule the share in each of its zones ('18,0% van de kern ligt binnen 50 m van …, 46,0%
    binnen 200 m'); the value is the share where the rule gives at least aandacht."""
    lead = " van " + areas.area_words + " ligt "
    if rule.maat == "aandeel":
        share, names, several = _overlap(areas.geometries, areas.areas, layer)
        text = _formatted(share / 100, format_share) + lead + f"in {rule.omschrijving}"
        if layer["naam"].nunique() > 1:  # one name only repeats the layer's own phrase
            text = text + _named_part(share, names, several)
        return share, text
    share, text = np.zeros(len(areas.areas)), _repeated("", len(areas.areas))
    bands = zone_bands(rule)
    for position, (_, threshold, _) in enumerate(bands):
        statuses = [status for status, _, _ in bands[:position + 1]]  # this zone and the stricter ones
        chosen = zones[zones["status"].isin(statuses)] if zones is not None else None
        if chosen is not None and len(chosen):
            share = _overlap(areas.geometries, areas.areas, chosen)[0]
        words = _formatted(share / 100, format_share)
        where = reach(rule, threshold)
        text = (words + lead + f"{where} {rule.omschrijving}" if position == 0
                else text + ", " + words + " " + where.removesuffix(" van"))
    return share, text


def _measure(rule: Rule, layer: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None, sites: Sites) -> Measured:
    """One theme for all sites; 'geen gegevens' without data, without layer, and outside the region;
    'indicatief' with the share the rule touches for an area that is not a site."""
    count = len(sites.geometries)
    if not rule.heeft_gegevens:
        return _no_data(count, "geen gegevens", rule.kanttekening)
    if layer is None:
        return _no_data(count, "geen gegevens", f"De laag '{rule.thema}' ontbreekt; bouw de toetslagen opnieuw "
                                                "met python -m geo.build.")
    if rule.maat == "aandeel":
        value, text = _shares(sites.geometries, sites.areas, layer)
    else:
        value, text = _distances(_origins(sites.geometries, rule.gemeten_vanaf), layer)
    status, unit, caveat = classify(value, rule), _repeated(rule.eenheid, count), _repeated(rule.toelichting, count)
    areas = sites.indicative
    if areas.any():
        value[areas], text[areas] = _indicative_shares(rule, layer, zones, sites.subset(areas))
        status[areas], unit[areas] = INDICATIEF, "%"
    outside = sites.outside
    status[outside], value[outside], text[outside], caveat[outside] = GEEN_GEGEVENS, np.nan, "niet getoetst", OUTSIDE
    return Measured(status, value, unit, text, caveat)


def _site_geometries(sites: gpd.GeoDataFrame) -> np.ndarray:
    """The sites in RD New; refuse missing coordinate systems and unusable geometries, naming the site."""
    if sites.crs is None:
        raise ValueError("De locaties hebben geen coördinatenstelsel.")
    geometries = sites.geometry.to_crs(RD_NEW).to_numpy()
    unusable = shapely.is_missing(geometries) | shapely.is_empty(geometries) | ~shapely.is_valid(geometries)
    if unusable.any():
        raise ValueError(f"Locatie {sites.index[unusable.argmax()]}: de geometrie ontbreekt, is leeg of is ongeldig.")
    return geometries


def _area_words(sites: gpd.GeoDataFrame) -> np.ndarray:
    """Per site the words for its area when it is placed only on a wijk, kern or gemeente, else ''."""
    if "locatie_precisie" not in sites.columns:
        return _repeated("", len(sites))
    words = sites["locatie_precisie"].map(lambda code: PRECISIONS[code].area if code in PRECISIONS else "")
    return words.fillna("").to_numpy(dtype=object)


def check_sites(sites: gpd.GeoDataFrame, themes: dict[str, gpd.GeoDataFrame] | None = None,
                rules: tuple[Rule, ...] | None = None, region: BaseGeometry | None = None,
                zones: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """One row per site and theme (site-major, in rules order) with status, value, rule, source and caveat.

    The ``site`` column holds the index of ``sites``; a ``locatie_precisie`` column marks areas placed
    only on a wijk, kern or gemeente (indicative). Defaults: the rules table, the built theme layers, the 11
    gemeenten as the region where sites can be checked, and the rule zones derived from the layers
    (only needed for indicative areas).
    """
    rules = read_rules() if rules is None else rules
    themes = load_themes() if themes is None else themes
    region = study_area() if region is None else region
    geometries = _site_geometries(sites)
    measured_sites = Sites(geometries, shapely.area(geometries), outside_area(geometries, region), _area_words(sites))
    if zones is None and measured_sites.indicative.any():
        zones = derive_zones(rules, themes, region)
    measured = [_measure(rule, themes.get(rule.thema), zones_of(zones, rule.thema), measured_sites)
                for rule in rules]
    theme_count, site_count = len(rules), len(sites)

    def per_site(name: str) -> np.ndarray:
        return np.stack([getattr(theme, name) for theme in measured], axis=1).reshape(-1)

    def per_theme(field: str) -> np.ndarray:
        return np.tile(np.array([getattr(rule, field) for rule in rules], dtype=object), site_count)

    columns = {
        "site": np.repeat(sites.index.to_numpy(), theme_count),
        "thema": per_theme("thema"),
        "label": per_theme("label"),
        "status": per_site("status"),
        "waarde": per_site("value").astype(float),
        "eenheid": per_site("unit"),
        "waarde_tekst": per_site("text"),
        "indicatief": np.repeat(measured_sites.indicative, theme_count),
        "regel": per_theme("regel"),
        "bron": per_theme("bron"),
        "kanttekening": per_site("caveat"),
    }
    # Object columns as built: converting a million texts to the string dtype would cost more than the check.
    return pd.DataFrame({name: pd.Series(values, dtype=values.dtype, copy=False) for name, values in columns.items()},
                        columns=COLUMNS)


def check_projects(projects: gpd.GeoDataFrame, themes: dict[str, gpd.GeoDataFrame], rules: tuple[Rule, ...],
                   region: BaseGeometry, zones: gpd.GeoDataFrame) -> pd.DataFrame:
    """The scorecards of the sleutelprojecten, keyed by project_id (the table in constraints.gpkg)."""
    scorecards = check_sites(projects.set_index("project_id"), themes, rules, region, zones)
    return scorecards.rename(columns={"site": "project_id"})


def _key(scorecards: pd.DataFrame) -> str:
    """The column that identifies a site: project_id in stored scorecards, site in fresh ones."""
    return "project_id" if "project_id" in scorecards.columns else "site"


def worst_status(scorecards: pd.DataFrame) -> pd.Series:
    """Per site the worst verdict (knelpunt > aandacht > geen bezwaar), else what it is instead.

    'geen gegevens' and 'onvolledige gegevens' are not ranked: they never make a site look better or
    worse, because some themes have no (complete) data for any site. A site without a single verdict is
    'indicatief' when it is an area placed on a wijk, kern or gemeente, else 'onvolledige gegevens' when some
    theme was measured, else 'geen gegevens'.
    """
    key = _key(scorecards)
    sites = scorecards[key]
    severity = scorecards["status"].map(RANKED).astype(float)
    worst = severity.groupby(sites, sort=False).max()
    ranked = {rank: status for status, rank in RANKED.items()}
    fallback = pd.Series(GEEN_GEGEVENS, index=worst.index, dtype=object)
    for status in (ONVOLLEDIG, INDICATIEF):  # later wins
        has = (scorecards["status"] == status).groupby(sites, sort=False).any()
        fallback[has.reindex(worst.index, fill_value=False).to_numpy()] = status
    return worst.map(ranked).fillna(fallback).astype(object).rename("status")


def touched(scorecards: pd.DataFrame) -> pd.Series:
    """Per row whether the rule touches the site (knelpunt, aandacht) or part of an indicative area
    (indicatief with a share above 0): what counts towards 'woningen met een risico'."""
    firm = scorecards["status"].isin([KNELPUNT, AANDACHT])
    return firm | ((scorecards["status"] == INDICATIEF) & (scorecards["waarde"].fillna(0) > 0))


def summary_by_gemeente(scorecards: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    """Per gemeente, theme and status: projects and their dwellings 2024–2030 and doorkijk, and of those the
    ones the rule touches (``…_geraakt``). Firm verdicts and indicative areas are separate statuses, so a
    figure never mixes sites with kernen or gemeenten."""
    key = _key(scorecards)
    figures = pd.DataFrame(projects).set_index("project_id")[["gemeente", "woningen_2024_2030", "woningen_2031_2035"]]
    joined = scorecards.join(figures, on=key).assign(geraakt=touched(scorecards))
    for period in ("woningen_2024_2030", "woningen_2031_2035"):
        joined[f"{period}_geraakt"] = joined[period].where(joined["geraakt"], 0)
    counted = joined.groupby(["gemeente", "thema", "status"]).agg(
        projecten=(key, "size"), woningen_2024_2030=("woningen_2024_2030", "sum"),
        woningen_2031_2035=("woningen_2031_2035", "sum"), projecten_geraakt=("geraakt", "sum"),
        woningen_2024_2030_geraakt=("woningen_2024_2030_geraakt", "sum"),
        woningen_2031_2035_geraakt=("woningen_2031_2035_geraakt", "sum"),
    )
    themes = pd.unique(scorecards["thema"])
    grid = pd.MultiIndex.from_product([sorted(figures["gemeente"].unique()), themes, list(CHECK_STATUSES)],
                                      names=["gemeente", "thema", "status"])
    summary = counted.reindex(grid, fill_value=0).reset_index()
    labels = dict(zip(scorecards["thema"], scorecards["label"]))
    summary.insert(2, "label", summary["thema"].map(labels))
    dwellings = [c for c in summary.columns if c.startswith("woningen_")]
    return summary.astype({"projecten": "int64", "projecten_geraakt": "int64", **dict.fromkeys(dwellings, "Int64")})
