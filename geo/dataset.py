"""Everything the product shows, loaded once from the store: gemeenten, projects, figures, register."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import paths
from geo.buildset import mismatched
from geo.constraints import LAYERS_TABLE, SCORECARDS_TABLE
from geo.documents import released_quote, text_document
from geo.memo import kept_for
from geo.reconcile import ReconciliationError, read_register
from geo.schema import PERIODS
from geo.sources import SourceError
from geo.store import read_layers
from geo.zones import ZONES_LAYER, zones_of

_HEADLINES: dict[int, tuple[Any, dict[tuple[str, str], pd.Series]]] = {}


def _first_rows(figures: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    """The first figure row per (kenmerk, object): looked up by key instead of scanning the table each time."""
    first = figures.drop_duplicates(["kenmerk", "object"])
    return {(k, o): row for (_, row), k, o in zip(first.iterrows(), first["kenmerk"], first["object"])}


class DataError(RuntimeError):
    """A data file is missing or unreadable; the message is for the user, in Dutch."""


@dataclass(frozen=True)
class Dataset:
    """The data of one view: gemeenten, projects, every figure with its source, the register.

    ``documents`` are the datasets whose texts the view may show (None: all, before restriction),
    ``hidden_documents`` those of releases it may not show (not even by name); ``notes`` say what
    the newest visible release cannot reconstruct.
    """

    gemeenten: gpd.GeoDataFrame
    projects: gpd.GeoDataFrame
    figures: pd.DataFrame
    afwijkingen: pd.DataFrame
    themes: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)
    scorecards: pd.DataFrame | None = None
    theme_table: pd.DataFrame | None = None
    places: pd.DataFrame | None = None
    zones: gpd.GeoDataFrame | None = None
    documents: tuple[str, ...] | None = None
    hidden_documents: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def headline(self, kenmerk: str, scope: str = "West-Overijssel") -> pd.Series | None:
        """The figure row for a quantity (value, sources, disagreement flag), or None if absent."""
        first = kept_for(_HEADLINES, self.figures, lambda: _first_rows(self.figures), limit=16)
        return first.get((kenmerk, scope))

    def project_figures(self, project_id: str) -> pd.DataFrame:
        """All figures of one project with their sources."""
        return self.figures[self.figures["object"] == project_id]

    def shown_documents(self) -> tuple[str, ...]:
        """The datasets whose texts this view may show."""
        return (text_document(),) if self.documents is None else self.documents

    def names_source(self, dataset_id: str) -> bool:
        """Whether a list of sources may name this dataset: any but the documents of hidden releases."""
        return dataset_id not in self.hidden_documents

    def quote(self, bron: str) -> str:
        """The source lines a reference cites, when this view may show their document; else ''."""
        return released_quote(bron, self.shown_documents())

    def periods(self) -> dict[str, str]:
        """The periods whose figures this dataset holds (a release may hold fewer)."""
        return {column: name for column, name in PERIODS.items() if column in self.projects.columns}

    def theme_zones(self, theme: str) -> gpd.GeoDataFrame | None:
        """The rule zones of one theme (where a site would get aandacht or knelpunt), None without zones."""
        return zones_of(self.zones, theme)

    def theme_labels(self) -> dict[str, str]:
        """The Dutch label of every theme layer this dataset holds."""
        table = self.theme_table
        named = dict(zip(table["thema"], table["label"], strict=True)) if table is not None else {}
        return {theme: named.get(theme, theme) for theme in self.themes}


def load_dataset(data: Path = paths.DATA) -> Dataset:
    """Read the committed GeoPackages and the register; a DataError in Dutch if any is unusable."""
    mixed = mismatched(data)
    if mixed:
        raise DataError("De kaartgegevens horen niet bij één bouw (" + "; ".join(mixed) + "): waarschijnlijk is "
                        "'python -m geo.build' onderbroken of loopt hij nog. Draai 'python -m geo.build' opnieuw; "
                        "tot dan worden geen gegevens getoond.")
    try:
        gemeente_layers = read_layers(data / paths.GEMEENTEN_GPKG.name)
        project_layers = read_layers(data / paths.PROJECTS_GPKG.name)
        register = read_register(data / paths.AFWIJKINGEN.name)
        gemeenten, figures = gemeente_layers["gemeenten"], gemeente_layers["cijfers"]
        projects = project_layers["sleutelprojecten"]
    except (SourceError, ReconciliationError) as error:
        raise DataError(f"De kaartgegevens kunnen niet worden gelezen: {error}") from None
    except KeyError as error:
        raise DataError(f"De kaartgegevens zijn onvolledig: laag {error} ontbreekt.") from None
    themes, scorecards, theme_table, zones = _constraint_data(data)
    return Dataset(gemeenten, projects, figures, register, themes, scorecards, theme_table,
                   gemeente_layers.get("plaatsen"), zones)


def _constraint_data(data: Path) -> tuple[dict[str, gpd.GeoDataFrame], pd.DataFrame | None, pd.DataFrame | None,
                                          gpd.GeoDataFrame | None]:
    """The location-check layers, scorecards, layer descriptions and rule zones once built, else nothing."""
    path = data / paths.CONSTRAINTS_GPKG.name
    if not path.exists():
        return {}, None, None, None
    try:
        layers = read_layers(path)
    except SourceError as error:
        raise DataError(f"De gegevens van de locatietoets kunnen niet worden gelezen: {error}") from None
    if LAYERS_TABLE not in layers or SCORECARDS_TABLE not in layers:
        raise DataError(f"De gegevens van de locatietoets zijn onvolledig ({path.name}).")
    described = layers[LAYERS_TABLE]
    themes = {theme: layers[theme] for theme in described["thema"] if theme in layers}
    return themes, layers[SCORECARDS_TABLE], described, layers.get(ZONES_LAYER)
