"""Place every sleutelproject from its name: TOP10NL areas, a station, a drawn site or its gemeente.

Figuur 1 (the project map) was lost, so each location is reconstructed and says how precise it
is. A location must be consistent with its precision (a 'kern' is one woonkern, 'meerdere_kernen'
are several; a 'projectgebied' is an official plan outline and a 'benaderd' site one drawn from
public descriptions, both as WKT in RD New; a station point is a 'benaderd' site too) and must lie
inside the project's own gemeente; it is clipped to that gemeente because the CBS borders are
generalised and TOP10NL outlines can cross them slightly.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.geodata import RD_NEW
from geo.sources import SourceError

MIN_SHARE_INSIDE = 0.5
OBJECT_COUNT = {"kern": (1, 1), "meerdere_kernen": (2, None), "wijk": (1, None)}
PLACE_TYPES = {
    "kern": {"woonkern"},
    "meerdere_kernen": {"woonkern"},
    "wijk": {"wijk", "buurt", "stadsdeel"},
}
LAYER_PRECISIONS = {
    "top10nl": ("kern", "meerdere_kernen", "wijk"),
    "ns_stations": ("benaderd",),
    "wkt": ("projectgebied", "benaderd"),
    "gemeente": ("gemeente",),
}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


class _Rows:
    """Error messages that name the locations file, the row and the project."""

    def __init__(self, path: Path, locations: pd.DataFrame):
        self.path, self.locations = path, locations

    def report(self, problems: pd.Series) -> None:
        """Raise for the first row (by position) with a problem message; problems is indexed by row."""
        problems = problems.dropna()
        if len(problems):
            position = int(problems.index.min())
            project_id = self.locations.iloc[position]["project_id"]
            raise SourceError(self.path, position + 2, f"{project_id}: {problems.loc[[position]].iloc[0]}")


def _where(mask: pd.Series, messages: pd.Series | str) -> pd.Series:
    """Messages where mask is true and missing elsewhere, on the mask's index."""
    if not isinstance(messages, pd.Series):
        messages = pd.Series(messages, index=mask.index)
    return messages.where(mask.astype(bool))


def _check_rows(rows: _Rows, project_ids: pd.Index) -> None:
    """Each row names a known project, a layer that fits its precision, and a fitting object count."""
    locations = rows.locations
    rows.report(_where(~locations["project_id"].isin(project_ids), "onbekend project (niet in Bijlage 1)"))
    missing = project_ids.difference(locations["project_id"])
    if len(missing):
        raise SourceError(rows.path, None, f"geen locatie voor: {', '.join(sorted(missing))}")
    layer, precision = locations["bronlaag"], locations["locatie_precisie"]
    fits = pd.Series([p in LAYER_PRECISIONS[lay] for lay, p in zip(layer, precision)], index=locations.index)
    rows.report(_where(~fits, "bronlaag '" + layer + "' past niet bij precisie '" + precision + "'"))
    counts = locations["objecten"].map(_split).map(len)
    places = layer == "top10nl"
    rows.report(_where(
        places & (counts != locations["objectnamen"].map(_split).map(len)),
        "objecten en objectnamen moeten even lang zijn",
    ))
    low = precision.map(lambda p: OBJECT_COUNT.get(p, (1, None))[0])
    high = precision.map(lambda p: OBJECT_COUNT.get(p, (1, None))[1] or np.inf)
    rows.report(_where(
        places & ((counts < low) | (counts > high)),
        "precisie '" + precision + "' past niet bij " + counts.astype(str) + " object(en)",
    ))


