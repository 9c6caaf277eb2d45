"""The upload reader: a planner's file read from memory, with the command line's Dutch message for every
kind of bad file, and nothing written to disk."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import Point, box

from geo import paths
from geo.geodata import RD_NEW
from geo.sites import Limits, SiteFileError, SiteSource, read_sites, study_area

LIMITS = Limits(25_000_000, 1_000)
ZWOLLE = (202_850, 502_125)


@pytest.fixture(scope="module")
def region():
    return study_area()


def _frame(count: int = 2) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"naam": [f"plek {i}" for i in range(count)]},
                            geometry=[box(ZWOLLE[0] + 300 * i, ZWOLLE[1], ZWOLLE[0] + 300 * i + 100, ZWOLLE[1] + 100)
                                      for i in range(count)], crs=RD_NEW)


def _gpkg(frame: gpd.GeoDataFrame, layer: str = "plannen") -> bytes:
    buffer = io.BytesIO()
    pyogrio.write_dataframe(frame, buffer, layer=layer, driver="GPKG")
    return buffer.getvalue()


def _shapefile_zip(frames: dict[str, gpd.GeoDataFrame], tmp_path, folder: str = "map/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for stem, frame in frames.items():
            frame.to_file(tmp_path / f"{stem}.shp")
            for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                if (tmp_path / f"{stem}{suffix}").exists():
                    archive.write(tmp_path / f"{stem}{suffix}", f"{folder}{stem}{suffix}")
        archive.writestr("__MACOSX/map/._plannen.shp", b"\x00\x05\x16\x07")
    return buffer.getvalue()


def _read(region, name: str, data: bytes, limits: Limits = LIMITS):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # GDAL's English warnings must not reach the planner
        return read_sites(SiteSource.upload(name, data), region, limits=limits)


@pytest.mark.parametrize("name, make", [
    ("plannen.gpkg", lambda tmp: _gpkg(_frame())),
    ("plannen.geojson", lambda tmp: _frame().to_crs("EPSG:4326").to_json().encode()),
    ("plannen.kml", lambda tmp: (_frame().to_crs("EPSG:4326").to_file(tmp / "p.kml", driver="KML"),
                                 (tmp / "p.kml").read_bytes())[1]),
    ("plannen.zip", lambda tmp: _shapefile_zip({"plannen": _frame()}, tmp)),
    ("plannen.csv", lambda tmp: f"naam;x;y\nplek 0;{ZWOLLE[0]};{ZWOLLE[1]}\nplek 1;{ZWOLLE[0] + 300};{ZWOLLE[1]}\n"
     .encode()),
])
def test_every_format_is_read_from_memory_with_its_names(region, tmp_path, name, make):
    site_file = _read(region, name, make(tmp_path))
    assert len(site_file.sites) == 2 and site_file.skipped.empty
    assert list(site_file.names()) == ["plek 0", "plek 1"]
    assert site_file.sites.crs.to_epsg() == 28992


def test_a_zip_with_several_shapefiles_reads_the_first_and_says_so(region, tmp_path):
    data = _shapefile_zip({"eerste": _frame(1), "tweede": _frame(2)}, tmp_path)
    site_file = _read(region, "plannen.zip", data)
    assert len(site_file.sites) == 1
    assert site_file.notes == ["plannen.zip bevat 2 shapefiles; getoetst is de eerste, 'eerste' (kies met --laag)."]
    chosen = read_sites(SiteSource.upload("plannen.zip", data), region, layer="tweede", limits=LIMITS)
    assert len(chosen.sites) == 2


def _no_crs_gpkg() -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return _gpkg(gpd.GeoDataFrame(geometry=[Point(ZWOLLE)]))


def _zip_without_shapefile() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("leesmij.txt", "geen kaart")
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, limits, message", [
    ("plannen.xlsx", b"PK\x03\x04", LIMITS, "onbekend bestandsformaat '.xlsx': gebruik een GeoPackage"),
    ("plannen", b"x", LIMITS, "onbekend bestandsformaat '(geen extensie)'"),
    ("groot.csv", b" " * 30_000_000, LIMITS, "groot.csv is 30,0 MB; de grens is 25 MB."),
    ("veel.csv", ("x;y\n" + "1;2\n" * 1_001).encode(), LIMITS, "veel.csv heeft 1.001 rijen; de grens is 1.000."),
    ("veel.gpkg", _gpkg(_frame(12)), Limits(25_000_000, 10), "veel.gpkg heeft 12 rijen; de grens is 10."),
    ("kapot.gpkg", b"dit is geen geopackage", LIMITS, "kapot.gpkg is geen leesbaar GeoPackage-bestand"),
    ("kapot.geojson", b"{\"type\": \"FeatureCollection\", ", LIMITS, "kapot.geojson is geen leesbaar GeoJSON"),
    ("kapot.kml", b"<kml><Document>", LIMITS, "kapot.kml is geen leesbaar KML-bestand"),
    ("kapot.zip", b"PK dit is geen zip", LIMITS, "kapot.zip is geen leesbaar Shapefile (zip)-bestand"),
    ("tekst.zip", _zip_without_shapefile(), LIMITS, "tekst.zip bevat geen shapefile (.shp); zip de .shp met"),
    ("tabel.gpkg", _gpkg(pd.DataFrame({"a": [1]})), LIMITS, "tabel.gpkg bevat geen geometrie"),
    ("zonder_crs.gpkg", _no_crs_gpkg(), LIMITS, "zonder_crs.gpkg heeft geen coördinatenstelsel"),
    ("kolommen.csv", b"a;b\n1;2\n", LIMITS, "kolommen.csv heeft geen kolommen x en y (RD New) of lon en lat"),
    ("leeg.csv", b"x;y\n", LIMITS, "leeg.csv bevat geen locaties"),
    ("niets.csv", b"", LIMITS, "niets.csv bevat geen locaties"),
    ("<img src=x onerror=alert(1)>\x1b[2J.csv", b"a\n", LIMITS,
     "<img src=x onerror=alert(1)>\\x1b[2J.csv heeft geen kolommen x en y"),
])
def test_a_bad_upload_is_refused_with_the_command_lines_dutch_message(region, name, data, limits, message):
    with pytest.raises(SiteFileError) as refused:
        _read(region, name, data, limits)
    assert message in str(refused.value)
    assert "Traceback" not in str(refused.value)


def test_a_zip_that_unpacks_beyond_the_limit_stops_at_the_limit(region, monkeypatch):
    monkeypatch.setattr("geo.sites.MAX_BYTES", 1_000_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bom.shp", b"\x00" * 5_000_000)
    assert len(buffer.getvalue()) < 50_000
    with pytest.raises(SiteFileError, match="bom.zip pakt uit tot meer dan"):
        _read(region, "bom.zip", buffer.getvalue())


def test_reading_an_upload_writes_nothing_to_disk(tmp_path):
    """Every format read from memory in a process whose working, home and temporary folders are empty."""
    workdir, home, temp, proj = (tmp_path / name for name in ("werk", "thuis", "tmp", "proj"))
    for folder in (workdir, home, temp, proj):
        folder.mkdir()
    script = f"""
