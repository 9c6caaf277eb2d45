"""The rules table: every theme is there, cites its seed line, and its thresholds drive the status."""

import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from geo import paths
from geo.constraints import DERIVATIONS
from geo.provenance import read_provenance
from geo.rules import VERDICTS_COLUMNS, classify, criteria, reach, read_rules, verdicts_table, zone_bands
from geo.schema import AANDACHT, GEEN_BEZWAAR, KNELPUNT, ONVOLLEDIG
from geo.sources import SourceError
from tests.conftest import edit_csv

REQUIRED_THEMES = {
    "buitendijks", "dijkring", "primaire_kering", "laagveen", "rivierengebied", "natura2000", "natuurnetwerk",
    "groen", "station", "beekdal", "laagte", "drinkwater",
}
NO_DATA_THEMES = {"beekdal", "laagte", "drinkwater", "waterberging"}


@pytest.fixture(scope="module")
def rules():
    return {rule.thema: rule for rule in read_rules()}


def _rule(rules, theme, **changes):
    """One rule as the engine sees it, with some fields changed."""
    return replace(rules[theme], **changes)


def test_every_theme_of_the_issue_is_in_the_table(rules):
    assert set(rules) >= REQUIRED_THEMES


def test_the_seed_lines_are_the_ones_the_issue_names(rules):
    assert rules["buitendijks"].bron_regel == "4418–4422"  # waterbewust: kritisch zijn bij ...
    assert rules["groen"].bron_regel == "4293–4295"  # 3-30-300
    assert rules["natura2000"].bron_regel == "1014–1021"  # Woondeal: stikstof
    assert rules["station"].bron_regel == "1006–1010"  # Woondeal: bereikbaarheid
    assert "300 meter" in rules["groen"].bron_tekst
    assert "stikstofruimte" in rules["natura2000"].bron_tekst
    assert "(Actieprogramma Toekomstbestendig Bouwen, themakaart Waterbewust, regel 4418–4422)" in rules["buitendijks"].regel


def test_themes_without_data_are_those_without_a_derivation_and_say_why(rules):
    no_data = [rule for rule in rules.values() if not rule.heeft_gegevens]
    assert {rule.thema for rule in no_data} == NO_DATA_THEMES == set(rules) - set(DERIVATIONS)
    assert all(rule.kanttekening.startswith("Geen gegevens:") for rule in no_data)
    assert all(rule.aandacht_grens is None and rule.knelpunt_grens is None for rule in no_data)
    assert {rule.bron for rule in no_data} == {"geen gegevensbron beschikbaar"}


def test_a_themes_files_and_source_come_from_its_derivation_and_the_provenance_file(rules):
    provenance = read_provenance()
    buitendijks = rules["buitendijks"]
    assert buitendijks.lagen == tuple(provenance[d].bestanden[0] for d in DERIVATIONS["buitendijks"].inputs)
    for dataset in ("hoofdwater", "natura2000", "dijkringen_2002", "dijktrajecten_nbpw"):
        assert provenance[dataset].cited() in buitendijks.bron
    assert "licentie: niet vermeld" in rules["natura2000"].bron and "RVO via PDOK (2026)" in rules["natura2000"].bron


def test_a_proxy_is_named_for_what_it_is(rules):
    assert rules["laagveen"].label == "Laagveengebied (regionale schaal)"
    assert "afgeleid" in rules["buitendijks"].label
    assert "Stadsparken" in rules["groen"].kanttekening
    assert "Zwolle Stadshagen" in rules["station"].kanttekening


@pytest.mark.parametrize("value, expected", [
    (0.0, GEEN_BEZWAAR), (0.1, AANDACHT), (10.0, AANDACHT), (10.1, KNELPUNT), (100.0, KNELPUNT), (np.nan, GEEN_BEZWAAR),
])
def test_a_share_above_its_threshold_gets_the_status(rules, value, expected):
    rule = _rule(rules, "buitendijks", aandacht_grens=0.0, knelpunt_grens=10.0)
    assert classify(np.array([value]), rule)[0] == expected


@pytest.mark.parametrize("value, expected", [
    (0.0, KNELPUNT), (50.0, KNELPUNT), (51.0, AANDACHT), (200.0, AANDACHT), (201.0, GEEN_BEZWAAR),
    (np.nan, GEEN_BEZWAAR),
])
def test_a_hazard_distance_at_or_within_its_threshold_gets_the_status(rules, value, expected):
    rule = _rule(rules, "primaire_kering", aandacht_grens=200.0, knelpunt_grens=50.0)
    assert classify(np.array([value]), rule)[0] == expected


