"""The locatiekeuze workbench in the app: the session's candidate sites, the map with drawing tools,
'wat geldt hier?', scorecards, the comparison, uploads, exports and the link that holds the sites.

Everything a planner draws, clicks or uploads stays in this session's state (``Workbench``), in
memory: it is never written to disk and never cached across sessions (no ``st.cache_data``). The
engine (theme layers with their spatial indexes, rules, region) is built once per process and per
set of visible releases (``st.cache_resource``), so a drawn site costs only its own check. An upload
is recorded in the access log (who, when, how many sites), never its geometry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import folium
import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st
from babel.dates import format_datetime

from geo.candidates import (
    KINDS,
    MAX_SITES,
    Candidate,
    CandidateError,
    Engine,
    drawing_changes,
    editable,
    engine,
    from_browser,
    on_metres,
    prepared,
    scorecards,
    unique_name,
)
from geo.check import worst_status
from geo.comparison import (
    DIFFERENCE,
    DIFFERENT,
    EXPORT_COLUMNS,
    THEME,
    comparison,
    export_table,
    geopackage_bytes,
    shown_status,
    sites_layer,
)
from geo.exports import csv_bytes
from geo.geodata import RD_NEW, WEB, reprojected
from geo.numbers import format_count
from geo.releases import now
from geo.rules import read_rules
from geo.safetext import excerpt
from geo.sitelink import LinkedSite, SiteLinkError, link_value, parse_value
from geo.sites import Limits, SiteFileError, SiteSource, read_sites
from geo.sources import SourceError
from layers.candidates import SITES, borders_layer, borders_section, clicked_layer, drawing_map, sites_section
from layers.candidates import sites_layer as map_sites_layer
from layers.legend import MapConfig, Overlay
from layers.mapview import Focus
from ui import permalink
from ui.checks import map_themes, show_scorecard
from ui.login import log_event
from ui.mapcomponent import st_folium
from ui.markdown import plain
from ui.view import View, web_frames
from ui.widgets import download

MAP_KEY = "lk_kaart"
CHOSEN_CARD = "lk_scorekaart"
UPLOADER = "lk_bestand"
CLICK = "klik"
LINK_PARAMETER = "plek"
UPLOAD_LIMITS = Limits(max_bytes=25_000_000, max_rows=1_000)
LIMIT_TEXT = (f"hoogstens {format_count(UPLOAD_LIMITS.max_bytes // 1_000_000)} MB en "
              f"{format_count(UPLOAD_LIMITS.max_rows)} rijen")
MAP_HEIGHT_PX = 560


@dataclass
class Upload:
    """The last uploaded file: its usable sites with names and scorecards (keyed by row), and skipped rows."""

    file_id: str
    label: str
    format: str
    row_word: str
    sites: gpd.GeoDataFrame
    names: pd.Series
    cards: pd.DataFrame
    skipped: pd.Series
    notes: list[str]


@dataclass
class Workbench:
    """One session's workbench: the sites to compare, what the map reported, and messages to show."""

    sites: list[Candidate] = field(default_factory=list)
    reported: dict[str, str] = field(default_factory=dict)  # editable site key -> shape the map last reported
    refused: set[str] = field(default_factory=set)  # shapes of drawings that could not be used
    counter: int = 0
    messages: list[tuple[str, str]] = field(default_factory=list)
    click: Candidate | None = None
    focus: str | None = None
    handled_drawings: str = "null"
    handled_click: str = "null"
    link_read: bool = False
    zoom_to: Focus | None = None
    focus_count: int = 0
    upload: Upload | None = None
    cards_key: tuple = ()
    cards: pd.DataFrame | None = None

    def say(self, kind: str, text: str) -> None:
        """Keep a message (error, warning, info or success) to show on this run."""
        self.messages.append((kind, text))

    def next_key(self, prefix: str) -> str:
        """A key no site of this session had before."""
        self.counter += 1
        return f"{prefix}{self.counter}"

    def names(self) -> list[str]:
        """The names in use."""
        return [site.name for site in self.sites]

    def add(self, candidate: Candidate, signature: str = "") -> bool:
        """Put a site in the comparison (at most MAX_SITES); it becomes the one whose scorecard is shown."""
        if len(self.sites) >= MAX_SITES:
            self.say("error", f"Er staan al {MAX_SITES} locaties in de vergelijking; verwijder er eerst een. "
                              f"'{candidate.name}' is niet toegevoegd.")
            return False
        self.sites.append(candidate)
        if editable(candidate):
            self.reported[candidate.key] = signature
        self.focus = candidate.key
        return True

    def remove(self, key: str) -> None:
        """Take a site out of the session (and, through the map's script, off the drawing layer)."""
        self.sites = [site for site in self.sites if site.key != key]
        self.reported.pop(key, None)
        if self.focus == key:
            self.focus = self.sites[-1].key if self.sites else None

    def replace(self, key: str, **changes: object) -> None:
        """Change a site's name or geometry, keeping its key and its place."""
        self.sites = [Candidate(**{**site.__dict__, **changes}) if site.key == key else site for site in self.sites]

    def get(self, key: str) -> Candidate | None:
        """The site (or the clicked point) with this key."""
        if self.click is not None and key == self.click.key:
            return self.click
        return next((site for site in self.sites if site.key == key), None)


