"""Candidate sites of the workbench: what a drawn shape must be, how the map's drawings become sites, the
engine of a view, and the comparison table with its exports."""

from __future__ import annotations

import io

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import Point, Polygon, box

from geo.candidates import (
    Candidate,
    CandidateError,
    drawing_changes,
    editable,
    engine,
    from_browser,
    prepared,
    scorecards,
    signature,
    unique_name,
)
from geo.comparison import (
    DIFFERENCE,
    DIFFERENT,
    EXPORT_COLUMNS,
    SIZE,
    THEME,
    WORST,
    comparison,
    export_table,
    geopackage_bytes,
    sites_layer,
    status_order,
)
from geo.constraints import load_themes
from geo.exports import csv_bytes
from geo.geodata import RD_NEW, WEB
from geo.releases import read_releases, restrict, visible
from geo.rules import read_rules
from geo.schema import CHECK_STATUSES, PUBLIC, CheckStatus
from geo.sites import OUTSIDE_REGION
from tests.embargo import BEFORE


def _station(name: str) -> tuple[float, float]:
    point = load_themes()["station"].set_index("naam").loc[f"station {name}", "geometry"]
    return point.x, point.y


ZWOLLE, DEVENTER = _station("Zwolle"), _station("Deventer")


@pytest.fixture(scope="module")
def checker(data):
    return engine(data, read_rules())


def _web(geometry) -> dict:
    return shapely.geometry.mapping(gpd.GeoSeries([geometry], crs=RD_NEW).to_crs(WEB).iloc[0])


def test_a_drawn_polygon_is_read_from_the_browser_in_rd_new():
    square = box(ZWOLLE[0], ZWOLLE[1], ZWOLLE[0] + 200, ZWOLLE[1] + 200)
    back = from_browser(_web(square))
    assert back.equals_exact(square, tolerance=0.01)


@pytest.mark.parametrize("geometry, message", [
    ({"type": "Polygon"}, "de getekende vorm is onleesbaar"),
    ({"type": "Spiral", "coordinates": []}, "de getekende vorm is onleesbaar"),
])
def test_an_unreadable_drawing_gets_a_dutch_message(geometry, message):
    with pytest.raises(CandidateError, match=message):
        from_browser(geometry)


@pytest.mark.parametrize("geometry, message", [
    (Point(121_000, 487_000), OUTSIDE_REGION),
    (box(195_000, 495_000, 205_000, 505_000), "is 100,0 km² groot; een bouwlocatie is hoogstens 20 km²"),
    (Polygon(), "lege geometrie"),
    (shapely.LineString([ZWOLLE, DEVENTER]), "geometrietype LineString wordt niet getoetst"),
])
def test_a_site_that_cannot_be_checked_is_refused_with_the_reason(checker, geometry, message):
    with pytest.raises(CandidateError, match=message.replace("(", r"\(").replace(")", r"\)")):
        prepared(geometry, checker.region)


def test_a_self_intersecting_drawing_is_repaired_with_a_notice_that_says_where(checker):
    x, y = 202_850, 502_125
    bowtie = Polygon([(x, y), (x + 400, y + 400), (x + 400, y), (x, y + 400)])
    repaired, notices = prepared(bowtie, checker.region)
    assert repaired.is_valid and repaired.geom_type in ("Polygon", "MultiPolygon")
    assert abs(repaired.area - 80_000) < 1
    assert notices == [f"De vorm was ongeldig (de rand snijdt zichzelf bij (x = {x + 200:,}; y = {y + 200:,})); ".replace(
        ",", ".") + "hersteld tot een geldig vlak van 8,0 ha."]


def test_a_valid_site_passes_on_whole_metres(checker):
    square = box(202_850.4, 502_125.6, 202_950.2, 502_225.1)
    site, notices = prepared(square, checker.region)
    assert notices == [] and site.equals(box(202_850, 502_126, 202_950, 502_225))


def test_names_are_unique_and_clean():
    assert unique_name("Zwolle", ["zwolle", "Zwolle (2)"]) == "Zwolle (3)"
    assert unique_name("  <b>Kade</b>\n", []) == "<b>Kade</b>"
    assert unique_name("", []) == "Locatie"


def test_a_point_or_a_plain_polygon_is_editable_on_the_map_a_sleutelproject_is_not():
    assert editable(Candidate("a", "a", "getekend", Point(ZWOLLE)))
    assert editable(Candidate("b", "b", "bestand", box(0, 0, 1, 1)))
    assert not editable(Candidate("c", "c", "bestand", Polygon(box(0, 0, 9, 9).exterior.coords,
                                                               [box(1, 1, 2, 2).exterior.coords])))
    assert not editable(Candidate("d", "d", "sleutelproject", box(0, 0, 1, 1), "deventer-bathmen"))


