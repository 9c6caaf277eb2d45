"""The Locatiekeuze page headless (AppTest): drawings, clicks, links, uploads and sleutelprojecten become
sites with scorecards and a comparison; bad input gets a Dutch message; the public checks released data."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point, box
from streamlit.testing.v1 import AppTest

from access.accounts import add_account
from access.log import read_log
from geo.constraints import load_themes
from geo.geodata import RD_NEW, WEB
from geo.sitelink import LinkedSite, encode, link_value
from geo.sites import OUTSIDE_REGION
from tests.embargo import BEFORE, PASSWORD, leaks
from tests.test_embargo import everything_shown
from ui.login import Visitor

APP = "../streamlit_app.py"
MAP = "lk_kaart"


def _station(name: str) -> tuple[float, float]:
    point = load_themes()["station"].set_index("naam").loc[f"station {name}", "geometry"]
    return point.x, point.y


ZWOLLE, DEVENTER = _station("Zwolle"), _station("Deventer")


def workbench(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    for name, values in query.items():
        at.query_params[name] = values
    return at.switch_page("app_pages/locatiekeuze.py").run()


def web(geometry) -> dict:
    return shapely.geometry.mapping(gpd.GeoSeries([geometry], crs=RD_NEW).to_crs(WEB).iloc[0])


def draw(at: AppTest, *geometries) -> AppTest:
    """What the map reports after drawings: every feature of its drawing layer (and the last click)."""
    try:
        previous = at.session_state[MAP] or {}
    except KeyError:
        previous = {}
    features = list(previous.get("all_drawings") or [])
    features += [{"type": "Feature", "properties": {}, "geometry": web(g)} for g in geometries]
    at.session_state[MAP] = {"all_drawings": features, "last_clicked": None}
    return at.run()


def links(at: AppTest) -> list[str]:
    """The values of the link's plek parameter."""
    values = at.query_params.get("plek", [])
    return [values] if isinstance(values, str) else list(values)


def texts(at: AppTest) -> str:
    return "\n".join(e.value for kind in ("markdown", "error", "warning", "info", "caption") for e in at.get(kind)
                     if hasattr(e, "value"))


def comparison(at: AppTest):
    return next(d.value for d in at.dataframe if "Verschil" in d.value.columns)


def scorecard(at: AppTest):
    return next(d.value for d in at.dataframe if "Regel (bron)" in d.value.columns)


def test_the_page_offers_drawing_tools_served_by_the_app_in_dutch():
    at = workbench()
    assert not at.exception
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    links = args["js_links"] + args["css_links"]
    assert "/app/static/vendor/leaflet-draw-1.0.4/leaflet.draw.js" in links
    assert all(link.startswith(("/app/static/vendor/", "/app/static/wd/")) for link in links)
    assert args["returned_objects"] == ["last_clicked", "all_drawings"]
    assert '"polyline": false' in args["script"] and '"circle": false' in args["script"]
    assert "Teken een vlak" in args["script"] and "Klik op het eerste punt om het vlak te sluiten." in args["script"]
    assert "WD.update(" in args["feature_group"] and '"id": "natura2000"' in args["feature_group"], \
        "the theme layers are offered in the map panel"


def test_a_drawn_polygon_gets_its_scorecard_and_a_column_in_the_comparison_and_the_link():
    at = workbench()
    square = box(ZWOLLE[0] - 100, ZWOLLE[1] - 100, ZWOLLE[0] + 100, ZWOLLE[1] + 100)
    draw(at, square)
    assert not at.exception
    assert "**Locatie 1** · Getekend op de kaart · 4,0 ha · zwaarste uitkomst:" in texts(at)
    card = scorecard(at)
    assert len(card) == len(load_themes()) + 4  # every theme, also those without data
    station = card[card["Thema"].str.startswith("Afstand tot een treinstation")].iloc[0]
    assert station["Gemeten"] in ("0 m: ligt in of tegen station Zwolle", "1 m tot station Zwolle")  # on whole metres
    assert list(comparison(at).columns) == ["Thema", "Locatie 1", "Verschil"]
    value = links(at)[0]
    assert value.startswith("Locatie 1:V")


def test_a_click_asks_what_applies_here_and_can_be_kept_as_a_site():
    at = workbench()
    lon, lat = gpd.GeoSeries([Point(DEVENTER)], crs=RD_NEW).to_crs(WEB).iloc[0].coords[0]
    at.session_state[MAP] = {"all_drawings": None, "last_clicked": {"lat": lat, "lng": lon}}
    at.run()
    assert "**Wat geldt hier?** · Aangeklikt punt · punt" in texts(at)
    assert "0 m: ligt in of tegen station Deventer" in scorecard(at)["Gemeten"].tolist()
    assert not any("Verschil" in d.value.columns for d in at.dataframe), "a click is no site of the comparison"
    at.button(key="lk_bewaar_klik").click().run()
    assert "Punt 1" in comparison(at).columns