def session() -> Workbench:
    """This session's workbench (created on its first run)."""
    if "lk_werkbank" not in st.session_state:
        st.session_state["lk_werkbank"] = Workbench()
    return st.session_state["lk_werkbank"]


@st.cache_resource(show_spinner="Toetslagen voorbereiden…", max_entries=8)
def _engine(_dataset, releases: tuple[str, ...], version: tuple) -> Engine | None:
    checker = engine(_dataset, read_rules())
    if checker is not None:
        for layer in checker.themes.values():
            _ = layer.sindex  # build the spatial index now, once, not on the first planner's check
    return checker


def checker(view: View) -> Engine | None:
    """The engine of this view (released layers and rules only), built once per process and release set."""
    try:
        return _engine(view.dataset, view.releases, view.version)
    except SourceError as error:
        st.error(f"De regels van de locatietoets kunnen niet worden gelezen: {error}")
        return None


# --- what comes in: the map, the link, the file -------------------------------------------------------

def forget_hidden_projects(view: View, bench: Workbench) -> None:
    """Drop sleutelprojecten this view may not show (after logging out, a release not yet public)."""
    visible = set(view.dataset.projects["project_id"])
    hidden = [s for s in bench.sites if s.project_id and s.project_id not in visible]
    for site in hidden:
        _remove(bench, site.key)
    if hidden:  # without its name: this view may not show it
        bench.say("info", f"{format_count(len(hidden))} sleutelproject(en) uit de vergelijking gehaald: in deze "
                          "weergave niet (meer) te zien.")


def take_map(bench: Workbench, checker: Engine) -> None:
    """Apply what the map reported since the last run: new, edited or deleted drawings, or a click."""
    value = st.session_state.get(MAP_KEY) or {}
    drawings, click = value.get("all_drawings"), value.get("last_clicked")
    drawings_text, click_text = json.dumps(drawings, sort_keys=True), json.dumps(click, sort_keys=True)
    drawn = isinstance(drawings, list) and drawings_text != bench.handled_drawings
    if isinstance(drawings, list) and drawn:  # isinstance again, for the type checker
        bench.handled_drawings = drawings_text
        _take_drawings(bench, checker, drawings)
    if click is not None and click_text != bench.handled_click:
        bench.handled_click = click_text
        if not drawn:  # the click that finished a drawing is not a question
            _take_click(bench, checker, float(click["lat"]), float(click["lng"]))


