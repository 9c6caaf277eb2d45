"""The Streamlit app headless (AppTest): filters drive figures, tables and map; errors stay Dutch."""

from __future__ import annotations

import json
import re
import shutil
from unittest import mock

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo import paths
from tests.shown import headline_figures
from ui import widgets

APP = "../streamlit_app.py"


def run_app(page: str | None = None, **session) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    return at.switch_page(f"app_pages/{page}.py").run() if page else at


@pytest.fixture(scope="module")
def app() -> AppTest:
    return run_app()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in headline_figures(at)}


def map_args(at: AppTest) -> dict:
    component = at.get("component_instance")[0]
    return json.loads(component.proto.json_args)


@pytest.mark.parametrize("page", ["kaart", "locatiekeuze", "tabellen", "afwijkingen", "over"])
def test_every_page_runs_without_exceptions(page):
    at = run_app(page)
    assert not at.exception
    assert at.title


def test_regional_headline_figures_come_from_the_documents(app):
    shown = metrics(app)
    assert shown["Opgave 2022–2030"] == "28.200"
    assert shown["Gerealiseerd 2022–2024"] == "7.960"
    assert shown["Sleutelprojecten 2024–2030"] == "24.210"
    assert shown["Doorkijk 2031–2035"] == "10.124"
    assert any("28,2% van de opgave" in m.remark for m in headline_figures(app))


def test_default_selection_is_the_fifty_projects_of_2024_2030(app):
    shown = metrics(app)
    assert shown["Geselecteerde sleutelprojecten"] == "50"
    assert shown["Woningen 2024 t/m 2030 in de selectie"] == "24.220"
    assert any("Ommen: de projecten tellen op tot 518" in i.value for i in app.info)


def test_the_gemeente_filter_changes_figures_tables_and_map():
    at = run_app(f_gemeenten=["Deventer", "Ommen"])
    shown = metrics(at)
    assert shown["Geselecteerde sleutelprojecten"] == "5"
    assert shown["Woningen 2024 t/m 2030 in de selectie"] == "5.068"
    gemeente_values = [m.value for m in headline_figures(at) if m.label == "Gerealiseerd 2022–2024"]
    assert gemeente_values == ["7.960", "2.106"]
    script = map_args(at)["feature_group"]
    assert "Keizerslanden" in script and "Stadshagen" not in script
    tables = run_app("tabellen", f_gemeenten=["Deventer", "Ommen"])
    table = tables.dataframe[0].value
    assert list(table["Gemeente"]) == ["Deventer", "Ommen"]
    assert list(table["2024 t/m 2030"]) == [4550, 508]
    assert list(table["Woningen in selectie"]) == [4550, 518]
    elderly = tables.dataframe[1].value
    assert list(elderly["Gemeente"]) == ["Deventer", "Ommen"] and "Totaal (basis)" in elderly.columns
    projects = tables.dataframe[2].value
    assert sorted(projects["Sleutelproject"]) == [
        "Bathmen", "Deventer Centrumschil", "Deventer Keizerslanden", "Ommen Vlierlanden",
        "Ommen binnenstedelijke locaties",
    ]


def test_a_table_asked_for_again_is_replayed_and_another_table_is_formatted_anew():
    st.cache_data.clear()
    with mock.patch("ui.widgets._dutch", wraps=widgets._dutch) as formatted:
        first = run_app("tabellen", f_gemeenten=["Kampen"])
        assert formatted.called
        formatted.reset_mock()
        again = run_app("tabellen", f_gemeenten=["Kampen"])  # another session, the same figures
        assert not formatted.called
        assert all(t.value.equals(u.value) for t, u in zip(again.dataframe, first.dataframe, strict=True))
        other = run_app("tabellen", f_gemeenten=["Raalte"])
        assert formatted.called
    assert list(other.dataframe[0].value["Gemeente"]) == ["Raalte"]