@pytest.mark.parametrize("geometry, message", [
    (Point(121_000, 487_000), OUTSIDE_REGION),
    (box(195_000, 495_000, 205_000, 505_000), "is 100,0 km² groot; een bouwlocatie is hoogstens 20 km²"),
])
def test_a_drawing_that_is_no_site_gets_a_dutch_message_and_no_column(geometry, message):
    at = workbench()
    draw(at, geometry)
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert not any("Verschil" in d.value.columns for d in at.dataframe)


def test_a_self_intersecting_drawing_is_repaired_with_a_notice():
    at = workbench()
    x, y = 202_850, 502_125
    draw(at, shapely.Polygon([(x, y), (x + 400, y + 400), (x + 400, y), (x, y + 400)]))
    assert any("De vorm was ongeldig (de rand snijdt zichzelf" in w.value and "hersteld tot een geldig vlak van 8,0 ha"
               in w.value for w in at.warning)
    assert "Locatie 1" in comparison(at).columns


def test_at_most_six_sites_are_compared():
    at = workbench()
    squares = [box(ZWOLLE[0] + 300 * i, ZWOLLE[1], ZWOLLE[0] + 300 * i + 100, ZWOLLE[1] + 100) for i in range(7)]
    draw(at, *squares)
    assert len(comparison(at).columns) == 2 + 6
    assert any("Er staan al 6 locaties in de vergelijking; verwijder er eerst een." in e.value for e in at.error)


def test_sites_are_renamed_and_removed_and_the_table_follows():
    at = workbench()
    draw(at, Point(ZWOLLE), Point(DEVENTER))
    at.text_input(key="lk_naam_t1").input("Kade <b>noord</b>").run()
    assert list(comparison(at).columns) == ["Thema", "Kade <b>noord</b>", "Locatie 2", "Verschil"]
    at.text_input(key="lk_naam_t2").input("kade <b>noord</b>").run()
    assert list(comparison(at).columns)[2] == "kade <b>noord</b> (2)"
    at.button(key="lk_weg_t1").click().run()
    assert list(comparison(at).columns) == ["Thema", "kade <b>noord</b> (2)", "Verschil"]


def test_a_sleutelproject_joins_the_comparison_with_its_stored_scorecard():
    at = workbench()
    draw(at, Point(ZWOLLE))
    at.selectbox(key="lk_project").select("deventer-bathmen").run()
    table = comparison(at)
    assert "Bathmen" in table.columns
    assert "(sleutelproject)" in table.loc[table["Thema"] == "Omvang", "Bathmen"].iloc[0]
    assert links(at)[1] == "Bathmen:@deventer-bathmen"


def test_the_link_brings_back_the_same_sites_and_says_what_it_could_not_use():
    square = box(*DEVENTER, DEVENTER[0] + 200, DEVENTER[1] + 200)
    values = [link_value(LinkedSite("Kade", square)), "Kapot:V!!", "Bathmen:@deventer-bathmen",
              "Nergens:@bestaat-niet", link_value(LinkedSite("Amsterdam", Point(121_000, 487_000)))]
    at = workbench(plek=values)
    assert not at.exception
    table = comparison(at)
    assert list(table.columns) == ["Thema", "Kade", "Bathmen", "Verschil"]
    shown = " ".join(w.value for w in at.warning)
    assert "Locatie 2 uit de link is niet gebruikt: het teken '!' hoort niet in een locatiecode." in shown
    assert "Locatie 4 uit de link is niet gebruikt: het sleutelproject uit de link bestaat niet" in shown
    assert "Locatie 5 uit de link is niet gebruikt: ligt (deels) buiten West-Overijssel" in shown
    assert links(at) == [values[0], values[2]]


def test_a_site_too_large_for_the_link_is_named_and_left_out():
    at = workbench()
    draw(at, Point(ZWOLLE).buffer(300, quad_segs=256), Point(DEVENTER))
    assert any("'Locatie 1' staat niet in de link: de vorm heeft te veel hoekpunten voor de link" in w.value
               for w in at.warning)
    assert [v.split(":")[0] for v in links(at)] == ["Locatie 2"]