def _take_drawings(bench: Workbench, checker: Engine, drawings: list[dict]) -> None:
    """Sites from the drawing layer: add new drawings, follow edits, forget deleted ones."""
    changes = drawing_changes(drawings, bench.reported)
    for key in changes.removed:
        site = bench.get(key)
        _remove(bench, key)
        if site:
            bench.say("info", f"'{site.name}' is verwijderd.")
    for key, geometry in changes.updated.items():
        site = bench.get(key)
        try:
            shape, notices = prepared(from_browser(geometry), checker.region)
        except CandidateError as error:
            bench.remove(key)
            bench.say("error", f"De gewijzigde vorm van '{site.name if site else key}' {error}; de locatie is "
                               "verwijderd.")
            continue
        bench.replace(key, geometry=shape)
        bench.focus = key
        for notice in notices:
            bench.say("warning", notice)
    bench.reported.update({key: sig for key, sig in changes.seen.items() if key in bench.reported})
    for sig, geometry in changes.added:
        try:
            shape, notices = prepared(from_browser(geometry), checker.region)
        except CandidateError as error:
            bench.refused.add(sig)
            bench.say("error", f"De getekende locatie {error}.")
            continue
        name = unique_name(f"Locatie {len(bench.sites) + 1}", bench.names())
        if bench.add(Candidate(bench.next_key("t"), name, "getekend", shape), sig):
            for notice in notices:
                bench.say("warning", notice)
        else:
            bench.refused.add(sig)


def _take_click(bench: Workbench, checker: Engine, lat: float, lng: float) -> None:
    """'Wat geldt hier?': the scorecard of the clicked point, without making it a site."""
    try:
        point, _ = prepared(from_browser({"type": "Point", "coordinates": [lng, lat]}), checker.region)
    except CandidateError as error:
        bench.say("warning", f"Dit punt {error}.")
        return
    bench.click = Candidate(CLICK, "Wat geldt hier?", "punt", point)
    bench.focus = CLICK


def keep_click(bench: Workbench) -> None:
    """Make the clicked point a site of the comparison."""
    if bench.click is None:
        return
    name = unique_name(f"Punt {len(bench.sites) + 1}", bench.names())
    if bench.add(Candidate(bench.next_key("p"), name, "punt", bench.click.geometry)):
        bench.click = None


def take_link(view: View, bench: Workbench, checker: Engine) -> None:
    """On the session's first run, the sites of the link (?plek=naam:code&plek=…)."""
    if bench.link_read:
        return
    bench.link_read = True
    projects = view.dataset.projects.set_index("project_id")
    for number, value in enumerate(st.query_params.get_all(LINK_PARAMETER), start=1):
        try:
            linked = parse_value(value)
            site = _linked_site(bench, linked, projects, checker)
        except (SiteLinkError, CandidateError) as error:
            bench.say("warning", f"Locatie {number} uit de link is niet gebruikt: {error}.")
            continue
        if not bench.add(site):
            break
    if bench.sites:
        fit(bench, gpd.GeoSeries([site.geometry for site in bench.sites], crs=RD_NEW))
        bench.focus = bench.sites[0].key


def _linked_site(bench: Workbench, linked: LinkedSite, projects: gpd.GeoDataFrame, checker: Engine) -> Candidate:
    """A site of the link as a candidate: a visible sleutelproject, or a geometry that passes the checks."""
    if linked.project_id is not None:
        if linked.project_id not in projects.index:
            raise CandidateError("het sleutelproject uit de link bestaat niet of is (nog) niet openbaar")
        row = projects.loc[linked.project_id]
        name = linked.name or str(row["naam"])
        geometry = gpd.GeoSeries([row["geometry"]], crs=projects.crs).to_crs(RD_NEW).iloc[0]
        return Candidate(bench.next_key("s"), unique_name(name, bench.names()), "sleutelproject", geometry,
                         linked.project_id)
    assert linked.geometry is not None
    shape, notices = prepared(linked.geometry, checker.region)
    for notice in notices:
        bench.say("warning", notice)
    return Candidate(bench.next_key("l"), unique_name(linked.name, bench.names()), "link", shape)


def add_project(view: View, bench: Workbench) -> None:
    """The sleutelproject chosen in the list joins the comparison with its stored scorecard."""
    project_id = st.session_state.get("lk_project")
    st.session_state["lk_project"] = None
    if not project_id:
        return
    projects = view.dataset.projects.set_index("project_id")
    if project_id not in projects.index:
        return
    row = projects.loc[project_id]
    geometry = gpd.GeoSeries([row["geometry"]], crs=view.dataset.projects.crs).to_crs(RD_NEW).iloc[0]
    bench.add(Candidate(bench.next_key("s"), unique_name(str(row["naam"]), bench.names()), "sleutelproject",
                        geometry, project_id))


