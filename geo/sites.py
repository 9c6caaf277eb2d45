"""A planner's own sites for the location check: GeoPackage, GeoJSON, KML, a zipped Shapefile, or CSV with
x/y (RD) or lon/lat; from a file on disk (``python -m geo.toets``) or from an upload held in memory (the app).

Both read through ``read_sites``: the same formats, limits, rules and Dutch messages. An upload is
read from its bytes (GDAL's in-memory files, ``/vsimem/``) and never written to disk. Every row is
judged on its own. A row without a usable geometry, with coordinates outside the Netherlands or
outside West-Overijssel, or of an absurd size is skipped with a Dutch reason that names it; the other
rows are still checked. A problem with the file as a whole (missing, too big, too many rows, unknown
format, unreadable, no geometry, no coordinate system, no rows) raises ``SiteFileError``. Text from
the file is quoted escaped and cut (``geo.safetext.excerpt``), never raw.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.raw
import shapely
from shapely.geometry.base import BaseGeometry

from geo.geodata import RD_NEW, WEB, repaired
from geo.memo import kept_for
from geo.numbers import format_count, format_decimal_nl
from geo.safetext import excerpt
from geo.store import load_gemeenten

MAX_BYTES = 2_000_000_000
MAX_ROWS = 100_000  # the output has a row per site and theme: 100.000 sites are over a million rows
MAX_CELLS = 20_000_000  # rows × columns, so a wide file cannot exhaust the memory either
FORMATS = {".gpkg": "GeoPackage", ".geojson": "GeoJSON", ".json": "GeoJSON", ".kml": "KML",
           ".zip": "Shapefile (zip)", ".csv": "CSV"}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
RD_COLUMNS = ("x", "y")
LONLAT_COLUMNS = (("lon", "lat"), ("lng", "lat"), ("longitude", "latitude"))
NAME_COLUMNS = ("naam", "name", "titel", "omschrijving", "locatie")
SITE_TYPES = ("Point", "MultiPoint", "Polygon", "MultiPolygon")
TYPE_NAMES = np.array(["Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString",
                       "MultiPolygon", "GeometryCollection", ""], dtype=object)  # by shapely type id; -1 = missing
DELIMITERS = (";", "\t", ",")
RD_EXTENT = (0.0, 289_000.0, 300_000.0, 629_000.0)  # EPSG:28992 area of use (the Netherlands), metres
LONLAT_EXTENT = (3.2, 50.7, 7.3, 53.7)  # the same area in degrees
REGION_TOLERANCE_M = 250.0  # the CBS borders of the region are generalised by tens to hundreds of metres
MAX_SITE_M2 = 20_000_000.0  # 20 km² (2.000 ha): larger than any kern-sized building area of the Woondeal
GEOMETRY = "__locatie__"
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
UNREADABLE = {  # GEOS's reasons for refusing a geometry while reading it, in Dutch
    "do not form a closed linestring": "een ring is niet gesloten",
    "Invalid number of points in LinearRing": "een ring heeft te weinig punten",
    "Invalid number of points in LineString": "een lijn heeft te weinig punten",
}


class SiteFileError(ValueError):
    """The file as a whole cannot be used; the message says why, in Dutch."""


@dataclass(frozen=True)
class Limits:
    """What a sites file may hold: bytes and rows, both checked before the rows are read."""

    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS


@dataclass(frozen=True)
class SiteSource:
    """A sites file: its name (for messages and its format) and its bytes, on disk or in memory.

    An upload is ``SiteSource.upload(name, data)``: its bytes stay in memory and go to GDAL as an
    in-memory file, so the planner's data never touch the server's disk.
    """

    name: str
    path: Path | None = None
    data: bytes | None = None

    @classmethod
    def file(cls, path: Path) -> SiteSource:
        """A file on disk."""
        return cls(path.name, path=path)

    @classmethod
    def upload(cls, name: str, data: bytes) -> SiteSource:
        """An uploaded file, held in memory."""
        return cls(name, data=data)

    @property
    def label(self) -> str:
        """The file name as a message quotes it (escaped and cut, whoever chose it)."""
        return excerpt(self.name, 80)

    @property
    def suffix(self) -> str:
        """The extension in lower case ('.gpkg'), '' without one."""
        return PurePosixPath(self.name).suffix.lower()

    @property
    def stem(self) -> str:
        """The name without its extension."""
        return PurePosixPath(self.name).stem

    def size(self) -> int:
        """The size in bytes, without reading the file."""
        return len(self.data) if self.data is not None else self._existing().stat().st_size

    def read_bytes(self) -> bytes:
        """All bytes of the file."""
        return self.data if self.data is not None else self._existing().read_bytes()

    def for_gdal(self) -> str | bytes:
        """What pyogrio reads: the path, or the bytes (which it puts in GDAL's memory, /vsimem/)."""
        return self.data if self.data is not None else str(self._existing())

    def _existing(self) -> Path:
        if self.path is None or not self.path.is_file():
            raise SiteFileError(f"{self.path or self.label} bestaat niet of is geen bestand")
        return self.path


@dataclass(frozen=True)
class SiteFile:
    """The usable sites (RD New, indexed by row number), the input attributes and the skipped rows."""

    sites: gpd.GeoDataFrame
    attributes: pd.DataFrame
    skipped: pd.Series
    row_word: str
    notes: list[str]
    format: str = ""

    def names(self) -> pd.Series:
        """A name per usable site: the file's own name column when it has one, else 'rij N' / 'object N'."""
        fallback = pd.Series([f"{self.row_word} {row}" for row in self.sites.index], index=self.sites.index,
                             dtype=object)
        position = name_column(self.attributes)
        if position is None:
            return fallback
        own = self.attributes.iloc[:, position].loc[self.sites.index].astype("string").str.strip()
        return own.where(own.notna() & (own != ""), fallback).astype(object)


def name_column(attributes: pd.DataFrame) -> int | None:
    """The position of the column that names the sites ('naam', 'name', …, case-insensitive), or None."""
    named = {str(column).strip().lower(): i for i, column in reversed(list(enumerate(attributes.columns)))}
    return next((named[name] for name in NAME_COLUMNS if name in named), None)


def study_area(gemeenten: gpd.GeoDataFrame | None = None) -> BaseGeometry:
    """The 11 gemeenten as one geometry: the area the constraint layers cover completely."""
    gemeenten = load_gemeenten() if gemeenten is None else gemeenten
    return shapely.union_all(gemeenten.to_crs(RD_NEW).geometry.to_numpy())


_AREAS: dict[int, tuple[Any, BaseGeometry]] = {}


def outside_area(geometries: np.ndarray, region: BaseGeometry) -> np.ndarray:
    """Which sites are not wholly inside the region (allowing REGION_TOLERANCE_M for its generalised borders)."""
    return ~shapely.covers(_checkable_area(region), geometries)


def _checkable_area(region: BaseGeometry) -> BaseGeometry:
    """The region widened by REGION_TOLERANCE_M and prepared, made once per region object (buffering the 11
    gemeenten takes tens of milliseconds, far more than checking one site)."""
    def make() -> BaseGeometry:
        area = shapely.buffer(region, REGION_TOLERANCE_M)
        shapely.prepare(area)
        return area

    return kept_for(_AREAS, region, make, limit=8)


def read_sites(source: SiteSource | Path, region: BaseGeometry, layer: str | None = None,
               limits: Limits = Limits()) -> SiteFile:
    """Read a sites file and sort its rows into usable sites and skipped rows with their reason."""
    source = SiteSource.file(source) if isinstance(source, Path) else source
    _check_file(source, limits)
    if source.suffix == ".csv":
        frame, reasons, notes = _read_csv(source, limits)
        row_word = "rij"
    else:
        (frame, reasons, notes), row_word = _read_geofile(source, layer, limits), "object"
    if frame.empty:
        raise SiteFileError(f"{source.label} bevat geen locaties")
    source_geometries = frame.geometry.to_numpy()
    reasons = _first(reasons, pd.Series(geometry_problems(source_geometries, frame.crs.is_geographic),
                                        index=frame.index))
    projected = _projected(frame)
    reasons = _first(reasons, pd.Series(_outside_netherlands(source_geometries, projected, frame.crs),
                                        index=frame.index))
    usable = reasons.isna().to_numpy()
    later = np.full(len(frame), None, dtype=object)
    later[usable] = site_problems(projected[usable], region)
    reasons = _first(reasons, pd.Series(later, index=frame.index, dtype=object))
    usable = reasons.isna().to_numpy()
    sites = gpd.GeoDataFrame({"rij": frame.index[usable]}, geometry=projected[usable], index=frame.index[usable],
                             crs=RD_NEW)
    attributes = pd.DataFrame(frame.drop(columns=GEOMETRY))
    return SiteFile(sites, attributes, reasons.dropna(), row_word, notes, FORMATS[source.suffix])


def site_problems(geometries: np.ndarray, region: BaseGeometry) -> np.ndarray:
    """Per usable RD New geometry what keeps it from being checked as a site: outside the region, or
    an absurd size; None when it can be checked. Drawn sites and file rows both go through here."""
    problems = np.full(len(geometries), None, dtype=object)
    if not len(geometries):
        return problems
    problems[outside_area(geometries, region)] = OUTSIDE_REGION
    areas = shapely.area(geometries)
    too_large = areas > MAX_SITE_M2
    problems[too_large] = [_too_large(area) for area in areas[too_large]]
    return problems


def _too_large(area: float) -> str:
    """Why a huge polygon is not a building site, with its size and the limit."""
    return (f"is {format_decimal_nl(area / 1e6)} km² groot; een bouwlocatie is hoogstens "
            f"{format_decimal_nl(MAX_SITE_M2 / 1e6, 0)} km² ({format_count(int(MAX_SITE_M2 / 1e4))} ha): "
            "lever de locatie zelf aan, niet een hele kern of gemeente")


def _check_file(source: SiteSource, limits: Limits) -> None:
    """The file exists, is not too big and has a known format (all before reading it)."""
    size = source.size()
    if size > limits.max_bytes:
        unit, scale = ("GB", 1e9) if limits.max_bytes >= 1e9 else ("MB", 1e6)
        raise SiteFileError(f"{source.label} is {format_decimal_nl(size / scale)} {unit}; de grens is "
                            f"{format_decimal_nl(limits.max_bytes / scale, 0)} {unit}. Splits het bestand of "
                            "toets minder locaties.")
    if source.suffix not in FORMATS:
        raise SiteFileError(f"onbekend bestandsformaat '{excerpt(source.suffix or '(geen extensie)', 20)}': gebruik "
                            "een GeoPackage (.gpkg), GeoJSON (.geojson), KML (.kml), een gezipte Shapefile (.zip) "
                            "of CSV (.csv) met kolommen x en y (RD) of lon en lat")


def _check_rows(source: SiteSource, rows: int, columns: int, limits: Limits) -> None:
    """Refuse a file with more rows (or cells) than the limits, before its rows are read."""
    if rows > limits.max_rows:
        raise SiteFileError(f"{source.label} heeft {format_count(rows)} rijen; de grens is "
                            f"{format_count(limits.max_rows)}. Splits het bestand in delen.")
    if rows * max(columns, 1) > MAX_CELLS:
        raise SiteFileError(f"{source.label} heeft {format_count(rows)} rijen van {format_count(columns)} kolommen; "
                            f"de grens is {format_count(MAX_CELLS)} cellen. Laat kolommen weg die de toets niet nodig "
                            "heeft.")


def _first(reasons: pd.Series | None, more: pd.Series) -> pd.Series:
    """Keep a row's first problem: earlier reasons win over later checks."""
    return more if reasons is None else reasons.where(reasons.notna(), more)


# --- GeoPackage, GeoJSON, KML, Shapefile ------------------------------------------------------------

def _read_geofile(source: SiteSource, layer: str | None,
                  limits: Limits) -> tuple[gpd.GeoDataFrame, pd.Series, list[str]]:
    """A vector layer with its own coordinate system (rows numbered from 1), unreadable rows, and notes."""
    kind = FORMATS[source.suffix]
    notes: list[str] = []
    try:
        data = _shapefile(source, layer, notes) if source.suffix == ".zip" else source.for_gdal()
        with warnings.catch_warnings():  # GDAL's English warnings become Dutch reasons below
            warnings.simplefilter("ignore")
            layers = [str(name) for name, _ in pyogrio.list_layers(data)]
            chosen = _chosen_layer(source, layers, None if source.suffix == ".zip" else layer, notes)
            position = layers.index(chosen)  # by position: from memory, a file's own layer name is random
            info = pyogrio.read_info(data, layer=position, force_feature_count=True)
            _check_rows(source, int(info["features"]), len(info["fields"]), limits)
            meta, _, wkb, fields = _raw(source, data, position, notes)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, IndexError, zipfile.BadZipFile,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError) as error:
        raise SiteFileError(f"{source.label} is geen leesbaar {kind}-bestand ({excerpt(error, 160)})") from None
    if wkb is None:
        raise SiteFileError(f"{source.label} bevat geen geometrie (laag '{excerpt(chosen)}' is een tabel)")
    if meta["crs"] is None:
        raise SiteFileError(f"{source.label} heeft geen coördinatenstelsel; sla het op met EPSG:28992 (RD New) "
                            "of EPSG:4326 (lon/lat)")
    geometries, unreadable = _geometries(wkb)
    attributes = pd.DataFrame(dict(enumerate(fields)), index=pd.RangeIndex(1, len(wkb) + 1))
    attributes.columns = list(meta["fields"])
    frame = _with_geometry(attributes, shapely.force_2d(geometries), meta["crs"])
    return frame, pd.Series(unreadable, index=frame.index, dtype=object), notes