def _feature(coordinates, key=None) -> dict:
    return {"type": "Feature", "properties": {"wd_key": key} if key else {},
            "geometry": {"type": "Polygon", "coordinates": coordinates}}


A = [[[6.08, 52.5], [6.09, 52.5], [6.09, 52.505], [6.08, 52.5]]]
B = [[[6.10, 52.5], [6.11, 52.5], [6.11, 52.505], [6.10, 52.5]]]
B_EDITED = [[[6.10, 52.5], [6.12, 52.5], [6.11, 52.505], [6.10, 52.5]]]


def test_a_new_drawing_is_added_with_the_signature_the_browser_writes():
    changes = drawing_changes([_feature(A)], {})
    assert changes.added == [('[[[6.08,52.5],[6.09,52.5],[6.09,52.505],[6.08,52.5]]]', _feature(A)["geometry"])]
    assert signature(_feature(A)["geometry"]) == changes.added[0][0]
    assert (changes.updated, changes.removed) == ({}, [])


def test_a_drawing_is_recognised_by_its_tag_or_by_its_shape_and_an_edit_keeps_the_site():
    reported = {"t1": signature({"coordinates": A}), "t2": signature({"coordinates": B})}
    unchanged = drawing_changes([_feature(A), _feature(B, "t2")], reported)
    assert (unchanged.added, unchanged.updated, unchanged.removed) == ([], {}, [])
    edited = drawing_changes([_feature(A, "t1"), _feature(B_EDITED, "t2")], reported)
    assert edited.updated == {"t2": _feature(B_EDITED)["geometry"]} and edited.added == []
    assert edited.seen["t2"] == signature({"coordinates": B_EDITED})


def test_a_drawing_deleted_with_the_tools_removes_its_site_but_a_site_not_yet_on_the_map_stays():
    reported = {"t1": signature({"coordinates": A}), "l2": ""}
    changes = drawing_changes([], reported)
    assert changes.removed == ["t1"]


def test_features_of_sites_that_no_longer_exist_are_ignored():
    changes = drawing_changes([_feature(A, "gone")], {})
    assert (changes.added, changes.updated, changes.removed, changes.seen) == ([], {}, [], {})


# --- the engine of a view --------------------------------------------------------------------------

def test_a_drawn_site_gets_every_theme_with_the_texts_a_sleutelproject_shows(data, checker):
    site = Candidate("t1", "Station Zwolle", "getekend", Point(ZWOLLE))
    cards = scorecards([site], checker)
    stored = data.scorecards.drop_duplicates("thema").set_index("thema")
    assert list(cards["thema"]) == [rule.thema for rule in checker.rules]
    assert (cards.set_index("thema")["regel"] == stored.loc[cards["thema"], "regel"]).all()
    assert (cards.set_index("thema")["bron"] == stored.loc[cards["thema"], "bron"]).all()
    assert cards.set_index("thema").loc["station", "waarde_tekst"] == "0 m: ligt in of tegen station Zwolle"
    assert not cards["indicatief"].any()


def test_a_sleutelproject_keeps_its_stored_scorecard(data, checker):
    project = data.projects.set_index("project_id").loc["deventer-bathmen"]
    site = Candidate("s1", "Bathmen", "sleutelproject", project.geometry, "deventer-bathmen")
    cards = scorecards([site], checker)
    stored = data.scorecards[data.scorecards["project_id"] == "deventer-bathmen"]
    assert cards["status"].tolist() == stored["status"].tolist()
    assert (cards["site"] == "s1").all()


def test_the_engine_follows_the_texts_and_themes_of_the_visible_releases(data):
    releases = read_releases()
    public = restrict(data, visible(releases, PUBLIC, pd.Timestamp(BEFORE).to_pydatetime()))
    texts = public.scorecards.drop_duplicates("thema").set_index("thema")
    altered = public.scorecards.assign(regel="regeltekst zoals de openbare release hem heeft")
    view = engine(type(public)(**{**public.__dict__, "scorecards": altered}), read_rules())
    assert view is not None and set(view.texts.index) == set(texts.index)
    cards = scorecards([Candidate("t1", "x", "getekend", Point(ZWOLLE))], view)
    assert (cards["regel"] == "regeltekst zoals de openbare release hem heeft").all()
    empty = type(public)(**{**public.__dict__, "scorecards": public.scorecards.iloc[0:0]})
    assert engine(empty, read_rules()) is None


