"""The subjects of the BO Wonen meeting, in order: the region, each gemeente, the changes since 2022 and
the location risks. The meeting view shows one screen per subject and the reports one page per part
of it; both take what a subject's map shows (choropleth figure, project colouring) from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.dataset import Dataset
from geo.region import REGION
from geo.schema import PERIOD_2022, PERIOD_2024_2030

REGIO, CHANGES, RISKS = "regio", "veranderingen", "risico"


@dataclass(frozen=True)
class Subject:
    """One screen of the meeting: its key (in the address bar), title, gemeente (None: all) and map."""

    key: str
    title: str
    gemeente: str | None
    figure: str
    colour_by: str
    period: str


def _first(options: tuple[str, ...], present: set[str]) -> str:
    return next((option for option in options if option in present), options[-1])


def subjects(dataset: Dataset) -> list[Subject]:
    """Regio → each gemeente → veranderingen sinds 2022 → locatierisico's, with maps this data can draw
    (before the release the public has only the 2022 figures, and so gets those on every map)."""
    columns = set(dataset.gemeenten.columns)
    checked = "toetsing" in dataset.projects.columns
    period = _first((PERIOD_2024_2030, PERIOD_2022), set(dataset.projects.columns))
    figure = _first((PERIOD_2024_2030, PERIOD_2022), columns)
    risk_colour = "toetsing" if checked else "status"
    gemeenten = [Subject(name, name, name, figure, risk_colour, period) for name in dataset.gemeenten["gemeente"]]
    return [
        Subject(REGIO, REGION, None, figure, risk_colour, period),
        *gemeenten,
        Subject(CHANGES, "Veranderingen sinds 2022", None,
                _first(("verschil_2022_2024", PERIOD_2022), columns), "status", period),
        Subject(RISKS, "Locatierisico's", None, figure, risk_colour, period),
    ]