def _place_geometries(rows: _Rows, places: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Union of the referenced TOP10NL places per row, after checking ids, names and types."""
    locations = rows.locations
    wanted = locations.loc[locations["bronlaag"] == "top10nl", ["objecten", "objectnamen", "locatie_precisie"]]
    wanted = wanted.assign(
        object_id=wanted["objecten"].map(_split), name=wanted["objectnamen"].map(_split)
    ).explode(["object_id", "name"])
    lookup = places.assign(object_id=places["lokaalID"].astype(str)).set_index("object_id")
    found = wanted.join(lookup[["naamNL", "typeGebied", "geometry"]], on="object_id")
    unknown = found["naamNL"].isna()
    rows.report(_where(unknown, "TOP10NL-object " + found["object_id"] + " bestaat niet"))
    rows.report(_where(
        found["naamNL"] != found["name"],
        "TOP10NL-object " + found["object_id"] + " heet '" + found["naamNL"] + "', niet '" + found["name"] + "'",
    ))
    allowed = [t in PLACE_TYPES[p] for t, p in zip(found["typeGebied"], found["locatie_precisie"])]
    rows.report(_where(
        ~pd.Series(allowed, index=found.index),
        "'" + found["name"] + "' is een " + found["typeGebied"] + " en past niet bij precisie '"
        + found["locatie_precisie"] + "'",
    ))
    return gpd.GeoSeries(found["geometry"], crs=RD_NEW).groupby(level=0).agg(shapely.union_all)


def _station_geometries(rows: _Rows, stations: gpd.GeoDataFrame) -> pd.Series:
    """The reference point of each referenced railway station, checked by code and name."""
    locations = rows.locations
    wanted = locations.loc[locations["bronlaag"] == "ns_stations", ["objecten", "objectnamen"]]
    found = wanted.join(stations.set_index("code")[["name", "geometry"]], on="objecten")
    rows.report(_where(
        found["name"] != found["objectnamen"],
        "station '" + found["objecten"] + "' (" + found["objectnamen"] + ") bestaat niet",
    ))
    return found["geometry"]


def _drawn_geometries(rows: _Rows) -> pd.Series:
    """Hand-drawn project sites given as WKT in RD New, refused when empty or invalid."""
    text = rows.locations.loc[rows.locations["bronlaag"] == "wkt", "objecten"]
    geometries = shapely.from_wkt(text.to_numpy(), on_invalid="ignore")
    broken = shapely.is_missing(geometries) | shapely.is_empty(geometries) | ~shapely.is_valid(geometries)
    reasons = pd.Series(shapely.is_valid_reason(geometries), index=text.index).fillna("geen geldige WKT")
    rows.report(_where(pd.Series(broken, index=text.index), "ongeldige geometrie (EPSG:28992): " + reasons))
    return pd.Series(geometries, index=text.index)


def _clip(rows: _Rows, geometries: gpd.GeoSeries, areas: gpd.GeoSeries, gemeente: pd.Series) -> gpd.GeoSeries:
    """The part of each location inside its gemeente; refuse locations mostly outside it."""
    shapes, borders = geometries.to_numpy(), areas.to_numpy()
    points = np.isin(shapely.get_type_id(shapes), (0, 4))
    inside = shapely.intersection(shapes, borders)
    share = np.divide(shapely.area(inside), shapely.area(shapes), out=np.zeros(len(shapes)), where=~points)
    outside = np.where(points, ~shapely.covers(borders, shapes), share < MIN_SHARE_INSIDE)
    rows.report(_where(
        pd.Series(outside, index=geometries.index),
        "locatie ligt (grotendeels) buiten de gemeente " + gemeente,
    ))
    return gpd.GeoSeries(np.where(points, shapes, shapely.normalize(inside)), index=geometries.index, crs=RD_NEW)


def project_locations(
    path: Path,
    locations: pd.DataFrame,
    project_gemeente: pd.Series,
    gemeenten: gpd.GeoDataFrame,
    places: gpd.GeoDataFrame,
    stations: gpd.GeoDataFrame,
) -> gpd.GeoDataFrame:
    """Each project's location (EPSG:28992) with its precision and reason, indexed by project_id."""
    locations = locations.reset_index(drop=True)
    rows = _Rows(path, locations)
    _check_rows(rows, project_gemeente.index)
    gemeente = locations["project_id"].map(project_gemeente)
    areas = gpd.GeoSeries(gemeente.map(gemeenten.set_index("gemeente").geometry), crs=RD_NEW)
    geometries = areas.copy()
    for resolved in (_place_geometries(rows, places), _station_geometries(rows, stations), _drawn_geometries(rows)):
        geometries.loc[resolved.index] = resolved.to_numpy()
    clipped = _clip(rows, geometries, areas, gemeente)
    return gpd.GeoDataFrame(
        locations[["project_id", "locatie_precisie", "locatie_toelichting"]], geometry=clipped, crs=RD_NEW
    ).set_index("project_id")
