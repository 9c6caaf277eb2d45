"""The rules table of the location check (``data/sources/regels.csv``): one row per theme.

Each row names the theme, its Dutch label, the seed sentence and the document line it comes from,
the measure, the thresholds and the data caveat. The layer's source files and its source line
(publisher, year, licence) are derived: from the theme's derivation in ``geo.constraints`` and the
datasets in ``bronnen.toml``, never repeated in the table. The measure is
``aandeel`` (share of the site inside the layer) or ``afstand`` (metres to the nearest feature,
from the site's edge, ``rand``: any part of the site counts, for hazards; or from a point inside
it, ``midden``: the typical dwelling, for amenities). A theme without a derivation has no data and
always reports ``geen gegevens``.

Thresholds are configuration, never code. With ``meer_is_slechter`` a status applies when the value
is above its threshold ("meer dan 300 m", "meer dan 0%"); with ``minder_is_slechter`` when it is at
or below it ("binnen 50 m"; 0 m means in or against the layer). Values are compared as they are
shown: shares rounded to 0,1%, distances to whole metres. An empty threshold never applies.

Each theme with data also says what its features are, as a phrase for sentences and zone names
(``omschrijving``: "een primaire waterkering"), and which verdicts its data can carry
(``uitspraken``: knelpunt, aandacht, geen bezwaar). Where the thresholds would give a verdict the data
cannot carry (``aandacht`` for green, while city parks are missing), the check says ``onvolledige
gegevens`` instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geo import paths
from geo.constraints import CLIP_BUFFER_M, DERIVATIONS, source_file
from geo.numbers import format_decimal_nl
from geo.provenance import Provenance, read_provenance
from geo.reference import cited_lines, normalise, quote
from geo.schema import AANDACHT, GEEN_BEZWAAR, KNELPUNT, ONVOLLEDIG, VERDICTS
from geo.sources import KEY, Column, SourceError, choice, optional_text, pattern, read_table, text

MEASURES = ("aandeel", "afstand")
DIRECTIONS = ("meer_is_slechter", "minder_is_slechter")
ORIGINS = ("rand", "midden")
UNITS = {"aandeel": "%", "afstand": "m"}
NO_SOURCE = "geen gegevensbron beschikbaar"
VERDICTS_COLUMNS = ("Thema", "Uitspraken die de gegevens dragen", "Anders staat er")
_NUMBER = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


@dataclass(frozen=True)
class Rule:
    """One theme of the location check: what the table says, plus its derived files and source line."""

    thema: str
    label: str
    bron_document: str
    bron_regel: str
    bron_tekst: str
    maat: str
    richting: str
    gemeten_vanaf: str
    aandacht_grens: float | None
    knelpunt_grens: float | None
    omschrijving: str
    uitspraken: tuple[str, ...]
    kanttekening: str
    lagen: tuple[str, ...] = ()
    bron: str = NO_SOURCE

    @property
    def heeft_gegevens(self) -> bool:
        """Whether the theme has a layer (a derivation with source files)."""
        return bool(self.lagen)

    @property
    def eenheid(self) -> str:
        """The unit of the measured value: % or m."""
        return UNITS[self.maat]

    @property
    def toelichting(self) -> str:
        """The caveat as a scorecard and the layer table show it: what the data can say, then the table's text."""
        if not self.heeft_gegevens:
            return self.kanttekening
        return f"{verdicts_in_words(self)} {self.kanttekening}"

    @property
    def regel(self) -> str:
        """The rule as the scorecard shows it: seed sentence, document and line, then the test applied."""
        quoted = self.bron_tekst.rstrip(".")
        return f"{quoted} ({self.bron_document}, regel {self.bron_regel}). Toets: {criteria(self)}."


def _threshold(value: str) -> float | None:
    """A threshold in Dutch notation ('2.000', '0,5'), or None when the cell is empty."""
    cell = value.strip()
    if not cell:
        return None
    if not _NUMBER.match(cell):
        raise ValueError(f"'{value}' is geen getal (verwacht bijvoorbeeld 2.000 of 0,5)")
    return float(cell.replace(".", "").replace(",", "."))


def _optional_choice(*options: str) -> Callable[[str], str]:
    """Like the sources' choice, but an empty cell stays empty (a rule without data needs no direction)."""
    def convert(value: str) -> str:
        return choice(*options)(value) if value.strip() else ""

    return convert


