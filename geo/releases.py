"""Releases and the embargo: which data a role may see at a given moment, filtered before any output.

`data/releases.toml` lists the releases with their publication moment. The public sees only
released releases; planners and bestuurders see embargoed ones too. `restrict` removes every
row, column and figure that no visible release holds, and cuts every text (sources, quotes, rule
texts, caveats) to the documents the visible releases bring (``geo.documents``), so nothing
embargoed reaches a page, a download or a cache that the public can be served from. Where a later
document changed what an earlier release holds, the earlier release shows its own value
(``[[release.eigen]]``) while the later one is not visible. "Now" is the system clock, or
WOONDEAL_NOW (ISO 8601 with an offset) for demos and tests; an invalid value is an error, never
a fallback to showing embargoed data.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import geopandas as gpd
import pandas as pd
from babel.dates import format_date, format_datetime

from geo import paths
from geo.dataset import Dataset
from geo.documents import released_sources, released_text
from geo.region import GEMEENTEN, REGION
from geo.schema import ELEVATED, PROJECT_STATUSES, PUBLIC

ENV_NOW = "WOONDEAL_NOW"
ALL = "*"
_NAMED_SUBJECT = re.compile(r"^(.*?): .* (\([^()]*\))$")


class ReleaseError(ValueError):
    """The releases file or the moment 'now' is unusable; the message is Dutch."""


@dataclass(frozen=True)
class OwnValue:
    """A value a release shows itself where a later document changed it (a figure or a project cell)."""

    object: str
    kenmerk: str
    waarde: int | str
    bron: str


@dataclass(frozen=True)
class Release:
    """One versioned set of data, the documents it brings and the moment it becomes public."""

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
    documenten: tuple[str, ...] = ()
    toelichting: str = ""
    eigen: tuple[OwnValue, ...] = ()

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
    note = entry.get("toelichting", "")
    if not isinstance(note, str):
        raise ReleaseError(f"{path.name}: release '{entry['id']}': 'toelichting' moet tekst zijn")
    return Release(
        entry["id"], entry["titel"], moment, entry["bron"], statuses,
        _strings(path, entry, "project_kolommen"), _strings(path, entry, "gemeente_kolommen"),
        _strings(path, entry, "kenmerken"), flags["afwijkingen"], flags["locatietoets"],
        _strings(path, entry, "documenten"), note.strip(), _own_values(path, entry),
    )


def _own_values(path: Path, entry: dict) -> tuple[OwnValue, ...]:
    """The release's [[release.eigen]] tables: object, kenmerk, waarde (number or text) and bron."""
    values = entry.get("eigen", [])
    if not isinstance(values, list):
        raise ReleaseError(f"{path.name}: release '{entry['id']}': 'eigen' moet een lijst van tabellen zijn")
    own = []
    for number, value in enumerate(values, start=1):
        keys = {"object", "kenmerk", "waarde", "bron"}
        if not isinstance(value, dict) or set(value) != keys or not all(
                isinstance(value[k], str) and value[k].strip() for k in keys - {"waarde"}) \
                or not isinstance(value["waarde"], int | str) or isinstance(value["waarde"], bool):
            raise ReleaseError(f"{path.name}: release '{entry['id']}', eigen waarde {number}: verwacht precies "
                               "object, kenmerk, bron (tekst) en waarde (getal of tekst)")
        own.append(OwnValue(value["object"], value["kenmerk"], value["waarde"], value["bron"]))
    return tuple(own)


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


def _holder(index: pd.Index, row_masks: list[pd.Series], column_sets: list[tuple[str, ...]],
            column: str) -> pd.Series:
    """Per row, the position of the newest release that holds this column of it (-1: none)."""
    holder = pd.Series(-1, index=index)
    for position, (mask, columns) in enumerate(zip(row_masks, column_sets)):
        if _covers(columns, column):
            holder[mask.loc[index]] = position
    return holder


def _own_cells(frame: pd.DataFrame, key: str, releases: list[Release], row_masks: list[pd.Series],
               column_sets: list[tuple[str, ...]]) -> pd.DataFrame:
    """A release's own values in the cells it is the newest visible release to hold."""
    for position, release in enumerate(releases):
        for own in release.eigen:
            if own.kenmerk not in frame.columns:
                continue
            holder = _holder(frame.index, row_masks, column_sets, own.kenmerk)
            rows = (frame[key] == own.object) & (holder == position)
            if rows.any():
                frame[own.kenmerk] = frame[own.kenmerk].astype(object).where(~rows, own.waarde)
    return frame


def _documents(releases: list[Release]) -> frozenset[str]:
    """The datasets whose texts the given releases bring."""
    return frozenset(document for release in releases for document in release.documenten)


def _sources(bron: pd.Series, holder: pd.Series, releases: list[Release], shown: frozenset[str]) -> pd.Series:
    """Sources cut to the shown documents; where none is left, the holding release itself is cited."""
    cut = bron.map(lambda text: released_sources(str(text), shown) if pd.notna(text) else text)
    fallback = holder.map(lambda position: released_text(releases[position].bron, shown) if position >= 0 else "")
    return cut.where(cut.fillna("").astype(str).str.len() > 0, fallback)


Frame = TypeVar("Frame", pd.DataFrame, gpd.GeoDataFrame)


