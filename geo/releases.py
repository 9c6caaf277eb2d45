"""Releases and the embargo: which data a role may see at a given moment, filtered before any output.

`data/releases.toml` lists the releases with their publication moment. The public sees only
released releases; planners and bestuurders see embargoed ones too. `restrict` removes every
row, column and figure that no visible release holds, so nothing embargoed reaches a page, a
download or a cache that the public can be served from. "Now" is the system clock, or
WOONDEAL_NOW (ISO 8601 with an offset) for demos and tests; an invalid value is an error, never
a fallback to showing embargoed data.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
from babel.dates import format_date, format_datetime

from geo import paths
from geo.dataset import Dataset
from geo.region import GEMEENTEN, REGION
from geo.schema import ELEVATED, PROJECT_STATUSES, PUBLIC

ENV_NOW = "WOONDEAL_NOW"
ALL = "*"


class ReleaseError(ValueError):
    """The releases file or the moment 'now' is unusable; the message is Dutch."""


@dataclass(frozen=True)
class Release:
    """One versioned set of data and the moment it becomes public."""

    id: str
    titel: str
    publicatie: datetime
    bron: str
    projecten: tuple[str, ...]
    project_kolommen: tuple[str, ...]
    gemeente_kolommen: tuple[str, ...]
    kenmerken: tuple[str, ...]
    afwijkingen: bool
    locatietoets: bool

    def published(self, moment: datetime) -> bool:
        """Whether the release is public at this moment."""
        return moment >= self.publicatie

    def embargo_label(self) -> str:
        """'EMBARGO tot en met 15 april 2025' (or with a time when it ends during a day)."""
        local = self.publicatie
        if (local.hour, local.minute, local.second) == (0, 0, 0):
            return f"EMBARGO tot en met {format_date(local - timedelta(days=1), 'd MMMM y', locale='nl')}"
        return f"EMBARGO tot {format_datetime(local, 'd MMMM y HH:mm', locale='nl')}"


def _strings(path: Path, entry: dict, key: str) -> tuple[str, ...]:
    values = entry.get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ReleaseError(f"{path.name}: release '{entry.get('id')}': '{key}' moet een lijst met teksten zijn")
    return tuple(values)


def _release(path: Path, entry: dict, zone: ZoneInfo) -> Release:
    moment = entry.get("publicatie")
    if not isinstance(moment, datetime):
        raise ReleaseError(f"{path.name}: release '{entry.get('id')}': 'publicatie' moet een datum met tijd zijn")
    moment = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    flags = {key: entry.get(key) is True for key in ("afwijkingen", "locatietoets")}
    if not all(isinstance(entry.get(key), bool) for key in flags):
        raise ReleaseError(f"{path.name}: release '{entry.get('id')}': afwijkingen en locatietoets zijn true of false")
    for key in ("id", "titel", "bron"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ReleaseError(f"{path.name}: een release mist '{key}'")
    statuses = _strings(path, entry, "projecten")
    if not set(statuses) <= set(PROJECT_STATUSES):
        raise ReleaseError(f"{path.name}: release '{entry['id']}': onbekende projectstatus in {list(statuses)}")
    return Release(
        entry["id"], entry["titel"], moment, entry["bron"], statuses,
        _strings(path, entry, "project_kolommen"), _strings(path, entry, "gemeente_kolommen"),
        _strings(path, entry, "kenmerken"), flags["afwijkingen"], flags["locatietoets"],
    )


def read_releases(path: Path = paths.RELEASES) -> list[Release]:
    """The releases in publication order; a broken file is an error, never 'everything public'."""
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReleaseError(f"{path.name} ontbreekt: zonder releases wordt niets getoond") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ReleaseError(f"{path.name} is geen geldige TOML: {error}") from None
    try:
        zone = ZoneInfo(str(config.get("tijdzone", "")))
    except (ZoneInfoNotFoundError, ValueError):
        raise ReleaseError(f"{path.name}: onbekende tijdzone '{config.get('tijdzone')}'") from None
    entries = config.get("release")
    if not isinstance(entries, list) or not entries:
        raise ReleaseError(f"{path.name}: geen [[release]] gevonden")
    releases = [_release(path, entry, zone) for entry in entries]
    ids = [r.id for r in releases]
    if len(set(ids)) != len(ids):
        raise ReleaseError(f"{path.name}: een release-id komt twee keer voor")
    return sorted(releases, key=lambda r: r.publicatie)


def now(environ: Mapping[str, str] = os.environ) -> datetime:
    """The current moment: WOONDEAL_NOW if set (must carry an offset), else the system clock."""
    text = environ.get(ENV_NOW)
    if text is None or not text.strip():
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ReleaseError(
            f"{ENV_NOW}='{text}' is geen geldig tijdstip; gebruik ISO 8601 met tijdzone, "
            "bijvoorbeeld 2025-04-10T12:00:00+02:00. De kaart wordt niet getoond."
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ReleaseError(
            f"{ENV_NOW}='{text}' mist een tijdzone (zoals +02:00); de kaart wordt niet getoond."
        )
    return moment


def visible(releases: list[Release], role: str, moment: datetime) -> list[Release]:
    """The releases a role may see: published ones, plus embargoed ones for planner and bestuurder."""
    if role in ELEVATED:
        return list(releases)
    if role != PUBLIC:
        raise ReleaseError(f"onbekende rol '{role}'")
    return [r for r in releases if r.published(moment)]


def under_embargo(releases: list[Release], moment: datetime) -> list[Release]:
    """Those of the given releases that are not yet public."""
    return [r for r in releases if not r.published(moment)]


def _covers(columns: tuple[str, ...], column: str) -> bool:
    return ALL in columns or column in columns


def _restrict_rows(frame: pd.DataFrame, row_masks: list[pd.Series], column_sets: list[tuple[str, ...]],
                   keep: tuple[str, ...]) -> pd.DataFrame:
    """Keep rows some release holds; keep a cell only where a release holds its row and column."""
    seen = pd.Series(False, index=frame.index)
    for mask in row_masks:
        seen |= mask
    kept = frame.loc[seen].copy()
    for column in frame.columns:
        if column in keep:
            continue
        cell = pd.Series(False, index=kept.index)
        for mask, columns in zip(row_masks, column_sets):
            if _covers(columns, column):
                cell |= mask.loc[kept.index]
        if not cell.any():
            kept = kept.drop(columns=column)
        elif not cell.all():
            kept[column] = kept[column].where(cell)
    return kept


def restrict(dataset: Dataset, releases: list[Release]) -> Dataset:
    """Only what the given releases hold: rows, columns, figures, register and scorecards."""
    projects = dataset.projects
    project_masks = [projects["status"].isin(r.projecten) for r in releases]
    shown_projects = _restrict_rows(
        projects, project_masks, [r.project_kolommen for r in releases], ("geometry",),
    )
    gemeenten = _restrict_rows(
        dataset.gemeenten, [pd.Series(True, index=dataset.gemeenten.index) for _ in releases],
        [r.gemeente_kolommen for r in releases], ("geometry",),
    )
    figures = _restrict_figures(dataset.figures, projects, releases)
    register = dataset.afwijkingen if any(r.afwijkingen for r in releases) else dataset.afwijkingen.iloc[0:0]
    scorecards = dataset.scorecards
    if scorecards is not None:
        allowed = shown_projects["project_id"] if any(r.locatietoets for r in releases) else []
        scorecards = scorecards[scorecards["project_id"].isin(allowed)]
    return replace(dataset, projects=shown_projects, gemeenten=gemeenten, figures=figures,
                   afwijkingen=register, scorecards=scorecards)


def _restrict_figures(figures: pd.DataFrame, projects: pd.DataFrame, releases: list[Release]) -> pd.DataFrame:
    """A figure shows when one release holds both its object (region, gemeente, project) and kenmerk."""
    status = projects.set_index("project_id")["status"]
    regional = figures["object"].isin([REGION, *GEMEENTEN])
    keep = pd.Series(False, index=figures.index)
    for release in releases:
        objects = regional | figures["object"].map(status).isin(release.projecten)
        kenmerken = figures["kenmerk"].isin(release.kenmerken) | (ALL in release.kenmerken)
        keep |= objects & kenmerken
    shown = figures.loc[keep].copy()
    if not any(r.afwijkingen for r in releases):
        shown["afwijking"] = False
    return shown


def release_key(releases: list[Release]) -> tuple[str, ...]:
    """A cache key for data restricted to these releases (never shared across different sets)."""
    return tuple(r.id for r in releases)
