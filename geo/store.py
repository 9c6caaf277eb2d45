"""The GeoPackage store: written atomically and reproducibly, read back with its types restored."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeAlias

import geopandas as gpd
import pandas as pd
import pyogrio

from geo import paths
from geo.files import replacing
from geo.sources import SourceError

# GeoPackage keeps a 'last_change' timestamp; fixing it makes the same input give the same bytes.
FIXED_TIMESTAMP = "2025-04-16T00:00:00.000Z"
Frame: TypeAlias = pd.DataFrame | gpd.GeoDataFrame


@contextmanager
def _fixed_clock() -> Iterator[None]:
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_TIMESTAMP})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def write_layers(path: Path, layers: dict[str, Frame]) -> None:
    """Write layers to a GeoPackage via a temporary file, so a failure leaves the old file intact."""
    with replacing(path) as temporary:
        write_geopackage(temporary, layers)


def write_geopackage(path: Path, layers: dict[str, Frame]) -> None:
    """Write layers into a new GeoPackage at path (a temporary path of ``geo.files.replacing``), reproducibly."""
    with _fixed_clock():
        for name, frame in layers.items():
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")


def read_layers(path: Path | str) -> dict[str, Frame]:
    """Every layer of a GeoPackage, with integer fields that hold nulls restored to Int64."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, None, "bestand ontbreekt")
    try:
        names = [str(name) for name, _ in pyogrio.list_layers(path)]
        return {name: _typed(path, name, pyogrio.read_dataframe(path, layer=name)) for name in names}
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        raise SourceError(path, None, f"geen leesbare GeoPackage ({error})") from None


def _typed(path: Path, layer: str, frame: Frame) -> Frame:
    """An INTEGER field with nulls comes back as floats; give it the nullable Int64 it was written as."""
    info = pyogrio.read_info(path, layer=layer)
    for column, declared in zip(info["fields"], info["dtypes"]):
        if str(declared).startswith("int") and frame[column].dtype.kind == "f":
            frame[column] = frame[column].astype("Int64")
    return frame


def differences(left: dict[str, Frame], right: dict[str, Frame]) -> list[str]:
    """Where two sets of layers differ (layer names, columns, rows); empty when row-identical."""
    found = []
    for name in sorted(set(left) | set(right)):
        if name not in left or name not in right:
            found.append(f"laag '{name}' ontbreekt aan één kant")
            continue
        a, b = _comparable(left[name]), _comparable(right[name])
        if list(a.columns) != list(b.columns):
            found.append(f"laag '{name}': kolommen verschillen")
        elif len(a) != len(b):
            found.append(f"laag '{name}': {len(a)} tegen {len(b)} rijen")
        elif not a.equals(b):
            column = next(c for c in a.columns if not a[c].equals(b[c]))
            found.append(f"laag '{name}': kolom '{column}' verschilt")
    return found


def _comparable(frame: Frame) -> pd.DataFrame:
    plain = pd.DataFrame(frame).reset_index(drop=True)
    if isinstance(frame, gpd.GeoDataFrame):
        plain[frame.geometry.name] = frame.geometry.to_wkb(hex=True).to_numpy()
    return plain.astype({c: "object" for c in plain.columns}).where(plain.notna(), None)


def load_gemeenten(path: Path = paths.GEMEENTEN_GPKG) -> gpd.GeoDataFrame:
    """The gemeenten layer as the app and the analysis use it."""
    return read_layers(path)["gemeenten"]


def load_projects(path: Path = paths.PROJECTS_GPKG) -> gpd.GeoDataFrame:
    """The sleutelprojecten layer as the app and the analysis use it."""
    return read_layers(path)["sleutelprojecten"]