def _texts(frame: Frame, columns: dict[str, str], shown: frozenset[str]) -> Frame:
    """Text columns cut to the shown documents: 'bronnen' as a list of sources, 'tekst' as running text."""
    frame = frame.copy()
    for column, kind in columns.items():
        if column in frame.columns:
            cut = released_sources if kind == "bronnen" else released_text
            frame[column] = [cut(value, shown) if isinstance(value, str) else value for value in frame[column]]
    return frame


def restrict(dataset: Dataset, releases: list[Release], every: list[Release] | None = None) -> Dataset:
    """Only what the given releases hold: rows, columns, figures, register, scorecards and texts.
    With ``every`` (all releases), the documents of the others are recorded as hidden, so that not
    even their names are listed."""
    shown = _documents(releases)
    projects = dataset.projects
    project_masks = [projects["status"].isin(r.projecten) for r in releases]
    project_columns = [r.project_kolommen for r in releases]
    shown_projects = _restrict_rows(projects, project_masks, project_columns, ("geometry",))
    shown_projects = _own_cells(shown_projects, "project_id", releases, project_masks, project_columns)
    if "bron" in shown_projects.columns:
        holder = _holder(shown_projects.index, project_masks, project_columns, "bron")
        shown_projects["bron"] = _sources(shown_projects["bron"], holder, releases, shown)
    shown_projects = _texts(shown_projects, {"locatie_toelichting": "tekst"}, shown)
    gemeenten = _restrict_rows(
        dataset.gemeenten, [pd.Series(True, index=dataset.gemeenten.index) for _ in releases],
        [r.gemeente_kolommen for r in releases], ("geometry",),
    )
    figures = _restrict_figures(dataset.figures, projects, releases, shown)
    register = dataset.afwijkingen if any(r.afwijkingen for r in releases) else dataset.afwijkingen.iloc[0:0]
    register = _texts(register, {"bron_a": "bronnen", "bron_b": "bronnen", "toelichting": "tekst"}, shown)
    scorecards = dataset.scorecards
    if scorecards is not None:
        allowed = shown_projects["project_id"] if any(r.locatietoets for r in releases) else []
        scorecards = _texts(scorecards[scorecards["project_id"].isin(allowed)],
                            {"regel": "tekst", "kanttekening": "tekst", "bron": "bronnen"}, shown)
    theme_table = dataset.theme_table
    if theme_table is not None:
        theme_table = _texts(theme_table, {"kanttekening": "tekst", "bron": "bronnen"}, shown)
    notes = tuple(r.toelichting for r in releases[-1:] if r.toelichting)
    return replace(dataset, projects=shown_projects, gemeenten=gemeenten, figures=figures,
                   afwijkingen=register, scorecards=scorecards, theme_table=theme_table,
                   documents=tuple(sorted(shown)), hidden_documents=tuple(sorted(_documents(every or []) - shown)),
                   notes=notes)


def _restrict_figures(figures: pd.DataFrame, projects: pd.DataFrame, releases: list[Release],
                      shown: frozenset[str]) -> pd.DataFrame:
    """A figure shows when one release holds both its object (region, gemeente, project) and kenmerk;
    its value is the newest such release's own value where it has one, its sources cut to the shown
    documents."""
    status = projects.set_index("project_id")["status"]
    regional = figures["object"].isin([REGION, *GEMEENTEN])
    holder = pd.Series(-1, index=figures.index)
    for position, release in enumerate(releases):
        objects = regional | figures["object"].map(status).isin(release.projecten)
        kenmerken = figures["kenmerk"].isin(release.kenmerken) | (ALL in release.kenmerken)
        holder[objects & kenmerken] = position
    shown_figures = figures.loc[holder >= 0].copy()
    holder = holder.loc[shown_figures.index]
    for position, release in enumerate(releases):
        for own in release.eigen:
            _own_figure(shown_figures, holder == position, own, shown)
    shown_figures["bron"] = _sources(shown_figures["bron"], holder, releases, shown)
    if not any(r.afwijkingen for r in releases):
        shown_figures["afwijking"] = False
    return shown_figures


def _own_figure(figures: pd.DataFrame, held: pd.Series, own: OwnValue, shown: frozenset[str]) -> None:
    """Put a release's own value into its figure (and a name of its own into the object's subjects)."""
    rows = held & (figures["object"] == own.object) & (figures["kenmerk"] == own.kenmerk)
    if not rows.any():
        return
    if isinstance(own.waarde, str):
        figures.loc[rows, "waarde_tekst"] = own.waarde
        if own.kenmerk == "naam":  # every subject of the object names it: 'Woningen …: <naam> (<gemeente>)'
            same = figures["object"] == own.object
            figures.loc[same, "onderwerp"] = figures.loc[same, "onderwerp"].str.replace(
                _NAMED_SUBJECT, lambda m: f"{m.group(1)}: {own.waarde} {m.group(2)}", regex=True)
    else:
        figures.loc[rows, "waarde"] = own.waarde
    figures.loc[rows, "bron"] = released_text(own.bron, shown)
    figures.loc[rows, "afwijking"] = False


def release_key(releases: list[Release]) -> tuple[str, ...]:
    """A cache key for data restricted to these releases (never shared across different sets)."""
    return tuple(r.id for r in releases)
