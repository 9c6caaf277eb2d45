"""What is at risk: dwellings in projects with a knelpunt or aandacht, firm and indicative never mixed."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import briefing, risks
from geo.schema import AANDACHT, CHECK_STATUSES, GEEN_BEZWAAR, KNELPUNT, RANKED

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


def test_firm_and_indicative_follow_the_scorecards_indicatief_column(frame, data):
    indicative = set(data.scorecards.loc[data.scorecards["indicatief"], "project_id"])
    assert set(frame.loc[frame["zekerheid"] == risks.INDICATIVE, "project_id"]) == indicative
    assert not set(frame.loc[frame["zekerheid"] == risks.FIRM, "project_id"]) & indicative


def test_each_project_counts_once_under_its_worst_status(frame, data):
    worst = risks.worst(frame).set_index("project_id")
    assert (worst["status"] == data.projects.set_index("project_id").loc[worst.index, "toetsing"]).all()
    figures = risks.headline(frame, PERIODS)
    concerned = worst[worst["status"].isin(risks.CONCERNS)]
    total = sum(figures[s][k]["woningen_2024_2030"] for s in risks.CONCERNS for k in (risks.FIRM, risks.INDICATIVE))
    assert total == concerned["woningen_2024_2030"].sum()
    knelpunt_firm = concerned[(concerned["status"] == KNELPUNT) & (concerned["zekerheid"] == risks.FIRM)]
    assert figures[KNELPUNT][risks.FIRM]["projecten"] == len(knelpunt_firm)
    assert figures[KNELPUNT][risks.FIRM]["woningen_2031_2035"] == knelpunt_firm["woningen_2031_2035"].sum()


def test_per_gemeente_the_concerns_add_up_to_the_headline(frame, data):
    gemeenten = list(data.gemeenten["gemeente"])
    table = risks.by_gemeente(frame, "woningen_2024_2030", gemeenten)
    assert list(table.index) == gemeenten
    figures = risks.headline(frame, PERIODS)
    for status, kind in table.columns:
        assert table[(status, kind)].sum() == figures[status][kind]["woningen_2024_2030"]


def test_per_theme_a_project_counts_for_every_theme_that_raises_a_concern(frame):
    table = risks.by_theme(frame, "woningen_2024_2030")
    natura = frame[(frame["thema"] == "natura2000") & (frame["status"] == KNELPUNT)]
    label = natura["label"].iloc[0]
    assert table.loc[label, (KNELPUNT, risks.INDICATIVE)] == natura.loc[natura["indicatief"], "woningen_2024_2030"].sum()
    assert table.loc[label, (KNELPUNT, risks.FIRM)] == natura.loc[~natura["indicatief"], "woningen_2024_2030"].sum()
    assert (table.sum(axis=1) > 0).all()


def test_themes_without_any_verdict_are_named_not_counted(frame):
    unjudged = risks.unjudged_themes(frame)
    assert "Beekdal" in unjudged and unjudged["Beekdal"] == "geen gegevens"
    assert "Beekdal" not in risks.by_theme(frame, "woningen_2024_2030").index


def test_the_headline_metrics_say_firm_and_indicative_apart_in_dutch(frame):
    metrics = {m.label: m for m in risks.metrics(frame, PERIODS)}
    assert set(metrics) == {"✖ knelpunt · vast", "✖ knelpunt · indicatief", "▲ aandacht · vast", "▲ aandacht · indicatief"}
    figures = risks.headline(frame, PERIODS)
    firm = metrics["✖ knelpunt · vast"]
    assert firm.value == f"{figures[KNELPUNT][risks.FIRM]['woningen_2024_2030']:,}".replace(",", ".")
    assert "doorkijk 2031–2035" in firm.remark


def test_a_new_status_from_the_schema_flows_through(frame, monkeypatch):
    """A status the check may add (e.g. 'onvolledige gegevens', unranked) is never counted as at risk."""
    changed = frame.copy()
    changed.loc[changed["thema"] == "groen", "status"] = "onvolledige gegevens"
    monkeypatch.setattr(risks, "UNJUDGED", (*risks.UNJUDGED, "onvolledige gegevens"))
    assert "Groen binnen 300 m (natuurgebieden van minstens 1 ha)" in risks.unjudged_themes(changed)
    assert "Groen binnen 300 m (natuurgebieden van minstens 1 ha)" not in risks.by_theme(changed, PERIODS[0]).index


def test_the_project_table_names_the_check_result_firm_or_indicative(data):
    table = briefing.project_table(data, "Ommen").set_index("project_id")
    assert table.loc["ommen-binnenstedelijke-locaties", "toets"].startswith("✖ knelpunt (indicatief)")
    assert table.loc["ommen-vlierlanden", "toets"].startswith("▲ aandacht (vast)")
    assert list(table["nr"]) == [1, 2]
    assert isinstance(table, pd.DataFrame)
