"""The printable scorecard of one candidate site: what it is, a small map of the site with the theme
features and the zones of the distance rules around it, and its outcome per theme with the measured
value, the rule and its source, and the data caveat (A4 landscape, EMBARGO on every page).

The map is drawn with matplotlib in RD New (``reports.staticmap``), in the styles of the web map
(``layers/thema_stijlen.csv``). It shows the themes that give the site an outcome that needs
attention (anything but 'geen bezwaar' and 'geen gegevens'), and for their distance rules the zone
within each threshold, clipped to the map, so a reader sees where the site would change status.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from geo.candidates import KINDS, Candidate
from geo.comparison import shown_status
from geo.geodata import RD_NEW
from geo.numbers import format_count
from geo.rules import Rule
from geo.schema import AANDACHT, GEEN_BEZWAAR, GEEN_GEGEVENS, INDICATIVE_LEVELS, KNELPUNT
from geo.sites import coordinates_text
from geo.sources import SourceError
from layers.palette import OKABE_ITO
from layers.themes import style
from reports.pdf import PageFrame, build, table, text
from reports.staticmap import Label, MapLayer, StaticMap, render

SITE_COLOUR = OKABE_ITO["vermillion"]
ZONE_ALPHA = {KNELPUNT: 0.35, AANDACHT: 0.15}
QUIET = (GEEN_BEZWAAR, GEEN_GEGEVENS)  # outcomes that need nothing on the map
WHOLE_MAP = 0.95
MIN_MARGIN_M = 1_000.0
MAP_MM = 120.0
CARD_COLUMNS = (("label", "Thema"), ("status", "Uitkomst"), ("waarde_tekst", "Gemeten"), ("regel", "Regel (bron)"),
                ("kanttekening", "Kanttekening bij de gegevens"), ("bron", "Gegevensbron"))
CARD_WIDTHS = (38 * mm, 24 * mm, 38 * mm, 68 * mm, 66 * mm, 35 * mm)


@dataclass(frozen=True)
class LegendRow:
    """One row of the map's legend: a colour and what it means."""

    colour: str
    label: str
    alpha: float = 1.0


def extent(geometry: shapely.Geometry) -> tuple[float, float, float, float]:
    """A square around the site with at least MIN_MARGIN_M on every side (RD New)."""
    xmin, ymin, xmax, ymax = shapely.bounds(geometry)
    half = max(xmax - xmin, ymax - ymin) / 2 * 1.3 + MIN_MARGIN_M
    x, y = (xmin + xmax) / 2, (ymin + ymax) / 2
    return x - half, y - half, x + half, y + half


def _threshold(rule: Rule, status: str) -> float | None:
    """The threshold of a rule for knelpunt or aandacht."""
    return rule.knelpunt_grens if status == KNELPUNT else rule.aandacht_grens


def _zone(rule: Rule, layer: gpd.GeoDataFrame, window: shapely.Geometry, status: str) -> shapely.Geometry:
    """Where a distance rule gives this status: within its threshold of the layer (clipped to the map).

    Only the features near the map are buffered, each cut to the map widened by the threshold first,
    so a large nature area costs no more than the part that can reach the map.
    """
    threshold = _threshold(rule, status)
    if not threshold or rule.maat != "afstand" or rule.richting != "minder_is_slechter":
        return shapely.Polygon()
    reach = shapely.buffer(window, threshold, quad_segs=2)
    near = shapely.intersection(layer.geometry.to_numpy()[layer.sindex.query(reach)], reach)
    if not len(near):
        return shapely.Polygon()
    return shapely.intersection(shapely.buffer(shapely.union_all(near), threshold, quad_segs=8), window)


def _style(theme: str) -> tuple[str, str | None, str | None, float]:
    """Stroke, fill, dash and fill opacity of a theme; a theme without a style row is drawn grey."""
    try:
        look = style(theme)
    except SourceError:
        return OKABE_ITO["grey"], None, None, 0.0
    return look.stroke, look.fill, look.dash, look.fill_opacity


def _zones(rule: Rule, layer: gpd.GeoDataFrame, window: shapely.Geometry, colour: str,
           label: str) -> tuple[list[MapLayer], list[LegendRow]]:
    """The aandacht and knelpunt zones of a distance rule on the map, and their legend rows; a zone over
    (nearly) the whole map is only named, since drawing it would hide the rest and show nothing."""
    layers, rows = [], []
    for status in (AANDACHT, KNELPUNT):
        zone = _zone(rule, layer, window, status)
        if zone.is_empty:
            continue
        metres = format_count(int(_threshold(rule, status) or 0))
        if zone.area >= WHOLE_MAP * window.area:
            rows.append(LegendRow(colour, f"{label}: de hele kaart ligt binnen {metres} m ({status})",
                                  ZONE_ALPHA[status]))
            continue
        layers.append(MapLayer(gpd.GeoDataFrame(geometry=[zone], crs=RD_NEW), fill=colour, stroke=colour,
                               width=0.5, dash="4 3", fill_opacity=ZONE_ALPHA[status]))
        rows.append(LegendRow(colour, f"{label}: binnen {metres} m ({status})", ZONE_ALPHA[status]))
    return layers, rows


