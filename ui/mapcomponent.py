"""The map component, streamlit-folium's ``st_folium``, imported through here so that declaring it is quick
and each call renders only what the component is sent.

streamlit-folium turns each overlay group into script by rendering the group (for the side effects of
its elements' renders: a GeoJSON layer's style map, a layer's call that adds it to the map) and then
writing every element's script macro itself. The render also wrote every macro's output into the map's
page, which streamlit-folium had already read and never reads again: on the Kaart page a fifth of a
rerun (the GeoJSON serialised twice). While a group is turned into script, ``MacroElement.render``
therefore only renders the children (``_group_script``); the script sent is the same (tested).

Streamlit's ``declare_component`` names a component after the module that declares it, found with
``inspect.getmodule`` on the caller's frame; for a file inspect has not seen, that computes the real path
of every loaded module (about 1.260 in the app, 70 ms on 2 cores). Telling inspect beforehand which module
streamlit-folium's file is gives the same name without the scan.

A map can also be prepared without being drawn (``prepared``: the arguments ``st_folium`` would send the
component) and drawn later from them (``draw``), so a page can keep a map it made and send it to every
session that asks for the same one.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
import threading
from typing import Any

import folium
from branca.element import MacroElement

import layers  # noqa: F401  (folium and its plugins, with their templates compiled when used)


def known_to_inspect(module: str) -> None:
    """Record where this module's file is, as inspect.getmodule does for every module it scans."""
    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        inspect.modulesbyfile[os.path.normcase(os.path.abspath(spec.origin))] = module


known_to_inspect("streamlit_folium")

import streamlit_folium  # noqa: E402
from streamlit_folium import st_folium as _st_folium  # noqa: E402

_macro_render = MacroElement.render
_feature_group_string = streamlit_folium._get_feature_group_string
_component_func = streamlit_folium._component_func
_writing_group = threading.local()  # per script thread: sessions render their maps side by side
_preparing = threading.local()


def _render(self: MacroElement, **kwargs: Any) -> None:
    """branca's MacroElement.render; while a group is turned into script, only its children's renders."""
    if getattr(_writing_group, "on", False):
        for element in self._children.values():
            element.render(**kwargs)
    else:
        _macro_render(self, **kwargs)


def _group_script(*args: Any, **kwargs: Any) -> str:
    """streamlit-folium's script for an overlay group, without writing its macros into the map's page."""
    _writing_group.on = True
    try:
        return _feature_group_string(*args, **kwargs)
    finally:
        _writing_group.on = False


def _component(**arguments: Any) -> Any:
    """streamlit-folium's component; while a map is only prepared (``prepared``), its arguments are kept
    instead of drawn."""
    if getattr(_preparing, "on", False):
        _preparing.arguments = arguments
        return None
    return _component_func(**arguments)


MacroElement.render = _render  # type: ignore[method-assign]
streamlit_folium._get_feature_group_string = _group_script
streamlit_folium._component_func = _component


def st_folium(fig: folium.Map, **kwargs: Any) -> Any:
    """streamlit-folium's st_folium without first rendering the whole HTML page around the map: it throws
    that page away, and the map's own render, which it does anyway, gives the component the same script,
    header, HTML and links (tested). That is 4–5 ms of a Kaart rerun."""
    return _st_folium(fig, render=False, **kwargs)


def prepared(fig: folium.Map, **kwargs: Any) -> dict[str, Any]:
    """The arguments ``st_folium`` would send the component for this map, without drawing it: a map
    prepared once can be drawn for every session that asks for the same one (``draw``)."""
    _preparing.on = True
    try:
        st_folium(fig, **kwargs)
        return _preparing.arguments
    finally:
        _preparing.on = False
        _preparing.arguments = None


def draw(arguments: dict[str, Any]) -> Any:
    """The map component with prepared arguments (``prepared``): what ``st_folium`` draws and returns."""
    return _component_func(**arguments)
