"""Sleutelprojecten: their area (or point) plus a symbol sized by dwellings, coloured by a chosen attribute.

Colour always comes with a line pattern and the tooltip names the category in words, so nothing
is told by colour alone. Areas placed only at gemeente level are drawn as an outline, so they do
not cover the choropleth. Symbol area is proportional to the number of dwellings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from geo.numbers import format_count
from geo.provenance import read_provenance
from geo.schema import CHECK_STATUSES, COLUMNS, PRECISIONS, PROJECT_STATUSES, Code, period_label
from layers.geojson import features, styled_by_row
from layers.labels import TextLabels
from layers.legend import Entry, Section
from layers.palette import DASHED, DOTTED, LONG_DASH, OKABE_ITO, SOLID

NAME = "Sleutelprojecten"
MIN_RADIUS, MAX_RADIUS = 4.0, 18.0
EXISTING = "#5e3c99"  # ColorBrewer PuOr, dark purple


@dataclass(frozen=True)
class Style:
    """How one category is drawn and named."""

    label: str
    colour: str
    dash: str | None
    weight: float = 2.0


# Per coded value its colour, line pattern and width; the labels come from geo.schema.
LOOKS: dict[str, dict[str, tuple[str, str | None, float]]] = {
    # bestaand in dark purple: the blues belong to the water themes (buitendijks, dijkring)
    "status": {"bestaand": (EXISTING, SOLID, 2.0), "nieuw": (OKABE_ITO["orange"], DASHED, 2.0)},
    "locatie_precisie": {
        "projectgebied": (OKABE_ITO["green"], SOLID, 3.0), "benaderd": (OKABE_ITO["green"], DASHED, 2.5),
        "wijk": (OKABE_ITO["blue"], SOLID, 2.0),
        "kern": (OKABE_ITO["sky"], DASHED, 2.0), "meerdere_kernen": (OKABE_ITO["purple"], DOTTED, 2.0),
        "gemeente": (OKABE_ITO["grey"], LONG_DASH, 2.0),
    },
    "toetsing": {
        "knelpunt": (OKABE_ITO["vermillion"], SOLID, 3.5), "aandacht": (OKABE_ITO["orange"], DASHED, 2.5),
        "geen bezwaar": (OKABE_ITO["green"], SOLID, 1.5), "indicatief": (OKABE_ITO["purple"], LONG_DASH, 2.0),
        "onvolledige gegevens": (OKABE_ITO["sky"], DOTTED, 1.5), "geen gegevens": (OKABE_ITO["grey"], DOTTED, 1.5),
    },
}
CODES: dict[str, Mapping[str, Code]] = {
    "status": PROJECT_STATUSES, "locatie_precisie": PRECISIONS, "toetsing": CHECK_STATUSES,
}


def _styles(column: str) -> dict[str, Style]:
    """The style of every value of a coded column, labelled as the schema names it."""
    return {code: Style(CODES[column][code].label, *look) for code, look in LOOKS[column].items()}


COLOURINGS: dict[str, tuple[str, str, dict[str, Style]]] = {
    key: (title, column, _styles(column))
    for key, title, column in (
        ("status", "Bestaand of nieuw", "status"),
        ("precisie", "Precisie van de locatie", "locatie_precisie"),
        ("toetsing", COLUMNS["toetsing"].long, "toetsing"),
    )
}


def colourings(projects: pd.DataFrame) -> dict[str, str]:
    """The attributes projects can be coloured by with this data (the check needs its results)."""
    return {key: title for key, (title, column, _) in COLOURINGS.items() if column in projects.columns}


def radius(woningen: pd.Series, largest: float) -> np.ndarray:
    """Symbol radius in pixels, so that symbol area is proportional to dwellings."""
    share = woningen.astype(float).fillna(0).to_numpy() / max(largest, 1.0)
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * np.sqrt(share)


def tooltip_html(naam: object, gemeente: object, woningen: float | None, period: str, category: str) -> str:
    """'Name (gemeente)', then dwellings and category; escaped."""
    return (f"<strong>{escape(str(naam))}</strong> ({escape(str(gemeente))})<br>"
            f"{escape(format_count(woningen, none='geen aantal'))} woningen {escape(period_label(period))}<br>"
            f"{escape(category)}")


def _headings(display: pd.DataFrame) -> list[str]:
    return [f"{escape(str(n))} ({escape(str(g))})" for n, g in zip(display["naam"], display["gemeente"])]


def _shared_areas(areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One feature per distinct area: projects placed on the same kern share one outline, whose
    tooltip lists them (in neutral grey when they differ in category). Point sites are left to
    their symbol. Areas are grouped by their WKB with factorize and bincount (a pandas groupby over
    the bytes cost a sixth of a map rerun)."""
    areas = areas[~areas.geom_type.isin(["Point", "MultiPoint"])]
    group, _ = pd.factorize(areas.geometry.to_wkb().to_numpy())  # numbered in order of first appearance
    size = np.bincount(group)
    shared = size > 1
    colour, _ = pd.factorize(areas["colour"].to_numpy())
    mixed = np.bincount(np.unique(np.stack([group, colour]), axis=1)[0], minlength=len(size)) > 1
    headings = areas["heading"].to_numpy()
    first = areas.iloc[np.unique(group, return_index=True)[1]].drop(columns="heading").reset_index(drop=True)
    first.loc[shared, "project_id"] = ""  # a click on a shared outline selects none of them
    first.loc[shared, "tooltip"] = [
        f"<strong>{size[g]} sleutelprojecten op dit gebied</strong><br>" + "<br>".join(headings[group == g])
        for g in np.flatnonzero(shared)
    ]
    first.loc[mixed, ["colour", "dash"]] = [OKABE_ITO["grey"], DOTTED]
    return first


