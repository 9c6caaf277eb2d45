"""The location check: hand-made sites with known answers for every kind of rule, the scorecards of all
sleutelprojecten, the per-gemeente summary, and the command line on good and bad files."""

import subprocess
import sys
import warnings
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, Point, box

from geo import paths
from geo.check import COLUMNS, OUTSIDE, check_sites, summary_by_gemeente, worst_status
from geo.constraints import load_project_scorecards
from geo.geodata import RD_NEW, WEB
from geo.rules import Rule, read_rules
from geo.schema import (
    AANDACHT,
    CHECK_STATUSES,
    GEEN_BEZWAAR,
    GEEN_GEGEVENS,
    INDICATIEF,
    INDICATIVE_PRECISIONS,
    KNELPUNT,
    ONVOLLEDIG,
)
from geo.sites import MAX_BYTES
from geo.store import load_projects, read_layers
from geo.toets import main

STATUSES = tuple(CHECK_STATUSES)

REGION = box(200_000, 480_000, 210_000, 490_000)
THRESHOLDS = {  # fixed here, so that the known answers do not depend on the configured table
    "buitendijks": (0.0, 10.0), "dijkring": (0.0, None), "primaire_kering": (200.0, 50.0),
    "natura2000": (2000.0, 0.0), "groen": (300.0, None), "station": (1200.0, 5000.0),
}


def _layer(rows: list[tuple[str, object]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"naam": [name for name, _ in rows]}, geometry=[g for _, g in rows], crs=RD_NEW)


def _fixed(rule: Rule) -> Rule:
    """The rule with this module's thresholds, and every verdict those thresholds can give carried by the data."""
    if not rule.heeft_gegevens:
        return rule
    attention, problem = THRESHOLDS.get(rule.thema, (rule.aandacht_grens, rule.knelpunt_grens))
    carried = tuple(v for v, t in ((KNELPUNT, problem), (AANDACHT, attention), (GEEN_BEZWAAR, 0)) if t is not None)
    return replace(rule, aandacht_grens=attention, knelpunt_grens=problem, uitspraken=carried)


@pytest.fixture(scope="module")
def rules():
    return tuple(_fixed(rule) for rule in read_rules())


@pytest.fixture(scope="module")
def themes():
    """Hand-made layers; laagveen is empty and rivierengebied is missing."""
    return {
        "buitendijks": _layer([("hoofdwater", box(201_000, 481_000, 202_000, 482_000))]),
        "dijkring": _layer([("dijkring 1", box(200_000, 487_000, 202_000, 490_000)),
                            ("dijkring 2", box(202_000, 487_000, 204_000, 490_000))]),
        "primaire_kering": _layer([("kering A", LineString([(203_000, 481_000), (205_000, 481_000)]))]),
        "laagveen": _layer([]),
        "groen": _layer([("natuurgebied", box(203_000, 486_000, 203_100, 486_100))]),
        "natura2000": _layer([("Natura 2000 Test", box(206_000, 481_000, 207_000, 482_000))]),
        "natuurnetwerk": _layer([("Natuurnetwerk Nederland", box(206_000, 481_000, 206_500, 481_500))]),
        "station": _layer([("station Test", Point(208_000, 485_000))]),
    }


SITES = {
    "vlak_binnen": box(201_100, 481_100, 201_200, 481_200),
    "vlak_tien_procent": box(201_900, 481_000, 202_900, 481_100),
    "vlak_twintig_procent": box(201_800, 481_000, 202_800, 481_100),
    "vlak_raakt_rand": box(202_000, 481_000, 203_000, 482_000),
    "punt_binnen": Point(201_500, 481_500),
    "punt_op_rand": Point(201_000, 481_500),
    "punt_buiten": Point(205_000, 488_000),
    "kering_50": Point(204_000, 481_050),
    "kering_50_4": Point(204_000, 481_050.4),
    "kering_51": Point(204_000, 481_051),
    "kering_200": Point(204_000, 481_200),
    "kering_201": Point(204_000, 481_201),
    "vlak_rand_30_van_kering": box(203_500, 481_030, 203_600, 481_500),
    "groen_300": Point(203_400, 486_050),
    "groen_301": Point(203_401, 486_050),
    "vlak_raakt_groen_midden_500": box(203_100, 486_000, 204_100, 486_100),
    "station_1200": Point(208_000, 486_200),
    "station_5000": Point(208_000, 490_000),
    "station_6000": Point(202_000, 485_000),
    "natura_in": Point(206_700, 481_700),
    "natura_rand": Point(206_000, 481_800),
    "natura_2000": Point(204_000, 481_800),
    "natura_2001": Point(203_999, 481_800),
    "twee_dijkringen": box(201_000, 488_000, 203_500, 489_000),
    "net_buiten_grens": Point(210_100, 485_000),
    "buiten_regio": Point(215_000, 485_000),
}


