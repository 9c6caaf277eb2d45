"""The user's filters and what they select: projects, per-gemeente figures, the project at a click."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.dataset import PERIODS, Dataset

STATUSES = {"bestaand": "Bestaand (uit Woondeal 2022)", "nieuw": "Nieuw toegevoegd"}
PRECISIONS = {
    "projectgebied": "Projectgebied",
    "wijk": "Wijk of buurt",
    "kern": "Kern (dorp of stad)",
    "meerdere_kernen": "Meerdere kernen",
    "gemeente": "Alleen gemeente",
}
CHECK_STATUSES = ("knelpunt", "aandacht", "geen bezwaar", "geen gegevens")


@dataclass(frozen=True)
class Filters:
    """What the user selected; an empty tuple means 'all'."""

    gemeenten: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    period: str = "woningen_2024_2030"
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


def gemeente_figures(dataset: Dataset, selected: gpd.GeoDataFrame, filters: Filters) -> pd.DataFrame:
    """Per gemeente in view: the published figures and what the selected projects add up to."""
    gemeenten = dataset.gemeenten
    if filters.gemeenten:
        gemeenten = gemeenten[gemeenten["gemeente"].isin(filters.gemeenten)]
    table = pd.DataFrame(gemeenten.drop(columns="geometry"))
    if {"woningen_2024_2030", "woningen_woondeal_2022"} <= set(table.columns):
        table["verschil_2022_2024"] = table["woningen_2024_2030"] - table["woningen_woondeal_2022"]
    grouped = selected.groupby("gemeente")
    table["projecten_geselecteerd"] = table["gemeente"].map(grouped.size()).fillna(0).astype(int)
    table["woningen_geselecteerd"] = (
        table["gemeente"].map(grouped["woningen"].sum(min_count=1)).astype("Int64")
    )
    return table.reset_index(drop=True)


def unpublished_sums(dataset: Dataset, period: str) -> pd.DataFrame:
    """Gemeenten whose projects add up to something else than the gemeente total they publish."""
    column = {"woningen_2024_2030": "woningen_2024_2030", "woningen_na_2030": "woningen_2031_2035",
              "woningen_2022": "woningen_woondeal_2022"}.get(period)
    if column is None or column not in dataset.gemeenten.columns or period not in dataset.projects.columns:
        return pd.DataFrame(columns=["gemeente", "projecten", "gepubliceerd"])
    sums = dataset.projects.groupby("gemeente")[period].sum(min_count=1)
    table = pd.DataFrame({
        "gemeente": dataset.gemeenten["gemeente"],
        "projecten": dataset.gemeenten["gemeente"].map(sums).astype("Int64"),
        "gepubliceerd": dataset.gemeenten[column],
    })
    differs = table["projecten"].fillna(0) != table["gepubliceerd"].fillna(0)
    return table[differs.astype(bool)].reset_index(drop=True)


def project_from_tooltip(projects: pd.DataFrame, text: str | None) -> str | None:
    """The project whose tooltip was clicked: the tooltip text starts with 'name (gemeente)'."""
    if not text:
        return None
    clicked = " ".join(text.split())
    heads = projects["naam"].map(lambda n: " ".join(str(n).split())) + " (" + projects["gemeente"] + ")"
    hits = heads[heads.map(clicked.startswith)]
    return str(projects.loc[hits.str.len().idxmax(), "project_id"]) if len(hits) else None


def period_label(period: str) -> str:
    """The Dutch name of a period column."""
    return PERIODS.get(period, period)


def dwellings_by_check(selected: pd.DataFrame, scorecards: pd.DataFrame, status: str) -> pd.DataFrame:
    """Per gemeente (rows) and theme (columns): dwellings of the chosen period in the selected
    projects whose check has this status; a gemeente without such projects shows 0."""
    cards = scorecards[scorecards["project_id"].isin(selected["project_id"]) & (scorecards["status"] == status)]
    joined = cards.join(selected.set_index("project_id")[["gemeente", "woningen"]], on="project_id")
    labels = list(dict.fromkeys(scorecards["label"]))
    table = joined.pivot_table(index="gemeente", columns="label", values="woningen", aggfunc="sum", fill_value=0)
    table = table.reindex(index=sorted(selected["gemeente"].unique()), columns=labels, fill_value=0)
    return table.loc[:, (table != 0).any()].astype("int64").reset_index()