def test_the_status_filter_keeps_only_new_projects():
    at = run_app(f_status=["nieuw"])
    assert metrics(at)["Geselecteerde sleutelprojecten"] == "16"
    assert metrics(at)["Woningen 2024 t/m 2030 in de selectie"] == "3.925"


def test_the_period_filter_switches_to_the_doorkijk_and_the_2022_figures():
    at = run_app(f_periode="woningen_2031_2035")
    assert metrics(at)["Geselecteerde sleutelprojecten"] == "29"
    assert metrics(at)["Woningen Doorkijk 2031–2035 in de selectie"] == "10.124"
    at = run_app(f_periode="woningen_2022")
    assert metrics(at)["Geselecteerde sleutelprojecten"] == "35"
    assert metrics(at)["Woningen Woondeal 2022 in de selectie"] == "25.045"


def test_the_precision_filter_selects_by_location_precision():
    at = run_app(f_precisie=["meerdere_kernen"])
    assert metrics(at)["Geselecteerde sleutelprojecten"] == "3"
    assert metrics(at)["Woningen 2024 t/m 2030 in de selectie"] == "712"


def test_the_choropleth_figure_and_its_legend_follow_the_choice():
    at = run_app(k_figuur="woningen_2031_2035")
    script = map_args(at)["feature_group"]
    assert "Doorkijk 2031 t/m 2035" in script
    assert "geen gegevens" in script  # Ommen has no doorkijk figure: not shown as 0


def test_the_map_loads_nothing_from_a_cdn_and_returns_only_clicks(app):
    args = map_args(app)
    links = args["js_links"] + args["css_links"]
    assert links and all(link.startswith(("/app/static/vendor/", "/app/static/wd/")) for link in links)
    assert args["returned_objects"] == ["last_object_clicked", "last_active_drawing"]


def test_every_project_feature_on_the_map_carries_its_id(app):
    script = map_args(app)["feature_group"]
    assert script.count('"project_id": "deventer-bathmen"') == 2  # its area and its symbol


def test_a_click_on_a_project_opens_its_detail_with_source_lines():
    at = run_app()
    at.session_state[map_args(at)["key"]] = {
        "last_object_clicked": {"lat": 52.25, "lng": 6.29},
        "last_active_drawing": {"type": "Feature", "properties": {"project_id": "deventer-bathmen", "tooltip": "…"}},
    }
    at.run()
    assert at.session_state["project"] == "deventer-bathmen"
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert "Woningen in sleutelprojecten 2024 t/m 2030: **650**" in texts
    source = next(t for t in texts if "regel 1515" in t)
    assert "Deventer Bathmen Bestaand 650 650 190" in source


def test_a_project_chosen_from_the_list_shows_its_register_rows():
    at = run_app(project="deventer-centrumschil")
    texts = " ".join(w.value for w in at.warning)
    assert "2.550 tegenover 2.250" in texts and "Gebruikt: 2.250" in texts


def test_the_afwijkingen_page_lists_every_recorded_row():
    at = run_app("afwijkingen")
    register = open(paths.AFWIJKINGEN, encoding="utf-8").read().count("\n") - 1
    titles = [m.value for m in at.markdown if re.match(r"\*\*\d+\. ", m.value)]
    assert len(titles) == register == 25
    assert any("Gerealiseerde woningen Q1 2022 t/m Q4 2024: West-Overijssel" in t for t in titles)


def test_a_missing_data_file_gives_a_dutch_message_not_a_traceback(tmp_path, monkeypatch):
    for name in (paths.GEMEENTEN_GPKG.name, paths.AFWIJKINGEN.name, paths.RELEASES.name):
        shutil.copy(paths.DATA / name, tmp_path / name)
    monkeypatch.setenv("WOONDEAL_DATA", str(tmp_path))
    at = run_app()
    assert not at.exception
    assert "sleutelprojecten.gpkg: bestand ontbreekt" in at.error[0].value


