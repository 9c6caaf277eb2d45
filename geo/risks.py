"""What is at risk: the dwellings in projects whose location check raises a concern, firm and indicative apart.

A concern is every check status ranked at least as high as ``aandacht`` in ``geo.schema`` (today
knelpunt and aandacht), so a status added there flows through. A result is *firm* when the project is
placed on a site or a wijk, *indicative* when the scorecard marks it ``indicatief`` (placed on a kern
or gemeente only: the check then describes the surroundings, not the building site). The two are
never added into one number. Per theme a project counts once for that theme; per gemeente a project
counts once, under its worst status, so the dwellings are never counted twice.
"""

from __future__ import annotations

import pandas as pd

from geo.headlines import Metric
from geo.numbers import format_count
from geo.schema import AANDACHT, CHECK_STATUSES, RANKED, period_label

CONCERNS = tuple(sorted((code for code, rank in RANKED.items() if rank >= RANKED[AANDACHT]),
                        key=lambda code: -RANKED[code]))
UNJUDGED = tuple(code for code, status in CHECK_STATUSES.items() if status.rank is None)
FIRM, INDICATIVE = "vast", "indicatief"
RELIABILITY = (
    "Vast: het project is op een projectgebied of wijk geplaatst, de toets gaat over die locatie. Indicatief: "
    "alleen op kern- of gemeenteniveau geplaatst, de toets zegt iets over de omgeving, niet over de bouwlocatie. "
    "De twee worden nooit opgeteld; een project telt één keer, onder zijn zwaarste uitkomst."
)
SOURCE = ("Locatietoets van de sleutelprojecten: regels uit het Actieprogramma Toekomstbestendig Bouwen; gegevens en "
          "kanttekeningen per thema onder Over de data")


def exposure(scorecards: pd.DataFrame, projects: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    """One row per project and theme: gemeente, theme, status, firm or indicative, and the dwellings
    of each period (no figure counts as 0)."""
    figures = pd.DataFrame(projects).set_index("project_id")[["gemeente", *periods]]
    cards = scorecards[scorecards["project_id"].isin(figures.index)]
    joined = cards[["project_id", "thema", "label", "status", "indicatief"]].join(figures, on="project_id")
    joined[periods] = joined[periods].astype("Int64").fillna(0).astype("int64")
    joined["zekerheid"] = joined["indicatief"].map({True: INDICATIVE, False: FIRM})
    return joined.reset_index(drop=True)


def _columns() -> list[tuple[str, str]]:
    return [(status, kind) for status in CONCERNS for kind in (FIRM, INDICATIVE)]


def _pivot(frame: pd.DataFrame, index: str, period: str, order: list[str]) -> pd.DataFrame:
    """Dwellings of the period per row of `index` and (status, vast/indicatief), zero where none."""
    concerned = frame[frame["status"].isin(CONCERNS)]
    table = concerned.pivot_table(index=index, columns=["status", "zekerheid"], values=period, aggfunc="sum",
                                  fill_value=0)
    columns = pd.MultiIndex.from_tuples(_columns(), names=["status", "zekerheid"])
    return table.reindex(index=order, columns=columns, fill_value=0).astype("int64")


def by_theme(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per theme (its label) that raises a concern anywhere: the dwellings of the period per status, firm
    and indicative apart."""
    labels = list(dict.fromkeys(frame["label"]))
    table = _pivot(frame, "label", period, labels)
    return table[table.sum(axis=1) > 0]


def worst(frame: pd.DataFrame) -> pd.DataFrame:
    """Per project: its worst outcome over all themes (ranked first, then unranked ones such as 'geen
    gegevens'), firm or indicative, the themes that raise a concern, and the dwellings of each period."""
    ranked = frame.assign(rank=frame["status"].map(RANKED).fillna(-1))
    first = ranked.sort_values("rank", ascending=False, kind="stable").groupby("project_id", sort=False).head(1)
    first = first.set_index("project_id")
    worst_status = ranked["project_id"].map(first["status"])
    concerned = ranked[ranked["status"].isin(CONCERNS) & (ranked["status"] == worst_status)]
    themes = concerned.groupby("project_id")["label"].agg(lambda labels: ", ".join(dict.fromkeys(labels)))
    periods = [c for c in frame.columns if c.startswith("woningen_")]
    order = list(dict.fromkeys(frame["project_id"]))
    result = first.loc[order, ["gemeente", "status", "zekerheid", *periods]]
    return result.assign(themas=themes.reindex(order).fillna("")).reset_index()


def by_gemeente(frame: pd.DataFrame, period: str, gemeenten: list[str]) -> pd.DataFrame:
    """Per gemeente: the dwellings of the period in projects whose worst status is each concern, firm and
    indicative apart (each project counted once)."""
    return _pivot(worst(frame), "gemeente", period, gemeenten)


def headline(frame: pd.DataFrame, periods: list[str]) -> dict[str, dict[str, dict[str, int]]]:
    """For the region: per concern, period and vast/indicatief, the dwellings and projects concerned
    (each project once, under its worst status)."""
    projects = worst(frame)
    result: dict[str, dict[str, dict[str, int]]] = {}
    for status in CONCERNS:
        chosen = projects[projects["status"] == status]
        result[status] = {
            kind: {"projecten": int((chosen["zekerheid"] == kind).sum()),
                   **{period: int(chosen.loc[chosen["zekerheid"] == kind, period].sum()) for period in periods}}
            for kind in (FIRM, INDICATIVE)
        }
    return result


def unjudged_themes(frame: pd.DataFrame) -> dict[str, str]:
    """Themes that give no project a verdict (every result unranked, e.g. 'geen gegevens'): label → status."""
    grouped = frame.groupby("label", sort=False)["status"]
    statuses = grouped.agg(lambda s: ", ".join(dict.fromkeys(s)))
    unranked = grouped.agg(lambda s: bool(s.isin(UNJUDGED).all()))
    return {label: statuses[label] for label in statuses.index if unranked[label]}


def metrics(frame: pd.DataFrame, periods: list[str]) -> list[Metric]:
    """The headline of what is at risk: per concern, the dwellings in firm and in indicative results
    (first period; the others in the remark), each project counted once under its worst status."""
    if not periods:
        return []
    figures = headline(frame, periods)
    first, rest = periods[0], periods[1:]
    result = []
    for status in CONCERNS:
        for kind in (FIRM, INDICATIVE):
            counts = figures[status][kind]
            others = "".join(f"; {period_label(p).lower()}: {format_count(counts[p])}" for p in rest)
            result.append(Metric(
                f"{CHECK_STATUSES[status].shown} · {kind}", format_count(counts[first]),
                f"woningen {period_label(first)} in {format_count(counts['projecten'])} projecten{others}.",
                SOURCE))
    return result