def test_an_upload_is_read_in_memory_checked_and_logged_without_its_geometry(tmp_path, monkeypatch):
    log = tmp_path / "toegang.jsonl"
    monkeypatch.setenv("WOONDEAL_ACCESS_LOG", str(log))
    at = workbench()
    rows = (f"naam;x;y\nStation Zwolle;{ZWOLLE[0]:.0f};{ZWOLLE[1]:.0f}\n<img src=x onerror=alert(1)>;abc;1\n"
            f"Station Deventer;{DEVENTER[0]:.0f};{DEVENTER[1]:.0f}\n")
    at.file_uploader(key="lk_bestand").set_value(("plannen.csv", rows.encode(), "text/csv")).run()
    assert not at.exception
    assert "**Bestand plannen.csv** (CSV): 2 van 3 locaties getoetst, 1 overgeslagen." in texts(at)
    assert list(comparison(at).columns) == ["Thema", "Station Zwolle", "Station Deventer", "Verschil"]
    skipped = next(d.value for d in at.dataframe if "Reden" in d.value.columns)
    assert skipped.to_dict("records") == [{"Rij": "3", "Reden": "kolom 'x' is geen getal ('abc')"}]
    records = [r for r in read_log(log) if r["gebeurtenis"] == "upload_locaties"]
    assert len(records) == 1
    assert records[0]["details"] == {"pagina": "Locatiekeuze", "formaat": "CSV", "locaties": 2, "overgeslagen": 1}
    assert records[0]["rol"] == "publiek"
    assert str(round(ZWOLLE[0])) not in log.read_text(encoding="utf-8")


def test_a_bad_upload_gets_the_readers_dutch_message(tmp_path, monkeypatch):
    monkeypatch.setenv("WOONDEAL_ACCESS_LOG", str(tmp_path / "toegang.jsonl"))
    at = workbench()
    at.file_uploader(key="lk_bestand").set_value(("plannen.xlsx", b"PK\x03\x04", "application/zip")).run()
    assert any("Het bestand is niet gebruikt: onbekend bestandsformaat '.xlsx'" in e.value for e in at.error)
    at.file_uploader(key="lk_bestand").set_value(("<b>kapot</b>.gpkg", b"geen geopackage", "x")).run()
    assert any("\\<b\\>kapot\\</b\\>.gpkg is geen leesbaar GeoPackage-bestand" in e.value for e in at.error)


def test_the_public_checks_against_the_released_data_before_the_release(monkeypatch, data):
    monkeypatch.setenv("WOONDEAL_NOW", BEFORE)
    at = workbench()
    options = at.selectbox(key="lk_project").options
    new = data.projects.loc[data.projects["status"] == "nieuw", "naam"]
    assert options and not any(name in option for option in options for name in new)
    draw(at, Point(ZWOLLE))
    assert "Locatie 1" in comparison(at).columns
    assert links(at) == [link_value(LinkedSite("Locatie 1", Point(round(ZWOLLE[0]),
                                                                                       round(ZWOLLE[1]))))]
    assert encode(Point(ZWOLLE)) in links(at)[0]


def test_before_the_release_the_public_workbench_shows_nothing_embargoed(monkeypatch, tmp_path, secrets):
    monkeypatch.setenv("WOONDEAL_NOW", BEFORE)
    monkeypatch.setenv("WOONDEAL_ACCESS_LOG", str(tmp_path / "toegang.jsonl"))
    at = workbench()
    draw(at, box(ZWOLLE[0] - 100, ZWOLLE[1] - 100, ZWOLLE[0] + 100, ZWOLLE[1] + 100))
    at.selectbox(key="lk_project").select("deventer-bathmen").run()
    assert not at.exception
    shown = everything_shown(at)
    assert "Bathmen" in shown and "Locatie 1" in shown
    assert leaks(shown, secrets) == [] and "EMBARGO" not in shown


def test_a_sleutelproject_the_view_may_not_show_leaves_the_comparison(monkeypatch, tmp_path, data):
    new = data.projects.loc[data.projects["status"] == "nieuw"].iloc[0]
    add_account(tmp_path / "accounts.toml", "planner1", "planner", PASSWORD)  # a session outlives no account
    monkeypatch.setenv("WOONDEAL_ACCOUNTS", str(tmp_path / "accounts.toml"))
    monkeypatch.setenv("WOONDEAL_LOGIN_ATTEMPTS", str(tmp_path / "pogingen.json"))
    monkeypatch.setenv("WOONDEAL_ACCESS_LOG", str(tmp_path / "toegang.jsonl"))
    monkeypatch.setenv("WOONDEAL_NOW", BEFORE)
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["_account"] = Visitor("planner1", "planner", "lokaal")
    at.run()
    at.switch_page("app_pages/locatiekeuze.py").run()
    at.selectbox(key="lk_project").select(new["project_id"]).run()
    assert new["naam"] in comparison(at).columns
    assert any("EMBARGO tot en met 15 april 2025" in c.value for c in at.caption)
    del at.session_state["_account"]
    at.run()
    assert not any("Verschil" in d.value.columns for d in at.dataframe)
    assert any("1 sleutelproject(en) uit de vergelijking gehaald: in deze weergave niet (meer) te zien." in i.value
               for i in at.info)
    assert new["naam"] not in everything_shown(at)