def take_upload(view: View, bench: Workbench, checker: Engine) -> None:
    """Read a newly uploaded file in memory, record the upload, check its sites, add the first ones."""
    uploaded = st.session_state.get(UPLOADER)
    if uploaded is None or (bench.upload is not None and bench.upload.file_id == uploaded.file_id):
        return
    source = SiteSource.upload(uploaded.name, uploaded.getvalue())
    try:
        site_file = read_sites(source, checker.region, limits=UPLOAD_LIMITS)
    except SiteFileError as error:
        log_event("upload_locaties", view.visitor, {"pagina": "Locatiekeuze", "locaties": 0, "overgeslagen": 0,
                                                    "geweigerd": True})
        bench.upload = None
        bench.say("error", f"Het bestand is niet gebruikt: {error}")
        return
    problem = log_event("upload_locaties", view.visitor, {
        "pagina": "Locatiekeuze", "formaat": site_file.format, "locaties": len(site_file.sites),
        "overgeslagen": len(site_file.skipped)})
    if problem:
        bench.say("error", f"De upload kan niet worden vastgelegd in het toegangslogboek, daarom is het bestand "
                           f"niet gebruikt: {problem}")
        return
    sites = site_file.sites
    cards = (scorecards([Candidate(str(row), "", "bestand", geometry) for row, geometry in sites.geometry.items()],
                        checker) if len(sites) else pd.DataFrame(columns=["site", "thema", "status"]))
    bench.upload = Upload(uploaded.file_id, source.label, site_file.format, site_file.row_word, sites,
                          site_file.names(), cards, site_file.skipped, site_file.notes)
    free = MAX_SITES - len(bench.sites)
    for row in list(sites.index)[:max(free, 0)]:
        add_upload_row(bench, row)
    if len(sites) > max(free, 0):
        bench.say("info", f"{format_count(len(sites))} locaties uit het bestand getoetst; "
                          f"{format_count(max(free, 0))} staan in de vergelijking (hoogstens {MAX_SITES}). "
                          "De andere staan in de tabel onder het bestand.")
    if len(sites):
        fit(bench, sites.geometry)


def add_upload_row(bench: Workbench, row: object) -> None:
    """One site of the uploaded file joins the comparison."""
    upload = bench.upload
    if upload is None or row not in upload.sites.index:
        return
    try:
        geometry = on_metres(upload.sites.geometry[row])
    except CandidateError as error:
        bench.say("warning", f"{upload.row_word.capitalize()} {row} is niet in de vergelijking gezet: {error}.")
        return
    name = unique_name(str(upload.names[row]), bench.names())
    bench.add(Candidate(bench.next_key("b"), name, "bestand", geometry))


def fit(bench: Workbench, geometries: gpd.GeoSeries) -> None:
    """Ask the map to show these sites (it zooms once, when the request is new)."""
    xmin, ymin, xmax, ymax = shapely.bounds(shapely.union_all(reprojected(geometries, RD_NEW, WEB)))
    bench.focus_count += 1
    bench.zoom_to = Focus("locaties", str(bench.focus_count), ((ymin, xmin), (ymax, xmax)), max_zoom=16)


def site_cards(bench: Workbench, checker: Engine) -> pd.DataFrame:
    """The scorecards of the sites and the clicked point, checked again only when a geometry changed."""
    sites = bench.sites + ([bench.click] if bench.click else [])
    key = (id(checker), tuple((s.key, s.geometry.wkb, s.project_id) for s in sites))
    if bench.cards is None or bench.cards_key != key:
        bench.cards, bench.cards_key = scorecards(sites, checker), key
    return bench.cards


# --- what goes out: messages, map, scorecard, comparison, files, link ---------------------------------

