"""The validation table: real places with the outcome the location check must give them, and why.

Each row of ``tests/data/validatie_locaties.csv`` is a point in RD New, a theme and the expected outcome
(a quay on the IJssel is buitendijks, a site in the middle of a dike ring is not, a site on a dike is
near a kering), checked against the built layers in ``data/constraints.gpkg`` with the committed rules.
"""

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.check import check_sites
from geo.geodata import RD_NEW
from geo.rules import read_rules
from geo.schema import CHECK_STATUSES

TABLE = Path(__file__).with_name("data") / "validatie_locaties.csv"
PLACES = pd.read_csv(TABLE, dtype={"x": float, "y": float}, keep_default_na=False)


@pytest.fixture(scope="module")
def outcomes() -> pd.DataFrame:
    sites = gpd.GeoDataFrame(PLACES[["naam"]], geometry=gpd.points_from_xy(PLACES["x"], PLACES["y"]), crs=RD_NEW)
    return check_sites(sites).set_index(["site", "thema"])


def test_the_table_is_complete_and_names_real_themes_and_outcomes():
    themes = {rule.thema for rule in read_rules() if rule.heeft_gegevens}
    assert list(PLACES.columns) == ["naam", "x", "y", "thema", "verwacht", "toelichting"]
    assert PLACES["thema"].isin(themes).all() and PLACES["verwacht"].isin(list(CHECK_STATUSES)).all()
    assert PLACES["toelichting"].str.len().gt(30).all()
    # the cases issue 9 names: the Zwolle binnenstad, a real floodplain, the Reevediep and its new dike
    named = set(zip(PLACES["naam"], PLACES["thema"]))
    assert {("Grote Markt Zwolle, midden binnenstad", "buitendijks"), ("Uiterwaard van de IJssel bij Olst", "buitendijks"),
            ("Noorddijk van het Reevediep bij Reeve", "primaire_kering")} <= named


@pytest.mark.parametrize("row", list(PLACES.itertuples()), ids=[f"{n} – {t}" for n, t in zip(PLACES["naam"], PLACES["thema"])])
def test_a_real_place_gets_the_outcome_the_ground_implies(outcomes, row):
    result = outcomes.loc[(row.Index, row.thema)]
    assert result["status"] == row.verwacht, f"{row.naam}: {result['waarde_tekst']} ({row.toelichting})"
