"""The map component sends the browser the same map whether or not the page around the map, and the overlays
into that page, are rendered first."""

from __future__ import annotations

import json
from unittest import mock

import folium
import pytest
from streamlit.testing.v1 import AppTest

from layers.base import base_map
from layers.candidates import drawing_map
from tests.test_app import APP
from ui import mapcomponent

MAPS = {
    "kaart": lambda: base_map(view=(52.5, 6.2, 11)),
    "locatiekeuze": drawing_map,
    "bo wonen": lambda: base_map(write_url=False, fill_frame=((52.3, 5.8), (52.8, 6.6)), large_type=True),
}


def _overlay() -> folium.FeatureGroup:
    """One overlay group: a project with a tooltip."""
    group = folium.FeatureGroup(name="Projecten")
    folium.GeoJson({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "0", "properties": {"tooltip": "Zwolle"},
         "geometry": {"type": "Point", "coordinates": [6.09, 52.51]}}]},
        tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False)).add_to(group)
    return group


def _sent(call, folium_map: folium.Map) -> dict:
    """What the component would send the browser for this map with one overlay (its callback left out)."""
    with mock.patch("streamlit_folium._component_func", side_effect=lambda **sent: sent) as component:
        call(folium_map, key="kaart", feature_group_to_add=[_overlay()], returned_objects=["last_clicked"])
    sent = component.call_args.kwargs
    sent.pop("on_change")
    return sent


@pytest.mark.parametrize("page", MAPS)
def test_the_component_is_sent_the_same_map_without_rendering_the_page_around_it(page: str) -> None:
    with mock.patch("streamlit_folium._get_feature_group_string", mapcomponent._feature_group_string):
        rendered = _sent(mapcomponent._st_folium, MAPS[page]())  # streamlit-folium's own, all of it
    assert _sent(mapcomponent.st_folium, MAPS[page]()) == rendered
    assert "leaflet.js" in " ".join(rendered["js_links"]) and rendered["script"]


def test_the_component_skips_rendering_the_page_around_the_map() -> None:
    with mock.patch("streamlit_folium._component_func"), \
            mock.patch.object(folium.Figure, "render", autospec=True) as page:
        mapcomponent.st_folium(base_map(), key="kaart")
    page.assert_not_called()


def _kaart_overlays(project: str | None = None) -> dict:
    """The component's arguments of the Kaart page as the app sends them (a project chosen: its popup too)."""
    at = AppTest.from_file(APP, default_timeout=90)
    if project:
        at.session_state["project"] = project
    at.run()
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    return {key: args[key] for key in ("script", "header", "html", "feature_group", "js_links", "css_links")}


@pytest.mark.parametrize("project", [None, "kampen-de-bakkerij"])
def test_the_overlays_are_sent_the_same_without_writing_them_into_the_page_first(project: str | None) -> None:
    with mock.patch("streamlit_folium._get_feature_group_string", mapcomponent._feature_group_string):
        written = _kaart_overlays(project)  # streamlit-folium's own: each group rendered into the page first
    sent = _kaart_overlays(project)
    assert sent == written
    assert "wd-gemeente" in sent["feature_group"] and "wd-project-symbool" in sent["feature_group"]


def test_writing_an_overlay_group_skips_its_macros_and_only_there() -> None:
    group = folium.FeatureGroup(name="Projecten")
    folium.GeoJson({"type": "FeatureCollection", "features": []}).add_to(group)
    with mock.patch.object(mapcomponent, "_macro_render", wraps=mapcomponent._macro_render) as macros:
        script = mapcomponent._group_script(group, map=base_map())
        assert macros.call_count == 0 and "feature_group_feature_group_0" in script
        base_map().get_root().render()  # anywhere else a page renders as branca renders it
        assert macros.call_count > 0



def test_a_prepared_map_holds_what_st_folium_sends_and_draws_nothing_until_drawn() -> None:
    sent = _sent(mapcomponent.st_folium, MAPS["kaart"]())
    with mock.patch.object(mapcomponent, "_component_func", side_effect=lambda **drawn: drawn) as component:
        arguments = mapcomponent.prepared(MAPS["kaart"](), key="kaart", feature_group_to_add=[_overlay()],
                                          returned_objects=["last_clicked"])
        component.assert_not_called()
        drawn = mapcomponent.draw(arguments)
    assert component.call_count == 1
    assert {key: value for key, value in drawn.items() if key != "on_change"} == sent