# --- the comparison ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def three(checker, data):
    project = data.projects.set_index("project_id").loc["kampen-reevedelta"]
    sites = [Candidate("t1", "Station Zwolle", "getekend", Point(ZWOLLE)),
             Candidate("t2", "Deventer", "punt", box(*DEVENTER, DEVENTER[0] + 200, DEVENTER[1] + 200)),
             Candidate("s3", "Reevedelta", "sleutelproject", project.geometry, "kampen-reevedelta")]
    return sites, scorecards(sites, checker)


def test_the_comparison_has_a_column_per_site_and_a_row_per_theme_worst_on_top(three):
    sites, cards = three
    table = comparison(cards, sites)
    assert list(table.columns) == [THEME, "Station Zwolle", "Deventer", "Reevedelta", DIFFERENCE]
    assert list(table[THEME][:2]) == [WORST, SIZE]
    themes = table.iloc[2:]
    assert len(themes) == cards["thema"].nunique()
    order = status_order()
    worst = [min(order[cell.split(" · ")[0].split(" ", 1)[1]] for cell in row[1:4]) for row in themes.itertuples(
        index=False)]
    assert worst == sorted(worst)
    assert table.loc[table[THEME] == SIZE, "Station Zwolle"].iloc[0] == "punt"
    assert table.loc[table[THEME] == SIZE, "Deventer"].iloc[0] == "4,0 ha"
    assert "(sleutelproject)" in table.loc[table[THEME] == SIZE, "Reevedelta"].iloc[0]


def test_a_theme_whose_outcome_differs_is_marked(three):
    sites, cards = three
    table = comparison(cards, sites).iloc[2:]
    for row in table.itertuples(index=False):
        statuses = {cell.split(" · ")[0] for cell in row[1:4]}
        assert (row[-1] == DIFFERENT) == (len(statuses) > 1)
    assert (table[DIFFERENCE] == DIFFERENT).any()


def test_every_cell_shows_the_status_with_its_symbol_and_what_was_measured(three):
    sites, cards = three
    cell = comparison(cards, sites).set_index(THEME).loc[cards.set_index("thema").loc["station", "label"].iloc[0],
                                                         "Station Zwolle"]
    assert cell == f"{CHECK_STATUSES['geen bezwaar'].shown} · 0 m: ligt in of tegen station Zwolle"


def test_a_new_status_in_the_schema_flows_into_the_order_without_code(monkeypatch):
    extended = {**CHECK_STATUSES, "vervallen": CheckStatus("vervallen", "Vervallen", symbol="–"),
                "ernstig": CheckStatus("ernstig", "Ernstig", rank=3, symbol="‼")}
    monkeypatch.setattr("geo.comparison.CHECK_STATUSES", extended)
    order = status_order()
    assert order["ernstig"] < order["knelpunt"] < order["aandacht"] < order["geen bezwaar"]
    assert order["geen bezwaar"] < order["indicatief"] < order["onvolledige gegevens"] < order["geen gegevens"]
    assert order["geen gegevens"] < order["vervallen"]  # unranked, after those already in the schema


def test_the_comparison_exports_as_a_dutch_csv_with_decimal_commas(three):
    sites, cards = three
    text = csv_bytes(export_table(cards, sites), EXPORT_COLUMNS, "EMBARGO tot en met 15 april 2025").decode(
        "utf-8-sig")
    table = pd.read_csv(io.StringIO(text), sep=";", dtype=str)
    assert list(table.columns) == ["Embargo", *EXPORT_COLUMNS.values()]
    assert len(table) == len(cards)
    assert set(table["Locatie"]) == {"Station Zwolle", "Deventer", "Reevedelta"}
    values = table["Waarde"].dropna()
    assert values.str.contains(",").any() and not values.str.contains(r"\.\d", regex=True).any()
    assert set(table["Verschilt tussen locaties"]) == {"ja", "nee"}


@pytest.mark.filterwarnings("ignore:File /vsimem/:RuntimeWarning")
def test_the_sites_export_as_a_geopackage_made_in_memory(three):
    sites, cards = three
    data = geopackage_bytes(sites_layer(cards, sites), "EMBARGO tot en met 15 april 2025")
    layer = pyogrio.read_dataframe(data, layer="locaties")
    assert list(layer["naam"]) == ["Station Zwolle", "Deventer", "Reevedelta"]
    assert layer.crs.to_epsg() == 28992
    assert set(cards["thema"]) <= set(layer.columns)
    assert (layer["embargo"] == "EMBARGO tot en met 15 april 2025").all()
    assert list(layer["project_id"]) == ["", "", "kampen-reevedelta"]
