"""Read vector sources into RD New (EPSG:28992), refusing files that are unreadable or invalid."""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from geo.sources import SourceError

RD_NEW = "EPSG:28992"
WEB = "EPSG:4326"
_PROJ_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="proj")


def reprojected(geometries: list | np.ndarray, source: str, target: str) -> np.ndarray:
    """Geometries from one coordinate system in another, transformed on one long-lived thread.

    PROJ sets up its context once per thread (about 25 ms), and Streamlit runs every rerun on a new
    thread: a few sites drawn on the map are transformed in well under a millisecond on a warm thread.
    """
    return _PROJ_THREAD.submit(_reproject, list(geometries), source, target).result()


def _reproject(geometries: list, source: str, target: str) -> np.ndarray:
    with np.errstate(all="ignore"):
        return gpd.GeoSeries(geometries, crs=source).to_crs(target).to_numpy()


def read_layer(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """A vector file in RD New; refused when a geometry is missing, empty or invalid in the file.

    Reprojection can make a valid polygon self-intersecting (one NNN part of 10 m² does); such a
    geometry was fine in the file, so it is repaired with make_valid instead of refused.
    """
    try:
        with warnings.catch_warnings():  # some sources repeat feature ids; GDAL renumbers them, harmlessly
            warnings.filterwarnings("ignore", "Several features with id", RuntimeWarning)
            frame = pyogrio.read_dataframe(path, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError) as error:
        raise SourceError(path, None, f"geen leesbaar geobestand ({error})") from None
    if frame.crs is None:
        raise SourceError(path, None, "geen coördinatenstelsel opgegeven")
    _check_geometries(path, frame)
    return frame.set_geometry(repaired(frame.geometry.to_crs(RD_NEW).to_numpy()), crs=RD_NEW)


def repaired(geometries: np.ndarray, where: np.ndarray | bool = True) -> np.ndarray:
    """The geometries with those that reprojection made invalid (a ring touching itself) repaired in place,
    only where ``where`` allows; every valid one stays as it is."""
    broken = where & ~shapely.is_valid(geometries)
    geometries[broken] = shapely.make_valid(geometries[broken], method="structure", keep_collapsed=False)
    return geometries


def _check_geometries(path: Path, frame: gpd.GeoDataFrame) -> None:
    """Name the first feature whose geometry is missing, empty or invalid."""
    bad = frame.geometry.isna() | frame.geometry.is_empty | ~frame.geometry.is_valid
    if bad.any():
        index = int(bad.to_numpy().nonzero()[0][0])
        geometry = frame.geometry.iloc[index]
        problem = "ontbreekt of is leeg" if geometry is None or geometry.is_empty else "is ongeldig"
        raise SourceError(path, index + 1, f"geometrie van object {index + 1} {problem}")
