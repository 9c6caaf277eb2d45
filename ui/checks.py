"""The location check in the app: theme layers on the map, a project's scorecard, the summary."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from geo.comparison import shown_status
from geo.dataset import Dataset
from geo.exports import csv_bytes
from geo.memo import kept_for
from geo.schema import (
    AANDACHT,
    CHECK_STATUSES,
    INDICATIEF,
    INDICATIVE_LEVELS,
    KNELPUNT,
    ONVOLLEDIG,
    SITE_LEVELS,
    period_label,
)
from geo.selection import dwellings_by_check
from layers.base import STATIC_URL
from layers.themes import theme_entries
from ui.view import View
from ui.widgets import download, dutch_table

SCORECARD_COLUMNS = {
    "label": "Thema", "status": "Uitkomst", "waarde_tekst": "Gemeten", "regel": "Regel (bron)",
    "kanttekening": "Kanttekening bij de gegevens", "bron": "Gegevensbron",
}
SCORECARD_EXPORT = {"project_id": "Project-id", "naam": "Sleutelproject", "gemeente": "Gemeente",
                    **SCORECARD_COLUMNS, "indicatief": "Indicatief"}
_THEMES: dict[int, tuple[Any, list[dict]]] = {}  # the map panel's theme entries per visible dataset


def map_themes(dataset: Dataset) -> list[dict]:
    """The constraint themes this data may show, for the map panel: each is fetched by the browser from its
    prepared GeoJSON (static/kaartlagen) only when switched on, never through a rerun; the entries with
    their legends are made once per visible dataset (which lives across reruns), not on every rerun."""
    return kept_for(_THEMES, dataset, lambda: theme_entries(dataset, STATIC_URL), limit=8)


def scorecard(view: View, project_id: str) -> None:
    """The project's status per theme, with the measured value, the rule and the data caveat."""
    cards = view.dataset.scorecards
    if cards is None:
        st.caption("De locatietoets is nog niet berekend voor deze gegevens.")
        return
    st.markdown("**Locatietoets (klimaatadaptief en waterbewust)**")
    show_scorecard(cards[cards["project_id"] == project_id])


def show_scorecard(card: pd.DataFrame, compact: bool = False) -> None:
    """One site's outcome per theme as a table (a sleutelproject's or a planner's own site alike);
    ``compact`` narrows the first columns so theme and outcome fit beside a map (the rest scrolls)."""
    if "indicatief" in card.columns and card["indicatief"].any():
        st.info(f"{CHECK_STATUSES[INDICATIEF].shown}: dit project is alleen op een {INDICATIVE_LEVELS} geplaatst. "
                "De toets geeft daarom geen oordeel over een bouwlocatie, maar zegt per thema hoeveel van dat gebied "
                "de regel raakt; het project telt apart mee, niet bij de knelpunten of aandachtspunten.",
                icon=":material/info:")
    if (card["status"] == ONVOLLEDIG).any():
        st.caption(f"{CHECK_STATUSES[ONVOLLEDIG].shown}: de gegevens van dit thema zijn te onvolledig voor de "
                   "uitspraak die de grenzen zouden geven (zie de kanttekening); dat zegt niets over de locatie zelf.")
    shown = card.assign(status=card["status"].map(shown_status))
    narrow = {"Thema": st.column_config.TextColumn("Thema", width="medium"),
              "Uitkomst": st.column_config.TextColumn("Uitkomst", width=125)}
    st.dataframe(pd.DataFrame(shown[list(SCORECARD_COLUMNS)]).rename(columns=SCORECARD_COLUMNS),
                 hide_index=True, width="stretch", height="content", placeholder="–",
                 column_config=narrow if compact else None)


RISK_TABLES = {
    KNELPUNT: f"{CHECK_STATUSES[KNELPUNT].shown} (op een locatie)",
    AANDACHT: f"{CHECK_STATUSES[AANDACHT].shown} (op een locatie)",
    INDICATIEF: f"{CHECK_STATUSES[INDICATIEF].shown}: de regel raakt een deel van de {INDICATIVE_LEVELS}",
}


def _all_outcomes(view: View, cards: pd.DataFrame) -> bytes:
    """Every check outcome of the selected projects as CSV, with name and gemeente."""
    selected = cards[cards["project_id"].isin(view.selected["project_id"])].merge(
        view.selected[["project_id", "naam", "gemeente"]], on="project_id")
    return csv_bytes(selected, SCORECARD_EXPORT, view.embargo)


def risk_tables(view: View) -> None:
    """Per gemeente: dwellings at risk by theme, firm (knelpunt, aandacht) and indicative apart, and all
    scorecards as a download."""
    cards = view.dataset.scorecards
    if cards is None or view.selected.empty:
        return
    st.subheader(f"Locatietoets per gemeente: woningen {period_label(view.filters.period)}")
    st.caption("Woningen in geselecteerde projecten per thema. Knelpunt en aandacht gelden voor projecten op "
               f"{SITE_LEVELS}. Projecten die alleen op een {INDICATIVE_LEVELS} geplaatst "
               "zijn, krijgen geen oordeel: ze staan in een eigen tabel, met alleen de projecten waarvan de regel "
               "een deel van dat gebied raakt. Tel de tabellen niet bij elkaar op.")
    for status, title in RISK_TABLES.items():
        table = dwellings_by_check(view.selected, cards, status)
        st.markdown(f"**{title}**")
        if table.shape[1] > 1:
            dutch_table(table, {c: c.capitalize() if c == "gemeente" else c for c in table.columns}, view.embargo)
        else:
            st.write("Geen projecten met deze uitkomst in de selectie.")
    download(view, st, "Download alle toetsuitkomsten (CSV)", partial(_all_outcomes, view, cards),
             "woondeal-locatietoets.csv", "text/csv", "toets_csv")
