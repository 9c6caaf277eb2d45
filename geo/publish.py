"""Write the static public site: ``python -m geo.publish OUT_DIR``.

The site holds released data only, as of "now" (the system clock or WOONDEAL_NOW): an HTML page
with the headline figures, the map (the same layers and legend as the app, Leaflet shipped
along), the tables, downloads, the register of disagreements when it is public, and "Over de
data". It needs no Python to serve, so any web server or CDN can carry the public traffic.
The site is written to a temporary directory and swapped in whole, so an earlier site (perhaps
from after a release) never leaves files behind. The map page itself is drawn by
`layers.site` (folium); this module only selects the data and writes files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import pandas as pd
from babel.dates import format_datetime
from jinja2 import Environment

from geo import headlines, paths
from geo.about import LIMITS, SOURCE_COLUMNS, SOURCES
from geo.dataset import DataError, Dataset, load_dataset
from geo.exports import GEMEENTE_COLUMNS, PROJECT_COLUMNS, PROJECT_EXPORT_COLUMNS, csv_bytes, geojson_bytes, labelled
from geo.numbers import format_count
from geo.releases import ReleaseError, Release, now, read_releases, restrict, visible
from geo.roles import PUBLIC
from geo.selection import PRECISIONS, STATUSES

VENDOR = paths.ROOT / "static" / "vendor"
PAGE = Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Woondeal West-Overijssel — openbare kaart</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;margin:0 auto;max-width:1200px;padding:0 16px 48px}
h1{margin-top:24px}.figures{display:flex;flex-wrap:wrap;gap:16px}.figure{flex:1 1 180px;border:1px solid #ccc;
border-radius:6px;padding:10px}.figure .value{font-size:28px;font-weight:600}.figure .remark{font-size:13px;color:#444}
iframe{width:100%;height:660px;border:1px solid #999}table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}td.num{text-align:right}
th button{all:unset;cursor:pointer;font-weight:600}th button:focus{outline:2px solid #0072B2}
.stand{color:#444}.register li{margin-bottom:8px}
</style>
</head>
<body>
<h1>Woondeal West-Overijssel</h1>
<p class="stand">Openbare gegevens, stand {{ moment }}: {{ releases|join(", ") }}.</p>
<section aria-labelledby="cijfers"><h2 id="cijfers">Kerncijfers</h2>
<div class="figures">{% for m in metrics %}<div class="figure"><div>{{ m.label }}</div>
<div class="value">{{ m.value }}</div><div class="remark">{{ m.remark }}</div>
<div class="remark">Bron: {{ m.bron }}</div></div>{% endfor %}</div></section>
<section aria-labelledby="kaart"><h2 id="kaart">Kaart</h2>
<p>De kaart werkt ook zonder internet (dan zonder achtergrondkaart). De tabellen hieronder bevatten alles wat
de kaart toont. <a href="kaart.html">Open de kaart op een eigen pagina</a>.</p>
<iframe src="kaart.html" title="Kaart van de sleutelprojecten en gemeenten"></iframe></section>
<section aria-labelledby="tabellen"><h2 id="tabellen">Tabellen</h2>
{% for table in tables %}<h3>{{ table.title }}</h3>
<table class="sortable"><thead><tr>{% for c in table.columns %}<th scope="col"><button type="button">{{ c }}</button></th>{% endfor %}</tr></thead>
<tbody>{% for row in table.rows %}<tr>{% for cell in row %}<td{% if cell.number is not none %} class="num" data-sort="{{ cell.number }}"{% endif %}>{{ cell.text }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>
{% endfor %}</section>
<section aria-labelledby="downloads"><h2 id="downloads">Downloads</h2><ul>
{% for name in downloads %}<li><a href="data/{{ name }}" download>{{ name }}</a></li>{% endfor %}</ul></section>
{% if register %}<section aria-labelledby="afwijkingen"><h2 id="afwijkingen">Afwijkingen in de brondocumenten</h2>
<ol class="register">{% for r in register %}<li><strong>{{ r.onderwerp }}</strong>: {{ r.waarde_a }} volgens {{ r.bron_a }};
{{ r.waarde_b }} volgens {{ r.bron_b }}. Gebruikt: <strong>{{ r.gebruikt }}</strong>. {{ r.toelichting }}</li>{% endfor %}</ol></section>{% endif %}
<section aria-labelledby="over"><h2 id="over">Over de data</h2>
<table><thead><tr>{% for c in source_columns %}<th scope="col">{{ c }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in sources %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>
<ul>{% for title, text in limits %}<li><strong>{{ title }}.</strong> {{ text }}</li>{% endfor %}</ul></section>
<script>
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th button').forEach(function (button, column) {
    var ascending = true;
    button.addEventListener('click', function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column];
        var u = x.dataset.sort !== undefined ? parseFloat(x.dataset.sort) : x.textContent;
        var v = y.dataset.sort !== undefined ? parseFloat(y.dataset.sort) : y.textContent;
        var order = (typeof u === 'number' && typeof v === 'number') ? u - v : String(u).localeCompare(String(v), 'nl');
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      ascending = !ascending;
    });
  });
});
</script>
</body>
</html>
""")


def public_dataset(data: Path, moment: datetime) -> tuple[Dataset, list[Release]]:
    """The data as the public may see it at this moment."""
    releases = visible(read_releases(data / paths.RELEASES.name), PUBLIC, moment)
    return restrict(load_dataset(data), releases), releases


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
        status=dataset.projects["status"].map(STATUSES),
        locatie_precisie=dataset.projects["locatie_precisie"].map(PRECISIONS),
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


def write_site(out: Path, data: Path, moment: datetime) -> list[str]:
    """Write the whole site for this moment into out (replacing it); return the released release ids."""
    from layers.site import map_document

    dataset, releases = public_dataset(data, moment)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    staging.chmod(0o755)
    try:
        shutil.copytree(VENDOR, staging / "vendor")
        (staging / "data").mkdir()
        files = _downloads(dataset)
        for name, content in files.items():
            (staging / "data" / name).write_bytes(content)
        (staging / "kaart.html").write_text(map_document(dataset, asset_base="."), encoding="utf-8")
        page = PAGE.render(
            moment=format_datetime(moment, "d MMMM y HH:mm", locale="nl"),
            releases=[r.titel for r in releases], metrics=headlines.regional(dataset), tables=_tables(dataset),
            downloads=list(files), register=dataset.afwijkingen.to_dict("records"),
            sources=SOURCES, source_columns=SOURCE_COLUMNS, limits=LIMITS,
        )
        (staging / "index.html").write_text(page, encoding="utf-8")
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [r.id for r in releases]


def _swap(staging: Path, out: Path) -> None:
    """Put the new site in place of the old one; the old one is removed only after the swap."""
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: write the public site to OUT_DIR."""
    parser = argparse.ArgumentParser(prog="python -m geo.publish", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="map waarin de site wordt geschreven (wordt vervangen)")
    parser.add_argument("--data", type=Path, default=paths.app_data(), help="map met de GeoPackages")
    args = parser.parse_args(argv)
    try:
        moment = now()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        released = write_site(args.out.resolve(), args.data, moment)
    except (ReleaseError, DataError) as error:
        print(f"Publiceren mislukt, er is niets geschreven: {error}", file=sys.stderr)
        return 2
    print(f"Openbare site geschreven in {args.out} (releases: {', '.join(released) or 'geen'}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
