"""About the data: sources, years, licences, attribution and the limits of what is shown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.provenance import TABLE_COLUMNS, read_provenance
from geo.rules import verdicts_table
from geo.schema import INDICATIVE_LEVELS
from ui.markdown import plain
from ui.view import View, current_view


def render(view: View) -> None:
    """Sources with licences, and the limits of the data."""
    st.title("Over de data")
    st.write("Elk getal in deze kaart is terug te voeren op een regel in de brondocumenten of op een dataset. "
             "De bronteksten, de overgenomen tabellen en het bouwscript staan in de code-opslag van dit product.")
    st.subheader("Bronnen en licenties")
    provenance = read_provenance()
    listed = [d.row() for d in provenance.datasets.values() if view.dataset.names_source(d.id)]
    st.dataframe(pd.DataFrame(listed, columns=TABLE_COLUMNS), hide_index=True, width="stretch", height="content")
    st.subheader("Beperkingen")
    st.markdown("\n".join(f"- **{plain(limit.titel)}.** {plain(limit.tekst)}" for limit in provenance.limits))
    st.subheader("Wat de locatietoets per thema kan zeggen")
    st.write("Een thema zegt alleen knelpunt, aandacht of geen bezwaar waar zijn gegevens die uitspraak kunnen "
             f"dragen. Projecten die alleen op een {INDICATIVE_LEVELS} geplaatst zijn, krijgen bij elk thema "
             "'indicatief' met het deel van dat gebied dat de regel raakt.")
    st.dataframe(verdicts_table(), hide_index=True, width="stretch", height="content")
    counts = view.dataset.projects["locatie_precisie"].value_counts()
    st.caption("Precisie van de projectlocaties in deze gegevens: "
               + ", ".join(f"{k}: {v}" for k, v in counts.items()) + ".")


render(current_view("Over de data"))
