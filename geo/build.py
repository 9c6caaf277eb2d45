"""Build the GeoPackages from the sources: ``python -m geo.build [--check]``.

Sources in ``data/sources/`` are read and checked, every total and repeated figure is reconciled
against ``data/afwijkingen.csv``, projects are placed, the constraint layers of the location check
are derived and every project is checked against them, and ``data/gemeenten.gpkg``,
``data/sleutelprojecten.gpkg`` and ``data/constraints.gpkg`` are written (atomically, byte-for-byte
reproducibly, as one set with ``data/bouw.json`` last, see ``geo.buildset``). With ``--check``
nothing is written: the command fails when a committed GeoPackage is stale.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import paths
from geo.buildset import MANIFEST, mismatched, write_set
from geo.check import check_projects, worst_status
from geo.constraints import LAYERS_TABLE, SCORECARDS_TABLE, build_themes, layer_table, source_file
from geo.display import layer_script
from geo.files import write_atomically
from geo.geodata import RD_NEW, read_layer
from geo.locations import project_locations
from geo.places import place_table
from geo.provenance import read_provenance
from geo.reconcile import (
    Key,
    ReconciliationError,
    Resolved,
    canonical_gemeente,
    check_register,
    disagreements,
    label,
    occurrences,
    read_register,
    resolve,
)
from geo.region import GEMEENTEN
from geo.rules import read_rules
from geo.schema import ELDERLY_KINDS, ELDERLY_SCENARIOS, GEMEENTE_FIGURES, PROJECT_FIGURES
from geo.sites import study_area
from geo.sources import SourceError, read_sources
from geo.store import differences, read_layers
from geo.zones import ZONES_LAYER, derive_zones, with_zones, zones_of


@dataclass(frozen=True)
class Products:
    """Everything one build produces, keyed by output file and layer name."""

    gemeenten: gpd.GeoDataFrame
    figures: pd.DataFrame
    places: pd.DataFrame
    projects: gpd.GeoDataFrame
    themes: dict[str, gpd.GeoDataFrame]
    theme_table: pd.DataFrame
    zones: gpd.GeoDataFrame
    scorecards: pd.DataFrame

    def web_files(self, out: Path = paths.MAP_LAYERS) -> dict[Path, bytes]:
        """The theme layers with their rule zones as GeoJSON files for the map (public geodata only: no
        figures, no texts)."""
        return {out / f"{theme}.js": layer_script(theme, with_zones(layer, zones_of(self.zones, theme)),
                                                  ("naam", "zone"))
                for theme, layer in self.themes.items()}

    def files(self, out: Path) -> dict[Path, dict[str, pd.DataFrame]]:
        """The GeoPackages to write, each with its layers."""
        return {
            out / paths.GEMEENTEN_GPKG.name: {"gemeenten": self.gemeenten, "cijfers": self.figures,
                                              "plaatsen": self.places},
            out / paths.PROJECTS_GPKG.name: {"sleutelprojecten": self.projects},
            out / paths.CONSTRAINTS_GPKG.name: {
                **self.themes, LAYERS_TABLE: self.theme_table, ZONES_LAYER: self.zones,
                SCORECARDS_TABLE: self.scorecards,
            },
        }


def _gemeente_areas(path: Path) -> gpd.GeoDataFrame:
    """The CBS gemeente polygons, refused unless they are exactly the Woondeal's eleven."""
    source = read_layer(path)
    named = dict(zip(source["statnaam"], source["statcode"]))
    if named != GEMEENTEN:
        raise SourceError(path, None, "verwacht precies de 11 Woondeal-gemeenten met hun CBS-code, "
                                      f"gevonden: {sorted(named)}")
    frame = source.rename(columns={"statnaam": "gemeente", "statcode": "gemeentecode"})
    return frame.set_index("gemeente").loc[list(GEMEENTEN)].reset_index()[["gemeentecode", "gemeente", "geometry"]]


def _gemeenten_layer(areas: gpd.GeoDataFrame, resolved: dict[Key, Resolved]) -> gpd.GeoDataFrame:
    """One row per gemeente with the figures as the documents publish them (null where unknown),
    plus the figures derived from them once here: the change since 2022 and the elderly totals."""
    layer = areas.copy()
    for column in GEMEENTE_FIGURES:
        layer[column] = pd.array([resolved[(column, name)].value for name in layer["gemeente"]], dtype="Int64")
    layer["verschil_2022_2024"] = layer["woningen_2024_2030"] - layer["woningen_2022"]
    for scenario in ELDERLY_SCENARIOS:
        parts = [f"ouderen_{scenario}_{kind}" for kind in ELDERLY_KINDS]
        layer[f"ouderen_{scenario}_totaal"] = layer[parts].sum(axis=1, min_count=len(parts)).astype("Int64")
    columns = [c for c in layer.columns if c != "geometry"]
    return gpd.GeoDataFrame(layer[[*columns, "geometry"]], geometry="geometry", crs=RD_NEW)


