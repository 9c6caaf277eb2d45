"""What the embargo tests look for: the moments around the release and the texts that give it away."""

from __future__ import annotations

import re

import pandas as pd
import shapely

from geo.dataset import Dataset
from geo.display import for_web, project_tolerances

BEFORE = "2025-04-10T12:00:00+02:00"
LAST_MOMENT = "2025-04-15T23:59:59+02:00"
AFTER = "2025-04-16T00:00:00+02:00"
PASSWORD = "correct paard batterij niet"
FIGURES = ["24.210", "10.124", "7.960", "24.220", "1.815", "2.020", "4.550", "2.773", "1.155"]
# Texts of the embargoed documents: their names as cited, the merger in a name as printed in 2025,
# words of the quoted §8 conditions, and any line reference into the document text.
TEXTS = ["Actualisatie Woondeal 2025", "actualisatie 2025", "Collegenota", "collegenota", "Actieprogramma",
         "Woonzorgvisie", "Afsprakenkader", "Bijlage 1", "samenvoeging", "Vitale kern", "intern salderen",
         "Raad van State", "extra woningbouwvoorwaarde", "Centrum en Schil", "2025 t/m eind 2030"]
LINE_REFERENCE = re.compile(r"\bregels?\s+\d")


def embargoed_texts(data: Dataset) -> dict:
    """Texts that give the embargoed release away: new names (except those that are also public
    TOP10NL place names, such as Flevowijk, which the place search lists), 2024–2030/doorkijk
    figures, texts of the embargoed documents, and a vertex of each new project's drawn area that no
    public shape has."""
    new = data.projects[data.projects["status"] == "nieuw"]
    old = data.projects[data.projects["status"] == "bestaand"]
    public = pd.concat([for_web(old, project_tolerances(old["locatie_precisie"])).geometry,
                        for_web(data.gemeenten).geometry])
    known = {tuple(xy) for xy in shapely.get_coordinates(public.to_numpy())}
    vertices = {}
    shapes = for_web(new, project_tolerances(new["locatie_precisie"])).geometry
    for project_id, geometry in zip(new["project_id"], shapes):
        own = [xy for xy in map(tuple, shapely.get_coordinates(geometry)) if xy not in known]
        if own:
            vertices[project_id] = f"[{float(own[0][0])!r}, {float(own[0][1])!r}]"
    places = set(data.places["naam"]) if data.places is not None else set()  # public TOP10NL names (place search)
    return {"names": [n for n in new["naam"] if n not in places], "figures": FIGURES, "vertices": vertices, "texts": TEXTS,
            "patterns": [LINE_REFERENCE]}


def leaks(text: str, secrets: dict) -> list[str]:
    """The secrets found in text; figures only as whole numbers (not inside a coordinate)."""
    found = [s for s in [*secrets.get("names", []), *secrets.get("vertices", {}).values(),
                         *secrets.get("texts", [])] if s in text]
    found += [f for f in secrets.get("figures", []) if re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", text)]
    found += [m.group(0) for pattern in secrets.get("patterns", []) for m in pattern.finditer(text)][:3]
    return found
