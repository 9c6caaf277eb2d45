"""The base map: Leaflet served by the app itself, PDOK grey basemap, OpenStreetMap as alternative."""

from __future__ import annotations

import folium
import xyzservices.providers as providers

STATIC_URL = "/app/static"
LEAFLET = "vendor/leaflet-1.9.3"
JQUERY = "vendor/jquery-3.7.1"
CENTER = (52.47, 6.22)


def base_map(asset_base: str = STATIC_URL, height: str = "100%") -> folium.Map:
    """A Dutch-language Leaflet map whose scripts come from asset_base, never from a CDN."""
    folium_map = folium.Map(
        location=CENTER, zoom_start=10, tiles=None, control_scale=True, height=height,
        prefer_canvas=False, min_zoom=8, max_zoom=18,
    )
    folium_map.default_js = [
        ("leaflet", f"{asset_base}/{LEAFLET}/leaflet.js"),
        ("jquery", f"{asset_base}/{JQUERY}/jquery.min.js"),
    ]
    folium_map.default_css = [("leaflet_css", f"{asset_base}/{LEAFLET}/leaflet.css")]
    grey = providers.nlmaps.grijs
    folium.TileLayer(
        grey.build_url(), attr=grey.html_attribution, name="PDOK BRT-Achtergrondkaart (grijs)", max_zoom=19,
    ).add_to(folium_map)
    osm = providers.OpenStreetMap.Mapnik
    folium.TileLayer(osm.build_url(), attr=osm.html_attribution, name="OpenStreetMap", show=False).add_to(folium_map)
    folium.Element(
        f"<script>L.Icon.Default.imagePath = '{asset_base}/{LEAFLET}/images/';"
        "document.documentElement.lang = 'nl';</script>"
    ).add_to(folium_map.get_root().html)
    return folium_map
