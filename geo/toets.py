"""The location check (klimaatadaptief en waterbewust): every site against every theme of the rules table.

``check_sites`` measures all sites against one theme layer at a time with spatial indexes
(STRtree), never with a loop over sites: ``sindex.query`` plus prepared features find the features a
site intersects, for the share of its area (a point counts as 0% or 100%); a nearest search over the
layer's boundary segments gives the distance from the site's edge or middle (0 inside a feature).
The rule's thresholds turn the value into a status. A theme without data, a missing layer and a site
outside the 11 gemeenten give ``geen gegevens``, never ``geen bezwaar``. Results of a project placed
only at kern, meerdere_kernen or gemeente level are marked ``indicatief``.

Command line: ``python -m geo.toets SITES_FILE [-o OUT]`` (see ``--help``).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.constraints import load_themes
from geo.geodata import RD_NEW
from geo.numbers import format_count, format_share
from geo.rules import AANDACHT, GEEN_BEZWAAR, GEEN_GEGEVENS, KNELPUNT, STATUSES, Rule, classify, read_rules
from geo.sites import FORMATS, MAX_BYTES, SiteFile, SiteFileError, outside_area, read_sites, study_area
from geo.sources import SourceError
from geo.store import write_layers

INDICATIVE_PRECISIONS = ("kern", "meerdere_kernen", "gemeente")
COLUMNS = ["site", "thema", "label", "status", "waarde", "eenheid", "waarde_tekst", "indicatief", "regel", "bron",
           "kanttekening"]
# geen gegevens is neither better nor worse than a measured status: it is left out of the worst status.
SEVERITY = {GEEN_BEZWAAR: 0, AANDACHT: 1, KNELPUNT: 2}
OUTSIDE = ("De locatie ligt (deels) buiten West-Overijssel; de toetslagen dekken alleen de 11 gemeenten "
           "van de Woondeal, dus hier is niets getoetst.")
MAX_LISTED = 20


@dataclass(frozen=True)
class Measured:
    """One theme for all sites: status, value (NaN: none), value in words, and the caveat."""

    status: np.ndarray
    value: np.ndarray
    text: np.ndarray
    caveat: np.ndarray


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


def _shares(geometries: np.ndarray, areas: np.ndarray, layer: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per site the percentage of its area inside the layer (a point: 0 or 100) and that in words."""
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
    in_words = _formatted(share / 100, format_share) + " van het gebied" + np.where(
        share == 0, "", np.where(_distinct_names(layer, site, feature, count) > 1, " (vooral ", " (") + names + ")")
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


