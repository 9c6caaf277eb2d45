"""What the product says about its data: sources with licences, and the limits of what is shown."""

from __future__ import annotations

SOURCES: tuple[tuple[str, str, str, str], ...] = (
    ("Actualisatie Woondeal West-Overijssel 2025 t/m eind 2030, Actieprogramma Toekomstbestendig Bouwen, "
     "Regionale Woonzorgvisie, Afsprakenkader ouderenhuisvesting", "Provincie Overijssel en gemeenten", "2025",
     "Openbare overheidsdocumenten (na het embargo tot en met 15 april 2025)"),
    ("Woondeal West-Overijssel (Wonen met Kwaliteit)", "Rijk, provincie Overijssel en gemeenten", "2022",
     "Openbaar overheidsdocument; de 2022-aantallen staan in Bijlage 1 van de actualisatie"),
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
    ("Leaflet 1.9.3 en jQuery 3.7.1 (kaartsoftware)", "Leaflet- en jQuery-projecten", "2022–2023",
     "BSD-2-Clause en MIT; meegeleverd, geen CDN"),
)
SOURCE_COLUMNS = ("Gegevens", "Uitgever", "Jaar", "Licentie en naamsvermelding")

LIMITS: tuple[tuple[str, str], ...] = (
    ("Gemeentegrenzen zijn gegeneraliseerd",
     "De CBS-grenzen kunnen tientallen tot enkele honderden meters afwijken. Geschikt voor een overzicht, "
     "niet voor beslissingen op perceelniveau."),
    ("Projectlocaties zijn gereconstrueerd",
     "De projectenkaart (Figuur 1) ging verloren bij het omzetten van de documenten naar tekst. Elk project is "
     "geplaatst op basis van zijn naam en zegt hoe precies dat is: projectgebied, wijk, kern, meerdere kernen of "
     "alleen gemeente, met een toelichting. Een wijk- of kernvlak is niet het bouwplan zelf."),
    ("Wijken en buurten komen uit TOP10NL",
     "Het zijn topografische namen en vlakken van het Kadaster, niet de CBS-wijk- en buurtindeling."),
    ("Gerealiseerd is netto, de opgave bruto",
     "De voortgang (gerealiseerd gedeeld door de opgave) is daarom een benadering."),
    ("Cijfers zoals gepubliceerd",
     "Waar de documenten zichzelf tegenspreken, staat bij Afwijkingen welke waarde gebruikt is. Onbekend is "
     "leeg ('–'), nooit nul."),
    ("Zonder internet",
     "De vectorlagen worden gewoon getekend; alleen de achtergrondkaart ontbreekt dan."),
)
