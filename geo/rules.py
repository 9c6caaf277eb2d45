"""The rules table of the location check (``data/sources/regels.csv``): one row per theme.

Each row names the theme, its Dutch label, the seed sentence and the document line it comes from,
the source files of its layer, the measure, the thresholds and the data caveat. The measure is
``aandeel`` (share of the site inside the layer) or ``afstand`` (metres to the nearest feature,
from the site's edge, ``rand``: any part of the site counts, for hazards; or from a point inside
it, ``midden``: the typical dwelling, for amenities). A theme without source files has no data and
always reports ``geen gegevens``.

Thresholds are configuration, never code. With ``meer_is_slechter`` a status applies when the value
is above its threshold ("meer dan 300 m", "meer dan 0%"); with ``minder_is_slechter`` when it is at
or below it ("binnen 50 m"; 0 m means in or against the layer). Values are compared as they are
shown: shares rounded to 0,1%, distances to whole metres. An empty threshold never applies.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from geo import paths
from geo.constraints import CLIP_BUFFER_M, DERIVATIONS
from geo.numbers import format_decimal_nl
from geo.reference import cited_lines, normalise, quote
from geo.sources import KEY, Column, SourceError, choice, optional_text, pattern, read_table, text

MEASURES = ("aandeel", "afstand")
DIRECTIONS = ("meer_is_slechter", "minder_is_slechter")
ORIGINS = ("rand", "midden")
UNITS = {"aandeel": "%", "afstand": "m"}
GEEN_BEZWAAR, AANDACHT, KNELPUNT, GEEN_GEGEVENS = "geen bezwaar", "aandacht", "knelpunt", "geen gegevens"
STATUSES = (GEEN_BEZWAAR, AANDACHT, KNELPUNT, GEEN_GEGEVENS)
_NUMBER = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
Rule = Any  # one row of the rules table: a record from itertuples() or a Series, read by attribute


def _threshold(value: str) -> float | None:
    """A threshold in Dutch notation ('2.000', '0,5'), or None when the cell is empty."""
    text = value.strip()
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(f"'{value}' is geen getal (verwacht bijvoorbeeld 2.000 of 0,5)")
    return float(text.replace(".", "").replace(",", "."))


def _optional_choice(*options: str) -> Callable[[str], str]:
    """Like the sources' choice, but an empty cell stays empty (a rule without data needs no direction)."""
    def convert(value: str) -> str:
        return choice(*options)(value) if value.strip() else ""

    return convert


def _files(value: str) -> tuple[str, ...]:
    """Source file names separated by ';' (empty: the theme has no data)."""
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _lines(value: str) -> str:
    """A line reference such as '4418–4422' that names at least one line."""
    cited_lines(f"regel {value.strip()}")
    return value.strip()


SCHEMA = (
    Column("thema", pattern(KEY, "thema-id (kleine letters, cijfers en _)")),
    Column("label", text),
    Column("bron_document", text),
    Column("bron_regel", _lines),
    Column("bron_tekst", text),
    Column("lagen", _files),
    Column("maat", choice(*MEASURES)),
    Column("richting", _optional_choice(*DIRECTIONS)),
    Column("gemeten_vanaf", _optional_choice(*ORIGINS)),
    Column("aandacht_grens", _threshold, "Float64"),
    Column("knelpunt_grens", _threshold, "Float64"),
    Column("bron_laag", optional_text),
    Column("jaar", optional_text),
    Column("licentie", optional_text),
    Column("kanttekening", text),
)


def read_rules(path: Path = paths.RULES) -> pd.DataFrame:
    """The rules in table order, checked row by row; adds eenheid, heeft_gegevens, bron and regel."""
    rules = read_table(path, SCHEMA, ("thema",))
    if rules.empty:
        raise SourceError(path, None, "bevat geen regels")
    for row, rule in enumerate(rules.itertuples(), start=2):
        problem = _problem(path.parent, rule)
        if problem:
            raise SourceError(path, row, f"{rule.thema}: {problem}")
    return rules.assign(
        eenheid=rules["maat"].map(UNITS),
        heeft_gegevens=rules["lagen"].map(bool),
        bron=[_source(rule) for rule in rules.itertuples()],
        regel=[rule_sentence(rule) for rule in rules.itertuples()],
    )


def _problem(directory: Path, rule: Rule) -> str | None:
    """What is wrong with a rule: its quote, its layer's derivation and files, or its measure and thresholds."""
    if normalise(rule.bron_tekst) not in quote(f"regel {rule.bron_regel}", directory / paths.DOCUMENT_TEXT.name):
        return f"de bron_tekst staat niet in regel {rule.bron_regel} van {paths.DOCUMENT_TEXT.name}"
    if not rule.lagen:
        return None
    return _layer_problem(directory, rule) or _measure_problem(rule)


