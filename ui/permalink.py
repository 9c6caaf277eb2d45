"""The address bar is a link to the whole view: filters, colourings, project, place, map view, theme layers.

The filters, colourings, project and place are written here after every run; the map writes its own
centre and zoom (``kaart``) and the theme layers switched on (``lagen``) in the browser (static/wd/
kaart.js), without a rerun. A link is read once, on a session's first run: values this data does not
know are dropped with a Dutch notice that names them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from layers.base import BOUNDS, MAX_ZOOM, MIN_ZOOM

# query parameter → (session key, several values?)
PARAMETERS: dict[str, tuple[str, bool]] = {
    "gemeente": ("f_gemeenten", True), "periode": ("f_periode", False), "status": ("f_status", True),
    "precisie": ("f_precisie", True), "toets": ("f_toets", True), "kleur": ("k_figuur", False),
    "projectkleur": ("k_kleur", False), "project": ("project", False), "plaats": ("plaats", False),
}
MAP_VIEW, MAP_LAYERS = "kaart", "lagen"  # written by the map in the browser
NOTICES = "_link_notices"


@dataclass(frozen=True)
class LinkedMap:
    """What a link asked of the map: a view (lat, lon, zoom) and the theme layers switched on."""

    view: tuple[float, float, float] | None = None
    themes: tuple[str, ...] = ()


def read_link() -> None:
    """On a session's first run, copy the link's values into the widgets' session state."""
    if st.session_state.get("_link_read"):
        return
    st.session_state["_link_read"] = True
    st.session_state[NOTICES] = []
    for parameter, (key, several) in PARAMETERS.items():
        values = st.query_params.get_all(parameter)
        if values:
            st.session_state[key] = values if several else values[0]


def keep_known(options: Mapping[str, list[str]]) -> None:
    """Drop linked or remembered values this data does not offer, noting each one from the link."""
    for parameter, (key, _) in PARAMETERS.items():
        value = st.session_state.get(key)
        known = options.get(key, [])
        if isinstance(value, list):
            unknown = [v for v in value if v not in known]
            st.session_state[key] = [v for v in value if v in known]
        elif value is not None and value not in known:
            unknown = [value]
            del st.session_state[key]
        else:
            unknown = []
        _note(parameter, unknown)


def _note(parameter: str, values: list[str]) -> None:
    """Remember a notice about unknown values from the link (shown once, on the page). A project is not
    named: an id that is not (yet) public must not be confirmed or echoed."""
    notices = st.session_state.get(NOTICES)
    if values and notices is not None and not st.session_state.get("_link_checked"):
        shown = "bestaat niet of is (nog) niet openbaar" if parameter == "project" else ", ".join(
            f"'{v[:60]}'" for v in values)
        notices.append(f"{parameter} {shown}")


def linked_map(themes: list[str]) -> LinkedMap:
    """The map view and theme layers from the link, checked: a view outside the region or a theme this
    data does not have is dropped with a notice (read on the first run only, kept for the session)."""
    if "_linked_map" in st.session_state:
        return st.session_state["_linked_map"]
    view = _view(st.query_params.get(MAP_VIEW))
    wanted = [t for t in (st.query_params.get(MAP_LAYERS) or "").split(",") if t]
    _note(MAP_LAYERS, [t for t in wanted if t not in themes])
    linked = LinkedMap(view, tuple(t for t in wanted if t in themes))
    st.session_state["_linked_map"] = linked
    return linked


def _view(text: str | None) -> tuple[float, float, float] | None:
    """'lat,lon,zoom' inside the region's reach and the zoom range, else None (with a notice)."""
    if not text:
        return None
    try:
        lat, lon, zoom = (float(part) for part in text.split(","))
    except ValueError:
        _note(MAP_VIEW, [text])
        return None
    (south, west), (north, east) = BOUNDS
    if not (south - 1 <= lat <= north + 1 and west - 1 <= lon <= east + 1 and MIN_ZOOM <= zoom <= MAX_ZOOM):
        _note(MAP_VIEW, [text])
        return None
    return lat, lon, zoom


def take_notices() -> list[str]:
    """The notices about the link, once: after this run the link counts as checked."""
    st.session_state["_link_checked"] = True
    return list(st.session_state.pop(NOTICES, None) or [])


def notice_text(notices: list[str]) -> str:
    """One Dutch sentence naming what the link held that this map does not know."""
    return ("De link bevat waarden die deze kaart niet kent; die zijn genegeerd: " + "; ".join(notices) + ".")


def write_link(values: Mapping[str, list[str]]) -> None:
    """Keep the address bar a link to this view; the map's own parameters are left as the browser wrote them."""
    for parameter, wanted in values.items():
        if st.query_params.get_all(parameter) != wanted:
            if wanted:
                st.query_params[parameter] = wanted
            elif parameter in st.query_params:
                del st.query_params[parameter]