def test_a_corrupt_data_file_gives_a_dutch_message_not_a_traceback(tmp_path, monkeypatch):
    for name in (paths.GEMEENTEN_GPKG.name, paths.AFWIJKINGEN.name, paths.RELEASES.name):
        shutil.copy(paths.DATA / name, tmp_path / name)
    (tmp_path / paths.PROJECTS_GPKG.name).write_bytes(b"dit is geen geopackage")
    monkeypatch.setenv("WOONDEAL_DATA", str(tmp_path))
    at = run_app()
    assert not at.exception
    assert "De kaartgegevens kunnen niet worden gelezen" in at.error[0].value


def test_a_project_on_a_kern_gets_indicatief_not_a_verdict_in_its_scorecard():
    at = run_app(project="deventer-bathmen")
    assert any("geen oordeel over een bouwlocatie" in i.value for i in at.info)
    card = next(d.value for d in at.dataframe if "Uitkomst" in d.value.columns)
    measured = card[~card["Uitkomst"].str.endswith("geen gegevens")]
    assert set(measured["Uitkomst"]) == {"≈ indicatief"}
    kering = card[card["Thema"] == "Nabij een primaire waterkering"].iloc[0]
    assert re.fullmatch(r"\d+,\d% van de kern ligt binnen 50 m van een primaire waterkering, \d+,\d% binnen 200 m",
                        kering["Gemeten"])


def test_a_site_whose_data_cannot_carry_a_verdict_says_onvolledige_gegevens():
    at = run_app(project="kampen-de-bakkerij")
    card = next(d.value for d in at.dataframe if "Uitkomst" in d.value.columns)
    groen = card[card["Thema"].str.startswith("Groen")].iloc[0]
    assert groen["Uitkomst"] == "◐ onvolledige gegevens"
    assert "Stadsparken" in groen["Kanttekening bij de gegevens"]
    assert card[card["Thema"].str.startswith("Buitendijks")].iloc[0]["Uitkomst"] == "✔ geen bezwaar"


def test_the_dwellings_at_risk_keep_firm_verdicts_and_indicative_areas_in_separate_tables():
    at = run_app("tabellen")
    titles = [m.value for m in at.markdown]
    assert "**✖ knelpunt (op een locatie)**" in titles and "**▲ aandacht (op een locatie)**" in titles
    assert "**≈ indicatief: de regel raakt een deel van de wijk, kern of gemeente**" in titles
    assert any("Tel de tabellen niet bij elkaar op" in c.value for c in at.caption)


def test_the_theme_layers_carry_their_rule_zones_and_the_legend_names_the_thresholds(app):
    script = map_args(app)["feature_group"]
    for text in ("✖ knelpunt: 0–50 m van een primaire waterkering", "▲ aandacht: 50–200 m van een primaire waterkering",
                 "▲ aandacht: 1.200–5.000 m van een treinstation", "Zones: waar de rand van een locatie"):
        assert json.dumps(text)[1:-1] in script, text  # the panel's configuration is JSON in the script
    layer = (paths.ROOT / "static" / "kaartlagen" / "primaire_kering.js").read_text(encoding="utf-8")
    assert '"zone":"knelpunt"' in layer and '"naam":"dijktraject 11-2, norm 1/3.000 per jaar' in layer


def test_over_de_data_says_per_theme_which_verdicts_its_data_carry():
    at = run_app("over")
    table = next(d.value for d in at.dataframe if "Uitspraken die de gegevens dragen" in d.value.columns)
    groen = table[table["Thema"].str.startswith("Groen")].iloc[0]
    assert (groen["Uitspraken die de gegevens dragen"], groen["Anders staat er"]) == (
        "geen bezwaar", "onvolledige gegevens in plaats van aandacht")
    limits = " ".join(m.value for m in at.markdown)
    assert "benaderd" in limits and "indicatief" in limits
