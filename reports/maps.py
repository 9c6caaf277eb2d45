"""The meeting's maps on paper and as PNG: the web map's display geometry, colours and legend, drawn by matplotlib.

Gemeenten are coloured through ``layers.choropleth`` and projects through the web map's styles
(``layers.sleutelprojecten``), from the same display copies (``geo.display``) the browser gets, so a
slide, a report and the screen show the same map. A gemeente's map numbers its projects as its table does.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import pandas as pd

from geo.briefing import numbered
from geo.dataset import Dataset
from geo.display import for_web, grouped_points, label_anchors, project_display
from geo.geodata import RD_NEW
from geo.meeting import Subject
from layers.choropleth import FILL_OPACITY, OUTLINE, colour_classes
from layers.gemeenten import FIGURES, SIGNED
from layers.legend import Section
from layers.palette import DOTTED, OKABE_ITO, SOLID
from layers.sleutelprojecten import COLOURINGS, Style, legend_section, radius
from reports.staticmap import MAP_PART, Label, MapLayer, StaticMap, marker_area, render

MAP_SIZE = (11.0, 6.6)
MAP_WIDTH = MAP_PART  # the share of the image the map takes beside its legend
DPI = 150
NO_DATA_DASH = "4 3"


def _extent(frame: gpd.GeoDataFrame, size: tuple[float, float],
            margin: float = 0.06) -> tuple[float, float, float, float]:
    """The frame's bounds (RD New) with a margin, widened to the map's aspect ratio so nothing is cut."""
    xmin, ymin, xmax, ymax = frame.to_crs(RD_NEW).total_bounds
    width, height = (xmax - xmin) * (1 + 2 * margin), (ymax - ymin) * (1 + 2 * margin)
    aspect = size[0] * MAP_WIDTH / size[1]
    width, height = max(width, height * aspect), max(height, width / aspect)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    return (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def _gemeente_layers(gemeenten: gpd.GeoDataFrame, subject: Subject,
                     documents: Sequence[str]) -> tuple[list[MapLayer], Section]:
    colouring = colour_classes(gemeenten[subject.figure], signed=subject.figure in SIGNED)
    layers = [MapLayer(gemeenten, fill=list(colouring.fill), stroke=OUTLINE, width=0.7, fill_opacity=FILL_OPACITY)]
    if colouring.nodata.any():
        layers.append(MapLayer(gemeenten[colouring.nodata.to_numpy()], stroke=OUTLINE, width=0.9, dash=NO_DATA_DASH))
    if subject.gemeente:
        layers.append(MapLayer(gemeenten[gemeenten["gemeente"] == subject.gemeente], stroke="#000000", width=2.4))
    return layers, colouring.section(FIGURES[subject.figure], "Gemeenten", documents)


def _project_layers(shown: gpd.GeoDataFrame, styles: pd.Series, largest: float) -> list[MapLayer]:
    """Areas (one per distinct shape, grey and dotted where projects of different categories share it;
    an outline only where a project is placed on a whole gemeente) and symbols whose area follows the
    dwellings, as on the web map."""
    areas = shown[~shown.geom_type.isin(["Point", "MultiPoint"])]
    keys = pd.Series(areas.geometry.to_wkb(), index=areas.index)
    looks = pd.DataFrame({
        "colour": styles.loc[areas.index].map(lambda s: s.colour),
        "dash": styles.loc[areas.index].map(lambda s: s.dash),
        "weight": styles.loc[areas.index].map(lambda s: s.weight),
        "hollow": areas["locatie_precisie"] == "gemeente",
    })
    mixed = looks["colour"].groupby(keys).transform("nunique") > 1
    looks.loc[mixed, ["colour", "dash"]] = [OKABE_ITO["grey"], DOTTED]
    looks = looks[~keys.duplicated()].fillna({"dash": ""})
    layers = [
        MapLayer(areas.loc[group.index], fill=None if hollow else colour, stroke=colour, width=weight * 0.6,
                 dash=dash or None, fill_opacity=0.25)
        for (colour, dash, weight, hollow), group in looks.groupby(["colour", "dash", "weight", "hollow"], sort=False)
    ]
    symbols = gpd.GeoDataFrame(geometry=shown["marker"].to_numpy(), crs=shown["marker"].crs)
    sizes = [marker_area(r) for r in radius(shown["woningen"], largest)]
    layers.append(MapLayer(symbols, fill=[s.colour for s in styles], stroke="#ffffff", width=0.8, marker_size=sizes))
    return layers


def meeting_map(dataset: Dataset, subject: Subject, embargo: str | None = None,
                size: tuple[float, float] = MAP_SIZE) -> StaticMap:
    """The subject's map: choropleth, the projects (of its gemeente, or all), names, numbers and legend."""
    gemeenten = for_web(dataset.gemeenten)
    projects = dataset.projects.assign(nr=numbered(dataset.projects))
    if subject.gemeente:
        projects = projects[projects["gemeente"] == subject.gemeente]
    projects = projects[projects[subject.period].notna()] if subject.period in projects else projects.iloc[0:0]
    shown = project_display(projects).assign(woningen=projects[subject.period])
    title, column, styles = COLOURINGS[subject.colour_by]
    style = shown[column].map(lambda v: styles.get(v, Style(str(v), OKABE_ITO["black"], SOLID)))
    largest = float(dataset.projects[subject.period].max()) if subject.period in dataset.projects else 1.0
    documents = dataset.shown_documents()
    layers, choropleth = _gemeente_layers(gemeenten, subject, documents)
    legend = [Section(embargo, (), note="Vertrouwelijk: niet delen vóór het einde van het embargo.")] if embargo else []
    legend.append(choropleth)
    if len(shown):
        layers += _project_layers(shown, style, largest)
        legend.append(legend_section(shown, title, styles, subject.period, largest, documents))
    focus = gemeenten[gemeenten["gemeente"] == subject.gemeente] if subject.gemeente else gemeenten
    extent = _extent(focus, size)
    font = 10 if subject.gemeente else 8.5
    scale = (extent[2] - extent[0]) / (size[0] * MAP_WIDTH * DPI)  # metres per pixel
    points = label_anchors(gemeenten, gemeenten["gemeente"], scale, font * DPI / 72)
    labels = [Label(p.x, p.y, name, size=font, bold=True) for name, p in zip(gemeenten["gemeente"], points)]
    if subject.gemeente and len(shown):
        numbers = grouped_points(projects, projects["nr"])
        labels += [Label(p.x, p.y, text, size=8, offset=(0, 11)) for p, text in zip(numbers.geometry, numbers["tekst"])]
    return StaticMap(layers, extent, labels, size=size, legend=legend, stamp=embargo)


def map_png(dataset: Dataset, subject: Subject, embargo: str | None = None) -> bytes:
    """The subject's map with its legend as PNG (for a slide); marked in red while under embargo."""
    return render(meeting_map(dataset, subject, embargo), dpi=DPI)