def show_messages(bench: Workbench) -> None:
    """The messages of this run, once (a name or reason from a file is shown as text)."""
    shown = {"error": st.error, "warning": st.warning, "info": st.info, "success": st.success}
    for kind, text in bench.messages:
        shown[kind](plain(text))
    bench.messages.clear()


def site_map(view: View, bench: Workbench) -> None:
    """The map: drawing tools on a fixed base map; the sites, the gemeente borders and the click as overlays,
    the theme layers in the map panel (the browser fetches them when switched on, without a rerun)."""
    gemeenten_web, _ = web_frames(view.dataset, view.releases, view.version)
    count = len(bench.sites)
    shapes = reprojected([s.geometry for s in bench.sites] + [s.geometry.representative_point() for s in bench.sites]
                         + ([bench.click.geometry] if bench.click else []), RD_NEW, WEB)
    web = gpd.GeoDataFrame({"key": [s.key for s in bench.sites], "naam": [s.name for s in bench.sites]},
                           geometry=shapes[:count], crs=WEB)
    label_points = gpd.GeoSeries(shapes[count:2 * count], crs=WEB)
    editable_sites = [{"key": site.key, "geometry": shapely.geometry.mapping(shapely.set_precision(geometry, 1e-7)),
                       "signature": bench.reported.get(site.key, "")}
                      for site, geometry in zip(bench.sites, web.geometry) if editable(site)]
    sites = map_sites_layer(web, label_points, editable_sites, sorted(bench.refused))
    borders = borders_layer(gemeenten_web)
    groups = [borders, sites]
    if bench.click is not None:
        groups.append(clicked_layer(shapes[-1].y, shapes[-1].x))
    panel = [Overlay("locaties", SITES, sites, (sites_section(),)),
             Overlay("grenzen", "Gemeentegrenzen", borders, (borders_section(),))]
    config = folium.FeatureGroup(name="Kaartpaneel", control=False)
    MapConfig(panel, map_themes(view.dataset), view.embargo, view.options.themes,
              [bench.zoom_to.as_dict()] if bench.zoom_to else [], fit_on_open=view.map_view is None).add_to(config)
    st_folium(drawing_map(view=view.map_view), key=MAP_KEY, height=MAP_HEIGHT_PX, use_container_width=True,
              feature_group_to_add=[*groups, config], returned_objects=["last_clicked", "all_drawings"])


def scorecard_panel(view: View, bench: Workbench, cards: pd.DataFrame, checker: Engine) -> None:
    """The scorecard of one site (the last drawn, changed or clicked, or the one chosen), and its PDF."""
    options = [site.key for site in bench.sites] + ([CLICK] if bench.click else [])
    if not options:
        st.info("Teken een vlak, een rechthoek of een punt met de knoppen linksboven op de kaart, klik ergens voor "
                "'wat geldt hier?', upload een bestand of kies een sleutelproject.", icon=":material/draw:")
        return
    if bench.focus in options:
        st.session_state[CHOSEN_CARD] = bench.focus
        bench.focus = None
    elif st.session_state.get(CHOSEN_CARD) not in options:
        st.session_state[CHOSEN_CARD] = options[-1]
    names = {key: site.name for key in options if (site := bench.get(key))}
    chosen = st.selectbox("Scorekaart van", options, format_func=names.__getitem__, key=CHOSEN_CARD)
    site = bench.get(chosen)
    if site is None:
        return
    card = cards[cards["site"] == chosen]
    worst = shown_status(worst_status(card).iloc[0]) if len(card) else "–"
    st.markdown(f"**{plain(site.name)}** · {KINDS[site.kind]} · {site.size} · zwaarste uitkomst: {worst}")
    show_scorecard(card, compact=True)
    if chosen == CLICK:
        st.button("Bewaar dit punt als locatie", on_click=keep_click, args=(bench,), key="lk_bewaar_klik")
    download(view, st, "Scorekaart als PDF (afdrukbaar)", _pdf_maker(view, site, card, checker),
             f"locatietoets-{slug(site.name)}.pdf", "application/pdf", f"lk_pdf_{chosen}")


def slug(name: str) -> str:
    """A file-name part from a site name: letters and digits, joined by '-'."""
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")[:40] or "locatie"


