"""The base map: Leaflet served by the app itself, PDOK grey basemap, OpenStreetMap as alternative.

The base map holds only what never changes in a session (tiles, scale bar, Dutch control texts, the
map panel of ``static/wd/kaart.js``), so that the overlays can be swapped on a filter change without
remounting the map. Its first view is the region, or the view a link asked for.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template
from xyzservices import providers

STATIC_URL = "/app/static"
LEAFLET = "vendor/leaflet-1.9.3"
MAP_SCRIPT, MAP_STYLE = "wd/kaart.js", "wd/kaart.css"
CENTER = (52.47, 6.22)
BOUNDS = ((52.17, 5.75), (52.86, 6.73))
MIN_ZOOM, MAX_ZOOM = 8, 18


class MapSetup(MacroElement):
    """Starts the map panel (static/wd/kaart.js: Dutch control texts, scale bar, local marker images,
    the panel "Lagen en legenda" with the background choice, the view in the address bar)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        WD.init({{ this._parent.get_name() }}, {
            images: {{ this.images|tojson }}, writeUrl: {{ this.write_url|tojson }},
            baseLayers: [{% for name, layer in this.base_layers %}{name: {{ name|tojson }}, layer: {{ layer }}},
                         {% endfor %}]
        });
        {% endmacro %}
        """
    )

    def __init__(self, images: str, base_layers: list[tuple[str, str]], write_url: bool):
        super().__init__()
        self._name = "MapSetup"
        self.images, self.base_layers, self.write_url = images, base_layers, write_url


Bounds = tuple[tuple[float, float], tuple[float, float]]

# Larger type in the map for a projector: the panel, its legend and the names (at least 20 px).
LARGE_TYPE = (".wd-panel,.wd-title,.wd-note,.wd-status,.wd-opacity,.wd-panel-button{font-size:20px !important}"
              ".wd-panel{max-width:440px}.wd-panel-body{width:400px !important;max-height:calc(60vh - 40px)}")


class FillFrame(MacroElement):
    """Let the map fill its frame whatever height the page gives the frame (the meeting view sizes the
    frame to the screen), redraw it when that size changes, and fit the bounds once the map has a size
    (a frame can be created before the page lays it out, at zero size), beside the panel when it is open;
    optionally in large type, where a map narrower than 1.000 px opens with its panel shut."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            if (!document.getElementById('wd-fill-frame')) {
                var style = document.createElement('style');
                style.id = 'wd-fill-frame';
                style.textContent = {{ this.css|tojson }};
                document.head.appendChild(style);
            }
            var fitted = false;
            function refit() {
                map.invalidateSize();
                var size = map.getSize();
                if (!fitted && size.x > 0 && size.y > 0) {
                    var open = document.querySelector('.wd-panel.wd-open');
                    if ({{ this.large|tojson }} && open && size.x < 1000) {
                        open.querySelector('.wd-panel-button').click();
                        open = null;
                    }
                    var right = open ? {{ this.panel_px }} + 24 : 12;  // the open panel covers no gemeente
                    map.fitBounds({{ this.bounds|tojson }},
                                  {paddingTopLeft: [12, 12], paddingBottomRight: [right, 12]});
                    fitted = true;
                }
            }
            new ResizeObserver(refit).observe(map.getContainer());
            refit();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Bounds, large_type: bool = False) -> None:
        super().__init__()
        self._name = "FillFrame"
        self.bounds = [list(corner) for corner in bounds]
        # The meeting map numbers its projects as its table does, so the project names give way.
        self.css = "#map_div{height:100vh !important}.wd-project-label{display:none !important}" + (
            LARGE_TYPE if large_type else "")
        self.large = large_type
        self.panel_px = 440 if large_type else 300  # the panel's widest (kaart.css, LARGE_TYPE)


def base_map(asset_base: str = STATIC_URL, height: str = "100%", view: tuple[float, float, float] | None = None,
             write_url: bool = True, fill_frame: Bounds | None = None, large_type: bool = False) -> folium.Map:
    """A Dutch-language Leaflet map whose scripts come from asset_base, never from a CDN.

    ``view`` is (lat, lon, zoom) from a link; without it the map shows the whole region.
    ``write_url`` keeps the address bar's view and theme layers up to date (the app's permalink).
    ``fill_frame``: the map fills its frame, whatever height the page gives it, and opens on these
    bounds ((south, west), (north, east)); ``large_type`` for a projector.
    """
    folium_map = folium.Map(
        location=view[:2] if view else CENTER, zoom_start=round(view[2]) if view else 10, tiles=None,
        control_scale=False, height=height, min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, zoom_snap=0.25, zoom_delta=0.5,
    )
    folium_map.default_js = [
        ("leaflet", f"{asset_base}/{LEAFLET}/leaflet.js"),
        ("woondeal", f"{asset_base}/{MAP_SCRIPT}"),
    ]
    folium_map.default_css = [("leaflet_css", f"{asset_base}/{LEAFLET}/leaflet.css"),
                              ("woondeal_css", f"{asset_base}/{MAP_STYLE}")]
    grey, osm = providers.nlmaps.grijs, providers.OpenStreetMap.Mapnik
    tiles = [
        # the providers themselves, not their URLs: folium looks a URL up among all providers (2,5 ms each)
        folium.TileLayer(grey, name="Grijze kaart (Kadaster)", max_zoom=19, control=False),
        folium.TileLayer(osm, name="OpenStreetMap", show=False, control=False),
    ]
    for tile in tiles:
        tile.add_to(folium_map)
    MapSetup(f"{asset_base}/{LEAFLET}/images/", [(t.layer_name, t.get_name()) for t in tiles], write_url) \
        .add_to(folium_map)
    if fill_frame is not None:  # it fits the map to these bounds itself, once the map has its size
        FillFrame(fill_frame, large_type).add_to(folium_map)
    elif view is None:
        region = folium.FitBounds(BOUNDS)
        region.options["animate"] = False  # an animated zoom would end after, and undo, a fit to a linked project
        region.add_to(folium_map)
    return folium_map