def _verdicts(value: str) -> tuple[str, ...]:
    """The verdicts a theme's data can carry, '; '-separated, in the order knelpunt, aandacht, geen bezwaar."""
    named = [part.strip().lower() for part in value.split(";") if part.strip()]
    unknown = [name for name in named if name not in VERDICTS]
    if unknown:
        raise ValueError(f"'{unknown[0]}' is geen uitspraak (kies uit {', '.join(VERDICTS)})")
    return tuple(verdict for verdict in VERDICTS if verdict in named)


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
    Column("maat", choice(*MEASURES)),
    Column("richting", _optional_choice(*DIRECTIONS)),
    Column("gemeten_vanaf", _optional_choice(*ORIGINS)),
    Column("aandacht_grens", _threshold),
    Column("knelpunt_grens", _threshold),
    Column("omschrijving", optional_text),
    Column("uitspraken", _verdicts),
    Column("kanttekening", text),
)


def read_rules(path: Path = paths.RULES) -> tuple[Rule, ...]:
    """The rules in table order, checked row by row, with their layers' files and sources derived."""
    table = read_table(path, SCHEMA, ("thema",))
    if table.empty:
        raise SourceError(path, None, "bevat geen regels")
    provenance = read_provenance(path.parent / paths.PROVENANCE.name)
    rules = []
    for row, record in enumerate(table.to_dict("records"), start=2):
        fields: dict[str, Any] = {str(k): None if pd.isna(v) else v for k, v in record.items()}
        rule = _with_sources(Rule(**fields), provenance)
        problem = _problem(path.parent, rule)
        if problem:
            raise SourceError(path, row, f"{rule.thema}: {problem}")
        rules.append(rule)
    return tuple(rules)


def _with_sources(rule: Rule, provenance: Provenance) -> Rule:
    """The rule with the files and the source line of its derivation's datasets (none: no data)."""
    derivation = DERIVATIONS.get(rule.thema)
    if derivation is None:
        return rule
    files = tuple(source_file(provenance, dataset) for dataset in derivation.inputs)
    sources = "; ".join(f"{provenance[d].cited()}; licentie: {provenance[d].licentie.lower()}"
                        for d in dict.fromkeys(derivation.inputs))
    return Rule(**{**rule.__dict__, "lagen": files, "bron": sources})


def _problem(directory: Path, rule: Rule) -> str | None:
    """What is wrong with a rule: its quote, its layer's files, or its measure and thresholds."""
    if normalise(rule.bron_tekst) not in quote(f"regel {rule.bron_regel}", directory / paths.DOCUMENT_TEXT.name):
        return f"de bron_tekst staat niet in regel {rule.bron_regel} van {paths.DOCUMENT_TEXT.name}"
    if not rule.heeft_gegevens:
        has_thresholds = rule.aandacht_grens is not None or rule.knelpunt_grens is not None
        if has_thresholds or rule.uitspraken or rule.omschrijving:
            return "een thema zonder gegevens heeft geen grenzen, uitspraken of omschrijving"
        return None
    missing = [name for name in rule.lagen if not (directory / name).exists()]
    if missing:
        return f"bronbestand ontbreekt: {', '.join(missing)}"
    for column in ("richting", "omschrijving", "uitspraken"):
        if not getattr(rule, column):
            return f"kolom '{column}' is leeg, terwijl de regel gegevens heeft"
    return _measure_problem(rule) or _verdict_problem(rule)


def _verdict_problem(rule: Rule) -> str | None:
    """A verdict the data can carry must be one the thresholds can give."""
    impossible = [verdict for verdict in rule.uitspraken if verdict not in _reachable(rule)]
    if impossible:
        return f"uitspraak '{impossible[0]}' kan niet voorkomen: er is geen grens voor {impossible[0]}"
    return None


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


def _value(threshold: float | None) -> float:
    """A threshold as a float, NaN when it is empty."""
    return float("nan") if threshold is None else float(threshold)


def _number(value: float) -> str:
    """A threshold in Dutch notation without needless decimals: 2000 -> '2.000', 0.5 -> '0,5'."""
    return format_decimal_nl(value, 0 if value == int(value) else 1)


def criteria(rule: Rule) -> str:
    """The thresholds of a rule in words, generated from the table so that text and test agree."""
    if not rule.heeft_gegevens:
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