def _pdf_maker(view: View, site: Candidate, card: pd.DataFrame, checker: Engine) -> Callable[[], bytes]:
    """A function that makes the PDF when it is asked for (ReportLab and matplotlib load only then)."""
    stand = (f"Stand: {format_datetime(now(), 'd MMMM y HH:mm', locale='nl')} · "
             f"Gegevens: {', '.join(view.release_titles)}")

    def make() -> bytes:
        from reports.pdf import PageFrame
        from reports.scorecard import scorecard_pdf

        frame = PageFrame("Woondeal West-Overijssel · Locatietoets", stand, view.embargo)
        return scorecard_pdf(site, card, checker.themes, checker.rules, view.dataset.gemeenten, frame)

    return make


def comparison_panel(view: View, bench: Workbench, cards: pd.DataFrame) -> None:
    """The sites side by side, the differences marked, with the comparison as CSV and GeoPackage."""
    if not bench.sites:
        return
    st.subheader(f"Vergelijking van {format_count(len(bench.sites))} "
                 f"{'locatie' if len(bench.sites) == 1 else 'locaties'}")
    own = cards[cards["site"].isin([site.key for site in bench.sites])]
    table = comparison(own, bench.sites)
    st.caption("Per thema de uitkomst per locatie; het thema met de zwaarste uitkomst staat bovenaan. "
               f"'{DIFFERENT}' in de laatste kolom betekent dat de locaties op dat thema verschillen.")
    if view.embargo:
        st.caption(f":red[**{view.embargo}**]")
    columns = {THEME: st.column_config.TextColumn(THEME, width="medium", pinned=True),
               DIFFERENCE: st.column_config.TextColumn(DIFFERENCE, width="small"),
               **{site.name: st.column_config.TextColumn(site.name, width="medium") for site in bench.sites}}
    st.dataframe(table, hide_index=True, width="stretch", key="lk_vergelijking",
                 height=min(38 + 35 * len(table), 640), column_config=columns)
    left, right = st.columns(2)
    sites = list(bench.sites)
    download(view, left, "Vergelijking als CSV", lambda: csv_bytes(export_table(own, sites), EXPORT_COLUMNS,
                                                                  view.embargo),
             "locatiekeuze-vergelijking.csv", "text/csv", "lk_csv")
    download(view, right, "Locaties als GeoPackage", lambda: geopackage_bytes(sites_layer(own, sites), view.embargo),
             "locatiekeuze-locaties.gpkg", "application/geopackage+sqlite3", "lk_gpkg")


def sites_panel(bench: Workbench) -> None:
    """Name and remove the sites of the session."""
    if not bench.sites:
        return
    st.markdown("**Locaties in deze sessie** (alleen voor u zichtbaar; ze worden nergens opgeslagen)")
    for site in bench.sites:
        state = f"lk_naam_{site.key}"
        if state not in st.session_state:
            st.session_state[state] = site.name
        name, about, remove = st.columns([3, 3, 1], vertical_alignment="center")
        name.text_input("Naam", key=state, on_change=_rename, args=(bench, site.key), label_visibility="collapsed",
                        max_chars=60)
        about.caption(f"{KINDS[site.kind]} · {site.size}")
        remove.button("Verwijderen", key=f"lk_weg_{site.key}", on_click=_remove, args=(bench, site.key))


def _rename(bench: Workbench, key: str) -> None:
    """A new name for a site, unique in the session (the table, the map and the link follow); an empty
    name keeps the current one (a site always has a name, and an interrupted rerun may report the field
    before it got its value)."""
    state, site = f"lk_naam_{key}", bench.get(key)
    if site is None:
        return
    wanted = str(st.session_state.get(state) or "").strip()
    others = [other.name for other in bench.sites if other.key != key]
    name = unique_name(wanted, others) if wanted else site.name
    bench.replace(key, name=name)
    st.session_state[state] = name


def _remove(bench: Workbench, key: str) -> None:
    bench.remove(key)
    st.session_state.pop(f"lk_naam_{key}", None)


