"""The map component, streamlit-folium's ``st_folium``, imported through here so that declaring it is quick
and each call renders only what the component is sent.

Streamlit's ``declare_component`` names a component after the module that declares it, found with
``inspect.getmodule`` on the caller's frame; for a file inspect has not seen, that computes the real path
of every loaded module (about 1.260 in the app, 70 ms on 2 cores). Telling inspect beforehand which module
streamlit-folium's file is gives the same name without the scan.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
from typing import Any

import folium

import layers  # noqa: F401  (folium and its plugins, with their templates compiled when used)


def known_to_inspect(module: str) -> None:
    """Record where this module's file is, as inspect.getmodule does for every module it scans."""
    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        inspect.modulesbyfile[os.path.normcase(os.path.abspath(spec.origin))] = module


known_to_inspect("streamlit_folium")

from streamlit_folium import st_folium as _st_folium  # noqa: E402


def st_folium(fig: folium.Map, **kwargs: Any) -> Any:
    """streamlit-folium's st_folium without first rendering the whole HTML page around the map: it throws
    that page away, and the map's own render, which it does anyway, gives the component the same script,
    header, HTML and links (tested). That is 4–5 ms of a Kaart rerun."""
    return _st_folium(fig, render=False, **kwargs)
