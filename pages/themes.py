"""The location check in the app: theme layers on the map, a project's scorecard, the summary."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.display import for_web
from layers.themes import theme_layer
from pages.common import View, data_version

SCORECARD_COLUMNS = {
    "label": "Thema", "status": "Uitkomst", "waarde_tekst": "Gemeten", "regel": "Regel (bron)",
    "kanttekening": "Kanttekening bij de gegevens", "bron": "Gegevensbron",
}
SYMBOLS = {"knelpunt": "✖ knelpunt", "aandacht": "▲ aandacht", "geen bezwaar": "✔ geen bezwaar",
           "geen gegevens": "? geen gegevens"}


@st.cache_resource(show_spinner=False, max_entries=32)
def _web_theme(_frame: gpd.GeoDataFrame, theme: str, version: tuple) -> gpd.GeoDataFrame:
    return for_web(_frame)


def theme_layers(view: View) -> list:
    """Feature groups and legend sections of the chosen constraint themes that have data."""
    return [theme_layer(theme, _web_theme(view.dataset.themes[theme], theme, data_version()), view.dataset.rules)
            for theme in view.options.themes if theme in view.dataset.themes]


def scorecard(view: View, project_id: str) -> None:
    """The project's status per theme, with the measured value, the rule and the data caveat."""
    cards = view.dataset.scorecards
    if cards is None:
        st.caption("De locatietoets is nog niet berekend voor deze gegevens.")
        return
    card = cards[cards["project_id"] == project_id]
    st.markdown("**Locatietoets (klimaatadaptief en waterbewust)**")
    if card["indicatief"].any():
        st.info("Indicatief: dit project is alleen op kern- of gemeenteniveau geplaatst, "
                "dus de toets zegt iets over de omgeving, niet over de bouwlocatie zelf.", icon=":material/info:")
    shown = card.assign(status=card["status"].map(lambda s: SYMBOLS.get(s, s)))
    st.dataframe(pd.DataFrame(shown[list(SCORECARD_COLUMNS)]).rename(columns=SCORECARD_COLUMNS),
                 hide_index=True, width="stretch")
