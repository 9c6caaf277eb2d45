"""Texts cut to the shown documents: sources, quotes with their citation, citing sentences."""

from geo.documents import cited, released_quote, released_sources, released_text, text_document

HIDDEN: tuple[str, ...] = ()  # no document with lines is shown (before the release)
SHOWN = (text_document(),)
RULE = ("Om de gewenste snelheid in de woningbouw te verwezenlijken is de aanwezigheid van voldoende stikstofruimte "
        "voor woningbouw een vereiste. De uitspraak van de Raad van State over andere regels rondom intern salderen "
        "(januari 2025) leidt tot onzekerheid over de mogelijkheden voor woningbouw nabij natuurgebieden "
        "(Actualisatie Woondeal 2025, §8 Woningbouwvoorwaarden, regel 1014–1021). Toets: afstand tot de laag.")


def test_a_line_reference_cites_the_document_text():
    assert cited("Actualisatie Woondeal 2025, Bijlage 1, regel 1570") == {text_document()}
    assert cited("som van de projecten (Bijlage 1, regels 1511–1515)") == {text_document()}
    assert cited("Natura 2000-gebieden, RVO via PDOK (2026)") == set()


def test_sources_keep_only_those_of_shown_documents():
    bron = "Actualisatie Woondeal 2025, §2, regel 311; 30% van 28.200 (berekend uit de kerncijfers)"
    assert released_sources(bron, HIDDEN) == "30% van 28.200 (berekend uit de kerncijfers)"
    assert released_sources(bron, SHOWN) == bron
    assert released_sources("Actualisatie Woondeal 2025, Bijlage 1, regel 1570", HIDDEN) == ""


def test_a_quote_goes_with_its_citation_and_the_rest_stays():
    assert released_text(RULE, HIDDEN) == "Toets: afstand tot de laag."
    assert released_text(RULE, SHOWN) == RULE


def test_a_citing_parenthesis_goes_and_a_citing_sentence_goes_whole():
    note = ("Geplaatst op de TOP10NL-wijk Centrum van Deventer, die de binnenstad omvat (gebiedsprogramma Centrum en "
            "Schil, collegenota regel 89); de schil reikt mogelijk verder. Volgens regel 196–197 geldt een embargo. "
            "Daarna niets meer.")
    assert released_text(note, HIDDEN) == ("Geplaatst op de TOP10NL-wijk Centrum van Deventer, die de binnenstad omvat; "
                                           "de schil reikt mogelijk verder. Daarna niets meer.")


def test_a_line_is_quoted_only_when_its_document_is_shown():
    bron = "Actualisatie Woondeal 2025, Bijlage 1, regel 1570"
    assert released_quote(bron, SHOWN) == "Kampen Kampen Reevedelta Bestaand 3.200 1.815 2.020"
    assert released_quote(bron, HIDDEN) == "" and released_quote("Woondeal West-Overijssel 2022", SHOWN) == ""
