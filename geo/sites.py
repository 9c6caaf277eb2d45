"""A planner's own sites for the location check: GeoPackage, GeoJSON, or CSV with x/y (RD) or lon/lat.

Every row is judged on its own. A row without a usable geometry, with coordinates outside the
Netherlands or outside West-Overijssel is skipped with a Dutch reason that names it; the other rows are
still checked. A problem with the file as a whole (missing, too big, unknown format, unreadable, no
geometry, no coordinate system, no rows) raises ``SiteFileError``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from geo.geodata import RD_NEW, WEB
from geo.numbers import format_decimal_nl
from geo.store import load_gemeenten

MAX_BYTES = 2_000_000_000
FORMATS = {".gpkg": "GeoPackage", ".geojson": "GeoJSON", ".json": "GeoJSON", ".csv": "CSV"}
RD_COLUMNS = ("x", "y")
LONLAT_COLUMNS = (("lon", "lat"), ("lng", "lat"), ("longitude", "latitude"))
SITE_TYPES = ("Point", "MultiPoint", "Polygon", "MultiPolygon")
TYPE_NAMES = np.array(["Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString",
                       "MultiPolygon", "GeometryCollection", ""], dtype=object)  # by shapely type id; -1 = missing
DELIMITERS = (";", "\t", ",")
RD_EXTENT = (0.0, 289_000.0, 300_000.0, 629_000.0)  # EPSG:28992 area of use (the Netherlands), metres
LONLAT_EXTENT = (3.2, 50.7, 7.3, 53.7)  # the same area in degrees
REGION_TOLERANCE_M = 250.0  # the CBS borders of the region are generalised by tens to hundreds of metres
OUTSIDE_REGION = "ligt (deels) buiten West-Overijssel; de toetslagen dekken alleen de 11 gemeenten van de Woondeal"
INVALIDITY = {
    "Ring Self-intersection": "een ring snijdt zichzelf",
    "Self-intersection": "de rand snijdt zichzelf",
    "Too few points": "te weinig punten",
    "Hole lies outside shell": "een gat ligt buiten de buitenrand",
    "Interior is disconnected": "het vlak valt in delen uiteen",
    "Nested shells": "vlakken liggen in elkaar",
    "Nested holes": "gaten liggen in elkaar",
    "Duplicate Rings": "een ring komt dubbel voor",
    "Invalid Coordinate": "een coördinaat is geen getal",
    "Ring is not closed": "een ring is niet gesloten",
}


class SiteFileError(ValueError):
    """The file as a whole cannot be used; the message says why, in Dutch."""


@dataclass(frozen=True)
class SiteFile:
    """The usable sites (RD New, indexed by row number), the input attributes and the skipped rows."""

    sites: gpd.GeoDataFrame
    attributes: pd.DataFrame
    skipped: pd.Series
    row_word: str
    notes: list[str]


def study_area(gemeenten: gpd.GeoDataFrame | None = None) -> BaseGeometry:
    """The 11 gemeenten as one geometry: the area the constraint layers cover completely."""
    gemeenten = load_gemeenten() if gemeenten is None else gemeenten
    return shapely.union_all(gemeenten.to_crs(RD_NEW).geometry.to_numpy())


def outside_area(geometries: np.ndarray, region: BaseGeometry) -> np.ndarray:
    """Which sites are not wholly inside the region (allowing REGION_TOLERANCE_M for its generalised borders)."""
    area = shapely.buffer(region, REGION_TOLERANCE_M)
    shapely.prepare(area)
    return ~shapely.covers(area, geometries)


def read_sites(path: Path, region: BaseGeometry, layer: str | None = None) -> SiteFile:
    """Read a sites file and sort its rows into usable sites and skipped rows with their reason."""
    suffix = _check_file(path)
    if suffix == ".csv":
        (frame, reasons), notes, row_word = _read_csv(path), list[str](), "rij"
    else:
        (frame, notes), reasons, row_word = _read_geofile(path, layer), None, "object"
    if frame.empty:
        raise SiteFileError(f"{path.name} bevat geen locaties")
    source = frame.geometry.to_numpy()
    reasons = _first(reasons, pd.Series(_geometry_problems(source, frame.crs.is_geographic), index=frame.index))
    projected = _projected(frame)
    reasons = _first(reasons, pd.Series(_outside_netherlands(source, projected, frame.crs), index=frame.index))
    usable = reasons.isna().to_numpy()
    outside = np.zeros(len(frame), dtype=bool)
    outside[usable] = outside_area(projected[usable], region)
    reasons = _first(reasons, pd.Series([OUTSIDE_REGION if o else None for o in outside], index=frame.index,
                                        dtype=object))
    usable = reasons.isna().to_numpy()
    sites = gpd.GeoDataFrame({"rij": frame.index[usable]}, geometry=projected[usable], index=frame.index[usable],
                             crs=RD_NEW)
    attributes = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    return SiteFile(sites, attributes, reasons.dropna(), row_word, notes)


def _check_file(path: Path) -> str:
    """The file exists, is not too big and has a known format; returns its suffix."""
    if not path.is_file():
        raise SiteFileError(f"{path} bestaat niet of is geen bestand")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SiteFileError(f"{path.name} is {format_decimal_nl(size / 1e9)} GB; de grens is "
                            f"{format_decimal_nl(MAX_BYTES / 1e9, 0)} GB. Splits het bestand of toets minder locaties.")
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise SiteFileError(f"onbekend bestandsformaat '{path.suffix or '(geen extensie)'}': gebruik een GeoPackage "
                            "(.gpkg), GeoJSON (.geojson) of CSV (.csv) met kolommen x en y (RD) of lon en lat")
    return suffix


def _first(reasons: pd.Series | None, more: pd.Series) -> pd.Series:
    """Keep a row's first problem: earlier reasons win over later checks."""
    return more if reasons is None else reasons.where(reasons.notna(), more)


