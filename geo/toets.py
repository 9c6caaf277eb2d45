"""Check a planner's own file of sites: ``python -m geo.toets SITES_FILE [-o OUT] [--laag LAAG]``.

The file is read by ``geo.sites`` (bad rows are skipped and named, the others checked), every site is
checked by the engine in ``geo.check``, and the result is written as ``OUT.csv`` (';', decimal comma,
with the reason per skipped row) and ``OUT.gpkg`` (layers locaties, scorekaart, overgeslagen).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.check import COLUMNS, check_sites, worst_status
from geo.constraints import load_themes
from geo.files import replacing
from geo.geodata import RD_NEW
from geo.numbers import format_count
from geo.rules import read_rules
from geo.schema import CHECK_STATUSES
from geo.sites import FORMATS, MAX_BYTES, SiteFile, SiteFileError, read_sites, study_area
from geo.sources import SourceError
from geo.store import write_layers

MAX_LISTED = 20


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
    shown = table.assign(indicatief=table["indicatief"].map({True: "ja", False: "nee"}))
    with replacing(path) as temporary:
        shown.to_csv(temporary, sep=";", decimal=",", index=False, encoding="utf-8-sig", lineterminator="\n")


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
    return ", ".join(f"{format_count(int(counts[s]))} {s}" for s in CHECK_STATUSES if s in counts)


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
