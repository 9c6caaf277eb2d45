"""The constraint layers of the location check: derived from ``data/sources``, clipped, and read back.

Every theme of the rules table that has data gets one layer in ``data/constraints.gpkg``, named after
the theme: RD New, valid geometries, a ``naam`` per feature (what a scorecard names), no overlap
between the features of a layer (so shares add up), clipped to the 11 gemeenten buffered by
``CLIP_BUFFER_M``. Proxies are derived here from primary layers; each derivation rule is written in
its function and repeated, in Dutch, in the rule's caveat in ``regels.csv``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo import paths
from geo.geodata import RD_NEW, read_layer
from geo.numbers import format_count
from geo.provenance import Provenance, read_provenance
from geo.sources import SourceError
from geo.store import read_layers

if TYPE_CHECKING:
    from geo.rules import Rule

CLIP_BUFFER_M = 5_000.0
CLOSING_M = 1_000.0
MIN_BETWEEN_RINGS_M2 = 20_000.0
MIN_GREEN_M2 = 10_000.0
FLOODPLAIN_SITES = ("Rijntakken", "Uiterwaarden Zwarte Water en Vecht")
LAYERS_TABLE = "lagen"
SCORECARDS_TABLE = "toetsing_sleutelprojecten"


@dataclass(frozen=True)
class Derivation:
    """How one theme layer is made: its source datasets (ids in bronnen.toml), and a function of their
    frames in that order. A theme of the rules table without a derivation has no data."""

    inputs: tuple[str, ...]
    derive: Callable[..., gpd.GeoDataFrame]


def _union(frame: gpd.GeoDataFrame) -> BaseGeometry:
    """All geometries of a frame as one."""
    return shapely.union_all(frame.geometry.to_numpy())


def _named(rows: list[tuple[str, BaseGeometry]], **columns: list) -> gpd.GeoDataFrame:
    """A layer from (naam, geometry) rows, in priority order, with optional extra columns."""
    names, geometries = zip(*rows)
    return gpd.GeoDataFrame({"naam": list(names), **columns}, geometry=list(geometries), crs=RD_NEW)


def _floodplain(water: gpd.GeoDataFrame, natura: gpd.GeoDataFrame, rings: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Buitendijks proxy: main water, the Natura 2000 floodplain sites, and the land between the dike rings."""
    open_water = _union(water)
    return _named([
        ("hoofdwater", open_water),
        ("Natura 2000-uiterwaarden", _union(natura[natura["naam"].isin(FLOODPLAIN_SITES)])),
        ("land tussen de dijkringen", _between_rings(rings, open_water)),
    ])


def _between_rings(rings: gpd.GeoDataFrame, open_water: BaseGeometry) -> BaseGeometry:
    """The rings' union, holes filled, closed by CLOSING_M, minus itself; the parts over 2 ha that touch main water."""
    outlines = shapely.get_exterior_ring(shapely.get_parts(_union(rings)))
    filled = shapely.union_all(shapely.polygons(outlines))
    closed = shapely.buffer(shapely.buffer(filled, CLOSING_M, quad_segs=16), -CLOSING_M, quad_segs=16)
    parts = shapely.get_parts(shapely.difference(closed, filled))
    keep = (shapely.area(parts) > MIN_BETWEEN_RINGS_M2) & shapely.intersects(parts, open_water)
    return shapely.multipolygons(parts[keep])