import io, sys
sys.path.insert(0, {str(paths.ROOT)!r})
import geopandas as gpd, pyogrio
from shapely.geometry import box
from geo.sites import Limits, SiteSource, read_sites, study_area
frame = gpd.GeoDataFrame({{"naam": ["a"]}}, geometry=[box(202850, 502125, 202950, 502225)], crs=28992)
gpkg = io.BytesIO(); pyogrio.write_dataframe(frame, gpkg, layer="p", driver="GPKG")
uploads = {{"p.gpkg": gpkg.getvalue(), "p.geojson": frame.to_crs(4326).to_json().encode(),
           "p.csv": b"x;y\\n202850;502125\\n"}}
region = study_area()
for name, data in uploads.items():
    assert len(read_sites(SiteSource.upload(name, data), region, limits=Limits(25_000_000, 1_000)).sites) == 1
print("ok")
"""
    environment = {**os.environ, "HOME": str(home), "TMPDIR": str(temp), "CPL_TMPDIR": str(temp),
                   "PROJ_USER_WRITABLE_DIRECTORY": str(proj)}  # PROJ's own cache, not the planner's data
    result = subprocess.run([sys.executable, "-c", script], cwd=workdir, env=environment, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr
    written = [p for folder in (workdir, home, temp) for p in folder.rglob("*")]
    assert written == [], written
