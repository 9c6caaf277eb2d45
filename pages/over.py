"""About the data: sources, years, licences, attribution and the limits of what is shown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.common import View, current_view

SOURCES = pd.DataFrame([
    ("Actualisatie Woondeal West-Overijssel 2025 t/m eind 2030, Actieprogramma Toekomstbestendig Bouwen, "
     "Regionale Woonzorgvisie, Afsprakenkader ouderenhuisvesting", "Provincie Overijssel en gemeenten", "2025",
     "Openbare overheidsdocumenten (na embargo tot en met 15 april 2025)"),
    ("Gemeentegrenzen (gegeneraliseerd)", "CBS via PDOK", "2026", "CC BY 4.0 — Bron: CBS, Kadaster/PDOK"),
    ("TOP10NL Plaats (kernen, wijken, buurten)", "Kadaster, BRT TOP10NL via PDOK", "2025",
     "CC BY 4.0 — Bron: Kadaster/PDOK (BRT TOP10NL)"),
    ("NS-stations", "NS API", "2016", "Feitelijke gegevens; bron: NS API (2016)"),
    ("Dijkringgebieden, dijkringdelen, hoofdwater", "Rijkswaterstaat / HKV (OptimaliseRing 2.3.2)", "2002–2013",
     "Licentie niet vermeld; bron: Rijkswaterstaat"),
    ("Natura 2000", "RVO via PDOK", "2026", "Licentie niet vermeld; bron: RVO"),
    ("Natuurnetwerk Nederland", "Provincie Overijssel via PDOK", "2026", "Licentie niet vermeld; bron: provincie"),
    ("Fysisch-Geografische Regio's", "Ministerie van LNV", "2013", "Licentie niet vermeld; bron: LNV"),
    ("Achtergrondkaart (alleen online)", "Kadaster, BRT-Achtergrondkaart grijs via PDOK", "actueel",
     "Kaartgegevens © Kadaster"),
    ("Alternatieve achtergrond (alleen online)", "OpenStreetMap-bijdragers", "actueel", "ODbL — © OpenStreetMap"),
], columns=["Gegevens", "Uitgever", "Jaar", "Licentie en naamsvermelding"])

LIMITS = """
- **Gemeentegrenzen zijn gegeneraliseerd** (CBS): grenzen kunnen tientallen tot enkele honderden meters
  afwijken. Geschikt voor een overzicht, niet voor beslissingen op perceelniveau.
- **Projectlocaties zijn gereconstrueerd.** De projectenkaart (Figuur 1) ging verloren bij het omzetten van
  de documenten naar tekst. Elk project is geplaatst op basis van zijn naam en zegt hoe precies dat is:
  projectgebied, wijk, kern, meerdere kernen of alleen gemeente, met een toelichting. Een wijk- of kernvlak
  is níet het bouwplan zelf.
- **Wijken en buurten** komen uit TOP10NL (topografische namen), niet uit de CBS-wijk- en buurtindeling.
- **Gerealiseerd is netto, de opgave bruto**: de voortgang (gerealiseerd gedeeld door de opgave) is daarom
  een benadering.
- **Cijfers zoals gepubliceerd**: waar de documenten zichzelf tegenspreken, staat bij Afwijkingen welke
  waarde gebruikt is. Onbekend is leeg ('–'), nooit nul.
- **Zonder internet** tonen de vectorlagen gewoon; alleen de achtergrondkaart ontbreekt dan.
"""


def render(view: View) -> None:
    """Sources with licences, and the limits of the data."""
    st.title("Over de data")
    st.write("Elk getal in deze kaart is terug te voeren op een regel in de brondocumenten of op een dataset. "
             "De bronteksten, de overgenomen tabellen en het bouwscript staan in de code-opslag van dit product.")
    st.subheader("Bronnen en licenties")
    st.dataframe(SOURCES, hide_index=True, width="stretch")
    st.subheader("Beperkingen")
    st.markdown(LIMITS)
    counts = view.dataset.projects["locatie_precisie"].value_counts()
    st.caption("Precisie van de projectlocaties: " + ", ".join(f"{k}: {v}" for k, v in counts.items()) + ".")


render(current_view())
