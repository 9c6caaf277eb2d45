"""What changed since the Woondeal 2022, computed from the data, against rows checked by hand in the text.

`tests/veranderingen_2022.csv` was made by reading every Bijlage-1 row (lines 1461–1743) and the
overview per gemeente (1763–1920) of data/sources/woondeal_documenten.txt: per project the 2022
figure, the 2024–2030 figure as the product uses it (Deventer Centrumschil 2.250, see the register),
the kind of change and the difference, with notes and line numbers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo import changes
from geo.reference import normalise, quote
from geo.releases import read_releases, restrict
from geo.schema import PERIOD_2022

HAND_CHECKED = Path(__file__).with_name("veranderingen_2022.csv")


def _count(text: str) -> int | None:
    return None if text in ("", "-") else int(text.replace(".", "").replace("+", ""))


@pytest.fixture(scope="module")
def hand():
    return pd.read_csv(HAND_CHECKED, dtype=str, keep_default_na=False).set_index("project_id")


@pytest.fixture(scope="module")
def computed(data):
    return changes.project_changes(data.projects).set_index("project_id")


def test_every_project_changes_as_checked_by_hand(hand, computed):
    assert sorted(hand.index) == sorted(computed.index)
    for project_id, row in hand.iterrows():
        mine = computed.loc[project_id]
        assert mine["verandering"] == row["verandering"], project_id
        difference = None if pd.isna(mine["verschil"]) else int(mine["verschil"])
        assert difference == _count(row["verschil"]), project_id
        assert _count(row["woningen_2022"]) == (None if pd.isna(mine[PERIOD_2022]) else int(mine[PERIOD_2022]))


def test_the_hand_checked_rows_are_the_printed_rows_of_bijlage_1(hand, data):
    projects = data.projects.set_index("project_id")
    for project_id, row in hand.iterrows():
        printed = normalise(quote(projects.loc[project_id, "bron"].split("; ")[0])).lower()
        figures = f"{row['woningen_2022']} {row['woningen_2024_2030']} {row['woningen_2031_2035']}"
        if projects.loc[project_id, "afwijking"]:  # the register says which printed figure is not used
            figures = row["woningen_2022"]
        assert f"{row['status'].lower()} {figures}" in printed, project_id


def test_the_region_went_from_35_projects_and_25045_dwellings_and_gained_17(computed):
    totals = changes.totals(computed)
    assert (totals["nieuw"], totals["gegroeid"], totals["gelijk"], totals["gekrompen"]) == (17, 18, 3, 14)
    assert (totals["bestaand"], totals["bestaand_2022"], totals["bestaand_2024_2030"]) == (35, 25_045, 20_295)
    assert totals["nieuw_2024_2030"] == 3_925


def test_per_gemeente_the_2022_figures_add_up_to_what_each_gemeente_published(computed, data):
    table = changes.gemeente_changes(computed).set_index("gemeente")
    published = data.gemeenten.set_index("gemeente")[PERIOD_2022]
    assert (table["bestaand_2022"] == published.loc[table.index]).all()
    assert table.loc["Zwolle", ["nieuw", "gegroeid", "gelijk", "gekrompen"]].tolist() == [1, 1, 0, 5]


def test_a_shrink_made_up_by_the_doorkijk_is_called_a_shift_past_2030(computed):
    assert "naar na 2030 geschoven" in changes.remark(computed.loc["kampen-reevedelta"])
    assert "3.835" in changes.remark(computed.loc["kampen-reevedelta"])
    assert "minder (700)" in changes.remark(computed.loc["zwolle-zwartewaterallee"])
    assert changes.remark(computed.loc["raalte-warm-hart"]) == ""


def test_what_the_documents_say_about_lapsed_and_merged_projects_is_quoted_from_the_cited_lines():
    said = {d.onderwerp: d for d in changes.documented()}
    assert "37 sleutelprojecten" in said["De Woondeal 2022"].tekst and "25.125" in said["De Woondeal 2022"].tekst
    assert "vervallen van een sleutelproject" in said["Vervallen project"].tekst
    assert "Heino Molenweg en Heino Vitale kern" in said["Samengevoegd (overzicht per gemeente)"].tekst
    assert "regel 1481–1482" in changes.PERIOD_CAVEAT
    assert "Voor zover bekend, zijn reeds gerealiseerde woningen" in said["Oorzaken"].tekst


def test_before_the_release_the_public_data_cannot_be_compared(data):
    public = restrict(data, [r for r in read_releases() if r.id == "woondeal-2022"])
    assert not changes.comparable(public)
    assert changes.comparable(data)
