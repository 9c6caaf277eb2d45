"""The user's filters and what they select: projects, per-gemeente figures, dwellings by check outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.check import touched
from geo.dataset import Dataset
from geo.memo import kept_for
from geo.schema import DEFAULT_PERIOD

_SUMS: dict[int, tuple[Any, dict[str, pd.DataFrame]]] = {}
_ATTRIBUTES: dict[int, tuple[Any, pd.DataFrame]] = {}  # per gemeenten frame: its columns without geometry


@dataclass(frozen=True)
class Filters:
    """What the user selected; an empty tuple means 'all'."""

    gemeenten: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    period: str = DEFAULT_PERIOD
    precisions: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()


def _keep(values: pd.Series, chosen: tuple[str, ...]) -> pd.Series:
    return values.isin(chosen) if chosen else pd.Series(True, index=values.index)


def select_projects(dataset: Dataset, filters: Filters) -> gpd.GeoDataFrame:
    """The projects that pass every filter and have a figure in the chosen period, with 'woningen'."""
    projects = dataset.projects
    period = filters.period if filters.period in projects.columns else next(iter(dataset.periods()))
    mask = (
        _keep(projects["gemeente"], filters.gemeenten)
        & _keep(projects["status"], filters.statuses)
        & _keep(projects["locatie_precisie"], filters.precisions)
        & projects[period].notna()
    )
    if filters.checks and "toetsing" in projects.columns:
        mask &= projects["toetsing"].isin(filters.checks)
    return projects[mask].assign(woningen=projects.loc[mask, period])


def gemeente_attributes(dataset: Dataset) -> pd.DataFrame:
    """The gemeenten's figures without their geometry, made once per dataset (the pages ask on every rerun;
    never changed in place, so it can be shared)."""
    return kept_for(_ATTRIBUTES, dataset.gemeenten, lambda: pd.DataFrame(dataset.gemeenten.drop(columns="geometry")),
                    limit=8)


def gemeente_figures(dataset: Dataset, selected: gpd.GeoDataFrame, filters: Filters) -> pd.DataFrame:
    """Per gemeente in view: the published (and built) figures and what the selected projects add up to."""
    table = gemeente_attributes(dataset)
    if filters.gemeenten:
        table = table[table["gemeente"].isin(filters.gemeenten)]
    table = table.reset_index(drop=True)
    grouped = selected["woningen"].groupby(selected["gemeente"])
    table["projecten_geselecteerd"] = table["gemeente"].map(grouped.size()).fillna(0).astype(int)
    table["woningen_geselecteerd"] = table["gemeente"].map(grouped.sum(min_count=1)).astype("Int64")
    return table


def unpublished_sums(dataset: Dataset, period: str) -> pd.DataFrame:
    """Gemeenten whose projects add up to something else than the gemeente total they publish (worked
    out once per dataset and period: the page asks on every rerun)."""
    known = kept_for(_SUMS, dataset, dict, limit=8)
    if period not in known:
        known[period] = _unpublished_sums(dataset, period)
    return known[period]


def _unpublished_sums(dataset: Dataset, period: str) -> pd.DataFrame:
    if period not in dataset.gemeenten.columns or period not in dataset.projects.columns:
        return pd.DataFrame(columns=["gemeente", "projecten", "gepubliceerd"])
    sums = dataset.projects.groupby("gemeente")[period].sum(min_count=1)
    table = pd.DataFrame({
        "gemeente": dataset.gemeenten["gemeente"],
        "projecten": dataset.gemeenten["gemeente"].map(sums).astype("Int64"),
        "gepubliceerd": dataset.gemeenten[period],
    })
    differs = table["projecten"].fillna(0) != table["gepubliceerd"].fillna(0)
    return table[differs.astype(bool)].reset_index(drop=True)


def dwellings_by_check(selected: pd.DataFrame, scorecards: pd.DataFrame, status: str) -> pd.DataFrame:
    """Per gemeente (rows) and theme (columns): dwellings of the chosen period in the selected projects
    whose check has this status and that the rule touches (for 'indicatief': projects placed on a kern
    or gemeente with part of that area inside the rule); a gemeente without such projects shows 0.
    One status per table, so firm verdicts and indicative areas are never added up."""
    chosen = scorecards["project_id"].isin(selected["project_id"]) & (scorecards["status"] == status)
    cards = scorecards.loc[chosen & touched(scorecards), ["project_id", "label"]]
    ids = selected["project_id"].to_numpy()
    joined = pd.DataFrame({  # looked up per project, and summed by groupby: a join and pivot_table cost 4× more
        "gemeente": cards["project_id"].map(pd.Series(selected["gemeente"].to_numpy(), index=ids)),
        "label": cards["label"],
        "woningen": cards["project_id"].map(pd.Series(selected["woningen"].to_numpy(), index=ids)),
    })
    labels = list(dict.fromkeys(scorecards["label"]))
    table = joined.groupby(["gemeente", "label"])["woningen"].sum().unstack(fill_value=0)
    table = table.reindex(index=sorted(selected["gemeente"].unique()), columns=labels, fill_value=0)
    return table.loc[:, (table != 0).any()].astype("int64").reset_index()