def _distances(origins: np.ndarray, layer: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per origin the distance in whole metres to the nearest feature (0 inside one), and that in words."""
    count = len(origins)
    distance, nearest = np.full(count, np.nan), np.full(count, -1)
    if len(layer):
        pieces, owner = _pieces(layer)
        (site, piece), metres = shapely.STRtree(pieces).query_nearest(origins, return_distance=True, all_matches=False)
        distance[site], nearest[site] = np.round(metres), owner[piece]
        inside, feature = _touching(origins, layer)
        distance[inside], nearest[inside] = 0.0, feature
    names = _names(layer, nearest)
    in_words = np.where(distance == 0, "0 m: ligt in of tegen " + names,
                        _formatted(distance, format_count) + " m tot " + names)
    return distance, np.where(np.isnan(distance), "geen object in de laag", in_words)


def _origins(geometries: np.ndarray, origin: str) -> np.ndarray:
    """Where a distance is measured from: the site itself (its edge) or a point inside it (its middle)."""
    return geometries if origin == "rand" else shapely.point_on_surface(geometries)


def _no_data(count: int, text: str, caveat: str) -> Measured:
    """Every site 'geen gegevens', with the reason as caveat."""
    return Measured(_repeated(GEEN_GEGEVENS, count), np.full(count, np.nan), _repeated(text, count),
                    _repeated(caveat, count))


def _measure(rule: Rule, layer: gpd.GeoDataFrame | None, geometries: np.ndarray, areas: np.ndarray,
             outside: np.ndarray) -> Measured:
    """One theme for all sites; 'geen gegevens' without data, without layer, and outside the region."""
    count = len(geometries)
    if not rule.heeft_gegevens:
        return _no_data(count, "geen gegevens", rule.kanttekening)
    if layer is None:
        return _no_data(count, "geen gegevens", f"De laag '{rule.thema}' ontbreekt; bouw de toetslagen opnieuw "
                                                "met python -m geo.build.")
    if rule.maat == "aandeel":
        value, text = _shares(geometries, areas, layer)
    else:
        value, text = _distances(_origins(geometries, rule.gemeten_vanaf), layer)
    status, caveat = classify(value, rule), _repeated(rule.kanttekening, count)
    status[outside], value[outside], text[outside], caveat[outside] = GEEN_GEGEVENS, np.nan, "niet getoetst", OUTSIDE
    return Measured(status, value, text, caveat)


def _site_geometries(sites: gpd.GeoDataFrame) -> np.ndarray:
    """The sites in RD New; refuse missing coordinate systems and unusable geometries, naming the site."""
    if sites.crs is None:
        raise ValueError("De locaties hebben geen coördinatenstelsel.")
    geometries = sites.geometry.to_crs(RD_NEW).to_numpy()
    unusable = shapely.is_missing(geometries) | shapely.is_empty(geometries) | ~shapely.is_valid(geometries)
    if unusable.any():
        raise ValueError(f"Locatie {sites.index[unusable.argmax()]}: de geometrie ontbreekt, is leeg of is ongeldig.")
    return geometries


def check_sites(sites: gpd.GeoDataFrame, themes: dict[str, gpd.GeoDataFrame] | None = None,
                rules: pd.DataFrame | None = None, region: BaseGeometry | None = None) -> pd.DataFrame:
    """One row per site and theme (site-major, in rules order) with status, value, rule, source and caveat.

    The ``site`` column holds the index of ``sites``. Defaults: the rules table, the built theme
    layers and the 11 gemeenten as the region where sites can be checked.
    """
    rules = read_rules() if rules is None else rules
    themes = load_themes() if themes is None else themes
    region = study_area() if region is None else region
    geometries = _site_geometries(sites)
    areas = shapely.area(geometries)
    outside = outside_area(geometries, region)
    measured = [_measure(rule, themes.get(rule.thema), geometries, areas, outside) for rule in rules.itertuples()]
    precision = sites["locatie_precisie"] if "locatie_precisie" in sites.columns else pd.Series("", index=sites.index)
    theme_count, site_count = len(rules), len(sites)

    def per_site(name: str) -> np.ndarray:
        return np.stack([getattr(theme, name) for theme in measured], axis=1).reshape(-1)

    def per_theme(column: str) -> np.ndarray:
        return np.tile(rules[column].to_numpy(dtype=object), site_count)

    columns = {
        "site": np.repeat(sites.index.to_numpy(), theme_count),
        "thema": per_theme("thema"),
        "label": per_theme("label"),
        "status": per_site("status"),
        "waarde": per_site("value").astype(float),
        "eenheid": per_theme("eenheid"),
        "waarde_tekst": per_site("text"),
        "indicatief": np.repeat(precision.isin(INDICATIVE_PRECISIONS).to_numpy(), theme_count),
        "regel": per_theme("regel"),
        "bron": per_theme("bron"),
        "kanttekening": per_site("caveat"),
    }
    # Object columns as built: converting a million texts to the string dtype would cost more than the check.
    return pd.DataFrame({name: pd.Series(values, dtype=values.dtype, copy=False) for name, values in columns.items()},
                        columns=COLUMNS)


def check_projects(projects: gpd.GeoDataFrame, themes: dict[str, gpd.GeoDataFrame], rules: pd.DataFrame,
                   region: BaseGeometry) -> pd.DataFrame:
    """The scorecards of the sleutelprojecten, keyed by project_id (the table in constraints.gpkg)."""
    scorecards = check_sites(projects.set_index("project_id"), themes, rules, region)
    return scorecards.rename(columns={"site": "project_id"})


def _key(scorecards: pd.DataFrame) -> str:
    """The column that identifies a site: project_id in stored scorecards, site in fresh ones."""
    return "project_id" if "project_id" in scorecards.columns else "site"


def worst_status(scorecards: pd.DataFrame) -> pd.Series:
    """Per site the worst measured status (knelpunt > aandacht > geen bezwaar).

    'geen gegevens' is not ranked: it never makes a site look better or worse, because some themes
    have no data for any site. Only a site without a single measured theme gets 'geen gegevens'.
    """
    key = _key(scorecards)
    severity = scorecards["status"].map(SEVERITY).astype(float)
    worst = severity.groupby(scorecards[key], sort=False).max()
    ranked = {rank: status for status, rank in SEVERITY.items()}
    return worst.map(ranked).fillna(GEEN_GEGEVENS).astype(object).rename("status")


def summary_by_gemeente(scorecards: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    """Per gemeente, theme and status: projects (how many indicatief) and their dwellings 2024–2030 and doorkijk."""
    key = _key(scorecards)
    figures = pd.DataFrame(projects).set_index("project_id")[["gemeente", "woningen_2024_2030", "woningen_na_2030"]]
    joined = scorecards.join(figures, on=key)
    counted = joined.groupby(["gemeente", "thema", "status"]).agg(
        projecten=(key, "size"), projecten_indicatief=("indicatief", "sum"),
        woningen_2024_2030=("woningen_2024_2030", "sum"), woningen_na_2030=("woningen_na_2030", "sum"),
    )
    themes = pd.unique(scorecards["thema"])
    grid = pd.MultiIndex.from_product([sorted(figures["gemeente"].unique()), themes, STATUSES],
                                      names=["gemeente", "thema", "status"])
    summary = counted.reindex(grid, fill_value=0).reset_index()
    labels = dict(zip(scorecards["thema"], scorecards["label"]))
    summary.insert(2, "label", summary["thema"].map(labels))
    return summary.astype({"projecten": "int64", "projecten_indicatief": "int64",
                           "woningen_2024_2030": "Int64", "woningen_na_2030": "Int64"})


# --- command line -------------------------------------------------------------------------------

def _output_base(sites_path: Path, out: Path | None) -> Path:
    """OUT without .csv/.gpkg, or '<input name>_toets' next to the input."""
    if out is None:
        return sites_path.with_name(f"{sites_path.stem}_toets")
    return out.with_suffix("") if out.suffix.lower() in (".csv", ".gpkg") else out


def _output_columns(attributes: pd.DataFrame, taken: list[str]) -> pd.DataFrame:
    """The input's own columns, renamed 'invoer_…' where they clash with the output's columns."""
    return attributes.rename(columns={c: f"invoer_{c}" for c in attributes.columns if str(c) in taken})


def _report_table(site_file: SiteFile, scorecards: pd.DataFrame) -> pd.DataFrame:
    """The CSV report: per checked row its scorecard, per skipped row why, with the input's own columns."""
    checked = scorecards.rename(columns={"site": "rij"}).assign(melding="")
    skipped = pd.DataFrame({"rij": site_file.skipped.index, "melding": "overgeslagen: " + site_file.skipped})
    report = pd.concat([checked, skipped], ignore_index=True).sort_values("rij", kind="stable")
    attributes = _output_columns(site_file.attributes, [*report.columns])
    report = report.join(attributes, on="rij")
    ordered = ["rij", *attributes.columns, *[c for c in report.columns if c != "rij" and c not in attributes.columns]]
    return report[ordered].reset_index(drop=True)


def _write_csv(path: Path, table: pd.DataFrame) -> None:
    """A Dutch spreadsheet CSV (';', decimal comma, ja/nee), written via a temporary file."""
    temporary = path.with_name(f".{path.name}.tmp")
    shown = table.assign(indicatief=table["indicatief"].map({True: "ja", False: "nee"}))
    try:
        shown.to_csv(temporary, sep=";", decimal=",", index=False, encoding="utf-8-sig", lineterminator="\n")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _sites_layer(site_file: SiteFile, scorecards: pd.DataFrame) -> gpd.GeoDataFrame:
    """The checked sites with their own columns, worst status and one status column per theme."""
    statuses = scorecards.pivot(index="site", columns="thema", values="status")[pd.unique(scorecards["thema"])]
    worst = worst_status(scorecards).rename("zwaarste_status")
    attributes = _output_columns(site_file.attributes, ["rij", "zwaarste_status", *statuses.columns, "geometry"])
    layer = pd.concat([site_file.sites[["rij"]], attributes.loc[site_file.sites.index], worst, statuses], axis=1)
    return gpd.GeoDataFrame(layer, geometry=site_file.sites.geometry, crs=RD_NEW).reset_index(drop=True)


def _summary_line(scorecards: pd.DataFrame) -> str:
    """How many sites have which worst status."""
    counts = worst_status(scorecards).value_counts()
    return ", ".join(f"{format_count(int(counts[s]))} {s}" for s in (KNELPUNT, AANDACHT, GEEN_BEZWAAR, GEEN_GEGEVENS)
                     if s in counts)


def _print_skipped(site_file: SiteFile) -> None:
    """The skipped rows and why, the first MAX_LISTED of them on screen (all of them in the CSV)."""
    skipped = site_file.skipped
    print(f"Overgeslagen: {format_count(len(skipped))}", file=sys.stderr)
    for row, reason in list(skipped.items())[:MAX_LISTED]:
        print(f"  {site_file.row_word} {row}: {reason}", file=sys.stderr)
    if len(skipped) > MAX_LISTED:
        print(f"  … en nog {format_count(len(skipped) - MAX_LISTED)}; zie de CSV.", file=sys.stderr)


def run(sites_path: Path, out: Path | None = None, layer: str | None = None) -> int:
    """Check a planner's file and write OUT.csv and OUT.gpkg; 0 all checked, 1 rows skipped, 2 nothing usable."""
    base = _output_base(sites_path, out)
    csv_path, gpkg_path = base.with_name(base.name + ".csv"), base.with_name(base.name + ".gpkg")
    if sites_path.exists() and sites_path.resolve() in (csv_path.resolve(), gpkg_path.resolve()):
        raise SiteFileError(f"de uitvoer zou {sites_path.name} overschrijven; kies een andere naam met -o")
    rules, themes, region = read_rules(), load_themes(), study_area()
    site_file = read_sites(sites_path, region, layer)
    for note in site_file.notes:
        print(note)
    empty = pd.DataFrame(columns=COLUMNS).astype({"indicatief": bool})
    scorecards = check_sites(site_file.sites, themes, rules, region) if len(site_file.sites) else empty
    _write_csv(csv_path, _report_table(site_file, scorecards))
    total = len(site_file.sites) + len(site_file.skipped)
    print(f"Locatietoets van {sites_path.name}: {format_count(len(site_file.sites))} van {format_count(total)} "
          f"locaties getoetst op {format_count(len(rules))} thema's.")
    if len(site_file.skipped):
        _print_skipped(site_file)
    if not len(site_file.sites):
        print(f"Geen enkele locatie was bruikbaar; de redenen staan in {csv_path}.", file=sys.stderr)
        return 2
    layers = {"locaties": _sites_layer(site_file, scorecards), "scorekaart": scorecards.rename(columns={"site": "rij"})}
    if len(site_file.skipped):
        layers["overgeslagen"] = pd.DataFrame({"rij": site_file.skipped.index, "reden": site_file.skipped.to_numpy()})
    write_layers(gpkg_path, layers)
    print(f"Zwaarste uitkomst per locatie: {_summary_line(scorecards)}.")
    print(f"Geschreven: {csv_path} en {gpkg_path}")
    return 1 if len(site_file.skipped) else 0


def main(argv: list[str] | None = None) -> int:
    """Command line of the location check; prints Dutch messages, never a traceback."""
    parser = argparse.ArgumentParser(
        prog="python -m geo.toets",
        description="Toets eigen locaties aan de regels voor klimaatadaptief en waterbewust bouwen "
                    "(data/sources/regels.csv) en schrijf per locatie en thema de uitkomst.",
        epilog=f"Invoer: {', '.join(sorted(set(FORMATS.values())))}; een CSV heeft kolommen x en y (RD New, "
               "EPSG:28992) of lon en lat (WGS84), gescheiden door ';' of ',', met decimale punt of komma. "
               f"Hoogstens {format_count(MAX_BYTES // 10**9)} GB. Uitvoer: UIT.csv (';' en decimale komma, met "
               "per overgeslagen rij de reden) en UIT.gpkg (lagen 'locaties', 'scorekaart' en 'overgeslagen'), "
               "standaard <invoernaam>_toets naast het invoerbestand. Exitcode 0: alles getoetst; 1: sommige rijen "
               "overgeslagen; 2: niets bruikbaar.",
    )
    parser.add_argument("sites", metavar="LOCATIEBESTAND", type=Path, help="GeoPackage, GeoJSON of CSV met locaties")
    parser.add_argument("-o", "--uitvoer", metavar="UIT", type=Path,
                        help="naam van de uitvoer zonder extensie (standaard: <invoernaam>_toets naast de invoer)")
    parser.add_argument("--laag", help="laag in een GeoPackage met meerdere lagen (standaard de eerste)")
    args = parser.parse_args(argv)
    try:
        return run(args.sites, args.uitvoer, args.laag)
    except (SiteFileError, SourceError) as error:
        print(f"Toetsen mislukt: {error}", file=sys.stderr)
    except OSError as error:
        print(f"Toetsen mislukt: kan niet lezen of schrijven ({error.strerror}: {error.filename})", file=sys.stderr)
    except Exception as error:  # a planner gets a Dutch message, never a traceback
        print(f"Toetsen mislukt door een onverwachte fout ({type(error).__name__}: {error}). "
              "Meld dit met het invoerbestand erbij.", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