@pytest.mark.parametrize("value, expected", [
    (0.0, GEEN_BEZWAAR), (1200.0, GEEN_BEZWAAR), (1201.0, AANDACHT), (5000.0, AANDACHT), (5001.0, KNELPUNT),
    (np.nan, KNELPUNT),
])
def test_an_amenity_further_than_its_threshold_gets_the_status(rules, value, expected):
    rule = _rule(rules, "station", aandacht_grens=1200.0, knelpunt_grens=5000.0)
    assert classify(np.array([value]), rule)[0] == expected


def test_an_empty_threshold_never_applies(rules):
    rule = _rule(rules, "dijkring", aandacht_grens=0.0, knelpunt_grens=None)
    assert list(classify(np.array([0.0, 100.0]), rule)) == [GEEN_BEZWAAR, AANDACHT]
    assert "nooit knelpunt" in criteria(rule)


@pytest.mark.parametrize("value, expected", [(0.0, GEEN_BEZWAAR), (300.0, GEEN_BEZWAAR), (301.0, ONVOLLEDIG)])
def test_a_verdict_the_data_cannot_carry_is_onvolledige_gegevens(rules, value, expected):
    """Green without city parks: a nature area within 300 m is a fact, none within 300 m says nothing."""
    assert rules["groen"].uitspraken == (GEEN_BEZWAAR,)
    assert classify(np.array([value]), rules["groen"])[0] == expected


def test_every_theme_says_which_verdicts_its_data_carry_and_the_caveat_says_it_too(rules):
    assert rules["primaire_kering"].uitspraken == (KNELPUNT, AANDACHT, GEEN_BEZWAAR)
    assert rules["laagveen"].uitspraken == (AANDACHT,)
    assert rules["beekdal"].uitspraken == ()
    assert rules["groen"].toelichting.startswith(
        "Deze gegevens dragen alleen de uitspraak geen bezwaar; waar de grenzen aandacht zouden geven, staat "
        "'onvolledige gegevens'. Benadering:")
    assert rules["dijkring"].toelichting.startswith("Deze gegevens dragen de uitspraken aandacht en geen bezwaar. ")
    assert rules["beekdal"].toelichting == rules["beekdal"].kanttekening


def test_the_zones_of_a_distance_rule_are_named_from_its_thresholds(rules):
    assert zone_bands(rules["primaire_kering"]) == [
        (KNELPUNT, 50.0, "0–50 m van een primaire waterkering"), (AANDACHT, 200.0, "50–200 m van een primaire waterkering")]
    assert zone_bands(rules["natura2000"]) == [
        (KNELPUNT, 0.0, "in of tegen een Natura 2000-gebied"), (AANDACHT, 2000.0, "0–2.000 m van een Natura 2000-gebied")]
    assert zone_bands(rules["station"]) == [
        (KNELPUNT, 5000.0, "meer dan 5.000 m van een treinstation"), (AANDACHT, 1200.0, "1.200–5.000 m van een treinstation")]
    assert zone_bands(rules["groen"]) == [(AANDACHT, 300.0, "meer dan 300 m van een natuurgebied van minstens 1 ha")]
    assert zone_bands(rules["buitendijks"]) == []  # a share rule has no zones: its layer is where it applies
    assert (reach(rules["natura2000"], 0.0), reach(rules["station"], 1200.0)) == ("in of tegen", "verder dan 1.200 m van")


def test_the_rule_text_is_written_from_the_thresholds(rules):
    assert criteria(rules["station"]) == (
        "afstand vanaf het midden van de locatie tot de laag: aandacht bij meer dan 1.200 m, "
        "knelpunt bij meer dan 5.000 m")
    assert criteria(rules["natura2000"]).endswith("aandacht binnen 2.000 m, knelpunt bij 0 m (in of tegen de laag)")
    assert criteria(rules["beekdal"]) == "niet uit te voeren, want er zijn geen gegevens"