@pytest.fixture(scope="module")
def checked(themes, rules):
    sites = gpd.GeoDataFrame(geometry=list(SITES.values()), index=list(SITES), crs=RD_NEW)
    return check_sites(sites, themes, rules, REGION).set_index(["site", "thema"])


@pytest.mark.parametrize("site, theme, status, value, text", [
    ("vlak_binnen", "buitendijks", "knelpunt", 100.0, "100,0% van het gebied (hoofdwater)"),
    ("vlak_tien_procent", "buitendijks", "aandacht", 10.0, "10,0% van het gebied (hoofdwater)"),
    ("vlak_twintig_procent", "buitendijks", "knelpunt", 20.0, "20,0% van het gebied (hoofdwater)"),
    ("vlak_raakt_rand", "buitendijks", "geen bezwaar", 0.0, "0,0% van het gebied"),
    ("punt_binnen", "buitendijks", "knelpunt", 100.0, "punt ligt in hoofdwater"),
    ("punt_op_rand", "buitendijks", "knelpunt", 100.0, "punt ligt in hoofdwater"),
    ("punt_buiten", "buitendijks", "geen bezwaar", 0.0, "punt ligt erbuiten"),
    ("twee_dijkringen", "dijkring", "aandacht", 100.0, "100,0% van het gebied (vooral dijkring 2)"),
    ("punt_buiten", "dijkring", "geen bezwaar", 0.0, "punt ligt erbuiten"),
    ("kering_50", "primaire_kering", "knelpunt", 50.0, "50 m tot kering A"),
    ("kering_50_4", "primaire_kering", "knelpunt", 50.0, "50 m tot kering A"),
    ("kering_51", "primaire_kering", "aandacht", 51.0, "51 m tot kering A"),
    ("kering_200", "primaire_kering", "aandacht", 200.0, "200 m tot kering A"),
    ("kering_201", "primaire_kering", "geen bezwaar", 201.0, "201 m tot kering A"),
    ("vlak_rand_30_van_kering", "primaire_kering", "knelpunt", 30.0, "30 m tot kering A"),
    ("groen_300", "groen", "geen bezwaar", 300.0, "300 m tot natuurgebied"),
    ("groen_301", "groen", "aandacht", 301.0, "301 m tot natuurgebied"),
    ("vlak_raakt_groen_midden_500", "groen", "aandacht", 500.0, "500 m tot natuurgebied"),
    ("station_1200", "station", "geen bezwaar", 1200.0, "1.200 m tot station Test"),
    ("station_5000", "station", "aandacht", 5000.0, "5.000 m tot station Test"),
    ("station_6000", "station", "knelpunt", 6000.0, "6.000 m tot station Test"),
    ("natura_in", "natura2000", "knelpunt", 0.0, "0 m: ligt in of tegen Natura 2000 Test"),
    ("natura_rand", "natura2000", "knelpunt", 0.0, "0 m: ligt in of tegen Natura 2000 Test"),
    ("natura_2000", "natura2000", "aandacht", 2000.0, "2.000 m tot Natura 2000 Test"),
    ("natura_2001", "natura2000", "geen bezwaar", 2001.0, "2.001 m tot Natura 2000 Test"),
    ("natura_in", "natuurnetwerk", "geen bezwaar", 0.0, "punt ligt erbuiten"),
    ("vlak_binnen", "laagveen", "geen bezwaar", 0.0, "0,0% van het gebied"),
    ("punt_binnen", "laagveen", "geen bezwaar", 0.0, "punt ligt erbuiten"),
    ("net_buiten_grens", "station", "aandacht", 2100.0, "2.100 m tot station Test"),
])
def test_a_site_gets_the_status_value_and_text_its_geometry_implies(checked, site, theme, status, value, text):
    row = checked.loc[(site, theme)]
    assert (row["status"], row["waarde"], row["waarde_tekst"]) == (status, value, text)


