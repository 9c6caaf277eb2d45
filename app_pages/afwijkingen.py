"""Where the source documents disagree with themselves, and which value the product uses."""

from __future__ import annotations

import streamlit as st

from ui.markdown import plain
from ui.view import View, current_view
from ui.widgets import download


def render(view: View) -> None:
    """Every row of data/afwijkingen.csv, in plain Dutch."""
    register = view.dataset.afwijkingen
    st.title("Afwijkingen in de brondocumenten")
    if register.empty:
        st.write("Voor de openbare gegevens is (nog) geen register van afwijkingen gepubliceerd.")
        return
    if view.embargo:
        st.caption(f":red[**{plain(view.embargo)}**]")
    st.write(
        f"De documenten spreken zichzelf op {len(register)} plaatsen tegen: een aantal staat twee keer "
        "verschillend, een kolom telt niet op tot het gedrukte totaal, een naam is op twee manieren "
        "gespeld, of een periode, datum of frequentie wordt op twee manieren genoemd. Bij elke afwijking "
        "staat welke waarde deze kaart gebruikt en waarom. De bouw van de gegevens controleert elk totaal "
        "en elk dubbel genoemd cijfer en stopt bij een afwijking die hier niet staat."
    )
    for number, row in enumerate(register.itertuples(), start=1):
        with st.container(border=True):
            st.markdown(f"**{number}. {plain(row.onderwerp)}**")
            st.markdown(f"- **{plain(row.waarde_a)}** volgens {plain(row.bron_a)}\n"
                        f"- **{plain(row.waarde_b)}** volgens {plain(row.bron_b)}")
            st.markdown(f"Gebruikt: **{plain(row.gebruikt)}**. {plain(row.toelichting)}")
    table = register.assign(embargo=view.embargo) if view.embargo else register
    download(view, st, "Download het register (CSV)", table.to_csv(index=False).encode("utf-8-sig"),
             "afwijkingen.csv", "text/csv", "afwijkingen_csv")


render(current_view("Afwijkingen"))