def _layer_problem(directory: Path, rule: Rule) -> str | None:
    """The rule's files exist and are exactly the inputs of the theme's derivation in geo.constraints."""
    derivation = DERIVATIONS.get(rule.thema)
    if derivation is None:
        return "er is geen afleiding voor dit thema in geo/constraints.py; laat 'lagen' leeg of voeg er een toe"
    missing = [name for name in rule.lagen if not (directory / name).exists()]
    if missing:
        return f"bronbestand ontbreekt: {', '.join(missing)}"
    expected = sorted(source.name for source in derivation.inputs)
    if sorted(rule.lagen) != expected:
        return f"kolom 'lagen' moet precies de bronnen van de afleiding noemen: {'; '.join(expected)}"
    empty = [column for column in ("richting", "bron_laag", "jaar", "licentie") if not getattr(rule, column)]
    return f"kolom '{empty[0]}' is leeg, terwijl de regel gegevens heeft" if empty else None


def _measure_problem(rule: Rule) -> str | None:
    """A distance says where it is measured from; thresholds exist, are ordered and stay within range."""
    if (rule.maat == "afstand") != bool(rule.gemeten_vanaf):
        return "kolom 'gemeten_vanaf' (rand of midden) hoort bij een afstand, en alleen daar"
    attention, problem = _value(rule.aandacht_grens), _value(rule.knelpunt_grens)
    if np.isnan(attention) and np.isnan(problem):
        return "geen grens voor aandacht of knelpunt"
    milder = problem <= attention if rule.richting == "meer_is_slechter" else problem >= attention
    if milder:
        return "de grens voor knelpunt moet verder gaan dan die voor aandacht"
    limit = 100.0 if rule.maat == "aandeel" else CLIP_BUFFER_M
    if np.nanmax([attention, problem]) > limit:
        unit = "%" if rule.maat == "aandeel" else " m (de lagen reiken niet verder buiten de regio)"
        return f"een grens is groter dan {format_decimal_nl(limit, 0)}{unit}"
    return None


def _value(threshold: object) -> float:
    """A threshold as a float, NaN when it is empty."""
    return float("nan") if pd.isna(threshold) else float(threshold)


def _source(rule: Rule) -> str:
    """The layer's source, year and licence as one Dutch sentence for the scorecard."""
    if not rule.lagen:
        return "geen gegevensbron beschikbaar"
    return f"{rule.bron_laag} ({rule.jaar}); licentie: {rule.licentie}"


def _number(value: float) -> str:
    """A threshold in Dutch notation without needless decimals: 2000 -> '2.000', 0.5 -> '0,5'."""
    return format_decimal_nl(value, 0 if value == int(value) else 1)


def criteria(rule: Rule) -> str:
    """The thresholds of a rule in words, generated from the table so that text and test agree."""
    if not rule.lagen:
        return "niet uit te voeren, want er zijn geen gegevens"
    unit = "%" if rule.maat == "aandeel" else " m"
    parts = []
    for status, threshold in ((AANDACHT, _value(rule.aandacht_grens)), (KNELPUNT, _value(rule.knelpunt_grens))):
        if np.isnan(threshold):
            parts.append(f"nooit {status}")
        elif rule.richting == "meer_is_slechter":
            parts.append(f"{status} bij meer dan {_number(threshold)}{unit}")
        elif threshold == 0:
            parts.append(f"{status} bij 0{unit} (in of tegen de laag)")
        else:
            parts.append(f"{status} binnen {_number(threshold)}{unit}")
    if rule.maat == "aandeel":
        return f"aandeel van de locatie in de laag: {', '.join(parts)} (een punt telt als 0% of 100%)"
    origin = "de rand van de locatie" if rule.gemeten_vanaf == "rand" else "het midden van de locatie"
    return f"afstand vanaf {origin} tot de laag: {', '.join(parts)}"


def rule_sentence(rule: Rule) -> str:
    """The rule as the scorecard shows it: seed sentence, document and line, then the test applied."""
    quoted = rule.bron_tekst.rstrip(".")
    return f"{quoted} ({rule.bron_document}, regel {rule.bron_regel}). Toets: {criteria(rule)}."


def classify(values: np.ndarray, rule: Rule) -> np.ndarray:
    """Status per measured value (NaN: no feature in the layer, so infinitely far or 0%)."""
    attention, problem = _value(rule.aandacht_grens), _value(rule.knelpunt_grens)
    if rule.richting == "meer_is_slechter":
        measured = np.where(np.isnan(values), np.inf if rule.maat == "afstand" else 0.0, values)
        is_problem, is_attention = measured > problem, measured > attention
    else:
        measured = np.where(np.isnan(values), np.inf, values)
        is_problem, is_attention = measured <= problem, measured <= attention
    return np.select([is_problem, is_attention], [KNELPUNT, AANDACHT], GEEN_BEZWAAR).astype(object)
