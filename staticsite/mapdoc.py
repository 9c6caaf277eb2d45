"""The map page of the static public site: the same layers and legend as the app, as one HTML file."""

from __future__ import annotations

from geo.dataset import Dataset
from geo.display import for_web, project_display
from geo.schema import DEFAULT_PERIOD
from layers.base import base_map
from layers.gemeenten import available_figures
from layers.mapview import MapOptions, overlays
from layers.sleutelprojecten import colourings
from layers.themes import theme_entries

DEFAULT_FIGURES = ("woningen_2024_2030", "woningen_2022")


def map_document(dataset: Dataset, asset_base: str = ".") -> str:
    """A Leaflet page (scripts and theme layers from asset_base) with every layer the data holds; the
    themes are fetched from kaartlagen/ when switched on, so the page itself stays small."""
    figures = available_figures(dataset.gemeenten)
    figure = next((f for f in DEFAULT_FIGURES if f in figures), next(iter(figures)))
    period = DEFAULT_PERIOD if DEFAULT_PERIOD in dataset.projects.columns else next(iter(dataset.periods()))
    colour_by = "toetsing" if "toetsing" in colourings(dataset.projects) else "status"
    projects = dataset.projects[dataset.projects[period].notna()]
    shown = project_display(projects).assign(woningen=projects[period])
    themes = theme_entries(dataset, asset_base)
    folium_map = base_map(asset_base=asset_base, write_url=False)
    largest = float(dataset.projects[period].max())
    for group in overlays(for_web(dataset.gemeenten), shown, period, MapOptions(figure, colour_by), largest, themes,
                          documents=dataset.shown_documents()):
        group.add_to(folium_map)
    return folium_map.get_root().render()
