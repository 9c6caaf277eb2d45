"""The product's vocabulary in one place: columns with Dutch labels and units, periods, precisions, statuses.

Both GeoPackages, the figures table, the exports, the map and the pages use these names; a column
that means the same thing has the same name everywhere (``woningen_2031_2035`` for the doorkijk, in
projects and gemeenten alike). A label is what a reader sees; a subject is the longer line that
names a figure in the ``cijfers`` table and in the register of disagreements.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column: its name, a short Dutch label, the unit of its values, and a subject line."""

    name: str
    label: str
    unit: str = ""
    subject: str = ""
    title: str = ""

    @property
    def long(self) -> str:
        """The label for a legend or chart title: the title when there is one, else the label."""
        return self.title or self.label


@dataclass(frozen=True)
class Code:
    """One value of a coded column (a status, a precision): its code, its Dutch label and a short one."""

    code: str
    label: str
    short_label: str = ""

    @property
    def short(self) -> str:
        """The label for a narrow table column."""
        return self.short_label or self.label


@dataclass(frozen=True)
class Precision(Code):
    """How precisely a project is placed; an indicative placement only shows its surroundings, and its area
    is named in the check's results ('18,0% van de kern ligt binnen 50 m van een primaire waterkering')."""

    area: str = ""

    @property
    def indicative(self) -> bool:
        """Whether the placement is an area (wijk, kern, gemeente) rather than a site."""
        return bool(self.area)


@dataclass(frozen=True)
class CheckStatus(Code):
    """An outcome of the location check; rank orders the measured outcomes (None: not ranked)."""

    rank: int | None = None
    symbol: str = ""

    @property
    def shown(self) -> str:
        """The outcome with its symbol, so it is never told by colour alone: '✖ knelpunt'."""
        return f"{self.symbol} {self.code}"


# --- periods -------------------------------------------------------------------------------------

PERIOD_2022, PERIOD_2024_2030, PERIOD_2031_2035 = "woningen_2022", "woningen_2024_2030", "woningen_2031_2035"
PERIODS: dict[str, str] = {
    PERIOD_2022: "Woondeal 2022",
    PERIOD_2024_2030: "2024 t/m 2030",
    PERIOD_2031_2035: "Doorkijk 2031–2035",
}
DEFAULT_PERIOD = PERIOD_2024_2030

# --- coded values --------------------------------------------------------------------------------

BESTAAND, NIEUW = "bestaand", "nieuw"
PROJECT_STATUSES: dict[str, Code] = {
    BESTAAND: Code(BESTAAND, "Bestaand (uit Woondeal 2022)", "Bestaand"),
    NIEUW: Code(NIEUW, "Nieuw toegevoegd", "Nieuw"),
}

PRECISIONS: dict[str, Precision] = {p.code: p for p in (
    Precision("projectgebied", "Projectgebied (uit een plankaart)", "Projectgebied"),
    Precision("benaderd", "Benaderd (getekend naar openbare beschrijvingen)", "Benaderd"),
    # a TOP10NL wijk or buurt is a named neighbourhood, not a plan outline: several plans are a few
    # hectares inside (or beside) a wijk of 26 to 610 ha, so a verdict on the wijk is none on the site
    Precision("wijk", "Wijk of buurt", area="het wijkgebied"),
    Precision("kern", "Kern (dorp of stad)", "Kern", area="de kern"),
    Precision("meerdere_kernen", "Meerdere kernen", area="de kernen"),
    Precision("gemeente", "Alleen gemeente", area="de gemeente"),
)}
INDICATIVE_PRECISIONS = tuple(code for code, p in PRECISIONS.items() if p.indicative)
# The placements in the texts: 'alleen op een wijk, kern of gemeente geplaatst', 'op een projectgebied of ...'
INDICATIVE_LEVELS = "wijk, kern of gemeente"
SITE_LEVELS = "een projectgebied of een benaderde locatie"

KNELPUNT, AANDACHT, GEEN_BEZWAAR, GEEN_GEGEVENS = "knelpunt", "aandacht", "geen bezwaar", "geen gegevens"
INDICATIEF, ONVOLLEDIG = "indicatief", "onvolledige gegevens"
VERDICTS = (KNELPUNT, AANDACHT, GEEN_BEZWAAR)  # what a rule can say about a site, when its data carry it
CHECK_STATUSES: dict[str, CheckStatus] = {s.code: s for s in (
    CheckStatus(KNELPUNT, "Knelpunt", rank=2, symbol="✖"),
    CheckStatus(AANDACHT, "Aandacht", rank=1, symbol="▲"),
    CheckStatus(GEEN_BEZWAAR, "Geen bezwaar", rank=0, symbol="✔"),
    # The outcomes below are no verdict about a site, so they are not ranked against the verdicts:
    # indicatief: the project is placed on a wijk, kern or gemeente, and the check says how much of that area the
    # rule touches; onvolledige gegevens: the data cannot carry the verdict the thresholds would give;
    # geen gegevens: the theme has no data (or the site lies outside the region).
    CheckStatus(INDICATIEF, "Indicatief (gebied, geen bouwlocatie)", symbol="≈"),
    CheckStatus(ONVOLLEDIG, "Onvolledige gegevens", symbol="◐"),
    CheckStatus(GEEN_GEGEVENS, "Geen gegevens", symbol="?"),
)}
RANKED = {code: s.rank for code, s in CHECK_STATUSES.items() if s.rank is not None}

