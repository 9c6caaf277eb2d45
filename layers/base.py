"""The base map: Leaflet served by the app itself, PDOK grey basemap, OpenStreetMap as alternative.

The base map holds only what never changes (tiles, scale bar, Dutch control texts), so that the
overlays can be swapped on a filter change without remounting the map.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template
from xyzservices import providers

STATIC_URL = "/app/static"
LEAFLET = "vendor/leaflet-1.9.3"
JQUERY = "vendor/jquery-3.7.1"
CENTER = (52.47, 6.22)
BOUNDS = ((52.17, 5.75), (52.86, 6.73))


class DutchControls(MacroElement):
    """Dutch page language and control texts, a metric scale bar, and local marker images."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        document.documentElement.setAttribute('lang', 'nl');
        L.Icon.Default.imagePath = {{ this.images|tojson }};
        L.control.scale({metric: true, imperial: false, position: 'bottomleft'}).addTo({{ this._parent.get_name() }});
        (function (zoom) {
            if (!zoom) { return; }
            zoom._zoomInButton.title = 'Inzoomen'; zoom._zoomInButton.setAttribute('aria-label', 'Inzoomen');
            zoom._zoomOutButton.title = 'Uitzoomen'; zoom._zoomOutButton.setAttribute('aria-label', 'Uitzoomen');
        })({{ this._parent.get_name() }}.zoomControl);
        {{ this._parent.get_name() }}.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
        {% endmacro %}
        """
    )

    def __init__(self, images: str):
        super().__init__()
        self._name = "DutchControls"
        self.images = images


def base_map(asset_base: str = STATIC_URL, height: str = "100%") -> folium.Map:
    """A Dutch-language Leaflet map whose scripts come from asset_base, never from a CDN."""
    folium_map = folium.Map(
        location=CENTER, zoom_start=10, tiles=None, control_scale=False, height=height,
        min_zoom=8, max_zoom=18, zoom_snap=0.25, zoom_delta=0.5,
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
    DutchControls(f"{asset_base}/{LEAFLET}/images/").add_to(folium_map)
    folium_map.fit_bounds(BOUNDS, padding_bottom_right=(240, 0))
    return folium_map
