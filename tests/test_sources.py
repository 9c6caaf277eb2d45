"""The transcriptions match the document text, and malformed source files are refused by row."""

import re

import pandas as pd
import pytest

from geo import paths
from geo.build import build
from geo.numbers import format_count
from geo.reference import cited_lines, normalise, quote
from geo.sources import SCHEMAS, SourceError, read_source, read_sources
from tests.conftest import edit_csv

TRANSCRIBED = [name for name, schema in SCHEMAS.items() if any(c.name == "gedrukt" for c in schema)]


@pytest.mark.parametrize("name", TRANSCRIBED)
def test_every_transcribed_row_is_printed_at_the_line_it_cites(name):
    table = read_source(paths.SOURCES / name)
    for row in table.itertuples():
        assert normalise(row.gedrukt) in quote(row.bron), f"{name}: {row.bron}"


@pytest.mark.parametrize("name", TRANSCRIBED)
def test_every_figure_of_a_row_appears_in_its_printed_text_in_order(name):
    table = read_source(paths.SOURCES / name)
    counts = [c for c in table.columns if str(table[c].dtype) == "Int64"]
    for row in table.to_dict("records"):
        figures = [None if row[c] is pd.NA else row[c] for c in counts]
        while figures and figures[-1] is None and not row["gedrukt"].rstrip().endswith("-"):
            figures.pop()  # a total printed without its last cell (Ommen's doorkijk)
        expected = " ".join(format_count(v) for v in figures)
        printed = " ".join(re.findall(r"\d{1,3}(?:\.\d{3})*|(?<![\w-])-(?![\w-])", row["gedrukt"]))
        assert f" {expected}" in f" {printed}", f"{name}: {row['bron']}: {expected!r} not in {printed!r}"


def test_bijlage_1_has_every_row_including_the_doorkijk_only_ones():
    table = read_source(paths.BIJLAGE_PROJECTS)
    assert len(table) == 52
    assert table["alleen_na_2030"].sum() == 2
    assert set(table.loc[table["alleen_na_2030"], "project_id"]) == {
        "dalfsen-nieuwleusen-palthelanden", "steenwijkerland-steenwijk-stationsgebied"
    }
    assert (~table["alleen_na_2030"]).sum() == 50


def test_a_dash_in_the_source_stays_null_and_never_becomes_zero():
    table = read_source(paths.BIJLAGE_PROJECTS).set_index("project_id")
    assert table.loc["dalfsen-hoonhorst-de-koele-ii", "woningen_2022"] is pd.NA
    assert table.loc["kampen-reevedelta", "woningen_2031_2035"] == 2020


def test_source_references_name_their_lines():
    assert cited_lines("Actualisatie Woondeal 2025, Bijlage 1, regel 1519–1523") == [1519, 1520, 1521, 1522, 1523]
    assert cited_lines("…, overzicht, regel 1858–1859 en 1865") == [1858, 1859, 1865]


@pytest.mark.parametrize("column, value, message", [
    ("woningen_2024_2030", "veel", "rij 3: kolom 'woningen_2024_2030': 'veel' is geen aantal"),
    ("gemeente", "Amsterdam", "rij 3: kolom 'gemeente': onbekende gemeente 'Amsterdam'"),
    ("status", "gepland", "rij 3: kolom 'status': 'gepland' is niet een van: bestaand, nieuw"),
    ("project_id", "dalfsen-nieuwleusen-centrum", "rij 3: dubbele rij voor dalfsen-nieuwleusen-centrum"),
    ("bron", "Bijlage 1", "rij 3: kolom 'bron': bronverwijzing 'Bijlage 1' noemt geen regel"),
])
def test_a_malformed_bijlage_row_stops_the_build_naming_file_row_and_problem(sources, column, value, message):
    edit_csv(sources / paths.BIJLAGE_PROJECTS.name, 3, column, value)
    with pytest.raises(SourceError, match=re.escape(f"{paths.BIJLAGE_PROJECTS.name}, {message}")):
        build(sources, sources.parent / "afwijkingen.csv")


def test_a_missing_column_is_named(sources):
    path = sources / paths.TABLE_REALISED.name
    path.write_text(path.read_text(encoding="utf-8").replace("gerealiseerd_2022_2024", "gerealiseerd"), encoding="utf-8")
    with pytest.raises(SourceError, match="tabel1_gerealiseerd.csv, rij 1: kolom ontbreekt: gerealiseerd_2022_2024"):
        read_sources(sources)


def test_a_missing_source_file_is_named(sources):
    (sources / paths.HEADLINES.name).unlink()
    with pytest.raises(SourceError, match="kerncijfers.csv: bestand ontbreekt"):
        read_sources(sources)
