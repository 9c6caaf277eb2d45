"""The headline figures as HTML: every figure once with its label, value and remark, the sources to open,
every text escaped, and nothing at all without figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from geo.headlines import Metric
from ui.metrics import metrics_html

HOSTILE = '<img src=x onerror="alert(1)">&\'Zwolle\''
FIGURES = [Metric("Opgave 2022–2030", "28.200", "woningen, bruto, minimaal.", "Actualisatie Woondeal 2025, §2, regel 311"),
           Metric("Geselecteerde sleutelprojecten", "50", "van de 52 projectrijen in de gegevens"),
           Metric(HOSTILE, HOSTILE, HOSTILE, HOSTILE)]


def _list(metrics: list[Metric]) -> ET.Element:
    markup = metrics_html(metrics)
    root = ET.fromstring(f"<root>{markup}</root>")  # well-formed: every text is escaped
    return root.find("ul")


def test_each_figure_is_a_list_item_with_label_value_and_remark_in_order():
    items = _list(FIGURES).findall("li")
    texts = [[p.text for p in item.findall("p")] for item in items]
    assert texts[:2] == [["Opgave 2022–2030", "28.200", "woningen, bruto, minimaal."],
                         ["Geselecteerde sleutelprojecten", "50", "van de 52 projectrijen in de gegevens"]]


def test_the_sources_open_from_a_details_element_and_only_where_there_are_sources():
    first, second, _ = _list(FIGURES).findall("li")
    details = first.find("details")
    assert details.find("summary").text == "Bron"
    assert details.find("div").text == "Actualisatie Woondeal 2025, §2, regel 311"
    assert "open" not in details.attrib
    assert second.find("details") is None


def test_texts_from_the_data_are_escaped():
    markup = metrics_html(FIGURES)
    assert "<img" not in markup and "onerror=\"" not in markup
    hostile = _list(FIGURES).findall("li")[2]
    assert [p.text for p in hostile.findall("p")] == [HOSTILE] * 3
    assert hostile.find("details/div").text == HOSTILE


def test_no_figures_give_no_markup():
    assert metrics_html([]) == ""


def test_the_list_is_named_for_screen_readers():
    assert _list(FIGURES).get("aria-label") == "Kerncijfers"
