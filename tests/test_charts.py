"""The HTML bar chart: every category and value written once and escaped, bars in legend order and
proportional to the largest value, a missing value no bar (and said so to screen readers)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd

from layers.palette import PERIOD_COLOURS
from ui.charts import bar_chart, long_table

SERIES = {"w2022": "Woondeal 2022", "w2030": "2024 t/m 2030", "w2035": "Doorkijk 2031–2035"}
HOSTILE = '<img src=x onerror="alert(1)">&\'Zwolle\''


def _table() -> pd.DataFrame:
    return pd.DataFrame({"gemeente": ["Deventer", HOSTILE, "Ommen"], "w2022": [3250, 1000, None],
                         "w2030": [6500, 2000, 400], "w2035": [None, 500, 0]})


def _chart(font_px: int = 12) -> ET.Element:
    markup = bar_chart(long_table(_table(), SERIES), list(SERIES.values()), font_px=font_px)
    return ET.fromstring(f"<root>{markup}</root>")  # well-formed: every text from the data is escaped


def _rows(chart: ET.Element) -> list[ET.Element]:
    return chart.findall(".//li[@class='wd-chart-row']")


def _bars(row: ET.Element) -> list[ET.Element]:
    return row.findall(".//span[@class='wd-chart-bar']")


def _share(bar: ET.Element) -> float:
    return float(re.search(r"\* ([\d.]+)\)", bar.get("style", "")).group(1))


def test_every_gemeente_is_named_once_in_the_order_of_the_table_escaped():
    chart = _chart()
    names = [e.text for e in chart.iter("div") if e.get("class") == "wd-chart-name"]
    assert names == ["Deventer", HOSTILE, "Ommen"]
    assert "<img" not in bar_chart(long_table(_table(), SERIES), list(SERIES.values()))


def test_every_value_is_written_once_in_dutch_notation_beside_its_bar_with_its_period():
    values = ["".join(e.itertext()) for e in _chart().iter("span") if e.get("class") == "wd-chart-value"]
    assert values == ["Woondeal 2022: 3.250", "2024 t/m 2030: 6.500", "Woondeal 2022: 1.000",
                      "2024 t/m 2030: 2.000", "Doorkijk 2031–2035: 500", "2024 t/m 2030: 400",
                      "Doorkijk 2031–2035: 0"]


def test_a_missing_value_draws_no_bar_and_tells_a_screen_reader_there_are_no_figures():
    deventer, _, ommen = _rows(_chart())
    assert len(_bars(deventer)) == 2 and len(_bars(ommen)) == 2
    hidden = ["".join(e.itertext()) for e in deventer.iter("span") if e.get("class") == "wd-chart-sr"]
    assert hidden[-1] == "Doorkijk 2031–2035: geen gegevens"
    assert "Woondeal 2022: geen gegevens" in "".join(ommen.itertext())


def test_bar_widths_are_proportional_to_the_largest_value_in_the_chart():
    deventer, hostile, ommen = (_bars(row) for row in _rows(_chart()))
    assert [_share(b) for b in deventer] == [0.5, 1.0]
    assert [_share(b) for b in hostile] == [round(1000 / 6500, 4), round(2000 / 6500, 4), round(500 / 6500, 4)]
    assert [_share(b) for b in ommen] == [round(400 / 6500, 4), 0.0]


def test_bars_follow_the_legend_order_and_colours():
    chart = _chart()
    legend = chart.find(".//ul[@class='wd-chart-legend']")
    assert ["".join(item.itertext()) for item in legend] == list(SERIES.values())
    keys = [item.find("span").get("style") for item in legend]
    assert keys == [f"background:{colour}" for colour in PERIOD_COLOURS]
    _, hostile, _ = _rows(chart)
    assert [b.get("style").split("background:")[1] for b in _bars(hostile)] == list(PERIOD_COLOURS)
    periods = [e.text for e in hostile.iter("span") if e.get("class") == "wd-chart-sr"]
    assert periods == [f"{name}: " for name in SERIES.values()]


def test_the_chart_says_what_it_is_and_takes_the_type_size_asked_for():
    markup = bar_chart(long_table(_table(), SERIES), list(SERIES.values()), font_px=20)
    figure = ET.fromstring(f"<root>{markup}</root>").find("figure")
    assert figure.get("aria-label").startswith("Staafdiagram: woningen")
    assert "font-size:20px" in markup and "font-size:12px" not in markup


def test_the_chart_of_no_figures_is_only_its_legend():
    chart = ET.fromstring("<root>" + bar_chart(long_table(_table().iloc[0:0], SERIES), list(SERIES.values()))
                          + "</root>")
    assert _rows(chart) == [] and len(chart.find(".//ul[@class='wd-chart-legend']")) == 3