def _read_geofile(path: Path, layer: str | None) -> tuple[gpd.GeoDataFrame, list[str]]:
    """A GeoPackage or GeoJSON layer with its own coordinate system (rows numbered from 1), and notes."""
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
        if layer is not None and layer not in layers:
            raise SiteFileError(f"{path.name} heeft geen laag '{layer}'; wel: {', '.join(layers)}")
        chosen = layer or layers[0]
        frame = pyogrio.read_dataframe(path, layer=chosen)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, IndexError) as error:
        raise SiteFileError(f"{path.name} is geen leesbaar {FORMATS[path.suffix.lower()]}-bestand ({error})") from None
    notes = []
    if len(layers) > 1 and layer is None:
        notes.append(f"{path.name} heeft {len(layers)} lagen; getoetst is de eerste, '{chosen}' (kies met --laag).")
    if not isinstance(frame, gpd.GeoDataFrame):
        raise SiteFileError(f"{path.name} bevat geen geometrie (laag '{chosen}' is een tabel)")
    if frame.crs is None:
        raise SiteFileError(f"{path.name} heeft geen coördinatenstelsel; sla het op met EPSG:28992 (RD New) "
                            "of EPSG:4326 (lon/lat)")
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame.set_geometry(shapely.force_2d(frame.geometry.to_numpy()), crs=frame.crs), notes


def _read_csv(path: Path) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """Points from a CSV with x/y (RD) or lon/lat columns; rows numbered as in a spreadsheet (header = 1)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    header = text.split("\n", 1)[0]
    delimiter = next((candidate for candidate in DELIMITERS if candidate in header), ",")
    try:
        table = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise SiteFileError(f"{path.name} is geen leesbare CSV ({error})") from None
    table.index = pd.RangeIndex(2, len(table) + 2)
    columns, crs = _coordinate_columns(path, table)
    x, x_problem = _coordinates(table[columns[0]], columns[0])
    y, y_problem = _coordinates(table[columns[1]], columns[1])
    reasons = x_problem.where(x_problem.notna(), y_problem)
    points = np.where(reasons.isna(), shapely.points(np.nan_to_num(x), np.nan_to_num(y)), None)
    return gpd.GeoDataFrame(table, geometry=list(points), crs=crs), reasons


def _coordinate_columns(path: Path, table: pd.DataFrame) -> tuple[tuple[str, str], str]:
    """The coordinate columns (matched case-insensitively) and the coordinate system they imply."""
    named = {str(column).strip().lower(): column for column in table.columns}
    if all(name in named for name in RD_COLUMNS):
        return (named["x"], named["y"]), RD_NEW
    for pair in LONLAT_COLUMNS:
        if all(name in named for name in pair):
            return (named[pair[0]], named[pair[1]]), WEB
    raise SiteFileError(f"{path.name} heeft geen kolommen x en y (RD New) of lon en lat (WGS84); "
                        f"gevonden: {', '.join(map(str, table.columns))}")


def _coordinates(cells: pd.Series, column: str) -> tuple[pd.Series, pd.Series]:
    """Numbers from text cells (a decimal comma is allowed) and, per row, what is wrong with the cell."""
    text = cells.str.strip()
    decimal_comma = text.str.contains(",", regex=False) & ~text.str.contains(".", regex=False)
    numbers = pd.to_numeric(text.where(~decimal_comma, text.str.replace(",", ".", regex=False)), errors="coerce")
    numbers = numbers.where(np.isfinite(numbers))
    problem = np.where(text == "", f"kolom '{column}' is leeg", "kolom '" + column + "' is geen getal ('" + text + "')")
    return numbers, pd.Series(problem, index=cells.index).where(numbers.isna())


def _geometry_problems(geometries: np.ndarray, degrees: bool) -> np.ndarray:
    """Per geometry what makes it unusable as a site (missing, empty, a line, invalid), or None."""
    types = TYPE_NAMES[shapely.get_type_id(geometries)]
    invalid = ~shapely.is_valid(geometries)
    reasons = np.full(len(geometries), "", dtype=object)
    reasons[invalid] = [_invalidity(text, degrees) for text in shapely.is_valid_reason(geometries[invalid])]
    conditions = [shapely.is_missing(geometries), shapely.is_empty(geometries), ~np.isin(types, SITE_TYPES), invalid]
    texts: list[Any] = ["geen geometrie", "lege geometrie",
                        "geometrietype " + types + " wordt niet getoetst; gebruik een punt of een vlak", reasons]
    return np.select(conditions, texts, default=np.array(None, dtype=object))


def _invalidity(reason: str | None, degrees: bool) -> str:
    """GEOS's validity reason in Dutch, with its location: 'ongeldige geometrie: de rand snijdt zichzelf bij (…)'."""
    kind, _, where = (reason or "").partition("[")
    x, y = (float(v) for v in where.rstrip("]").split()[:2]) if where else (0.0, 0.0)
    location = f" bij ({_coordinates_text(x, y, degrees)})" if where else ""
    return f"ongeldige geometrie: {INVALIDITY.get(kind.strip(), kind.strip())}{location}"