def site_map(candidate: Candidate, card: pd.DataFrame, themes: dict[str, gpd.GeoDataFrame], rules: tuple[Rule, ...],
             gemeenten: gpd.GeoDataFrame) -> tuple[bytes, list[LegendRow]]:
    """The PNG map of the site, the features of every theme that gives it an outcome other than 'geen
    bezwaar' or 'geen gegevens', and the zones of those distance rules; and its legend."""
    window = shapely.box(*extent(candidate.geometry))
    layers: list[MapLayer] = [MapLayer(gemeenten.to_crs(RD_NEW).clip(window), fill="#f7f7f7", stroke="#9a9a9a",
                                       width=0.6)]
    legend: list[LegendRow] = []
    by_theme = {rule.thema: rule for rule in rules}
    labels = dict(zip(card["thema"], card["label"]))
    relevant = list(dict.fromkeys(card.loc[~card["status"].isin(QUIET), "thema"]))
    for theme in (t for t in relevant if t in themes):
        layer, rule = themes[theme], by_theme.get(theme)
        stroke, fill, dash, opacity = _style(theme)
        if rule is not None:
            zones, rows = _zones(rule, layer, window, stroke, labels[theme])
            layers += zones
            legend += rows
        near = layer.iloc[layer.sindex.query(window)]
        if len(near):
            layers.append(MapLayer(near.clip(window), fill=fill, stroke=stroke, width=1.0, dash=dash,
                                   fill_opacity=opacity if fill else 1.0, marker_size=40))
            legend.append(LegendRow(fill or stroke, labels[theme], opacity if fill else 1.0))
    site = gpd.GeoDataFrame(geometry=[candidate.geometry], crs=RD_NEW)
    layers.append(MapLayer(site, fill=None if candidate.geometry.area else SITE_COLOUR, stroke=SITE_COLOUR, width=2.5,
                           marker_size=80))
    legend.append(LegendRow(SITE_COLOUR, f"De locatie: {candidate.name}"))
    point = candidate.geometry.representative_point()
    png = render(StaticMap(layers, tuple(window.bounds), [Label(point.x, point.y, candidate.name, bold=True)],
                           size=(5.0, 5.0)), dpi=150)
    return png, legend


def _legend_table(rows: list[LegendRow]) -> Table:
    """The legend beside the map: a colour swatch and its meaning per row."""
    cells = [["", text(row.label, 8.5)] for row in rows]
    result = Table(cells, colWidths=(8 * mm, 110 * mm))
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2)]
    for position, row in enumerate(rows):
        colour = colors.HexColor(row.colour)
        colour.alpha = row.alpha
        commands.append(("BACKGROUND", (0, position), (0, position), colour))
    result.setStyle(TableStyle(commands))
    return result


def scorecard_pdf(candidate: Candidate, card: pd.DataFrame, themes: dict[str, gpd.GeoDataFrame],
                  rules: tuple[Rule, ...], gemeenten: gpd.GeoDataFrame, frame: PageFrame) -> bytes:
    """The printable scorecard of one site."""
    png, legend = site_map(candidate, card, themes, rules, gemeenten)
    middle = candidate.geometry.representative_point()
    where = gemeenten[gemeenten.to_crs(RD_NEW).intersects(candidate.geometry)]["gemeente"].tolist()
    facts = (f"{KINDS[candidate.kind]} · {candidate.size} · midden: {coordinates_text(middle.x, middle.y, False)} "
             f"(RD New) · gemeente: {', '.join(where) or 'buiten de regio'}")
    indicative = bool(card["indicatief"].any()) if "indicatief" in card else False
    story: list[Flowable] = [text(f"Locatietoets: {candidate.name}", 16, bold=True), Spacer(1, 3 * mm),
                             text(facts, 9.5), Spacer(1, 4 * mm)]
    if indicative:
        story += [text(f"Indicatief: dit sleutelproject is alleen op een {INDICATIVE_LEVELS} geplaatst; de toets zegt "
                       "iets over de omgeving, niet over de bouwlocatie zelf.", 9.5, bold=True), Spacer(1, 3 * mm)]
    picture = Image(io.BytesIO(png), width=MAP_MM * mm, height=MAP_MM * mm)
    layout = Table([[picture, _legend_table(legend)]], colWidths=(MAP_MM * mm + 6 * mm, None))
    layout.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    rows = [[heading for _, heading in CARD_COLUMNS]]
    for record in card.to_dict("records"):
        rows.append([shown_status(record[c]) if c == "status" else ("" if pd.isna(record[c]) else record[c])
                     for c, _ in CARD_COLUMNS])
    story += [layout, Spacer(1, 5 * mm), text("Uitkomst per thema", 12, bold=True), Spacer(1, 2 * mm),
              table(rows, CARD_WIDTHS, size=7.5)]
    return build(story, frame)