# --- roles: who sees what (the embargo filter in geo.releases; logins in access) ---------------------

PUBLIC, PLANNER, EXECUTIVE = "publiek", "planner", "bestuurder"
ELEVATED = (PLANNER, EXECUTIVE)  # these roles also see releases under embargo
ROLES = (PUBLIC, *ELEVATED)

# --- columns -------------------------------------------------------------------------------------

ELDERLY_SCENARIOS = ("basis", "trend")
ELDERLY_KINDS = ("nultreden", "geclusterd", "zorggeschikt")


def _elderly() -> tuple[Column, ...]:
    """The ouderenhuisvesting targets per scenario and kind, plus each scenario's derived total."""
    columns = []
    for scenario in ELDERLY_SCENARIOS:
        for kind in (*ELDERLY_KINDS, "totaal"):
            columns.append(Column(
                f"ouderen_{scenario}_{kind}", f"{kind.capitalize()} ({scenario})", "woningen",
                f"Ouderenhuisvesting {scenario}scenario: {kind}",
                f"Ouderenhuisvesting {scenario}scenario ({kind})",
            ))
    return tuple(columns)


COLUMNS: dict[str, Column] = {c.name: c for c in (
    Column("project_id", "Project-id"),
    Column("naam", "Sleutelproject", subject="Naam van het sleutelproject"),
    Column("gemeente", "Gemeente", subject="Gemeentenaam bij het sleutelproject"),
    Column("gemeentecode", "CBS-code"),
    Column("status", "Status"),
    Column(PERIOD_2022, "Woondeal 2022", "woningen", "Woningen in sleutelprojecten volgens de Woondeal 2022",
           "Woningen in sleutelprojecten, Woondeal 2022"),
    Column(PERIOD_2024_2030, "2024 t/m 2030", "woningen", "Woningen in sleutelprojecten 2024 t/m 2030",
           "Woningen in sleutelprojecten 2024 t/m 2030"),
    Column(PERIOD_2031_2035, "Doorkijk 2031–2035", "woningen", "Doorkijk: woningen in sleutelprojecten na 2030",
           "Doorkijk 2031 t/m 2035"),
    Column("alleen_na_2030", "Alleen doorkijk"),
    Column("sleutelprojecten_aantal", "Sleutelprojecten", "projecten", "Aantal sleutelprojecten 2024 t/m 2030"),
    Column("gerealiseerd_2022_2024", "Gerealiseerd 2022–2024", "woningen",
           "Gerealiseerde woningen Q1 2022 t/m Q4 2024", "Gerealiseerd Q1 2022 t/m Q4 2024 (netto)"),
    Column("verschil_2022_2024", "Verandering 2022 → 2024–2030", "woningen",
           title="Verandering Woondeal 2022 → 2024 t/m 2030"),
    *_elderly(),
    Column("locatie_precisie", "Precisie locatie"),
    Column("locatie_toelichting", "Toelichting locatie"),
    Column("toetsing", "Locatietoets", title="Locatietoets (zwaarste uitkomst)"),
    Column("bron", "Bron"),
    Column("afwijking", "Afwijking"),
    Column("projecten_geselecteerd", "Projecten in selectie", "projecten"),
    Column("woningen_geselecteerd", "Woningen in selectie", "woningen"),
)}

# The per-gemeente figures as the documents publish them, in the gemeenten layer and the figures table.
GEMEENTE_FIGURES = (
    "gerealiseerd_2022_2024", "sleutelprojecten_aantal", PERIOD_2024_2030, PERIOD_2031_2035, PERIOD_2022,
    *(f"ouderen_{scenario}_{kind}" for scenario in ELDERLY_SCENARIOS for kind in ELDERLY_KINDS),
)
# Figures the build derives per gemeente from the published ones (never printed as such).
GEMEENTE_DERIVED = ("verschil_2022_2024", *(f"ouderen_{scenario}_totaal" for scenario in ELDERLY_SCENARIOS))
PROJECT_FIGURES = tuple(PERIODS)


def code_labels(codes: Mapping[str, Code]) -> dict[str, str]:
    """Code → Dutch label of a coded column, for display (statuses, precisions)."""
    return {code: value.label for code, value in codes.items()}


def labels(*names: str) -> dict[str, str]:
    """Column name → Dutch label for the given columns, in that order (for tables and exports)."""
    return {name: COLUMNS[name].label for name in names}


def subject(name: str) -> str:
    """The subject line of a figure (what it is), or '' when the column has none."""
    column = COLUMNS.get(name)
    return column.subject if column else ""


def period_label(period: str) -> str:
    """The Dutch name of a period column."""
    return PERIODS.get(period, period)
