"""Read vector sources into RD New (EPSG:28992), refusing files that are unreadable or invalid."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio

from geo.sources import SourceError

RD_NEW = "EPSG:28992"
WEB = "EPSG:4326"


def read_layer(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """A vector file in RD New with valid, non-empty geometries; a clear error otherwise."""
    try:
        frame = gpd.read_file(path, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError) as error:
        raise SourceError(path, None, f"geen leesbaar geobestand ({error})") from None
    if frame.crs is None:
        raise SourceError(path, None, "geen coördinatenstelsel opgegeven")
    frame = frame.to_crs(RD_NEW)
    _check_geometries(path, frame)
    return frame


def _check_geometries(path: Path, frame: gpd.GeoDataFrame) -> None:
    """Name the first feature whose geometry is missing, empty or invalid."""
    bad = frame.geometry.isna() | frame.geometry.is_empty | ~frame.geometry.is_valid
    if bad.any():
        index = int(bad.to_numpy().nonzero()[0][0])
        geometry = frame.geometry.iloc[index]
        problem = "ontbreekt of is leeg" if geometry is None or geometry.is_empty else "is ongeldig"
        raise SourceError(path, index + 1, f"geometrie van object {index + 1} {problem}")
