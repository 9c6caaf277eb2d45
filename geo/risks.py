"""What is at risk: the dwellings in projects whose location check raises a concern, firm and indicative apart.

A *firm* concern is a verdict about a site: every check status ranked at least as high as ``aandacht``
in ``geo.schema`` (today knelpunt and aandacht), so a status added there flows through. An
*indicative* concern is a project placed on a wijk, kern or gemeente only, whose check is ``indicatief`` and
whose rule touches part of that area (``geo.check.touched``): it says something about the
surroundings, not about the building site, and carries no verdict. The two are never added into one
number. Per theme a project counts once for that theme; per gemeente a project counts once, under its
worst outcome, so the dwellings are never counted twice.
"""

from __future__ import annotations

import pandas as pd

from geo.check import touched, worst_status
from geo.headlines import Metric
from geo.numbers import format_count
from geo.schema import AANDACHT, CHECK_STATUSES, INDICATIEF, INDICATIVE_LEVELS, RANKED, SITE_LEVELS, period_label

CONCERNS = tuple(sorted((code for code, rank in RANKED.items() if rank >= RANKED[AANDACHT]),
                        key=lambda code: -RANKED[code]))
UNJUDGED = tuple(code for code, status in CHECK_STATUSES.items() if status.rank is None)
FIRM, INDICATIVE = "vast", "indicatief"
# The columns of every risk table and headline: each firm concern, then the indicative areas.
CATEGORIES = (*((status, FIRM) for status in CONCERNS), (INDICATIEF, INDICATIVE))
RELIABILITY = (
    f"Vast: het project is op {SITE_LEVELS} geplaatst, de toets gaat over die locatie. Indicatief: alleen op "
    f"een {INDICATIVE_LEVELS} geplaatst; de toets geeft dan geen oordeel, maar zegt dat de regel een deel van "
    f"die {INDICATIVE_LEVELS} raakt. De twee worden nooit opgeteld; een project telt "
    "één keer, onder zijn zwaarste uitkomst."
)
# The rules' document is not named here: before its release a public screen may not cite it (the
# scorecard's rule column shows what the visible releases hold).
SOURCE = "Locatietoets van de sleutelprojecten: de regel, de gegevens en de kanttekening per thema onder Over de data"


def category_label(status: str, kind: str) -> str:
    """A risk column's name: '✖ Knelpunt · vast', or for the indicative areas what they say."""
    if kind == INDICATIVE:
        return f"{CHECK_STATUSES[INDICATIEF].shown}: regel raakt het gebied"
    return f"{CHECK_STATUSES[status].shown} · {kind}"


def exposure(scorecards: pd.DataFrame, projects: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    """One row per project and theme: gemeente, theme, status, firm or indicative, and the dwellings
    of each period (no figure counts as 0)."""
    figures = pd.DataFrame(projects).set_index("project_id")[["gemeente", *periods]]
    cards = scorecards[scorecards["project_id"].isin(figures.index)]
    joined = cards[["project_id", "thema", "label", "status", "indicatief", "waarde"]].join(figures, on="project_id")
    joined[periods] = joined[periods].astype("Int64").fillna(0).astype("int64")
    joined["zekerheid"] = joined["indicatief"].map({True: INDICATIVE, False: FIRM})
    joined["geraakt"] = touched(joined).to_numpy()
    return joined.reset_index(drop=True)


def _pivot(frame: pd.DataFrame, index: str, period: str, order: list[str]) -> pd.DataFrame:
    """Dwellings of the period per row of `index` and category (status, vast/indicatief), zero where none."""
    concerned = frame[frame["geraakt"]]
    table = concerned.pivot_table(index=index, columns=["status", "zekerheid"], values=period, aggfunc="sum",
                                  fill_value=0)
    columns = pd.MultiIndex.from_tuples(CATEGORIES, names=["status", "zekerheid"])
    return table.reindex(index=order, columns=columns, fill_value=0).astype("int64")


def by_theme(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per theme (its label) that raises a concern anywhere: the dwellings of the period per category,
    firm and indicative apart."""
    labels = list(dict.fromkeys(frame["label"]))
    table = _pivot(frame, "label", period, labels)
    return table[table.sum(axis=1) > 0]


def worst(frame: pd.DataFrame) -> pd.DataFrame:
    """Per project: its worst outcome over all themes (the check's own ``worst_status``, as on the map),
    firm or indicative, whether a rule touches it there, the themes behind it, and the dwellings of each
    period."""
    status = worst_status(frame)
    concerned = frame[frame["geraakt"] & (frame["status"] == frame["project_id"].map(status))]
    themes = concerned.groupby("project_id")["label"].agg(lambda labels: ", ".join(dict.fromkeys(labels)))
    periods = [c for c in frame.columns if c.startswith("woningen_")]
    projects = frame.drop_duplicates("project_id").set_index("project_id")
    order = projects.index
    return projects[["gemeente"]].assign(
        status=status.reindex(order), zekerheid=projects["zekerheid"], geraakt=order.isin(themes.index),
        **{period: projects[period] for period in periods}, themas=themes.reindex(order).fillna(""),
    ).rename_axis("project_id").reset_index()


def by_gemeente(frame: pd.DataFrame, period: str, gemeenten: list[str]) -> pd.DataFrame:
    """Per gemeente: the dwellings of the period in projects whose worst outcome is each category, firm
    and indicative apart (each project counted once)."""
    return _pivot(worst(frame), "gemeente", period, gemeenten)


def headline(frame: pd.DataFrame, periods: list[str]) -> dict[tuple[str, str], dict[str, int]]:
    """For the region: per category (status, vast/indicatief), the dwellings of each period and the
    projects concerned (each project once, under its worst outcome)."""
    projects = worst(frame)
    result: dict[tuple[str, str], dict[str, int]] = {}
    for status, kind in CATEGORIES:
        chosen = projects[(projects["status"] == status) & (projects["zekerheid"] == kind) & projects["geraakt"]]
        result[(status, kind)] = {"projecten": len(chosen), **{period: int(chosen[period].sum()) for period in periods}}
    return result


def unjudged_themes(frame: pd.DataFrame) -> dict[str, str]:
    """Themes that give no project a verdict (every result unranked, e.g. 'geen gegevens'): label → status."""
    grouped = frame.groupby("label", sort=False)["status"]
    statuses = grouped.agg(lambda s: ", ".join(dict.fromkeys(s)))
    unranked = grouped.agg(lambda s: bool(s.isin(UNJUDGED).all()))
    return {label: statuses[label] for label in statuses.index if unranked[label]}


def metrics(frame: pd.DataFrame, periods: list[str]) -> list[Metric]:
    """The headline of what is at risk: per category, the dwellings (first period; the others in the
    remark), each project counted once under its worst outcome."""
    if not periods:
        return []
    figures = headline(frame, periods)
    first, rest = periods[0], periods[1:]
    result = []
    for category in CATEGORIES:
        counts = figures[category]
        others = "".join(f"; {period_label(p).lower()}: {format_count(counts[p])}" for p in rest)
        result.append(Metric(
            category_label(*category), format_count(counts[first]),
            f"woningen {period_label(first)} in {format_count(counts['projecten'])} projecten{others}.", SOURCE))
    return result
