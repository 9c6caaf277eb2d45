"""The map of the locatiekeuze workbench: drawing tools (Leaflet.draw, served by the app, in Dutch),
the candidate sites with their names, the clicked point, and the gemeente borders.

The drawing tools sit on the base map, which never changes, so a drawing survives every rerun; the
sites are an overlay whose script keeps the drawing layer equal to the session's editable sites
(``SyncDrawings``), so the map always shows the sites of the table, and they can be edited or
deleted with the tools whether they were drawn, clicked, uploaded or opened from a link.
"""

from __future__ import annotations

from html import escape

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.plugins import Draw
from jinja2 import Template

from layers.base import STATIC_URL, base_map
from layers.geojson import features
from layers.labels import name_labels
from layers.legend import Entry, Section
from layers.palette import DASHED, OKABE_ITO

DRAW = "vendor/leaflet-draw-1.0.4"
SITE_COLOUR = OKABE_ITO["vermillion"]
SITES = "Locaties"
BORDER_COLOUR = "#636363"
DUTCH = {  # L.drawLocal of Leaflet.draw 1.0.4, in Dutch (only the tools offered here)
    "draw": {
        "toolbar": {
            "actions": {"title": "Tekenen afbreken", "text": "Afbreken"},
            "finish": {"title": "Tekenen afronden", "text": "Klaar"},
            "undo": {"title": "Laatste punt verwijderen", "text": "Laatste punt weg"},
            "buttons": {"polygon": "Teken een vlak", "rectangle": "Teken een rechthoek", "marker": "Zet een punt"},
        },
        "handlers": {
            "marker": {"tooltip": {"start": "Klik op de kaart om het punt te zetten."}},
            "polygon": {"tooltip": {"start": "Klik om het vlak te beginnen.", "cont": "Klik om verder te tekenen.",
                                    "end": "Klik op het eerste punt om het vlak te sluiten."}},
            "polyline": {"error": "<strong>Let op:</strong> de randen mogen elkaar niet kruisen.",
                         "tooltip": {"start": "Klik om te beginnen.", "cont": "Klik om verder te tekenen.",
                                     "end": "Klik op het laatste punt om af te ronden."}},
            "rectangle": {"tooltip": {"start": "Klik en sleep om een rechthoek te tekenen."}},
            "simpleshape": {"tooltip": {"end": "Laat de muisknop los om af te ronden."}},
        },
    },
    "edit": {
        "toolbar": {
            "actions": {"save": {"title": "Wijzigingen bewaren", "text": "Bewaren"},
                        "cancel": {"title": "Wijzigen afbreken; wijzigingen vervallen", "text": "Afbreken"},
                        "clearAll": {"title": "Alle tekeningen verwijderen", "text": "Alles weg"}},
            "buttons": {"edit": "Tekeningen wijzigen", "editDisabled": "Geen tekeningen om te wijzigen",
                        "remove": "Tekeningen verwijderen", "removeDisabled": "Geen tekeningen om te verwijderen"},
        },
        "handlers": {
            "edit": {"tooltip": {"text": "Versleep de hoekpunten of het punt.",
                                 "subtext": "Kies Afbreken om de wijziging ongedaan te maken."}},
            "remove": {"tooltip": {"text": "Klik op een tekening om haar te verwijderen."}},
        },
    },
}
SHAPE = {"color": SITE_COLOUR, "weight": 3, "fillOpacity": 0.12}