def _aria_labels(display: pd.DataFrame, period: str, category: pd.Series) -> list[str]:
    """What a screen reader says for a project symbol (plain text, set with setAttribute in the browser)."""
    woningen = display["woningen"].map(lambda v: format_count(v, none="geen aantal"))
    return [f"{n} ({g}), {w} woningen {period_label(period)}, {c}. Enter: selecteren."
            for n, g, w, c in zip(display["naam"], display["gemeente"], woningen, category)]


def _names(display: gpd.GeoDataFrame, group: folium.FeatureGroup) -> None:
    """Project names beside their symbols, shown only at closer zooms (CSS class wd-zoom-near)."""
    TextLabels((point.y, point.x, f'<div class="wd-label wd-project-label">{escape(str(name))}</div>')
               for name, point in zip(display["naam"], display["marker"])).add_to(group)


def layer(display: gpd.GeoDataFrame, period: str, colour_by: str, largest: float, *,
          documents: Sequence[str]) -> tuple[folium.FeatureGroup, Section]:
    """The projects' areas, symbols and names in one feature group, with the legend section (which
    cites the given documents: the datasets the visible releases bring). A layer left empty by the
    filters (no areas: only point sites) is not drawn at all."""
    title, column, styles = COLOURINGS[colour_by]
    category = display[column].map(lambda v: styles[v].label if v in styles else str(v))
    style = display[column].map(lambda v: styles.get(v, Style(str(v), OKABE_ITO["black"], SOLID)))
    tips = [tooltip_html(n, g, w, period, c)
            for n, g, w, c in zip(display["naam"], display["gemeente"], display["woningen"], category)]
    properties = pd.DataFrame({
        "project_id": display["project_id"].to_numpy(),
        "tooltip": tips,
        "label": _aria_labels(display, period, category),
        "colour": style.map(lambda s: s.colour).to_numpy(),
        "dash": style.map(lambda s: s.dash).to_numpy(),
        "weight": style.map(lambda s: s.weight).to_numpy(),
        "outline": (display["locatie_precisie"] == "gemeente").to_numpy(),
        "radius": radius(display["woningen"], largest).round(1),
    })
    group = folium.FeatureGroup(name=NAME, show=True)
    areas = _shared_areas(gpd.GeoDataFrame(
        properties.assign(heading=_headings(display)), geometry=display.geometry.to_numpy(), crs=display.crs,
    ))
    if len(areas):
        folium.GeoJson(
            features(areas, ("project_id", "tooltip")), name=f"{NAME} (gebieden)",
            style_function=styled_by_row([
                {"color": a.colour, "weight": a.weight, "dashArray": a.dash, "fillColor": a.colour,
                 "fillOpacity": 0.0 if a.outline else 0.25, "className": "wd-project-gebied"}
                for a in areas.itertuples()
            ]),
            highlight_function=lambda _: {"weight": 4},
            tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False),
        ).add_to(group)
    symbols = gpd.GeoDataFrame(properties, geometry=display["marker"].to_numpy(), crs=display.crs)
    if len(symbols):
        folium.GeoJson(
            features(symbols, ("project_id", "tooltip", "label")), name=f"{NAME} (symbolen)",
            marker=folium.CircleMarker(radius=6, fill=True),
            style_function=styled_by_row([
                {"radius": s.radius, "color": "#ffffff", "weight": 1.5, "fillColor": s.colour, "fillOpacity": 0.9,
                 "className": "wd-project-symbool"}
                for s in symbols.itertuples()
            ]),
            highlight_function=lambda _: {"color": "#000000", "weight": 3},
            tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False),
        ).add_to(group)
        _names(display, group)
    return group, legend_section(display, title, styles, period, largest, documents)


