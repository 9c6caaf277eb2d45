"""Check a planner's own file of sites: ``python -m geo.toets SITES_FILE [-o OUT] [--laag LAAG]``.

The file is read by ``geo.sites`` (bad rows are skipped and named, the others checked), every site is
checked by the engine in ``geo.check``, and the result is written as ``OUT.csv`` (';', decimal comma,
with the reason per skipped row) and ``OUT.gpkg`` (layers locaties, scorekaart, overgeslagen).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.check import COLUMNS, check_sites, worst_status
from geo.cli import DutchArgumentParser
from geo.constraints import load_themes
from geo.files import os_error_text, replacing
from geo.geodata import RD_NEW
from geo.numbers import format_count, format_decimal_nl
from geo.rules import read_rules
from geo.safetext import excerpt, spreadsheet_frame
from geo.schema import CHECK_STATUSES
from geo.sites import FORMATS, MAX_BYTES, MAX_ROWS, SiteFile, SiteFileError, SiteSource, read_sites, study_area
from geo.sources import SourceError
from geo.store import write_geopackage

MAX_LISTED = 20
REASON_CHARS = 300
GPKG_MAX_FIELDS = 1_998  # a GeoPackage table holds at most 2.000 columns, fid and geometry included
RESERVED = ("fid", "geom", "geometry")  # names a GeoPackage layer keeps for itself (case-insensitive)
PROGRESS_ROWS = 10_000


class Interrupted(Exception):
    """The process was asked to stop (SIGTERM); whatever was being written is left unwritten."""


def _output_paths(sites_path: Path, out: str | None) -> tuple[Path, Path]:
    """OUT.csv and OUT.gpkg (OUT without .csv/.gpkg), or '<input name>_toets' next to the input."""
    if out is None:
        base = sites_path.with_name(f"{sites_path.stem}_toets")
    else:
        given = Path(out)
        if not out.strip() or given.name in ("", ".", "..") or given.is_dir():
            raise SiteFileError(f"-o '{excerpt(out)}' is geen bestandsnaam: geef de naam van de uitvoer zonder "
                                "extensie, bijvoorbeeld -o uitvoer/plannen_toets")
        base = given.with_suffix("") if given.suffix.lower() in (".csv", ".gpkg") else given
    longest = len(os.fsencode(base.name + ".gpkg"))
    limit = _name_limit(base.parent)
    if longest > limit:
        raise SiteFileError(f"de naam van de uitvoer is te lang ({format_count(longest)} bytes; het bestandssysteem "
                            f"staat er {format_count(limit)} toe): kies een kortere met -o")
    return base.with_name(base.name + ".csv"), base.with_name(base.name + ".gpkg")


def _name_limit(folder: Path) -> int:
    """The longest file name the folder's file system allows (255 bytes where it cannot be asked)."""
    try:
        return os.pathconf(folder if folder.exists() else Path.cwd(), "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def unique_names(names: list[Any], taken: list[str]) -> list[str]:
    """The input's column names for the output: a name that clashes with an output column, a name the
    GeoPackage keeps for itself, or an earlier name in other case becomes 'invoer_…' (with _2, _3 …
    when that is taken too). A GeoPackage compares names case-insensitively, so this does too."""
    used = {name.lower() for name in (*taken, *RESERVED)}
    result: list[str | None] = []
    for name in map(str, names):
        keep = bool(name.strip()) and name.lower() not in used
        result.append(name if keep else None)
        if keep:
            used.add(name.lower())
    for position, name in enumerate(map(str, names)):
        if result[position] is None:
            base = f"invoer_{name.strip() or 'kolom'}"
            candidate, number = base, 2
            while candidate.lower() in used:
                candidate, number = f"{base}_{number}", number + 1
            result[position] = candidate
            used.add(candidate.lower())
    return [str(name) for name in result]


def _output_columns(attributes: pd.DataFrame, taken: list[str]) -> pd.DataFrame:
    """The input's own columns under names unique in the output (see unique_names)."""
    renamed = attributes.copy()
    renamed.columns = unique_names(list(attributes.columns), taken)
    return renamed


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
    """A Dutch spreadsheet CSV (';', decimal comma, ja/nee) whose cells never run as formulas."""
    shown = spreadsheet_frame(table.assign(indicatief=table["indicatief"].map({True: "ja", False: "nee"})))
    shown.to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8-sig", lineterminator="\n")


def _sites_layer(site_file: SiteFile, scorecards: pd.DataFrame, notes: list[str]) -> gpd.GeoDataFrame:
    """The checked sites with their own columns, worst status and one status column per theme.

    A GeoPackage table has at most 2.000 columns: an input too wide for that keeps its columns in the
    CSV only, and a note says so.
    """
    statuses = scorecards.pivot(index="site", columns="thema", values="status")[pd.unique(scorecards["thema"])]
    worst = worst_status(scorecards).rename("zwaarste_status")
    own = ["rij", "zwaarste_status", *statuses.columns]
    attributes = _output_columns(site_file.attributes, own).loc[site_file.sites.index]
    if len(own) + attributes.shape[1] > GPKG_MAX_FIELDS:
        notes.append(f"De invoer heeft {format_count(attributes.shape[1])} kolommen; met de uitkomsten erbij past "
                     "dat niet in een GeoPackage-laag (hoogstens 2.000 kolommen). De laag 'locaties' bevat de "
                     "kolommen van de invoer daarom niet, de CSV wel.")
        attributes = attributes.iloc[:, :0]
    layer = pd.concat([site_file.sites[["rij"]], attributes, worst, statuses], axis=1)
    return gpd.GeoDataFrame(layer, geometry=site_file.sites.geometry, crs=RD_NEW).reset_index(drop=True)


def _summary_line(scorecards: pd.DataFrame) -> str:
    """How many sites have which worst status."""
    counts = worst_status(scorecards).value_counts()
    return ", ".join(f"{format_count(int(counts[s]))} {s}" for s in CHECK_STATUSES if s in counts)


def _print_skipped(site_file: SiteFile) -> None:
    """The skipped rows and why (escaped and cut), the first MAX_LISTED of them on screen (all in the CSV)."""
    skipped = site_file.skipped
    print(f"Overgeslagen: {format_count(len(skipped))}", file=sys.stderr)
    for row, reason in list(skipped.items())[:MAX_LISTED]:
        print(f"  {site_file.row_word} {row}: {excerpt(reason, REASON_CHARS)}", file=sys.stderr)
    if len(skipped) > MAX_LISTED:
        print(f"  … en nog {format_count(len(skipped) - MAX_LISTED)}; zie de CSV.", file=sys.stderr)


class Progress:
    """Progress lines on stderr for a large file (more than PROGRESS_ROWS rows), with the time so far."""

    def __init__(self) -> None:
        self.start, self.shown = time.monotonic(), False

    def step(self, rows: int, text: str) -> None:
        """Say what happens now, once the file is known to be large."""
        self.shown = self.shown or rows > PROGRESS_ROWS
        if self.shown:
            seconds = format_decimal_nl(time.monotonic() - self.start)
            print(f"[{seconds} s] {text}", file=sys.stderr, flush=True)


def run(sites_path: Path, out: str | None = None, layer: str | None = None) -> int:
    """Check a planner's file and write OUT.csv and OUT.gpkg; 0 all checked, 1 rows skipped, 2 nothing usable.

    Both outputs are written beside their targets under unique temporary names and replace them only
    when both are complete: an error leaves the previous outputs (and always the input) as they were.
    """
    csv_path, gpkg_path = _output_paths(sites_path, out)
    if sites_path.exists() and sites_path.resolve() in (csv_path.resolve(), gpkg_path.resolve()):
        raise SiteFileError(f"de uitvoer zou {excerpt(sites_path.name, 80)} overschrijven; kies een andere naam "
                            "met -o")
    rules, themes, region = read_rules(), load_themes(), study_area()
    progress = Progress()
    site_file = read_sites(SiteSource.file(sites_path), region, layer)
    total = len(site_file.sites) + len(site_file.skipped)
    progress.step(total, f"{format_count(total)} rijen gelezen; toetsen op {format_count(len(rules))} thema's …")
    empty = pd.DataFrame(columns=COLUMNS).astype({"indicatief": bool})
    scorecards = check_sites(site_file.sites, themes, rules, region) if len(site_file.sites) else empty
    progress.step(total, "getoetst; uitvoer schrijven …")
    notes = list(site_file.notes)
    with replacing(csv_path) as csv_temporary:
        _write_csv(csv_temporary, _report_table(site_file, scorecards))
        if len(site_file.sites):
            layers = {"locaties": _sites_layer(site_file, scorecards, notes),
                      "scorekaart": scorecards.rename(columns={"site": "rij"})}
            if len(site_file.skipped):
                layers["overgeslagen"] = pd.DataFrame({"rij": site_file.skipped.index,
                                                       "reden": site_file.skipped.to_numpy()})
            with replacing(gpkg_path) as gpkg_temporary:
                write_geopackage(gpkg_temporary, layers)
    for note in notes:
        print(note)
    print(f"Locatietoets van {excerpt(sites_path.name, 80)}: {format_count(len(site_file.sites))} van "
          f"{format_count(total)} locaties getoetst op {format_count(len(rules))} thema's.")
    if len(site_file.skipped):
        _print_skipped(site_file)
    if not len(site_file.sites):
        print(f"Geen enkele locatie was bruikbaar; de redenen staan in {csv_path}.", file=sys.stderr)
        return 2
    print(f"Zwaarste uitkomst per locatie: {_summary_line(scorecards)}.")
    print(f"Geschreven: {csv_path} en {gpkg_path}")
    return 1 if len(site_file.skipped) else 0


def parser() -> DutchArgumentParser:
    """The command line, in Dutch."""
    command = DutchArgumentParser(
        prog="python -m geo.toets",
        description="Toets eigen locaties aan de regels voor klimaatadaptief en waterbewust bouwen "
                    "(data/sources/regels.csv) en schrijf per locatie en thema de uitkomst.",
        epilog=f"Invoer: {', '.join(sorted(set(FORMATS.values())))}; een CSV heeft kolommen x en y (RD New, "
               "EPSG:28992) of lon en lat (WGS84), gescheiden door ';' of ',', met decimale punt of komma. "
               f"Hoogstens {format_count(MAX_BYTES // 10**9)} GB en {format_count(MAX_ROWS)} rijen. Uitvoer: "
               "UIT.csv (';' en decimale komma, met per overgeslagen rij de reden) en UIT.gpkg (lagen 'locaties', "
               "'scorekaart' en 'overgeslagen'), standaard <invoernaam>_toets naast het invoerbestand. Exitcode 0: "
               "alles getoetst; 1: sommige rijen overgeslagen; 2: niets bruikbaar.",
    )
    command.add_argument("sites", metavar="LOCATIEBESTAND", type=Path,
                         help="GeoPackage, GeoJSON, KML, gezipte Shapefile of CSV met locaties")
    command.add_argument("-o", "--uitvoer", metavar="UIT",
                         help="naam van de uitvoer zonder extensie (standaard: <invoernaam>_toets naast de invoer)")
    command.add_argument("--laag", help="laag in een GeoPackage of KML, of shapefile in een zip (standaard de eerste)")
    return command


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into an exception, so temporary files are removed before the process ends."""
    def stop(signum: int, frame: Any) -> None:
        raise Interrupted

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    """Command line of the location check; prints Dutch messages, never a traceback."""
    args = parser().parse_args(argv)
    try:
        with _stop_on_sigterm():
            return run(args.sites, args.uitvoer, args.laag)
    except (SiteFileError, SourceError) as error:
        print(f"Toetsen mislukt: {error}", file=sys.stderr)
    except OSError as error:
        print(f"Toetsen mislukt: {os_error_text(error)}", file=sys.stderr)
    except (Interrupted, KeyboardInterrupt):
        print("Toetsen afgebroken; er is niets half geschreven.", file=sys.stderr)
        return 130
    except Exception as error:  # a planner gets a Dutch message, never a traceback
        print(f"Toetsen mislukt door een onverwachte fout ({type(error).__name__}: {excerpt(error, 200)}). "
              "Meld dit met het invoerbestand erbij.", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