def test_a_theme_without_data_reports_geen_gegevens_with_the_reason_never_geen_bezwaar(checked, rules):
    reason = next(rule.kanttekening for rule in rules if rule.thema == "beekdal")
    rows = checked.xs("beekdal", level="thema")
    assert (rows["status"] == GEEN_GEGEVENS).all() and rows["waarde"].isna().all()
    assert (rows["kanttekening"] == reason).all() and reason.startswith("Geen gegevens:")


def test_a_missing_layer_reports_geen_gegevens_and_says_the_layer_is_missing(checked):
    rows = checked.xs("rivierengebied", level="thema")
    assert (rows["status"] == GEEN_GEGEVENS).all()
    assert rows["kanttekening"].str.startswith("De laag 'rivierengebied' ontbreekt").all()


def test_a_site_outside_the_region_is_not_checked_on_any_theme(checked):
    rows = checked.xs("buiten_regio", level="site")
    assert (rows["status"] == GEEN_GEGEVENS).all() and rows["waarde"].isna().all()
    assert (rows.loc[["station", "buitendijks"], "kanttekening"] == OUTSIDE).all()


def test_an_empty_station_layer_means_no_station_nearby(themes, rules):
    sites = gpd.GeoDataFrame(geometry=[Point(205_000, 485_000)], crs=RD_NEW)
    row = check_sites(sites, {**themes, "station": _layer([])}, rules, REGION).set_index("thema").loc["station"]
    assert (row["status"], row["waarde_tekst"]) == ("knelpunt", "geen object in de laag")
    assert np.isnan(row["waarde"])


def test_the_result_has_one_row_per_site_and_theme_in_site_then_rules_order(checked, rules):
    table = checked.reset_index()[COLUMNS]
    assert len(table) == len(SITES) * len(rules)
    assert table["site"].unique().tolist() == list(SITES)
    assert table["thema"].head(len(rules)).tolist() == [rule.thema for rule in rules]
    assert set(table["status"]) <= set(STATUSES)


def test_a_site_in_another_crs_gets_the_same_answers(themes, rules):
    rd = gpd.GeoDataFrame(geometry=[SITES["kering_51"], SITES["vlak_tien_procent"]], crs=RD_NEW)
    lonlat = rd.to_crs(WEB)
    a, b = check_sites(rd, themes, rules, REGION), check_sites(lonlat, themes, rules, REGION)
    assert a["status"].tolist() == b["status"].tolist()
    assert np.allclose(a["waarde"], b["waarde"], atol=0.1, equal_nan=True)


def test_results_at_wijk_kern_or_gemeente_precision_are_indicatief(themes, rules):
    precisions = ["projectgebied", "benaderd", "wijk", "kern", "meerdere_kernen", "gemeente"]
    sites = gpd.GeoDataFrame({"locatie_precisie": precisions}, geometry=[box(204_900, 484_900, 205_100, 485_100)] * 6,
                             index=precisions, crs=RD_NEW)
    cards = check_sites(sites, themes, rules, REGION)
    indicative = cards.groupby("site")["indicatief"].all()
    assert indicative.to_dict() == {"projectgebied": False, "benaderd": False, "wijk": True, "kern": True,
                                    "meerdere_kernen": True, "gemeente": True}
    measured = cards[cards["status"] != GEEN_GEGEVENS].groupby("site")["status"].agg(set)
    assert measured["wijk"] == measured["kern"] == measured["gemeente"] == {INDICATIEF}
    assert INDICATIEF not in measured["projectgebied"] and INDICATIEF not in measured["benaderd"]


@pytest.fixture(scope="module")
def kern(themes, rules):
    """A 'kern' of 2,1 × 1 km whose south edge runs 600 m along kering A and whose west 500 m are main water."""
    sites = gpd.GeoDataFrame({"locatie_precisie": ["kern"]}, geometry=[box(201_500, 481_000, 203_600, 482_000)],
                             index=["kern"], crs=RD_NEW)
    return check_sites(sites, themes, rules, REGION).set_index("thema")