def selection(display: gpd.GeoDataFrame, project_id: str, largest: float) -> folium.FeatureGroup:
    """The chosen project outlined (black over a white halo), so it stands out whatever the colouring."""
    group = folium.FeatureGroup(name="Selectie", control=False)
    chosen = display[display["project_id"] == project_id]
    if chosen.empty:
        return group
    shape = gpd.GeoDataFrame({"tooltip": [""]}, geometry=chosen.geometry.to_numpy(), crs=chosen.crs)
    for colour, weight in (("#ffffff", 7), ("#000000", 3.5)):
        folium.GeoJson(features(shape, ()), interactive=False, marker=folium.CircleMarker(radius=10),
                       style_function=lambda _, c=colour, w=weight: {
                           "color": c, "weight": w, "fill": False, "className": "wd-selectie"}).add_to(group)
    marker = chosen["marker"].iloc[0]
    ring = float(radius(chosen["woningen"], largest).max()) + 4  # just around the project's own symbol
    folium.CircleMarker((marker.y, marker.x), radius=ring, color="#000000", weight=3, fill=False, interactive=False,
                        class_name="wd-selectie").add_to(group)
    return group


def popup_html(row: pd.Series, periods: dict[str, str], check: str | None) -> str:
    """The key figures of a project for its popup on the map, escaped, with a link to its detail."""
    figures = "".join(
        f"<p>{escape(label)}: <strong>{escape(format_count(row[column]))}"
        "</strong> woningen</p>"
        for column, label in periods.items() if column in row.index
    )
    outcome = f"<p>Locatietoets: {escape(check)}</p>" if check else ""
    return (f'<div class="wd-popup"><h3>{escape(str(row["naam"]))}</h3><p>{escape(str(row["gemeente"]))} · '
            f'{escape(PROJECT_STATUSES[row["status"]].label)}</p>{figures}{outcome}'
            '<p><a href="#sleutelproject" target="_top">Alle cijfers, bronnen en de locatietoets</a></p></div>')


def legend_section(display: pd.DataFrame, title: str, styles: dict[str, Style], period: str,
                   largest: float, documents: Sequence[str]) -> Section:
    """The legend of the projects layer: the categories present, symbol sizes, and the sources (the
    given documents: those of the visible releases)."""
    present = [key for key in styles if key in set(display[COLOURING_COLUMN[title]])]
    entries = [Entry(styles[key].label, stroke=styles[key].colour, fill=styles[key].colour,
                     dash=styles[key].dash) for key in present]
    sizes = [v for v in (100, 1000, 3000) if v <= largest] or [int(largest)]
    entries += [
        Entry(f"{format_count(v)} woningen", stroke="#ffffff", fill=OKABE_ITO["grey"], shape="circle",
              size=float(radius(pd.Series([v]), largest)[0]))
        for v in sizes
    ]
    note = (f"Symboolgrootte: woningen {period_label(period)}. Symbolen van projecten op dezelfde kern "
            "staan iets uit elkaar; het gebied zelf is niet verschoven.")
    source = read_provenance().attribution(*documents, "top10nl_plaats")
    return Section(f"{NAME}: {title.lower()}", tuple(entries), layer=NAME, note=note,
                   sources=(f"{source}; locaties: eigen reconstructie",))


COLOURING_COLUMN = {title: column for title, column, _ in COLOURINGS.values()}
