"""What is at risk: dwellings in projects with a knelpunt or aandacht, and in kernen or gemeenten a rule
touches, firm and indicative never mixed."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import briefing, risks
from geo.check import touched
from geo.schema import AANDACHT, CHECK_STATUSES, GEEN_BEZWAAR, INDICATIEF, KNELPUNT, RANKED

PERIODS = ["woningen_2024_2030", "woningen_2031_2035"]


@pytest.fixture(scope="module")
def frame(data):
    return risks.exposure(data.scorecards, data.projects, PERIODS)


def test_the_concerns_are_the_schema_statuses_ranked_at_least_as_aandacht():
    ranked = {c for c, s in CHECK_STATUSES.items() if s.rank is not None and s.rank >= CHECK_STATUSES[AANDACHT].rank}
    assert set(risks.CONCERNS) == ranked
    assert [RANKED[c] for c in risks.CONCERNS] == sorted((RANKED[c] for c in ranked), reverse=True)
    assert risks.CONCERNS[:2] == (KNELPUNT, AANDACHT) and GEEN_BEZWAAR not in risks.CONCERNS
    assert set(risks.UNJUDGED) == {c for c, s in CHECK_STATUSES.items() if s.rank is None}
    assert (*((c, risks.FIRM) for c in risks.CONCERNS), (INDICATIEF, risks.INDICATIVE)) == risks.CATEGORIES


def test_firm_and_indicative_follow_the_scorecards_indicatief_column(frame, data):
    indicative = set(data.scorecards.loc[data.scorecards["indicatief"], "project_id"])
    assert set(frame.loc[frame["zekerheid"] == risks.INDICATIVE, "project_id"]) == indicative
    assert not set(frame.loc[frame["zekerheid"] == risks.FIRM, "project_id"]) & indicative


def test_each_project_counts_once_under_its_worst_status(frame, data):
    worst = risks.worst(frame).set_index("project_id")
    assert (worst["status"] == data.projects.set_index("project_id").loc[worst.index, "toetsing"]).all()
    figures = risks.headline(frame, PERIODS)
    concerned = worst[worst["geraakt"]]
    assert set(concerned["status"]) <= {*risks.CONCERNS, INDICATIEF}
    total = sum(figures[c]["woningen_2024_2030"] for c in risks.CATEGORIES)
    assert total == concerned["woningen_2024_2030"].sum()
    knelpunt_firm = concerned[(concerned["status"] == KNELPUNT) & (concerned["zekerheid"] == risks.FIRM)]
    assert figures[(KNELPUNT, risks.FIRM)]["projecten"] == len(knelpunt_firm) > 0
    assert figures[(KNELPUNT, risks.FIRM)]["woningen_2031_2035"] == knelpunt_firm["woningen_2031_2035"].sum()


def test_an_indicative_area_counts_only_where_the_rule_touches_it(frame):
    indicative = frame[frame["zekerheid"] == risks.INDICATIVE]
    assert set(indicative["status"]) <= {INDICATIEF, *risks.UNJUDGED}  # never a verdict about a site
    counted = risks.headline(frame, PERIODS)[(INDICATIEF, risks.INDICATIVE)]
    projects = indicative[indicative["geraakt"]].drop_duplicates("project_id")
    assert counted["projecten"] == len(projects) > 0
    assert counted["woningen_2024_2030"] == projects["woningen_2024_2030"].sum()
    assert (frame["geraakt"] == touched(frame)).all()


def test_per_gemeente_the_concerns_add_up_to_the_headline(frame, data):
    gemeenten = list(data.gemeenten["gemeente"])
    table = risks.by_gemeente(frame, "woningen_2024_2030", gemeenten)
    assert list(table.index) == gemeenten
    assert tuple(table.columns) == risks.CATEGORIES
    figures = risks.headline(frame, PERIODS)
    for category in table.columns:
        assert table[category].sum() == figures[category]["woningen_2024_2030"]


def test_per_theme_a_project_counts_for_every_theme_that_raises_a_concern(frame):
    table = risks.by_theme(frame, "woningen_2024_2030")
    natura = frame[(frame["thema"] == "natura2000") & frame["geraakt"]]
    label = natura["label"].iloc[0]
    firm, indicative = natura[natura["zekerheid"] == risks.FIRM], natura[natura["zekerheid"] == risks.INDICATIVE]
    assert table.loc[label, (KNELPUNT, risks.FIRM)] == firm.loc[firm["status"] == KNELPUNT, "woningen_2024_2030"].sum()
    assert table.loc[label, (INDICATIEF, risks.INDICATIVE)] == indicative["woningen_2024_2030"].sum()
    assert (table.sum(axis=1) > 0).all()


def test_themes_without_any_verdict_are_named_not_counted(frame):
    unjudged = risks.unjudged_themes(frame)
    assert "Beekdal" in unjudged and unjudged["Beekdal"] == "geen gegevens"
    assert "Beekdal" not in risks.by_theme(frame, "woningen_2024_2030").index


def test_the_headline_metrics_say_firm_and_indicative_apart_in_dutch(frame):
    metrics = {m.label: m for m in risks.metrics(frame, PERIODS)}
    assert set(metrics) == {"✖ knelpunt · vast", "▲ aandacht · vast", "≈ indicatief: regel raakt het gebied"}
    figures = risks.headline(frame, PERIODS)
    firm = metrics["✖ knelpunt · vast"]
    assert firm.value == f"{figures[(KNELPUNT, risks.FIRM)]['woningen_2024_2030']:,}".replace(",", ".")
    assert "doorkijk 2031–2035" in firm.remark
    assert "Actualisatie" not in firm.bron  # the rules' document is not cited before its release


def test_the_project_table_names_the_check_result_firm_or_indicative(data):
    table = briefing.project_table(data, "Kampen").set_index("project_id")
    assert table.loc["kampen-flevowijk", "toets"].startswith("≈ indicatief: regel raakt het gebied (")  # a wijk
    assert table.loc["kampen-de-bakkerij", "toets"].startswith("▲ aandacht · vast (")  # a site drawn by hand
    assert list(table["nr"]) == [1, 2, 3, 4, 5]
    assert isinstance(table, pd.DataFrame)
