"""The map component sends the browser the same map whether or not the page around the map is rendered first."""

from __future__ import annotations

from unittest import mock

import folium
import pytest

from layers.base import base_map
from layers.candidates import drawing_map
from ui import mapcomponent

MAPS = {
    "kaart": lambda: base_map(view=(52.5, 6.2, 11)),
    "locatiekeuze": drawing_map,
    "bo wonen": lambda: base_map(write_url=False, fill_frame=((52.3, 5.8), (52.8, 6.6)), large_type=True),
}


def _sent(call, folium_map: folium.Map) -> dict:
    """What the component would send the browser for this map with one overlay (its callback left out)."""
    group = folium.FeatureGroup(name="Projecten")
    folium.GeoJson({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "0", "properties": {"tooltip": "Zwolle"},
         "geometry": {"type": "Point", "coordinates": [6.09, 52.51]}}]},
        tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False)).add_to(group)
    with mock.patch("streamlit_folium._component_func", side_effect=lambda **sent: sent) as component:
        call(folium_map, key="kaart", feature_group_to_add=[group], returned_objects=["last_clicked"])
    sent = component.call_args.kwargs
    sent.pop("on_change")
    return sent


@pytest.mark.parametrize("page", MAPS)
def test_the_component_is_sent_the_same_map_without_rendering_the_page_around_it(page: str) -> None:
    rendered = _sent(mapcomponent._st_folium, MAPS[page]())  # streamlit-folium's own
    assert _sent(mapcomponent.st_folium, MAPS[page]()) == rendered
    assert "leaflet.js" in " ".join(rendered["js_links"]) and rendered["script"]


def test_the_component_skips_rendering_the_page_around_the_map() -> None:
    with mock.patch("streamlit_folium._component_func"), \
            mock.patch.object(folium.Figure, "render", autospec=True) as page:
        mapcomponent.st_folium(base_map(), key="kaart")
    page.assert_not_called()