@pytest.mark.parametrize("theme, value, text", [
    ("buitendijks", 23.8, "23,8% van de kern ligt in buitendijks gebied"),
    # 600 × 50 m plus a quarter circle at the kering's end, of 210 ha; then 600 × 200 m plus its quarter circle
    ("primaire_kering", 7.2, "1,5% van de kern ligt binnen 50 m van een primaire waterkering, 7,2% binnen 200 m"),
    ("natura2000", 0.0, "0,0% van de kern ligt in of tegen een Natura 2000-gebied, 0,0% binnen 2.000 m"),
    ("station", 100.0, "100,0% van de kern ligt verder dan 5.000 m van een treinstation, 100,0% verder dan 1.200 m"),
])
def test_an_indicative_area_gets_how_much_of_it_the_rule_touches_not_a_verdict(kern, theme, value, text):
    """No distance or share verdict for a kern: the share of it in the layer or in the rule's zones."""
    row = kern.loc[theme]
    assert (row["status"], row["eenheid"], row["waarde_tekst"]) == (INDICATIEF, "%", text)
    assert row["waarde"] == pytest.approx(value, abs=0.1)


def test_the_worst_status_of_an_indicative_area_is_indicatief(kern):
    assert worst_status(kern.reset_index()).to_dict() == {"kern": INDICATIEF}


@pytest.mark.parametrize("sites, message", [
    (gpd.GeoDataFrame(geometry=[Point(205_000, 485_000)]), "De locaties hebben geen coördinatenstelsel."),
    (gpd.GeoDataFrame(geometry=[Point(205_000, 485_000), shapely.Polygon()], index=["a", "b"], crs=RD_NEW),
     "Locatie b: de geometrie ontbreekt, is leeg of is ongeldig."),
])
def test_unusable_sites_are_refused_by_the_engine_naming_the_site(themes, rules, sites, message):
    with pytest.raises(ValueError, match=message):
        check_sites(sites, themes, rules, REGION)


def _cards(rows: dict[str, list[str]]) -> pd.DataFrame:
    return pd.DataFrame([(site, f"t{i}", "T", status, False) for site, statuses in rows.items()
                         for i, status in enumerate(statuses)],
                        columns=["project_id", "thema", "label", "status", "indicatief"])


def test_the_worst_status_ranks_knelpunt_over_aandacht_and_ignores_geen_gegevens():
    worst = worst_status(_cards({
        "a": ["geen bezwaar", "knelpunt", "aandacht", "geen gegevens"],
        "b": ["aandacht", "geen gegevens", "geen bezwaar", "onvolledige gegevens"],
        "c": ["geen bezwaar", "geen gegevens"],
        "d": ["geen gegevens", "geen gegevens"],
        "e": ["onvolledige gegevens", "geen gegevens"],
        "f": ["indicatief", "geen gegevens"],
    }))
    assert worst.to_dict() == {"a": "knelpunt", "b": "aandacht", "c": "geen bezwaar", "d": "geen gegevens",
                               "e": "onvolledige gegevens", "f": "indicatief"}


def test_the_summary_keeps_firm_verdicts_and_indicative_areas_apart():
    cards = _cards({"p1": ["knelpunt"], "p2": ["indicatief"], "p3": ["aandacht"], "p4": ["indicatief"]})
    cards["waarde"] = [100.0, 18.0, 5.0, 0.0]  # p2: the rule touches 18% of its kern; p4: none of it
    cards.loc[cards["project_id"].isin(["p2", "p4"]), "indicatief"] = True
    projects = pd.DataFrame({
        "project_id": ["p1", "p2", "p3", "p4"], "gemeente": ["Zwolle", "Zwolle", "Kampen", "Zwolle"],
        "woningen_2024_2030": pd.array([100, None, 40, 7], dtype="Int64"),
        "woningen_2031_2035": pd.array([10, 20, None, 1], dtype="Int64"),
    })
    summary = summary_by_gemeente(cards, projects).set_index(["gemeente", "thema", "status"])
    assert len(summary) == 2 * 1 * len(STATUSES)
    firm = summary.loc[("Zwolle", "t0", "knelpunt")]
    assert (firm["projecten"], firm["woningen_2024_2030"], firm["woningen_2031_2035"]) == (1, 100, 10)
    assert (firm["projecten_geraakt"], firm["woningen_2024_2030_geraakt"]) == (1, 100)
    area = summary.loc[("Zwolle", "t0", "indicatief")]
    assert (area["projecten"], area["woningen_2024_2030"], area["woningen_2031_2035"]) == (2, 7, 21)
    assert (area["projecten_geraakt"], area["woningen_2024_2030_geraakt"], area["woningen_2031_2035_geraakt"]) == (
        1, 0, 20)
    assert summary.loc[("Kampen", "t0", "aandacht"), "woningen_2024_2030"] == 40
    assert summary.loc[("Kampen", "t0", "knelpunt"), "projecten"] == 0