def _dike_rings(rings: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The dike-ring areas of 2002, each named with its number, name and old exceedance standard."""
    rings = rings.assign(nummer=rings["DIJKRINGNU"].astype(int)).sort_values("nummer")
    names = [f"dijkring {number} {name}, oude norm 1/{format_count(int(frequency))} per jaar"
             for number, name, frequency in zip(rings["nummer"], rings["DIJKRING"], rings["FREQUENTIE"])]
    return _named(list(zip(names, rings.geometry)), dijkring=list(rings["nummer"]),
                  norm_frequentie=[int(value) for value in rings["FREQUENTIE"]])


def _dike_lines(lines: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The primary flood-defence lines of 2013, merged per dike ring."""
    lines = lines.assign(nummer=lines["DIJKRINGNU"].astype(int))
    merged = lines.dissolve(["nummer", "DIJKRING"], as_index=False).sort_values("nummer")
    names = [f"kering van dijkring {number} {name}" for number, name in zip(merged["nummer"], merged["DIJKRING"])]
    return _named(list(zip(names, merged.geometry)), dijkring=list(merged["nummer"]))


def _physical_region(region: str, name: str, fgr: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One physical-geographic region (FGR 2013) as a regional-scale proxy."""
    return _named([(name, _union(fgr[fgr["fgr"] == region]))])


def _natura(natura: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The Natura 2000 sites, one feature per site name."""
    sites = natura.dissolve("naam", as_index=False).sort_values("naam")
    return _named([(f"Natura 2000 {name}", geometry) for name, geometry in zip(sites["naam"], sites.geometry)])


def _nature_network(nnn: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The Natuurnetwerk Nederland (Overijssel part) as one network."""
    return _named([("Natuurnetwerk Nederland", _union(nnn))])


def _green(natura: gpd.GeoDataFrame, nnn: gpd.GeoDataFrame, water: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """3-30-300 proxy: Natura 2000 and NNN land without main water, parts of at least 1 ha."""
    land = shapely.difference(shapely.union(_union(natura), _union(nnn)), _union(water))
    parts = shapely.get_parts(land)
    large = parts[shapely.area(parts) >= MIN_GREEN_M2]
    return _named([("natuurgebied van minstens 1 ha", shapely.multipolygons(large))])


def _stations(stations: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The railway stations of the 2016 NS list (Zwolle Stadshagen is missing from it)."""
    stations = stations.sort_values("name")
    return _named([(f"station {name}", point) for name, point in zip(stations["name"], stations.geometry)],
                  code=list(stations["code"]))


DERIVATIONS: dict[str, Derivation] = {
    "buitendijks": Derivation(("hoofdwater", "natura2000", "dijkringen_2002"), _floodplain),
    "dijkring": Derivation(("dijkringen_2002",), _dike_rings),
    "primaire_kering": Derivation(("dijkringdelen_2013",), _dike_lines),
    "rivierengebied": Derivation(("fgr",), partial(_physical_region, "Rivierengebied", "FGR-regio Rivierengebied")),
    "laagveen": Derivation(("fgr",), partial(_physical_region, "Laagveengebied", "FGR-regio Laagveengebied")),
    "groen": Derivation(("natura2000", "natuurnetwerk", "hoofdwater"), _green),
    "natura2000": Derivation(("natura2000",), _natura),
    "natuurnetwerk": Derivation(("natuurnetwerk",), _nature_network),
    "station": Derivation(("ns_stations",), _stations),
}


def source_file(provenance: Provenance, dataset: str) -> str:
    """The file that holds a dataset's layer: the first of its files in bronnen.toml."""
    return provenance[dataset].bestanden[0]


def _disjoint(geometries: np.ndarray) -> np.ndarray:
    """Each polygon minus the ones before it, so that features never overlap and shares add up."""
    taken = shapely.Polygon()
    result = []
    for geometry in geometries:
        result.append(shapely.difference(geometry, taken))
        taken = shapely.union(taken, geometry)
    return np.array(result, dtype=object)


def _finish(layer: gpd.GeoDataFrame, clip: BaseGeometry) -> gpd.GeoDataFrame:
    """Disjoint, clipped to the region, split into single parts of the layer's own dimension."""
    geometries = layer.geometry.to_numpy()
    dimension = int(shapely.get_dimensions(geometries).max()) if len(geometries) else 0
    if dimension == 2:
        geometries = _disjoint(geometries)
    parts = layer.set_geometry(shapely.intersection(geometries, clip), crs=RD_NEW).explode(index_parts=False)
    kept = parts[(shapely.get_dimensions(parts.geometry.to_numpy()) == dimension) & ~parts.geometry.is_empty]
    return kept.reset_index(drop=True)


def build_themes(sources: Path, region: BaseGeometry, rules: tuple[Rule, ...]) -> dict[str, gpd.GeoDataFrame]:
    """One clipped layer per theme with data, in rules-table order, from the files in sources."""
    provenance = read_provenance(sources / paths.PROVENANCE.name)
    wanted = [rule.thema for rule in rules if rule.heeft_gegevens]
    datasets = sorted({dataset for theme in wanted for dataset in DERIVATIONS[theme].inputs})
    frames = {dataset: read_layer(sources / source_file(provenance, dataset)) for dataset in datasets}
    clip = shapely.buffer(region, CLIP_BUFFER_M)
    return {
        theme: _finish(DERIVATIONS[theme].derive(*(frames[dataset] for dataset in DERIVATIONS[theme].inputs)), clip)
        for theme in wanted
    }


def layer_table(themes: dict[str, gpd.GeoDataFrame], rules: tuple[Rule, ...]) -> pd.DataFrame:
    """Per layer its theme, label, feature count, source files, sources (with year and licence) and caveat."""
    described = {rule.thema: rule for rule in rules}
    return pd.DataFrame({
        "thema": list(themes),
        "label": [described[theme].label for theme in themes],
        "objecten": [len(layer) for layer in themes.values()],
        "bronbestanden": ["; ".join(described[theme].lagen) for theme in themes],
        "bron": [described[theme].bron for theme in themes],
        "kanttekening": [described[theme].kanttekening for theme in themes],
    })


def load_themes(path: Path = paths.CONSTRAINTS_GPKG) -> dict[str, gpd.GeoDataFrame]:
    """The theme layers for drawing and checking, in rules-table order; themes without data have none."""
    layers = read_layers(path)
    if LAYERS_TABLE not in layers:
        raise SourceError(path, None, f"tabel '{LAYERS_TABLE}' ontbreekt")
    missing = [theme for theme in layers[LAYERS_TABLE]["thema"] if theme not in layers]
    if missing:
        raise SourceError(path, None, f"laag ontbreekt: {', '.join(missing)}")
    return {theme: layers[theme] for theme in layers[LAYERS_TABLE]["thema"]}


def load_project_scorecards(path: Path = paths.CONSTRAINTS_GPKG) -> pd.DataFrame:
    """The stored scorecards of the sleutelprojecten, with the measured value as a float."""
    layers = read_layers(path)
    if SCORECARDS_TABLE not in layers:
        raise SourceError(path, None, f"tabel '{SCORECARDS_TABLE}' ontbreekt")
    scorecards = layers[SCORECARDS_TABLE]
    return scorecards.assign(waarde=scorecards["waarde"].astype("float64"))