def add_panel(view: View, bench: Workbench) -> None:
    """Add a sleutelproject, or upload a file of sites."""
    st.subheader("Locaties toevoegen")
    projects = view.dataset.projects.sort_values(["gemeente", "naam"])
    names = dict(zip(projects["project_id"], projects["naam"] + " (" + projects["gemeente"] + ")"))
    left, right = st.columns(2)
    left.selectbox("Sleutelproject", list(names), format_func=names.__getitem__, index=None, key="lk_project",
                   placeholder="Kies een sleutelproject om te vergelijken", on_change=add_project,
                   args=(view, bench))
    right.file_uploader(
        "Bestand met locaties", key=UPLOADER, max_upload_size=UPLOAD_LIMITS.max_bytes // 1_000_000,
        help=f"GeoJSON, GeoPackage, KML, een gezipte Shapefile, of CSV met kolommen x en y (RD New) of lon en lat; "
             f"{LIMIT_TEXT}. Dezelfde regels als python -m geo.toets. Het bestand blijft in het geheugen van deze "
             "sessie en wordt niet opgeslagen.")
    upload_panel(bench)


def upload_panel(bench: Workbench) -> None:
    """The uploaded file: every usable site with its outcome, every skipped row with its reason."""
    upload = bench.upload
    if upload is None:
        return
    total = len(upload.sites) + len(upload.skipped)
    st.markdown(f"**Bestand {plain(upload.label)}** ({upload.format}): {format_count(len(upload.sites))} van "
                f"{format_count(total)} locaties getoetst, {format_count(len(upload.skipped))} overgeslagen.")
    for note in upload.notes:
        st.caption(plain(note))
    if len(upload.sites):
        worst = worst_status(upload.cards)
        statuses = upload.cards.pivot(index="site", columns="label", values="status")
        statuses = statuses[list(dict.fromkeys(upload.cards["label"]))].map(shown_status)
        table = pd.DataFrame({upload.row_word.capitalize(): upload.sites.index.astype(str),
                              "Naam": upload.names.to_numpy(),
                              "Zwaarste uitkomst": worst.reindex(upload.sites.index.astype(str)).map(shown_status)
                              .to_numpy()})
        table = pd.concat([table, statuses.reindex(upload.sites.index.astype(str)).reset_index(drop=True)], axis=1)
        st.dataframe(table, hide_index=True, width="stretch", key="lk_bestand_tabel")
        choices = {row: f"{upload.row_word} {row}: {name}" for row, name in upload.names.items()}
        st.selectbox("Locatie uit dit bestand toevoegen aan de vergelijking", list(choices),
                     format_func=choices.__getitem__, index=None, key="lk_bestand_rij",
                     placeholder="Kies een locatie", on_change=_add_chosen_row, args=(bench,))
    if len(upload.skipped):
        st.markdown(f"**Overgeslagen {upload.row_word}en**")
        st.dataframe(pd.DataFrame({upload.row_word.capitalize(): upload.skipped.index.astype(str),
                                   "Reden": upload.skipped.map(lambda reason: excerpt(reason, 300)).to_numpy()}),
                     hide_index=True, width="stretch", key="lk_overgeslagen")


def _add_chosen_row(bench: Workbench) -> None:
    row = st.session_state.get("lk_bestand_rij")
    st.session_state["lk_bestand_rij"] = None
    if row is not None:
        add_upload_row(bench, row)


def share(bench: Workbench) -> None:
    """Keep the address bar a link to these sites; say which site is too large to be in it."""
    values, problems = [], []
    for site in bench.sites:
        try:
            values.append(link_value(LinkedSite(site.name, None if site.project_id else site.geometry,
                                                site.project_id)))
        except SiteLinkError as error:
            problems.append(f"'{site.name}' staat niet in de link: {error}.")
    permalink.write_link({LINK_PARAMETER: values})
    if bench.sites:
        st.caption("Delen: de adresbalk is een link naar deze vergelijking. Wie de link opent, ziet dezelfde "
                   "locaties (vormen op 1 m afgerond) en dezelfde uitkomsten.")
    for problem in problems:
        st.warning(plain(problem))