def test_the_real_table_says_onvolledige_gegevens_where_its_data_cannot_carry_a_verdict(themes):
    """With the committed rules: green without city parks, far from known nature, is not 'aandacht'."""
    sites = gpd.GeoDataFrame(geometry=[SITES["groen_301"], SITES["groen_300"]], index=["ver", "dichtbij"], crs=RD_NEW)
    rows = check_sites(sites, themes, read_rules(), REGION).set_index(["site", "thema"])
    assert rows.loc[("ver", "groen"), "status"] == ONVOLLEDIG
    assert rows.loc[("ver", "groen"), "waarde_tekst"] == "301 m tot natuurgebied"
    assert rows.loc[("dichtbij", "groen"), "status"] == GEEN_BEZWAAR
    assert "onvolledige gegevens" in rows.loc[("ver", "groen"), "kanttekening"]


# --- the sleutelprojecten ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scorecards():
    return load_project_scorecards()


def test_every_sleutelproject_has_a_complete_scorecard(scorecards):
    projects, rules = load_projects(), read_rules()
    assert list(scorecards.columns) == ["project_id", *COLUMNS[1:]]
    assert len(scorecards) == len(projects) * len(rules) == 52 * len(rules)
    themes_per_project = scorecards.groupby("project_id")["thema"].apply(list)
    assert set(themes_per_project.index) == set(projects["project_id"])
    assert all(themes == [rule.thema for rule in rules] for themes in themes_per_project)
    assert scorecards["status"].isin(STATUSES).all()
    assert scorecards["regel"].str.contains(r"regel \d", regex=True).all()
    assert scorecards["bron"].str.len().gt(0).all() and scorecards["kanttekening"].str.len().gt(0).all()


def test_a_project_placed_at_wijk_kern_or_gemeente_level_is_indicatief(scorecards):
    precision = load_projects().set_index("project_id")["locatie_precisie"]
    indicative = scorecards.groupby("project_id")["indicatief"].all()
    assert (indicative == precision.loc[indicative.index].isin(INDICATIVE_PRECISIONS)).all()
    assert indicative["zwolle-stedelijke-verdichting"] and indicative["zwolle-uitbreiding-stadshagen"]  # kern, wijk
    assert not indicative["zwolle-zwartewaterallee"]  # a site drawn from public descriptions
    measured = scorecards[scorecards["status"] != GEEN_GEGEVENS]
    assert (measured["indicatief"] == (measured["status"] == INDICATIEF)).all()  # an area never gets a verdict


def test_a_measured_theme_has_a_value_and_a_theme_without_data_none(scorecards):
    measured = scorecards[scorecards["status"] != GEEN_GEGEVENS]
    assert measured["waarde"].notna().all()
    assert scorecards.loc[scorecards["status"] == GEEN_GEGEVENS, "waarde"].isna().all()
    assert set(scorecards.loc[scorecards["status"] == GEEN_GEGEVENS, "thema"]) == {
        "beekdal", "laagte", "waterberging", "drinkwater"}


def test_known_projects_get_the_answers_their_location_implies(scorecards):
    card = scorecards.set_index(["project_id", "thema"])
    steenwijk = card.loc["steenwijkerland-steenwijk-stationsgebied"]  # a point on Steenwijk station
    assert steenwijk.loc["station", "waarde_tekst"] == "0 m: ligt in of tegen station Steenwijk"
    assert steenwijk.loc["dijkring", "waarde_tekst"] == "punt ligt erbuiten"
    assert card.loc[("kampen-reevedelta", "dijkring"), "waarde_tekst"].endswith(
        "van het gebied (dijkring 11 IJsseldelta, oude norm 1/2.000 per jaar)")
    # the cases of issue 9: Reevedelta is built on the new Reevediep dike, the Zwolle binnenstad is no floodplain,
    # the Bovenhavenkwartier is a quay in front of the dike
    reevedelta = card.loc[("kampen-reevedelta", "primaire_kering")]
    assert (reevedelta["status"], reevedelta["waarde_tekst"]) == (
        "knelpunt", "0 m: ligt in of tegen dijktraject 11-2, norm 1/3.000 per jaar (signaleringswaarde; ondergrens 1/1.000)")
    stadshart = card.loc[("zwolle-stadshart", "buitendijks")]  # placed on the wijk Binnenstad
    assert (stadshart["status"], stadshart["waarde"]) == ("indicatief", 0.0)
    assert stadshart["waarde_tekst"] == "0,0% van het wijkgebied ligt in buitendijks gebied"
    assert card.loc[("kampen-bovenhavenkwartier", "buitendijks"), "status"] == "knelpunt"


