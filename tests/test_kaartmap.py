"""The Kaart page's map (ui.kaartmap): made once per view and sent to every session that asks for the same one,
and made for a public visitor's first run before the server takes visitors."""

from __future__ import annotations

from unittest import mock

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.schema import PERIOD_2031_2035
from layers.mapview import overlays
from tests.embargo import BEFORE
from tests.test_app import APP
from ui import kaartmap, view


def _kaart_session(**state) -> AppTest:
    """One new session of the Kaart page, with this session state, run once."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def test_a_later_session_is_sent_the_same_map_without_building_it_again() -> None:
    first = _kaart_session()
    with mock.patch("ui.kaartmap.overlays", wraps=overlays) as built:
        later = _kaart_session()
    built.assert_not_called()
    assert later.get("component_instance")[0].proto.json_args == first.get("component_instance")[0].proto.json_args


@pytest.mark.parametrize("state", [{"f_gemeenten": ["Deventer"]}, {"project": "kampen-de-bakkerij"},
                                   {"f_periode": PERIOD_2031_2035}])
def test_another_filter_or_chosen_project_is_a_map_of_its_own(state: dict) -> None:
    st.cache_resource.clear()  # no map of an earlier test kept
    first = _kaart_session()
    with mock.patch("ui.kaartmap.overlays", wraps=overlays) as built:
        other = _kaart_session(**state)
    assert built.call_count == 1
    assert other.get("component_instance")[0].proto.json_args != first.get("component_instance")[0].proto.json_args


@pytest.mark.parametrize("moment", [None, BEFORE])  # before the release: no 2024–2030 figures to show
def test_the_warm_up_makes_the_map_a_first_public_visitor_is_sent(moment: str | None, monkeypatch) -> None:
    if moment:
        monkeypatch.setenv("WOONDEAL_NOW", moment)
    st.cache_resource.clear()
    public = view.warm()
    kaartmap.warm(public.dataset, public.releases, public.version)
    with mock.patch("ui.kaartmap.overlays", wraps=overlays) as built:
        first = _kaart_session()
    built.assert_not_called()
    assert "wd-gemeente" in first.get("component_instance")[0].proto.json_args