def _reachable(rule: Rule) -> tuple[str, ...]:
    """The verdicts the rule's thresholds can give (geen bezwaar always)."""
    thresholds = {KNELPUNT: rule.knelpunt_grens, AANDACHT: rule.aandacht_grens}
    return tuple(v for v in VERDICTS if v == GEEN_BEZWAAR or thresholds[v] is not None)


def verdicts_in_words(rule: Rule) -> str:
    """Which verdicts the theme's data can carry, in a sentence for the scorecard's caveat."""
    carried = " en ".join(", ".join(rule.uitspraken).rsplit(", ", 1))
    word = "uitspraak" if len(rule.uitspraken) == 1 else "uitspraken"
    missing = [verdict for verdict in _reachable(rule) if verdict not in rule.uitspraken]
    if not missing:
        return f"Deze gegevens dragen de {word} {carried}."
    return (f"Deze gegevens dragen alleen de {word} {carried}; waar de grenzen {' of '.join(missing)} "
            f"zouden geven, staat '{ONVOLLEDIG}'.")


def verdicts_table(rules: tuple[Rule, ...] | None = None) -> pd.DataFrame:
    """Per theme which verdicts its data can carry and what is said otherwise, for 'Over de data' and the README."""
    rules = read_rules() if rules is None else rules
    rows = []
    for rule in rules:
        carried = ", ".join(rule.uitspraken) if rule.uitspraken else "geen"
        missing = [verdict for verdict in _reachable(rule) if verdict not in rule.uitspraken]
        otherwise = ("altijd geen gegevens" if not rule.heeft_gegevens else
                     f"{ONVOLLEDIG} in plaats van {' of '.join(missing)}" if missing else "–")
        rows.append((rule.label, carried, otherwise))
    return pd.DataFrame(rows, columns=VERDICTS_COLUMNS)


def classify(values: np.ndarray, rule: Rule) -> np.ndarray:
    """Status per measured value (NaN: no feature in the layer, so infinitely far or 0%); a verdict the
    theme's data cannot carry becomes 'onvolledige gegevens'."""
    attention, problem = _value(rule.aandacht_grens), _value(rule.knelpunt_grens)
    if rule.richting == "meer_is_slechter":
        measured = np.where(np.isnan(values), np.inf if rule.maat == "afstand" else 0.0, values)
        is_problem, is_attention = measured > problem, measured > attention
    else:
        measured = np.where(np.isnan(values), np.inf, values)
        is_problem, is_attention = measured <= problem, measured <= attention
    status = np.select([is_problem, is_attention], [KNELPUNT, AANDACHT], GEEN_BEZWAAR).astype(object)
    return np.where(np.isin(status, rule.uitspraken), status, ONVOLLEDIG).astype(object)


def reach(rule: Rule, threshold: float) -> str:
    """Where a distance threshold applies, in words before the layer's phrase: 'binnen 50 m van',
    'verder dan 1.200 m van', or 'in of tegen' for 0 m."""
    if rule.richting == "meer_is_slechter":
        return f"verder dan {_number(threshold)} m van"
    return "in of tegen" if threshold == 0 else f"binnen {_number(threshold)} m van"


def zone_bands(rule: Rule) -> list[tuple[str, float, str]]:
    """The zones of a distance rule where a site would get a status, strictest first: (status, threshold,
    the zone in words), e.g. (knelpunt, 50, '0–50 m van een primaire waterkering')."""
    if rule.maat != "afstand" or not rule.heeft_gegevens:
        return []
    attention, problem = rule.aandacht_grens, rule.knelpunt_grens
    noun, bands = rule.omschrijving, []
    if rule.richting == "minder_is_slechter":
        if problem is not None:
            bands.append((KNELPUNT, problem, f"in of tegen {noun}" if problem == 0 else
                          f"0–{_number(problem)} m van {noun}"))
        if attention is not None:
            bands.append((AANDACHT, attention, f"{_number(problem or 0)}–{_number(attention)} m van {noun}"))
    else:
        if problem is not None:
            bands.append((KNELPUNT, problem, f"meer dan {_number(problem)} m van {noun}"))
        if attention is not None:
            band = (f"meer dan {_number(attention)} m" if problem is None else
                    f"{_number(attention)}–{_number(problem)} m")
            bands.append((AANDACHT, attention, f"{band} van {noun}"))
    return bands