def test_the_summary_of_the_sleutelprojecten_counts_every_project_once_per_theme(scorecards):
    projects = load_projects()
    summary = summary_by_gemeente(scorecards, projects)
    per_theme = summary.groupby("thema")["projecten"].sum()
    assert (per_theme == 52).all()
    buitendijks = summary[summary["thema"] == "buitendijks"]
    assert buitendijks["woningen_2024_2030"].sum() == projects["woningen_2024_2030"].sum()
    assert buitendijks["woningen_2031_2035"].sum() == projects["woningen_2031_2035"].sum()


# --- the command line --------------------------------------------------------------------------------

def _station(name: str) -> tuple[float, float]:
    """The RD coordinates of a station in the built layer."""
    stations = read_layers(paths.CONSTRAINTS_GPKG)["station"].set_index("naam")
    point = stations.loc[f"station {name}", "geometry"]
    return point.x, point.y


ZWOLLE_STATION, DEVENTER_STATION = _station("Zwolle"), _station("Deventer")


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def _report(path) -> pd.DataFrame:
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"melding": str},
                       keep_default_na=False, na_values=[""])


def test_a_good_csv_in_rd_is_checked_completely_and_written_as_dutch_csv_and_geopackage(tmp_path, capsys):
    sites = tmp_path / "locaties.csv"
    x, y = (f"{value:.3f}".replace(".", ",") for value in ZWOLLE_STATION)  # a Dutch spreadsheet: decimal comma
    sites.write_text(f"naam;x;y\nStation Zwolle;{x};{y}\nStation Deventer;{DEVENTER_STATION[0]:.0f};"
                     f"{DEVENTER_STATION[1]:.0f}\n", encoding="utf-8")
    code, out, err = _run(capsys, sites)
    assert code == 0, err
    assert "2 van 2 locaties getoetst" in out
    report = _report(tmp_path / "locaties_toets.csv")
    rules = read_rules()
    assert len(report) == 2 * len(rules)
    assert report.columns[:4].tolist() == ["rij", "naam", "x", "y"]
    station = report[(report["rij"] == 2) & (report["thema"] == "station")].iloc[0]
    assert station["waarde_tekst"] == "0 m: ligt in of tegen station Zwolle" and station["indicatief"] == "nee"
    layers = read_layers(tmp_path / "locaties_toets.gpkg")
    assert set(layers) == {"locaties", "scorekaart"}
    assert layers["locaties"].crs.to_epsg() == 28992
    assert layers["locaties"]["naam"].tolist() == ["Station Zwolle", "Station Deventer"]
    assert set(layers["locaties"]["zwaarste_status"]) <= {"knelpunt", "aandacht", "geen bezwaar"}
    assert ";" in (tmp_path / "locaties_toets.csv").read_text(encoding="utf-8-sig").splitlines()[0]


def test_lon_lat_csv_and_geojson_and_geopackage_give_the_same_answers(tmp_path, capsys):
    point = gpd.GeoSeries([Point(ZWOLLE_STATION)], crs=RD_NEW).to_crs(WEB).iloc[0]
    (tmp_path / "a.csv").write_text(f"Lon,Lat\n{point.x},{point.y}\n", encoding="utf-8")
    frame = gpd.GeoDataFrame({"naam": ["Zwolle"]}, geometry=[Point(ZWOLLE_STATION)], crs=RD_NEW)
    frame.to_crs(WEB).to_file(tmp_path / "b.geojson", driver="GeoJSON")
    frame.to_file(tmp_path / "c.gpkg", layer="plannen", driver="GPKG")
    statuses = []
    for name in ("a.csv", "b.geojson", "c.gpkg"):
        code, _, err = _run(capsys, tmp_path / name, "-o", tmp_path / f"uit_{name[0]}")
        assert code == 0, err
        statuses.append(_report(tmp_path / f"uit_{name[0]}.csv")["status"].tolist())
    assert statuses[0] == statuses[1] == statuses[2]


