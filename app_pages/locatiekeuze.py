"""Locatiekeuze: draw, click, upload or pick candidate sites, read their scorecards, compare up to six."""

from __future__ import annotations

import streamlit as st

from geo.candidates import Engine
from ui import workbench
from ui.view import View, current_view


def render(view: View) -> None:
    """The whole workbench page: what came in (link, file) first, then the map and the comparison."""
    st.title("Locatiekeuze")
    st.caption("Toets een eigen locatie aan de regels voor klimaatadaptief en waterbewust bouwen: teken een vlak, "
               "een rechthoek of een punt op de kaart, klik ergens voor 'wat geldt hier?', upload een bestand of "
               "kies een sleutelproject, en vergelijk tot zes locaties. De kaartlagen van de toets zet u aan in het "
               "paneel 'Lagen en legenda' op de kaart. Getoetst wordt met: " + ", ".join(view.release_titles) + ".")
    checker = workbench.checker(view)
    if checker is None:
        st.info("De locatietoets is in deze weergave niet beschikbaar: er zijn (nog) geen toetsuitkomsten openbaar "
                "of de toetslagen zijn niet gebouwd (python -m geo.build).")
        return
    bench = workbench.session()
    workbench.forget_hidden_projects(view, bench)
    workbench.take_link(view, bench, checker)
    workbench.take_upload(view, bench, checker)
    sites(view, checker)
    workbench.add_panel(view, bench)


@st.fragment
def sites(view: View, checker: Engine) -> None:
    """Map, scorecard, comparison and the session's sites: a drawing or a click reruns only this part."""
    bench = workbench.session()
    workbench.take_map(bench, checker)
    messages = st.container()
    left, right = st.columns([3, 2])
    cards = workbench.site_cards(bench, checker)
    with right:  # first: the scorecard reaches the browser before the map is serialised
        workbench.scorecard_panel(view, bench, cards, checker)
    with left:
        workbench.site_map(view, bench)
    workbench.comparison_panel(view, bench, cards)
    workbench.sites_panel(bench)
    workbench.share(bench)
    with messages:
        workbench.show_messages(bench)


render(current_view("Locatiekeuze"))
