"""Tables per gemeente and per project, following the filters; the accessible equivalent of the map."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from geo.exports import GEMEENTE_COLUMNS, GEMEENTE_ELDERLY, GEMEENTE_HOUSING, PROJECT_EXPORT_COLUMNS, PROJECT_TABLE
from geo.schema import PRECISIONS, PROJECT_STATUSES, period_label
from geo.selection import gemeente_figures
from ui.checks import risk_tables
from ui.view import View, current_view
from ui.widgets import downloads, dutch_table


def render(view: View) -> None:
    """Both tables with their downloads."""
    st.title("Tabellen")
    st.caption("Alles wat de kaart toont, als tabel. De tabellen volgen de filters in de zijbalk; "
               "klik op een kolomkop om te sorteren. '–' betekent: geen gegevens (niet nul).")
    st.subheader("Woningen per gemeente")
    table = gemeente_figures(view.dataset, view.selected, view.filters)
    dutch_table(table, GEMEENTE_HOUSING, view.embargo)
    if any(column in table.columns for column in list(GEMEENTE_ELDERLY)[1:]):
        st.subheader("Ouderenhuisvesting per gemeente")
        st.caption("Opgave tot en met 2030 volgens het Afsprakenkader ouderenhuisvesting, in twee scenario's; "
                   "het totaal is de som van de drie soorten.")
        dutch_table(table, GEMEENTE_ELDERLY, view.embargo)
    st.caption("De downloads hieronder bevatten beide tabellen en de CBS-code van elke gemeente.")
    frame = gpd.GeoDataFrame(
        table, geometry=view.dataset.gemeenten.set_index("gemeente").loc[table["gemeente"]].geometry.to_numpy(),
        crs=view.dataset.gemeenten.crs,
    )
    downloads(view, frame, GEMEENTE_COLUMNS, "woondeal-gemeenten", "gemeenten")
    st.subheader(f"Sleutelprojecten in de selectie ({period_label(view.filters.period)})")
    projects = view.selected.assign(
        status=view.selected["status"].map(lambda code: PROJECT_STATUSES[code].short),
        locatie_precisie=view.selected["locatie_precisie"].map(lambda code: PRECISIONS[code].short),
    )
    dutch_table(projects, PROJECT_TABLE, view.embargo)
    st.caption("De bron van elk project (document, tabel en regel) staat in de downloads en bij het project op de "
               "kaart, met de tekst zoals die in het document staat.")
    downloads(view, projects, PROJECT_EXPORT_COLUMNS, "woondeal-sleutelprojecten", "projecten")
    risk_tables(view)


render(current_view("Tabellen"))
