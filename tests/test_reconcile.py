"""Every total and repeated figure is checked; each disagreement must be in the register."""

import pytest

from geo import paths
from geo.build import build
from geo.reconcile import (
    Occurrence,
    ReconciliationError,
    check_register,
    disagreements,
    occurrences,
    read_register,
    reference_value,
    resolve,
)
from geo.region import REGION
from geo.sources import read_sources
from tests.conftest import edit_csv


@pytest.fixture(scope="module")
def tables():
    return read_sources(paths.SOURCES)


@pytest.fixture(scope="module")
def findings(tables):
    return disagreements(occurrences(tables), tables)


def test_the_register_holds_exactly_the_disagreements_in_the_documents(findings):
    check_register(findings, read_register())
    assert len(findings) == 25


def test_the_known_contradictions_of_the_documents_are_found(findings):
    pairs = {(f.onderwerp.split(": ")[-1], f.waarde_a, f.waarde_b) for f in findings}
    assert ("Deventer Centrumschil (Deventer)", "2.550", "2.250") in pairs
    assert ("Deventer", "4.550", "4.850") in pairs
    assert ("Ommen", "508", "518") in pairs
    assert (REGION, "7.960", "7.929") in pairs
    assert (REGION, "25.045", "25.125") in pairs
    assert (REGION, "24.210", "24.520") in pairs
    assert (REGION, "2031 t/m 2035", "2031 t/m 2025") in pairs


def test_a_new_unrecorded_disagreement_fails_the_build_and_names_the_row_to_add(sources):
    edit_csv(sources / paths.TABLE_REALISED.name, 2, "gerealiseerd_2022_2024", "480")
    with pytest.raises(ReconciliationError) as error:
        build(sources, sources.parent / "afwijkingen.csv")
    message = str(error.value)
    assert "niet geregistreerde afwijking" in message
    assert "Gerealiseerde woningen Q1 2022 t/m Q4 2024: West-Overijssel,7.960" in message
    assert "7.930" in message


def test_a_register_row_that_no_longer_occurs_fails_the_build(sources):
    edit_csv(sources / paths.OVERVIEW.name, 8, "woningen_2024_2030", "2.550")
    edit_csv(sources / paths.OVERVIEW.name, 8, "gedrukt", "Deventer Centrumschil 2.550")
    with pytest.raises(ReconciliationError, match="komt niet \\(meer\\) voor"):
        build(sources, sources.parent / "afwijkingen.csv")


def test_the_used_value_must_be_one_of_the_two_recorded_values(sources):
    register = sources.parent / "afwijkingen.csv"
    edit_csv(register, 2, "gebruikt", "2.400")
    with pytest.raises(ReconciliationError, match="'gebruikt' moet waarde_a of waarde_b zijn"):
        build(sources, register)


def test_the_register_choice_is_the_value_the_product_uses(tables, findings):
    found = occurrences(tables)
    resolved = resolve(found, findings, read_register())
    assert resolved[("woningen_2024_2030", "deventer-centrumschil")].value == 2250
    assert resolved[("woningen_2024_2030", "deventer-centrumschil")].afwijking
    assert resolved[("gerealiseerd_2022_2024", REGION)].value == 7960
    assert resolved[("woningen_2024_2030", "Ommen")].value == 508
    assert resolved[("gemeente", "zwartewaterland-hasselt-om-de-weede")].value == "Zwartewaterland"


def test_a_column_of_dashes_sums_to_a_dash_so_unknown_is_not_zero(tables):
    found = [o for o in occurrences(tables) if o.key == ("woningen_2031_2035", "Ommen")]
    assert found and all(o.value is None for o in found)


def test_the_reference_is_the_value_most_sources_agree_on():
    group = [Occurrence(("x", "y"), 1, "a"), Occurrence(("x", "y"), 2, "b"), Occurrence(("x", "y"), 2, "c")]
    assert reference_value(group) == 2
    assert reference_value(group[:2]) == 1


def test_the_register_records_the_periods_dates_and_frequencies_the_documents_disagree_on():
    register = read_register().set_index(["onderwerp", "waarde_b"])
    periods = "Periode waarover de woningen in sleutelprojecten tellen: West-Overijssel"
    overlap = register.loc[(periods, "vanaf vaststelling Woondeal 2022 t/m 2030"), "toelichting"]
    assert "7.960" in overlap and "24.210" in overlap  # realised and 2024–2030 may not be added up
    for subject, other in ((periods, "2025 t/m 2030"), (periods, "2025 t/m 2034"),
                           ("Periode van de doorkijk: West-Overijssel", "na 2030"),
                           ("Hoe vaak provincie en gemeenten in 1-op-1 gesprekken de voortgang bespreken: "
                            "West-Overijssel", "halfjaarlijks"),
                           ("Einde van het embargo op de geactualiseerde Woondeal: West-Overijssel",
                            "15 april 2025, zodra GS het signaal geeft"),
                           ("Soort opgave van de 28.200 woningen (bruto of netto): West-Overijssel", "netto")):
        assert (subject, other) in register.index


def test_the_heino_row_says_the_two_readings_describe_different_mergers():
    register = read_register()
    heino = register[register["onderwerp"].str.startswith("Naam van het sleutelproject: Heino Centrum")].iloc[0]
    assert "dezelfde naam leesbaar" not in heino["toelichting"]
    assert "een andere samenvoeging" in heino["toelichting"]


def test_the_register_says_in_one_sentence_why_the_projects_add_up_to_24220():
    register = read_register()
    row = register[register["onderwerp"] == "Woningen in sleutelprojecten 2024 t/m 2030: West-Overijssel"].iloc[0]
    first = row["toelichting"].split("; alle andere gemeenten tellen precies op.")[0]
    assert all(figure in first for figure in ("24.220", "24.210", "Ommen", "518", "508")) and ". " not in first
