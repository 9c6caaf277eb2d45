"""Woondeal West-Overijssel: interactive map of the gemeenten and sleutelprojecten."""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo import paths
from geo.geodata import WEB
from geo.sources import SourceError
from geo.store import load_gemeenten, load_projects
from layers.base import base_map

st.set_page_config(page_title="Woondeal West-Overijssel", layout="wide")


@st.cache_data(show_spinner=False)
def load():
    """Both GeoPackages in web coordinates, read once."""
    return load_gemeenten(paths.GEMEENTEN_GPKG).to_crs(WEB), load_projects(paths.PROJECTS_GPKG).to_crs(WEB)


st.title("Woondeal West-Overijssel")
try:
    gemeenten, projects = load()
except SourceError as error:
    st.error(f"De kaartgegevens kunnen niet worden gelezen: {error}")
    st.stop()

folium_map = base_map()
folium.GeoJson(
    gemeenten, name="Gemeenten", tooltip=folium.GeoJsonTooltip(["gemeente"], aliases=["Gemeente"]),
    style_function=lambda _: {"color": "#333", "weight": 1.5, "fillOpacity": 0.05},
).add_to(folium_map)
folium.GeoJson(
    projects[["project_id", "naam", "gemeente", "woningen_2024_2030", "geometry"]], name="Sleutelprojecten",
    tooltip=folium.GeoJsonTooltip(["naam", "gemeente"], aliases=["Project", "Gemeente"]),
).add_to(folium_map)
folium.LayerControl().add_to(folium_map)
st_folium(folium_map, height=650, use_container_width=True, returned_objects=[])
