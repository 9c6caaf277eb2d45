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
DIKED_EDGE_M = 100.0  # a ring edge this close to a dijktraject is a dike (the rings follow the crest roughly)
EDGE_STEP_M = 50.0  # spacing of the points that sample the ring edges
MIN_CHANNEL_M2 = 500_000.0  # land between new dikes inside an old ring: a flood channel, not the bend of a dike
MIN_GREEN_M2 = 10_000.0
DIKE_TOLERANCE_M = 0.5  # the dijktrajecten have a vertex every few metres; 0,5 m is far below their accuracy
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


def _floodplain(water: gpd.GeoDataFrame, natura: gpd.GeoDataFrame, rings: gpd.GeoDataFrame,
                trajecten: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Buitendijks proxy: main water, the Natura 2000 floodplain sites, the flood channels the current defences
    cut through the old rings, and the land between the dike rings on the water side of a dike."""
    open_water, lines = _union(water), _union(trajecten)
    return _named([
        ("hoofdwater", open_water),
        ("Natura 2000-uiterwaarden", _union(natura[natura["naam"].isin(FLOODPLAIN_SITES)])),
        ("hoogwatergeul tussen de huidige keringen", _channels(_union(rings), lines)),
        ("land tussen de dijkringen", _between_rings(rings, lines, open_water)),
    ])


def _closed(geometry: BaseGeometry) -> BaseGeometry:
    """Morphological closing by CLOSING_M: fills gaps and bays narrower than twice that."""
    return shapely.buffer(shapely.buffer(geometry, CLOSING_M, quad_segs=16), -CLOSING_M, quad_segs=16)


def _between_rings(rings: gpd.GeoDataFrame, lines: BaseGeometry, open_water: BaseGeometry) -> BaseGeometry:
    """The gaps between the dike rings (their union, holes filled, closed by CLOSING_M, minus itself) on the
    water side of a dike: the parts over 2 ha that touch main water, without the land nearer to a ring edge
    that no dike follows than to one a dike follows (a high town centre that the rings leave out)."""
    outlines = shapely.get_exterior_ring(shapely.get_parts(_union(rings)))
    filled = shapely.union_all(shapely.polygons(outlines))
    closed = _closed(filled)
    gaps = shapely.difference(shapely.difference(closed, filled), _nearer_undiked_edge(filled, lines, closed))
    parts = shapely.get_parts(gaps)
    keep = (shapely.area(parts) > MIN_BETWEEN_RINGS_M2) & shapely.intersects(parts, open_water)
    return shapely.multipolygons(parts[keep])


def _nearer_undiked_edge(protected: BaseGeometry, lines: BaseGeometry, extent: BaseGeometry) -> BaseGeometry:
    """The part of extent whose nearest point on the edge of the protected land has no dike along it.

    The edge is sampled every EDGE_STEP_M; each sample is a dike when a dijktraject lies within DIKED_EDGE_M;
    the Voronoi cells of the samples without a dike, merged, are the land nearer to such an edge.
    """
    edge = shapely.segmentize(shapely.boundary(protected), EDGE_STEP_M)
    samples = shapely.points(np.unique(shapely.get_coordinates(edge), axis=0))
    diked = shapely.dwithin(samples, lines, DIKED_EDGE_M)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(samples), extend_to=extent, ordered=True))
    return shapely.union_all(cells[~diked])


def _channels(protected: BaseGeometry, lines: BaseGeometry) -> BaseGeometry:
    """Flood channels dug since 2002 (Reevediep, Veessen-Wapenveld): inside the old rings, the land between
    dijktrajecten that run through a ring rather than along its edge (closed by CLOSING_M, parts of 50 ha+)."""
    inner = shapely.difference(shapely.intersection(lines, protected),
                               shapely.buffer(shapely.boundary(protected), DIKED_EDGE_M))
    parts = shapely.get_parts(shapely.intersection(_closed(inner), protected))
    return shapely.multipolygons(parts[shapely.area(parts) >= MIN_CHANNEL_M2])


def _dike_rings(rings: gpd.GeoDataFrame, trajecten: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The dike-ring areas of 2002 without the flood channels cut through them since, each named with its
    number, name and old exceedance standard."""
    rings = rings.assign(nummer=rings["DIJKRINGNU"].astype(int)).sort_values("nummer")
    channels = _channels(_union(rings), _union(trajecten))
    names = [f"dijkring {number} {name}, oude norm 1/{format_count(int(frequency))} per jaar"
             for number, name, frequency in zip(rings["nummer"], rings["DIJKRING"], rings["FREQUENTIE"])]
    areas = shapely.difference(rings.geometry.to_numpy(), channels)
    return _named(list(zip(names, areas)), dijkring=list(rings["nummer"]),
                  norm_frequentie=[int(value) for value in rings["FREQUENTIE"]])


def _traject_order(traject: str) -> tuple[int, str]:
    """Dijktrajecten in their natural order: 9-1 before 10-1 before 52a-1 before 202."""
    digits = traject.split("-", maxsplit=1)[0].rstrip("abcdefghijklmnopqrstuvwxyz")
    return int(digits), traject


def _dike_lines(trajecten: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The legal dijktrajecten (NBPW), one feature per traject, named with its id and its norm since 2017;
    simplified by DIKE_TOLERANCE_M (a third of the vertices, so distances are measured three times faster)."""
    merged = trajecten.dissolve("TRAJECT_ID", as_index=False, aggfunc="first")
    merged = merged.set_geometry(shapely.simplify(merged.geometry.to_numpy(), DIKE_TOLERANCE_M), crs=RD_NEW)
    merged = merged.iloc[sorted(range(len(merged)), key=lambda i: _traject_order(merged["TRAJECT_ID"].iloc[i]))]
    signal, lower = merged["NORM_SW"].astype(int), merged["NORM_OG"].astype(int)
    names = [f"dijktraject {traject}, norm 1/{format_count(int(sw))} per jaar (signaleringswaarde; "
             f"ondergrens 1/{format_count(int(og))})" for traject, sw, og in zip(merged["TRAJECT_ID"], signal, lower)]
    return _named(list(zip(names, merged.geometry)), traject=list(merged["TRAJECT_ID"]),
                  signaleringswaarde=list(signal), ondergrens=list(lower))


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
    "buitendijks": Derivation(("hoofdwater", "natura2000", "dijkringen_2002", "dijktrajecten_nbpw"), _floodplain),
    "dijkring": Derivation(("dijkringen_2002", "dijktrajecten_nbpw"), _dike_rings),
    "primaire_kering": Derivation(("dijktrajecten_nbpw",), _dike_lines),
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
    """Per layer its theme, label, feature count, source files, sources (with year and licence), the verdicts
    its data can carry and its caveat."""
    described = {rule.thema: rule for rule in rules}
    return pd.DataFrame({
        "thema": list(themes),
        "label": [described[theme].label for theme in themes],
        "objecten": [len(layer) for layer in themes.values()],
        "bronbestanden": ["; ".join(described[theme].lagen) for theme in themes],
        "bron": [described[theme].bron for theme in themes],
        "uitspraken": ["; ".join(described[theme].uitspraken) for theme in themes],
        "kanttekening": [described[theme].toelichting for theme in themes],
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
