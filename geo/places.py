"""Place names for the search box: every TOP10NL kern, wijk and buurt in the 11 gemeenten, with a
name a reader can tell apart ("Centrum (wijk in Deventer)") and its extent in RD New."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.geodata import WEB

KINDS = {"woonkern": "kern", "deelkern": "kern", "stadsdeel": "stadsdeel", "wijk": "wijk", "buurt": "buurt",
         "buurtschap": "buurtschap", "gehucht": "gehucht", "industriekern": "bedrijventerrein"}
COLUMNS = ["naam", "soort", "omschrijving", "gemeente", "xmin", "ymin", "xmax", "ymax", "zuid", "west", "noord", "oost"]


def place_table(places: gpd.GeoDataFrame, gemeenten: gpd.GeoDataFrame) -> pd.DataFrame:
    """The places inside the gemeenten (by a point inside each), named after the kern they lie in
    (or their gemeente), sorted by name; extents in RD New metres and, for the web map, in degrees."""
    places = places[places["typeGebied"].isin(KINDS)].reset_index(drop=True)
    points = gpd.GeoDataFrame(geometry=places.representative_point(), crs=places.crs)
    gemeente = points.sjoin(gemeenten[["gemeente", "geometry"]], predicate="within", how="left")["gemeente"]
    gemeente = gemeente[~gemeente.index.duplicated()]
    kernen = places[places["typeGebied"] == "woonkern"][["naamNL", "geometry"]].rename(columns={"naamNL": "kern"})
    kern = points.sjoin(kernen, predicate="within", how="left")["kern"]
    kern = kern[~kern.index.duplicated()]
    soort = places["typeGebied"].map(KINDS)
    where = kern.where(kern.notna() & (kern != places["naamNL"]) & (places["typeGebied"] != "woonkern"), gemeente)
    bounds, degrees = places.bounds, places.to_crs(WEB).bounds.round(5)
    table = pd.DataFrame({
        "naam": places["naamNL"], "soort": soort,
        "omschrijving": places["naamNL"] + " (" + soort + " in " + where.fillna("") + ")",
        "gemeente": gemeente,
        "xmin": bounds["minx"].round(), "ymin": bounds["miny"].round(),
        "xmax": bounds["maxx"].round(), "ymax": bounds["maxy"].round(),
        "zuid": degrees["miny"], "west": degrees["minx"], "noord": degrees["maxy"], "oost": degrees["maxx"],
    })
    table = table[table["gemeente"].notna()].drop_duplicates("omschrijving")
    return table.sort_values(["naam", "omschrijving"]).reset_index(drop=True)[COLUMNS]