def _coordinates_text(x: float, y: float, degrees: bool) -> str:
    """A coordinate pair in Dutch notation: 'x = 203.500; y = 500.500' (degrees and small values with decimals)."""
    def number(value: float) -> str:
        return format_decimal_nl(value, 5 if degrees else 0 if abs(value) >= 1000 else 2)

    return f"x = {number(x)}; y = {number(y)}"


def _projected(frame: gpd.GeoDataFrame) -> np.ndarray:
    """The geometries in RD New; one that reprojection made invalid is repaired (it was valid in the file)."""
    geometries = frame.geometry.to_crs(RD_NEW).to_numpy()
    finite = np.isfinite(shapely.bounds(geometries)).all(axis=1)
    broken = finite & ~shapely.is_valid(geometries) & shapely.is_valid(frame.geometry.to_numpy())
    geometries[broken] = shapely.make_valid(geometries[broken], method="structure", keep_collapsed=False)
    return geometries


def _outside_netherlands(source: np.ndarray, projected: np.ndarray, crs) -> np.ndarray:
    """Per site whether its coordinates fall outside the Netherlands, with a hint about the coordinate system."""
    bounds = shapely.bounds(projected)
    inside = (np.isfinite(bounds).all(axis=1) & (bounds[:, 0] >= RD_EXTENT[0]) & (bounds[:, 1] >= RD_EXTENT[1])
              & (bounds[:, 2] <= RD_EXTENT[2]) & (bounds[:, 3] <= RD_EXTENT[3]))
    outside = ~inside & ~shapely.is_missing(projected) & ~shapely.is_empty(projected)
    corners = shapely.bounds(source[outside])[:, :2]
    messages = np.full(len(projected), None, dtype=object)
    messages[outside] = [_outside_message(x, y, crs) for x, y in corners]
    return messages


def _outside_message(x: float, y: float, crs) -> str:
    """Why a site is outside the Netherlands, with the coordinates as given and a likely cause."""
    degrees = crs.is_geographic
    message = f"ligt buiten Nederland ({_coordinates_text(x, y, degrees)} in {crs.name})"
    looks_rd = RD_EXTENT[0] <= x <= RD_EXTENT[2] and RD_EXTENT[1] <= y <= RD_EXTENT[3]
    looks_degrees = LONLAT_EXTENT[0] <= x <= LONLAT_EXTENT[2] and LONLAT_EXTENT[1] <= y <= LONLAT_EXTENT[3]
    if degrees and looks_rd:
        return message + "; dit lijken RD-coördinaten: geef EPSG:28992 op of gebruik de kolommen x en y"
    if not degrees and looks_degrees:
        return message + "; dit lijken lon/lat-graden: geef EPSG:4326 op of gebruik de kolommen lon en lat"
    if not degrees and LONLAT_EXTENT[1] <= x <= LONLAT_EXTENT[3] and LONLAT_EXTENT[0] <= y <= LONLAT_EXTENT[2]:
        return message + "; dit lijken lat/lon-graden in omgekeerde volgorde"
    return message + "; klopt het coördinatenstelsel?"