class DutchDrawing(MacroElement):
    """Leaflet.draw's texts in Dutch (set before the drawing control is made), and no map clicks while a
    drawing tool is in use."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (texts) {
            function merge(target, source) {
                Object.keys(source).forEach(function (key) {
                    if (typeof source[key] === 'object' && target[key]) { merge(target[key], source[key]); }
                    else { target[key] = source[key]; }
                });
            }
            merge(L.drawLocal, texts);
        })({{ this.texts|tojson }});
        (function (map) {
            // While a drawing, editing or deleting tool is active, a click on the map belongs to that tool:
            // it is not passed on as a map click (which would ask 'wat geldt hier?' for every corner).
            var busy = false, release = null;
            map.on('draw:drawstart draw:editstart draw:deletestart', function () {
                clearTimeout(release); busy = true;
            });
            map.on('draw:drawstop draw:editstop draw:deletestop', function () {
                release = setTimeout(function () { busy = false; }, 400);
            });
            var fire = map.fire;
            map.fire = function (type) {
                if (type === 'click' && busy) { return this; }
                return fire.apply(this, arguments);
            };
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "DutchDrawing"
        self.texts = DUTCH


def drawing_map(asset_base: str = STATIC_URL, view: tuple[float, float, float] | None = None) -> folium.Map:
    """The base map (at the view of a link, if any) with tools to draw a polygon, a rectangle or a point
    and to edit or delete them."""
    folium_map = base_map(asset_base, view=view)
    DutchDrawing().add_to(folium_map)
    tools = Draw(
        position="topleft", show_geometry_on_click=False,
        draw_options={"polyline": False, "circle": False, "circlemarker": False,
                      "polygon": {"allowIntersection": False, "showArea": False, "shapeOptions": SHAPE},
                      "rectangle": {"showArea": False, "shapeOptions": SHAPE}, "marker": True},
        edit_options={"poly": {"allowIntersection": False}},
    )
    tools.default_js = [("leaflet_draw_js", f"{asset_base}/{DRAW}/leaflet.draw.js")]
    tools.default_css = [("leaflet_draw_css", f"{asset_base}/{DRAW}/leaflet.draw.css")]
    tools.add_to(folium_map)
    return folium_map


class SyncDrawings(MacroElement):
    """Make the drawing layer hold exactly the editable sites of the session.

    Each layer is tagged with its site's key (``wd_key`` in its GeoJSON properties, which the map
    reports back), so an edit keeps the site; a new drawing is recognised by its coordinates. A
    layer of a site that no longer exists (removed in the table) or of a refused drawing (by its
    coordinates) is taken off; a drawing the server has not answered yet stays. A site the layer lacks
    (from a link or a file, or after the map was mounted anew) is put on it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (sites, refused, style) {
            if (typeof drawnItems === 'undefined' || !drawnItems.eachLayer) { return; }
            var wanted = {}, bySignature = {}, present = {};
            sites.forEach(function (site) {
                wanted[site.key] = site;
                if (site.signature) { bySignature[site.signature] = site.key; }
            });
            drawnItems.eachLayer(function (layer) {
                var feature = layer.toGeoJSON();
                var shape = JSON.stringify(feature.geometry.coordinates);
                var key = (feature.properties || {}).wd_key || bySignature[shape];
                if (!key) {  // a drawing the server has not seen yet stays, unless it was refused
                    if (refused.indexOf(shape) >= 0) { drawnItems.removeLayer(layer); }
                    return;
                }
                if (!wanted[key] || present[key]) { drawnItems.removeLayer(layer); return; }
                layer.feature = layer.feature || {type: 'Feature', properties: {}, geometry: feature.geometry};
                layer.feature.properties = layer.feature.properties || {};
                layer.feature.properties.wd_key = key;
                present[key] = true;
            });
            sites.forEach(function (site) {
                if (present[site.key]) { return; }
                var feature = {type: 'Feature', properties: {wd_key: site.key}, geometry: site.geometry};
                var layer = L.GeoJSON.geometryToLayer(feature);
                layer.feature = feature;
                if (layer.setStyle) { layer.setStyle(style); }
                drawnItems.addLayer(layer);
            });
        })({{ this.sites|tojson }}, {{ this.refused|tojson }}, {{ this.style|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, sites: list[dict], refused: list[str]):
        super().__init__()
        self._name = "SyncDrawings"
        self.sites = sites
        self.refused = refused
        self.style = SHAPE


def sites_layer(sites_web: gpd.GeoDataFrame, label_points: gpd.GeoSeries, editable: list[dict],
                refused: list[str]) -> folium.FeatureGroup:
    """The candidate sites (WGS84, columns 'key' and 'naam'): the editable ones on the drawing layer
    (``editable``: key, geometry and last reported signature), an outline for the others, and every
    site's name at its label point, as in the comparison table; ``refused`` drawings (their coordinates
    as the browser reported them) are taken off the drawing layer."""
    group = folium.FeatureGroup(name=SITES, show=True)
    on_layer = {site["key"] for site in editable}
    others = sites_web[~sites_web["key"].isin(on_layer)]
    if len(others):
        shown = gpd.GeoDataFrame({"tooltip": [escape(str(name)) for name in others["naam"]]},
                                 geometry=others.geometry.to_numpy(), crs=others.crs)
        folium.GeoJson(features(shown), name=SITES, marker=folium.CircleMarker(radius=7, fill=True),
                       style_function=lambda _: {**SHAPE, "dashArray": DASHED, "fillColor": SITE_COLOUR,
                                                 "radius": 7, "className": "wd-locatie"},
                       tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False)).add_to(group)
    if len(sites_web):
        name_labels(sites_web, column="naam", name="Locatienamen", size_px=14, css_class="wd-locatienaam",
                    points=label_points).add_to(group)
    SyncDrawings(editable, refused).add_to(group)
    return group


def clicked_layer(lat: float, lng: float) -> folium.FeatureGroup:
    """The point of 'wat geldt hier?'."""
    group = folium.FeatureGroup(name="Wat geldt hier?", show=True, control=False)
    folium.CircleMarker((lat, lng), radius=8, color="#000000", weight=2, fill=True, fill_color="#ffffff",
                        fill_opacity=0.9, class_name="wd-klik", tooltip="Wat geldt hier?").add_to(group)
    return group


def borders_layer(gemeenten_web: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """The borders of the 11 gemeenten: where a site can be checked (not clickable, so a click goes to the map)."""
    group = folium.FeatureGroup(name="Gemeentegrenzen", show=True)
    outline = gpd.GeoDataFrame(geometry=gemeenten_web.geometry.boundary.to_numpy(), crs=gemeenten_web.crs)
    look = {"color": BORDER_COLOUR, "weight": 1.2, "className": "wd-grens"}
    folium.GeoJson(features(outline, ()), interactive=False, style_function=lambda _: look).add_to(group)
    return group


def sites_section() -> Section:
    """The legend of the candidate sites."""
    return Section("", (Entry("getekende of gekozen locatie", stroke=SITE_COLOUR, fill=SITE_COLOUR),),
                   note="Teken met de knoppen linksboven; klik ergens voor 'wat geldt hier?'.")


def borders_section() -> Section:
    """The legend of the gemeente borders: where a site can be checked."""
    return Section("", (Entry("de 11 gemeenten van de Woondeal", stroke=BORDER_COLOUR, shape="line"),),
                   note="Alleen binnen deze grenzen wordt getoetst.")