def _mixed_geopackage(path) -> None:
    """Six rows: two good sites and four that must be skipped, each for its own reason."""
    bowtie = shapely.Polygon([(203_000, 500_000), (204_000, 501_000), (204_000, 500_000), (203_000, 501_000)])
    line = LineString([(203_000, 500_000), (204_000, 500_500)])
    geometries = [Point(ZWOLLE_STATION), bowtie, shapely.Polygon(), line, Point(121_000, 487_000),
                  box(203_000, 500_000, 203_200, 500_200)]
    frame = gpd.GeoDataFrame({"naam": ["goed", "strik", "leeg", "lijn", "Amsterdam", "vlak"]},
                             geometry=geometries, crs=RD_NEW)
    pyogrio.write_dataframe(frame, path, layer="plannen", driver="GPKG")


def test_bad_rows_are_skipped_with_their_reason_while_good_rows_are_still_checked(tmp_path, capsys):
    _mixed_geopackage(tmp_path / "plannen.gpkg")
    code, out, err = _run(capsys, tmp_path / "plannen.gpkg", "-o", tmp_path / "uit")
    assert code == 1
    assert "2 van 6 locaties getoetst" in out
    assert "object 2: ongeldige geometrie: de rand snijdt zichzelf bij (x = 203.500; y = 500.500)" in err
    assert "object 3: lege geometrie" in err
    assert "object 4: geometrietype LineString wordt niet getoetst; gebruik een punt of een vlak" in err
    assert "object 5: ligt (deels) buiten West-Overijssel" in err
    report = _report(tmp_path / "uit.csv")
    skipped = report[report["melding"].notna()].set_index("rij")["melding"]
    assert list(skipped.index) == [2, 3, 4, 5]
    assert skipped[3] == "overgeslagen: lege geometrie"
    assert sorted(report.loc[report["melding"].isna(), "rij"].unique()) == [1, 6]
    layers = read_layers(tmp_path / "uit.gpkg")
    assert layers["overgeslagen"]["rij"].tolist() == [2, 3, 4, 5]
    assert layers["locaties"]["rij"].tolist() == [1, 6]


@pytest.mark.parametrize("text, row, reason", [
    ("x,y\n203000,abc\n", 2, "kolom 'y' is geen getal ('abc')"),
    ("x,y\n,500000\n", 2, "kolom 'x' is leeg"),
    ("x,y\n6.09,52.5\n", 2, "dit lijken lon/lat-graden: geef EPSG:4326 op of gebruik de kolommen lon en lat"),
    ("lon,lat\n202850,502125\n", 2, "dit lijken RD-coördinaten"),
    ("lon,lat\n13.4,52.5\n", 2, "ligt buiten Nederland (x = 13,40000; y = 52,50000 in WGS 84)"),
])
def test_a_csv_with_only_bad_rows_is_nothing_usable_and_names_each_row(tmp_path, capsys, text, row, reason):
    (tmp_path / "s.csv").write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, tmp_path / "s.csv", "-o", tmp_path / "uit")
    assert code == 2
    assert f"rij {row}: " in err and reason in err
    assert "Traceback" not in err
    assert _report(tmp_path / "uit.csv")["melding"].str.contains(reason, regex=False).all()


def _no_crs_geopackage(path) -> None:
    with warnings.catch_warnings():  # pyogrio warns that the file will have no CRS, which is the point
        warnings.simplefilter("ignore", UserWarning)
        pyogrio.write_dataframe(gpd.GeoDataFrame(geometry=[Point(ZWOLLE_STATION)]), path, driver="GPKG")