def _projects_layer(tables: dict[str, pd.DataFrame], resolved: dict[Key, Resolved],
                    locations: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per Bijlage-1 row, with the figures and name the product uses and its location."""
    bijlage = tables[paths.BIJLAGE_PROJECTS.name]
    ids = bijlage["project_id"]
    deviating = [any(key[1] == pid and value.afwijking for key, value in resolved.items()) for pid in ids]
    layer = pd.DataFrame({
        "project_id": ids,
        "gemeente": canonical_gemeente(bijlage),
        "naam": [resolved[("naam", pid)].value for pid in ids],
        "status": bijlage["status"],
        **{column: pd.array([resolved[(column, pid)].value for pid in ids], dtype="Int64")
           for column in PROJECT_FIGURES},
        "alleen_na_2030": bijlage["alleen_na_2030"],
        "locatie_precisie": ids.map(locations["locatie_precisie"]),
        "locatie_toelichting": ids.map(locations["locatie_toelichting"]),
        "bron": bijlage["bron"],
        "afwijking": deviating,
    })
    return gpd.GeoDataFrame(layer, geometry=ids.map(locations.geometry).to_numpy(), crs=RD_NEW)


def _figures_table(tables: dict[str, pd.DataFrame], resolved: dict[Key, Resolved]) -> pd.DataFrame:
    """Every figure the product can show, with its sources and whether the documents disagree on it."""
    rows = []
    for key, value in resolved.items():
        number = value.value if isinstance(value.value, int) else None
        text = value.value if isinstance(value.value, str) else None
        rows.append((key[1], key[0], label(key, tables), number, text, value.bron, value.afwijking))
    columns = ["object", "kenmerk", "onderwerp", "waarde", "waarde_tekst", "bron", "afwijking"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"waarde": "Int64"})


def build(sources: Path = paths.SOURCES, register_path: Path = paths.AFWIJKINGEN) -> Products:
    """Read, check and reconcile the sources and place the projects; raise on any problem."""
    tables = read_sources(sources)
    found = occurrences(tables)
    findings = disagreements(found, tables)
    register = read_register(register_path)
    check_register(findings, register, register_path.name)
    resolved = resolve(found, findings, register)
    provenance = read_provenance(sources / paths.PROVENANCE.name)
    areas = _gemeente_areas(sources / source_file(provenance, "cbs_gemeenten"))
    places = read_layer(sources / source_file(provenance, "top10nl_plaats"))
    bijlage = tables[paths.BIJLAGE_PROJECTS.name]
    locations = project_locations(
        sources / paths.LOCATIONS.name,
        tables[paths.LOCATIONS.name],
        pd.Series(canonical_gemeente(bijlage).to_numpy(), index=bijlage["project_id"]),
        areas,
        places,
        read_layer(sources / source_file(provenance, "ns_stations")),
    )
    projects = _projects_layer(tables, resolved, locations)
    rules = read_rules(sources / paths.RULES.name)
    region = study_area(areas)
    themes = build_themes(sources, region, rules)
    zones = derive_zones(rules, themes, region)
    scorecards = check_projects(projects, themes, rules, region, zones)
    projects.insert(len(projects.columns) - 1, "toetsing", projects["project_id"].map(worst_status(scorecards)))
    return Products(_gemeenten_layer(areas, resolved), _figures_table(tables, resolved), place_table(places, areas),
                    projects, themes, layer_table(themes, rules), zones, scorecards)


def write(products: Products, out: Path = paths.DATA, web: Path = paths.MAP_LAYERS) -> None:
    """Write every map layer file atomically, then the GeoPackages as one set (each atomically,
    bouw.json with their digests last, see geo.buildset)."""
    for path, content in products.web_files(web).items():
        write_atomically(path, content)
    write_set(out, products.files(out))


def stale(products: Products, out: Path = paths.DATA, web: Path = paths.MAP_LAYERS) -> list[str]:
    """Why the GeoPackages in out (or the map layer files) differ from a fresh build; empty when current."""
    problems = [f"{path.name} ontbreekt of verschilt" for path, content in products.web_files(web).items()
                if not path.exists() or path.read_bytes() != content]
    for path, layers in products.files(out).items():
        if not path.exists():
            problems.append(f"{path.name} ontbreekt")
            continue
        problems.extend(f"{path.name}: {problem}" for problem in differences(read_layers(path), layers))
    if not (out / MANIFEST).exists():
        problems.append(f"{MANIFEST} ontbreekt")
    return problems + mismatched(out)


def _web(out: Path) -> Path:
    """Where the map layer files go: static/kaartlagen for the project's data, else beside the output."""
    return paths.MAP_LAYERS if out.resolve() == paths.DATA.resolve() else out / paths.MAP_LAYERS.name


def main(argv: list[str] | None = None) -> int:
    """Command line: build (default) or check that the committed GeoPackages are current."""
    parser = argparse.ArgumentParser(prog="python -m geo.build", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="niets schrijven; faal als de GeoPackages verouderd zijn")
    parser.add_argument("--sources", type=Path, default=paths.SOURCES, help="map met de bronbestanden")
    parser.add_argument("--afwijkingen", type=Path, default=paths.AFWIJKINGEN, help="register van afwijkingen")
    parser.add_argument("--out", type=Path, default=paths.DATA, help="map voor de GeoPackages")
    args = parser.parse_args(argv)
    try:
        products = build(args.sources, args.afwijkingen)
    except (SourceError, ReconciliationError) as error:
        print(f"Bouwen mislukt, er is niets geschreven.\n{error}", file=sys.stderr)
        return 2
    if args.check:
        problems = stale(products, args.out, _web(args.out))
        for problem in problems:
            print(f"Verouderd: {problem}", file=sys.stderr)
        if problems:
            print("Draai 'python -m geo.build' en commit de GeoPackages.", file=sys.stderr)
            return 1
        print("GeoPackages zijn actueel.")
        return 0
    write(products, args.out, _web(args.out))
    deviations = int(products.figures["afwijking"].sum())
    print(f"Geschreven: {len(products.gemeenten)} gemeenten, {len(products.projects)} sleutelprojecten, "
          f"{len(products.figures)} cijfers ({deviations} met een geregistreerde afwijking), "
          f"{len(products.themes)} toetslagen, {len(products.zones)} regelzones en "
          f"{len(products.scorecards)} toetsuitkomsten in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
