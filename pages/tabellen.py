"""Tables per gemeente and per project, following the filters; the accessible equivalent of the map."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from geo.exports import GEMEENTE_COLUMNS, PROJECT_COLUMNS, PROJECT_EXPORT_COLUMNS
from geo.schema import PRECISIONS, PROJECT_STATUSES, code_labels, period_label
from geo.selection import gemeente_figures
from ui.checks import risk_tables
from ui.view import View, current_view
from ui.widgets import downloads, dutch_table


def render(view: View) -> None:
    """Both tables with their downloads."""
    st.title("Tabellen")
    st.caption("Alles wat de kaart toont, als tabel. De tabellen volgen de filters in de zijbalk; "
               "klik op een kolomkop om te sorteren. '–' betekent: geen gegevens (niet nul).")
    st.subheader("Per gemeente")
    table = gemeente_figures(view.dataset, view.selected, view.filters)
    dutch_table(table, GEMEENTE_COLUMNS, view.embargo)
    frame = gpd.GeoDataFrame(
        table, geometry=view.dataset.gemeenten.set_index("gemeente").loc[table["gemeente"]].geometry.to_numpy(),
        crs=view.dataset.gemeenten.crs,
    )
    downloads(view, frame, GEMEENTE_COLUMNS, "woondeal-gemeenten", "gemeenten")
    st.subheader(f"Sleutelprojecten in de selectie ({period_label(view.filters.period)})")
    projects = view.selected.assign(
        status=view.selected["status"].map(code_labels(PROJECT_STATUSES)),
        locatie_precisie=view.selected["locatie_precisie"].map(code_labels(PRECISIONS)),
    )
    dutch_table(projects, PROJECT_COLUMNS, view.embargo)
    downloads(view, projects, PROJECT_EXPORT_COLUMNS, "woondeal-sleutelprojecten", "projecten")
    risk_tables(view)


render(current_view("Tabellen"))
