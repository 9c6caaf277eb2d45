"""Write the static public site: ``python -m staticsite OUT_DIR``.

The site holds released data only, as of "now" (the system clock or WOONDEAL_NOW): an HTML page
with the headline figures, the map (the same layers and legend as the app, Leaflet shipped
along), the tables, downloads, the register of disagreements when it is public, and "Over de
data". It needs no Python to serve, so any web server or CDN can carry the public traffic.
The site is written to a temporary directory and swapped in whole, so an earlier site (perhaps
from after a release) never leaves files behind. Because that replaces OUT_DIR whole, only a folder
the publisher wrote (it holds the marker file ``.woondeal-site``), an empty folder or a new one is
replaced; any other folder is refused unless ``--forceer`` is given, and the repository, a folder
that holds it, a git checkout, the home folder and the file system root never, not even forced. The map page is drawn by
`staticsite.mapdoc` with the app's own layers; the page is the template `templates/index.html`.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import pandas as pd
from babel.dates import format_datetime
from jinja2 import Environment, FileSystemLoader

from geo import headlines, paths
from geo.cli import DutchArgumentParser
from geo.dataset import DataError, Dataset, load_dataset
from geo.exports import GEMEENTE_COLUMNS, PROJECT_COLUMNS, PROJECT_EXPORT_COLUMNS, csv_bytes, geojson_bytes, labelled
from geo.files import os_error_text
from geo.numbers import format_count
from geo.provenance import TABLE_COLUMNS, read_provenance
from geo.releases import Release, ReleaseError, now, read_releases, restrict, visible
from geo.rules import VERDICTS_COLUMNS, verdicts_table
from geo.schema import PRECISIONS, PROJECT_STATUSES, PUBLIC, code_labels
from staticsite.mapdoc import map_document

STATIC = paths.ROOT / "static"
# Leaflet, the map panel, the theme layers loaded when switched on
ASSETS = ("vendor/leaflet-1.9.3", "wd", "kaartlagen")
MARKER = ".woondeal-site"
MARKER_TEXT = ("Deze map is geschreven door 'python -m staticsite' (openbare site van de Woondeal-kaart).\n"
               "Bij opnieuw publiceren wordt de hele map vervangen; zet hier geen eigen bestanden neer.\n")


class PublishError(ValueError):
    """OUT_DIR may not be replaced; the message says why, in Dutch."""


def check_out_dir(out: Path, force: bool = False) -> None:
    """Refuse an OUT_DIR whose replacement could lose anything that is not an earlier site."""
    out = out.resolve()
    never = {paths.ROOT, *paths.ROOT.parents, Path.home().resolve(), Path(out.anchor)}
    if out in never or (out / ".git").exists():
        raise PublishError(f"{out} is de code-opslag, een map daarboven, een git-checkout of de thuismap; "
                           "die wordt nooit vervangen. Kies een eigen map voor de site.")
    if not out.exists():
        return
    if not out.is_dir():
        raise PublishError(f"{out} is een bestand, geen map; er is niets geschreven.")
    if (out / MARKER).is_file() or not any(out.iterdir()) or force:
        return
    raise PublishError(f"{out} bestaat al en is geen site van de publicatie (het bestand {MARKER} ontbreekt); "
                       "publiceren zou de hele map vervangen. Kies een nieuwe of lege map, of geef --forceer "
                       "als de inhoud weg mag.")
TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)


def public_dataset(data: Path, moment: datetime) -> tuple[Dataset, list[Release]]:
    """The data as the public may see it at this moment."""
    every = read_releases(data / paths.RELEASES.name)
    releases = visible(every, PUBLIC, moment)
    return restrict(load_dataset(data), releases, every), releases


def _cells(frame: pd.DataFrame) -> list[list[dict]]:
    """Table cells with Dutch text and, for numbers, a sort key ('–' for no figure)."""
    rows = []
    for record in frame.to_dict("records"):
        row = []
        for value in record.values():
            missing = value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))
            number = None if missing or not isinstance(value, (int, float)) or isinstance(value, bool) else value
            text = "–" if missing else (format_count(int(value)) if number is not None else str(value))
            row.append({"text": text, "number": number})
        rows.append(row)
    return rows


def _tables(dataset: Dataset) -> list[dict]:
    gemeenten = labelled(dataset.gemeenten.drop(columns="geometry"), GEMEENTE_COLUMNS)
    projects = dataset.projects.assign(
        status=dataset.projects["status"].map(code_labels(PROJECT_STATUSES)),
        locatie_precisie=dataset.projects["locatie_precisie"].map(code_labels(PRECISIONS)),
    )
    project_table = labelled(projects.drop(columns="geometry"), PROJECT_COLUMNS)
    return [
        {"title": "Per gemeente", "columns": list(gemeenten.columns), "rows": _cells(gemeenten)},
        {"title": "Sleutelprojecten", "columns": list(project_table.columns), "rows": _cells(project_table)},
    ]


def _downloads(dataset: Dataset) -> dict[str, bytes]:
    files = {
        "gemeenten.csv": csv_bytes(dataset.gemeenten, GEMEENTE_COLUMNS),
        "gemeenten.geojson": geojson_bytes(dataset.gemeenten, GEMEENTE_COLUMNS),
        "sleutelprojecten.csv": csv_bytes(dataset.projects, PROJECT_EXPORT_COLUMNS),
        "sleutelprojecten.geojson": geojson_bytes(dataset.projects, PROJECT_EXPORT_COLUMNS),
    }
    if not dataset.afwijkingen.empty:
        files["afwijkingen.csv"] = dataset.afwijkingen.to_csv(index=False).encode("utf-8-sig")
    return files


def write_site(out: Path, data: Path, moment: datetime, force: bool = False) -> list[str]:
    """Write the whole site for this moment into out (replacing it, see check_out_dir); return the
    released release ids."""
    check_out_dir(out, force)
    dataset, releases = public_dataset(data, moment)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    staging.chmod(0o755)
    try:
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        for folder in ASSETS:
            shutil.copytree(STATIC / folder, staging / folder)
        (staging / "data").mkdir()
        files = _downloads(dataset)
        for name, content in files.items():
            (staging / "data" / name).write_bytes(content)
        (staging / "kaart.html").write_text(map_document(dataset, asset_base="."), encoding="utf-8")
        provenance = read_provenance()
        page = TEMPLATES.get_template("index.html").render(
            moment=format_datetime(moment, "d MMMM y HH:mm", locale="nl"),
            releases=[r.titel for r in releases], metrics=headlines.regional(dataset), tables=_tables(dataset),
            downloads=list(files), register=dataset.afwijkingen.to_dict("records"),
            sources=[d.row() for d in provenance.datasets.values() if dataset.names_source(d.id)],
            source_columns=TABLE_COLUMNS, notes=[*dataset.notes, *headlines.notes(dataset)],
            limits=[(limit.titel, limit.tekst) for limit in provenance.limits],
            verdict_columns=VERDICTS_COLUMNS, verdicts=list(verdicts_table().itertuples(index=False)),
        )
        (staging / "index.html").write_text(page, encoding="utf-8")
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [r.id for r in releases]


def _swap(staging: Path, out: Path) -> None:
    """Put the new site in place of the old one; the old one is removed only after the swap, and put
    back when the swap fails. The old site moves to a fresh name of its own, never onto another folder."""
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".oud", dir=out.parent))
    try:
        if out.exists():
            os.replace(out, old)
        try:
            os.replace(staging, out)
        except OSError:
            if any(old.iterdir()):
                os.replace(old, out)
            raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: write the public site to OUT_DIR."""
    parser = DutchArgumentParser(prog="python -m staticsite", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="map waarin de site wordt geschreven (wordt in zijn geheel "
                                                "vervangen; alleen een eerdere site, een lege of een nieuwe map)")
    parser.add_argument("--data", type=Path, default=paths.app_data(), help="map met de GeoPackages")
    parser.add_argument("--forceer", action="store_true",
                        help="ook een bestaande map zonder eerdere site vervangen (de inhoud gaat verloren)")
    args = parser.parse_args(argv)
    try:
        moment = now()
        check_out_dir(args.out, args.forceer)
        args.out.resolve().parent.mkdir(parents=True, exist_ok=True)
        released = write_site(args.out.resolve(), args.data, moment, args.forceer)
    except (ReleaseError, DataError, PublishError) as error:
        print(f"Publiceren mislukt, er is niets geschreven: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Publiceren mislukt, er is niets geschreven: {args.out}: {os_error_text(error)}.", file=sys.stderr)
        return 2
    print(f"Openbare site geschreven in {args.out} (releases: {', '.join(released) or 'geen'}).")
    return 0