def test_changing_a_threshold_in_the_table_changes_the_check(sources):
    edit_csv(sources / paths.RULES.name, _row("station"), "aandacht_grens", "2.500")
    rule = next(rule for rule in read_rules(sources / paths.RULES.name) if rule.thema == "station")
    assert rule.aandacht_grens == 2500
    assert classify(np.array([2000.0]), rule)[0] == GEEN_BEZWAAR
    assert "aandacht bij meer dan 2.500 m" in rule.regel


def _row(theme: str) -> int:
    """The spreadsheet row (header = 1) of a theme in the committed rules table."""
    return int(pd.read_csv(paths.RULES, dtype=str)["thema"].tolist().index(theme)) + 2


@pytest.mark.parametrize("theme, column, value, message", [
    ("station", "aandacht_grens", "1.2", "kolom 'aandacht_grens': '1.2' is geen getal"),
    ("station", "maat", "tijd", "kolom 'maat': 'tijd' is niet een van: aandeel, afstand"),
    ("groen", "bron_regel", "4200", "groen: de bron_tekst staat niet in regel 4200"),
    ("buitendijks", "knelpunt_grens", "0", "buitendijks: de grens voor knelpunt moet verder gaan dan die voor"),
    ("natura2000", "aandacht_grens", "6.000", "natura2000: een grens is groter dan 5.000 m"),
    ("laagveen", "aandacht_grens", "101", "laagveen: een grens is groter dan 100%"),
    ("dijkring", "richting", "", "dijkring: kolom 'richting' is leeg, terwijl de regel gegevens heeft"),
    ("station", "gemeten_vanaf", "", "station: kolom 'gemeten_vanaf' (rand of midden) hoort bij een afstand"),
    ("beekdal", "aandacht_grens", "100", "beekdal: een thema zonder gegevens heeft geen grenzen"),
    ("beekdal", "uitspraken", "aandacht", "beekdal: een thema zonder gegevens heeft geen grenzen, uitspraken"),
    ("dijkring", "uitspraken", "knelpunt; aandacht",
     "dijkring: uitspraak 'knelpunt' kan niet voorkomen: er is geen grens voor knelpunt"),
    ("groen", "uitspraken", "mooi", "kolom 'uitspraken': 'mooi' is geen uitspraak"),
    ("groen", "uitspraken", "", "groen: kolom 'uitspraken' is leeg, terwijl de regel gegevens heeft"),
    ("station", "omschrijving", "", "station: kolom 'omschrijving' is leeg, terwijl de regel gegevens heeft"),
    ("laagte", "thema", "beekdal", "dubbele rij voor beekdal"),
])
def test_a_malformed_rule_is_refused_naming_file_row_and_problem(sources, theme, column, value, message):
    row = _row(theme)
    edit_csv(sources / paths.RULES.name, row, column, value)
    with pytest.raises(SourceError, match=re.escape(f"{paths.RULES.name}, rij {row}: ") + ".*" + re.escape(message)):
        read_rules(sources / paths.RULES.name)


def test_a_missing_rules_column_is_named(sources):
    path = sources / paths.RULES.name
    path.write_text(path.read_text(encoding="utf-8").replace("knelpunt_grens", "knelpunt"), encoding="utf-8")
    with pytest.raises(SourceError, match="regels.csv, rij 1: kolom ontbreekt: knelpunt_grens"):
        read_rules(path)


def test_a_malformed_rules_table_stops_the_build(sources):
    from geo.build import build

    edit_csv(sources / paths.RULES.name, _row("station"), "knelpunt_grens", "veel")
    with pytest.raises(SourceError, match="regels.csv, rij .*: kolom 'knelpunt_grens': 'veel' is geen getal"):
        build(sources, sources.parent / "afwijkingen.csv")


def test_a_missing_source_file_of_a_theme_is_refused_naming_the_file(sources):
    (sources / "ns_stations_2016_west_overijssel.geojson").unlink()
    with pytest.raises(SourceError, match=r"regels.csv, rij \d+: station: bronbestand ontbreekt: ns_stations_2016"):
        read_rules(sources / paths.RULES.name)


def test_the_readme_says_per_theme_which_verdicts_its_data_carry_as_the_rules_table_does():
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    header = "| " + " | ".join(VERDICTS_COLUMNS) + " |"
    lines = text.split(header, 1)[1].split("\n\n", 1)[0].strip().splitlines()[1:]
    rows = [tuple(cell.strip() for cell in line.strip("|").split(" | ")) for line in lines]
    assert rows == [tuple(row) for row in verdicts_table().itertuples(index=False)]