def _chosen_layer(source: SiteSource, layers: list[str], layer: str | None, notes: list[str]) -> str:
    """The requested layer, or the first one (with a note when there are more)."""
    if layer is not None and layer not in layers:
        raise SiteFileError(f"{source.label} heeft geen laag '{excerpt(layer)}'; wel: "
                            + ", ".join(excerpt(name) for name in layers[:20]))
    chosen = layer or layers[0]
    if len(layers) > 1 and layer is None:
        notes.append(f"{source.label} heeft {len(layers)} lagen; getoetst is de eerste, '{excerpt(chosen)}' "
                     "(kies met --laag).")
    return chosen


def _raw(source: SiteSource, data: str | bytes, layer: int, notes: list[str]) -> tuple:
    """The layer's fields and WKB geometries; text that is not UTF-8 is read as Windows-1252, with a note."""
    try:
        return pyogrio.raw.read(data, layer=layer)
    except UnicodeDecodeError:
        notes.append(f"{source.label} is niet in UTF-8 opgeslagen; de tekst is gelezen als Windows-1252 (Latin-1).")
        return pyogrio.raw.read(data, layer=layer, encoding="cp1252")


def _geometries(wkb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Geometries from WKB; one GEOS refuses (an unclosed ring) becomes None with a Dutch reason."""
    geometries = shapely.from_wkb(wkb, on_invalid="ignore")
    reasons = np.full(len(wkb), None, dtype=object)
    for position in np.flatnonzero(pd.isna(geometries) & pd.notna(wkb)):
        try:
            shapely.from_wkb(wkb[position])
        except shapely.errors.GEOSException as error:
            reason = next((dutch for english, dutch in UNREADABLE.items() if english in str(error)),
                          "de geometrie is onleesbaar")
            reasons[position] = f"ongeldige geometrie: {reason}"
    return geometries, reasons


def _shapefile(source: SiteSource, layer: str | None, notes: list[str]) -> bytes:
    """The first (or the chosen) shapefile of a zip, as a zip of only its parts, made in memory.

    The parts are read with a cap, so a zip bomb stops at the size limit instead of filling the memory.
    """
    with zipfile.ZipFile(io.BytesIO(source.read_bytes())) as archive:
        members = [m for m in archive.infolist()
                   if not m.is_dir() and "__MACOSX" not in m.filename and not PurePosixPath(m.filename).name
                   .startswith("._")]
        shapefiles = [m for m in members if m.filename.lower().endswith(".shp")]
        if not shapefiles:
            raise SiteFileError(f"{source.label} bevat geen shapefile (.shp); zip de .shp met de .shx, .dbf en .prj")
        stems = [PurePosixPath(m.filename).stem for m in shapefiles]
        if layer is not None and layer not in stems:
            raise SiteFileError(f"{source.label} heeft geen shapefile '{excerpt(layer)}'; wel: "
                                + ", ".join(excerpt(stem) for stem in stems[:20]))
        chosen = shapefiles[stems.index(layer)] if layer else shapefiles[0]
        if len(shapefiles) > 1 and layer is None:
            notes.append(f"{source.label} bevat {len(shapefiles)} shapefiles; getoetst is de eerste, "
                         f"'{excerpt(stems[0])}' (kies met --laag).")
        base = chosen.filename[:-4].lower()
        parts = [m for m in members if m.filename.lower()[:-4] == base and m.filename.lower()[-4:] in SHAPEFILE_PARTS]
        budget = MAX_BYTES
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as shapefile:
            for member in parts:
                with archive.open(member) as part:
                    content = part.read(budget + 1)
                budget -= len(content)
                if budget < 0:
                    raise SiteFileError(f"{source.label} pakt uit tot meer dan {format_count(MAX_BYTES // 10**9)} GB")
                shapefile.writestr(PurePosixPath(chosen.filename).stem + member.filename[-4:].lower(), content)
    return output.getvalue()


# --- CSV -------------------------------------------------------------------------------------------

def _read_csv(source: SiteSource, limits: Limits) -> tuple[gpd.GeoDataFrame, pd.Series, list[str]]:
    """Points from a CSV with x/y (RD) or lon/lat columns; rows numbered as in a spreadsheet (header = 1).

    A row with more or fewer fields than the header (an extra ';') is skipped and named; it never
    shifts the columns of the other rows.
    """
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    header_line = text.split("\n", 1)[0]
    delimiter = next((candidate for candidate in DELIMITERS if candidate in header_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader, [])]
        _check_rows(source, max(text.count("\n") - 1, 0), len(header), limits)
        records = list(reader)
    except csv.Error as error:
        raise SiteFileError(f"{source.label} is geen leesbare CSV ({excerpt(error, 120)})") from None
    if not any(header):
        raise SiteFileError(f"{source.label} bevat geen locaties")
    table, reasons = _table(records, header, delimiter)
    (x_column, y_column), crs, notes = _coordinate_columns(source, table)
    x, x_problem = _coordinates(table.iloc[:, x_column], str(table.columns[x_column]))
    y, y_problem = _coordinates(table.iloc[:, y_column], str(table.columns[y_column]))
    reasons = _first(_first(reasons, x_problem), y_problem)
    points = np.where(reasons.isna(), shapely.points(np.nan_to_num(x), np.nan_to_num(y)), None)
    return _with_geometry(table, np.asarray(points, dtype=object), crs), reasons, notes


def _with_geometry(attributes: pd.DataFrame, geometries: np.ndarray, crs: Any) -> gpd.GeoDataFrame:
    """The file's columns plus the geometry, under a name no file uses (a file may have a column 'geometry')."""
    frame = attributes.copy()
    frame.insert(len(frame.columns), GEOMETRY, geometries, allow_duplicates=True)
    return gpd.GeoDataFrame(frame, geometry=GEOMETRY, crs=crs)


def _table(records: list[list[str]], header: list[str], delimiter: str) -> tuple[pd.DataFrame, pd.Series]:
    """The data rows under the header (blank rows left out), and per row whose field count is wrong why."""
    width = len(header)
    rows, numbers, reasons = [], [], []
    shown = "tab" if delimiter == "\t" else f"'{delimiter}'"
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue
        fields = len(record)
        while fields > width and not record[fields - 1].strip():
            fields -= 1  # a spreadsheet's trailing empty fields are harmless
        reason = None
        if fields != width:
            hint = f"staat er een {shown} te veel in?" if fields > width else "ontbreekt er een waarde?"
            reason = f"de rij heeft {fields} velden en de kopregel {width}: {hint}"
        rows.append((record + [""] * width)[:width])
        numbers.append(number)
        reasons.append(reason)
    table = pd.DataFrame(rows, columns=pd.Index(header, dtype=object), index=pd.Index(numbers), dtype=object)
    if not rows:
        table = pd.DataFrame(columns=pd.Index(header, dtype=object), dtype=object)
    return table, pd.Series(reasons, index=table.index, dtype=object)


def _coordinate_columns(source: SiteSource, table: pd.DataFrame) -> tuple[tuple[int, int], str, list[str]]:
    """The positions of the coordinate columns (case-insensitive, an exact lower-case name first), the
    coordinate system they imply, and a note when another column has the same name in other case."""
    names = [str(column).strip() for column in table.columns]

    def position(name: str) -> int | None:
        exact = [i for i, column in enumerate(names) if column == name]
        loose = [i for i, column in enumerate(names) if column.lower() == name]
        return next(iter(exact or loose), None)

    for pair, crs in ((RD_COLUMNS, RD_NEW), *((pair, WEB) for pair in LONLAT_COLUMNS)):
        found = [position(name) for name in pair]
        if None not in found:
            x, y = (int(p) for p in found if p is not None)
            doubles = [names[p] for p in (x, y) if sum(c.lower() == names[p].lower() for c in names) > 1]
            notes = [f"{source.label} heeft meer kolommen met de naam '{excerpt(n)}'; de coördinaten komen uit "
                     f"'{excerpt(n)}'." for n in doubles]
            return (x, y), crs, notes
    listed = ", ".join(excerpt(name, 30) for name in names[:20]) + (" …" if len(names) > 20 else "")
    raise SiteFileError(f"{source.label} heeft geen kolommen x en y (RD New) of lon en lat (WGS84); "
                        f"gevonden: {listed}")


def _coordinates(cells: pd.Series, column: str) -> tuple[pd.Series, pd.Series]:
    """Numbers from text cells (a decimal comma is allowed) and, per row, what is wrong with the cell."""
    text = cells.astype(str).str.strip()
    decimal_comma = text.str.contains(",", regex=False) & ~text.str.contains(".", regex=False)
    numbers = pd.to_numeric(text.where(~decimal_comma, text.str.replace(",", ".", regex=False)), errors="coerce")
    numbers = numbers.where(np.isfinite(numbers))
    name = excerpt(column, 30)
    problem = pd.Series(None, index=cells.index, dtype=object)
    missing = numbers.isna()
    empty = missing & (text == "")
    problem[empty] = f"kolom '{name}' is leeg"
    problem[missing & ~empty] = [f"kolom '{name}' is geen getal ('{excerpt(cell)}')" for cell in text[missing & ~empty]]
    return numbers, problem


# --- geometry ---------------------------------------------------------------------------------------

def geometry_problems(geometries: np.ndarray, degrees: bool) -> np.ndarray:
    """Per geometry what makes it unusable as a site (missing, empty, a line, invalid), or None."""
    types = TYPE_NAMES[shapely.get_type_id(geometries)]
    invalid = ~shapely.is_valid(geometries) & ~shapely.is_missing(geometries)
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
    location = f" bij ({coordinates_text(x, y, degrees)})" if where else ""
    return f"ongeldige geometrie: {INVALIDITY.get(kind.strip(), excerpt(kind.strip()))}{location}"


def coordinates_text(x: float, y: float, degrees: bool) -> str:
    """A coordinate pair in Dutch notation: 'x = 203.500; y = 500.500' (degrees and small values with decimals;
    an absurd value such as 1e300 in scientific notation)."""
    def number(value: float) -> str:
        if not np.isfinite(value) or abs(value) >= 1e12:
            return f"{value:.3g}".replace(".", ",").replace("inf", "oneindig")
        return format_decimal_nl(value, 5 if degrees else 0 if abs(value) >= 1000 else 2)

    return f"x = {number(x)}; y = {number(y)}"


def _projected(frame: gpd.GeoDataFrame) -> np.ndarray:
    """The geometries in RD New; one that reprojection made invalid is repaired (it was valid in the file)."""
    with np.errstate(all="ignore"):
        geometries = frame.geometry.to_crs(RD_NEW).to_numpy()
    finite = np.isfinite(shapely.bounds(geometries)).all(axis=1)
    return repaired(geometries, finite & shapely.is_valid(frame.geometry.to_numpy()))


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
    message = f"ligt buiten Nederland ({coordinates_text(x, y, degrees)} in {excerpt(crs.name)})"
    looks_rd = RD_EXTENT[0] <= x <= RD_EXTENT[2] and RD_EXTENT[1] <= y <= RD_EXTENT[3]
    looks_degrees = LONLAT_EXTENT[0] <= x <= LONLAT_EXTENT[2] and LONLAT_EXTENT[1] <= y <= LONLAT_EXTENT[3]
    if degrees and looks_rd:
        return message + "; dit lijken RD-coördinaten: geef EPSG:28992 op of gebruik de kolommen x en y"
    if not degrees and looks_degrees:
        return message + "; dit lijken lon/lat-graden: geef EPSG:4326 op of gebruik de kolommen lon en lat"
    if not degrees and LONLAT_EXTENT[1] <= x <= LONLAT_EXTENT[3] and LONLAT_EXTENT[0] <= y <= LONLAT_EXTENT[2]:
        return message + "; dit lijken lat/lon-graden in omgekeerde volgorde"
    return message + "; klopt het coördinatenstelsel?"