@pytest.mark.parametrize("name, make, message", [
    ("plannen.xlsx", lambda p: p.write_bytes(b"PK"), "onbekend bestandsformaat '.xlsx'"),
    ("bestaat_niet.gpkg", lambda p: None, "bestaat niet of is geen bestand"),
    ("kapot.gpkg", lambda p: p.write_text("geen geopackage"), "kapot.gpkg is geen leesbaar GeoPackage-bestand"),
    ("tabel.gpkg", lambda p: pyogrio.write_dataframe(pd.DataFrame({"a": [1]}), p, driver="GPKG"),
     "tabel.gpkg bevat geen geometrie"),
    ("zonder_crs.gpkg", _no_crs_geopackage, "zonder_crs.gpkg heeft geen coördinatenstelsel"),
    ("kolommen.csv", lambda p: p.write_text("a,b\n1,2\n"), "heeft geen kolommen x en y (RD New) of lon en lat"),
    ("leeg.csv", lambda p: p.write_text("x,y\n"), "leeg.csv bevat geen locaties"),
    ("groot.gpkg", lambda p: open(p, "wb").truncate(MAX_BYTES + 1), "groot.gpkg is 2,0 GB; de grens is 2 GB"),
])
def test_an_unusable_file_is_refused_with_a_dutch_message_and_exit_code_2(tmp_path, capsys, name, make, message):
    make(tmp_path / name)
    code, _, err = _run(capsys, tmp_path / name, "-o", tmp_path / "uit")
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_the_output_never_overwrites_the_input(tmp_path, capsys):
    sites = tmp_path / "plannen.csv"
    sites.write_text(f"x,y\n{ZWOLLE_STATION[0]},{ZWOLLE_STATION[1]}\n", encoding="utf-8")
    before = sites.read_bytes()
    code, _, err = _run(capsys, sites, "-o", tmp_path / "plannen")
    assert code == 2 and "zou plannen.csv overschrijven" in err
    assert sites.read_bytes() == before


def test_the_command_runs_as_a_module_without_a_traceback(tmp_path):
    _mixed_geopackage(tmp_path / "plannen.gpkg")
    (tmp_path / "plannen.txt").write_text("x")
    good = subprocess.run([sys.executable, "-m", "geo.toets", tmp_path / "plannen.gpkg"], cwd=paths.ROOT,
                          capture_output=True, text=True)
    bad = subprocess.run([sys.executable, "-m", "geo.toets", tmp_path / "plannen.txt"], cwd=paths.ROOT,
                         capture_output=True, text=True)
    assert good.returncode == 1
    assert (tmp_path / "plannen_toets.csv").exists() and (tmp_path / "plannen_toets.gpkg").exists()
    assert bad.returncode == 2 and "onbekend bestandsformaat '.txt'" in bad.stderr
    assert "Traceback" not in good.stderr + bad.stderr



def test_a_geopackage_with_several_layers_checks_the_first_or_the_chosen_one(tmp_path, capsys):
    path = tmp_path / "lagen.gpkg"
    for layer, point in (("zwolle", ZWOLLE_STATION), ("deventer", DEVENTER_STATION)):
        pyogrio.write_dataframe(gpd.GeoDataFrame(geometry=[Point(point)], crs=RD_NEW), path, layer=layer)
    code, out, _ = _run(capsys, path, "-o", tmp_path / "eerste")
    assert code == 0 and "lagen.gpkg heeft 2 lagen; getoetst is de eerste, 'zwolle' (kies met --laag)." in out
    code, _, _ = _run(capsys, path, "-o", tmp_path / "gekozen", "--laag", "deventer")
    chosen = _report(tmp_path / "gekozen.csv").set_index("thema")
    assert code == 0 and chosen.loc["station", "waarde_tekst"] == "0 m: ligt in of tegen station Deventer"
    code, _, err = _run(capsys, path, "-o", tmp_path / "fout", "--laag", "kampen")
    assert code == 2 and "lagen.gpkg heeft geen laag 'kampen'; wel: zwolle, deventer" in err


def test_dwellings_at_risk_per_gemeente_count_one_outcome_and_only_what_the_rule_touches():
    from geo.selection import dwellings_by_check

    cards = _cards({"p1": ["knelpunt"], "p2": ["indicatief"], "p3": ["indicatief"], "p4": ["aandacht"]})
    cards["waarde"] = [100.0, 18.0, 0.0, 3.0]
    selected = pd.DataFrame({"project_id": ["p1", "p2", "p3", "p4"], "gemeente": ["Zwolle", "Zwolle", "Kampen", "Kampen"],
                             "woningen": [100, 40, 7, 5]})
    firm = dwellings_by_check(selected, cards, KNELPUNT).set_index("gemeente")
    assert firm.to_dict("index") == {"Kampen": {"T": 0}, "Zwolle": {"T": 100}}
    areas = dwellings_by_check(selected, cards, INDICATIEF).set_index("gemeente")
    assert areas.to_dict("index") == {"Kampen": {"T": 0}, "Zwolle": {"T": 40}}  # p3: the rule touches none of it
