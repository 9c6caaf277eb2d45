"""The BO Wonen meeting view: one screen per subject (Regio → each gemeente → changes → risks), the map
filling most of it, large type in presentation mode, arrow keys or buttons to move on, and the reports.

Everything shown comes from ``view.dataset`` (restricted to what the visitor may see) through
``geo.briefing``, like the PDF reports; the reports and the PNG are made only when asked for, and an
embargoed download is marked and logged (``ui.widgets.download``).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import briefing, changes, risks
from geo.briefing import Brief
from geo.dataset import Dataset
from geo.display import grouped_points, label_anchors
from geo.headlines import Metric
from geo.meeting import CHANGES, REGIO, RISKS, Subject, subjects
from geo.numbers import format_count, format_signed
from geo.schema import PERIODS, period_label
from layers.base import base_map
from layers.gemeenten import outline
from layers.labels import name_labels
from layers.mapview import MapOptions, bounds_of, overlays
from ui.charts import bar_chart, long_table
from ui.mapcomponent import st_folium
from ui.view import View, web_frames
from ui.widgets import download

MAP_SOURCES = ("Symbool: oppervlak naar aantal woningen. Bron: Woondeal West-Overijssel; CBS, Kadaster/PDOK; "
               "locaties: eigen reconstructie.")
LABEL_SCALE = 165.0  # metres per pixel of the whole region on a 1280×720 screen (zoom 9,25), with room to spare
SCREEN, PRESENTING, FIRST_RUN = "bo_scherm", "bo_presentatie", "_bo_link_gelezen"
BASE_CSS = """
.bo-cards{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:10px 22px;margin:4px 0 14px}
.bo-card{border-left:6px solid #0072B2;padding:2px 0 2px 12px}
.bo-card.bo-risk{border-left-color:#D55E00}
.bo-value{font-size:VALUEpx;font-weight:700;line-height:1.1;color:#1a1a1a}
.bo-label{font-size:LABELpx;font-weight:600;color:#1a1a1a;line-height:1.25}
.bo-remark{font-size:TEXTpx;color:#333333;line-height:1.3}
.bo-text{font-size:TEXTpx;color:#1a1a1a;line-height:1.35;margin:6px 0}
.bo-embargo{font-size:TEXTpx;font-weight:700;color:#b00020}
.bo-scroll{overflow-x:auto}
.bo-table{border-collapse:collapse;width:100%;font-size:TEXTpx;color:#1a1a1a;margin:6px 0 14px}
.bo-table th{text-align:left;border-bottom:2px solid #1a1a1a;padding:3px 6px;vertical-align:bottom}
.bo-table td{border-bottom:1px solid #bbbbbb;padding:3px 6px;vertical-align:top}
.bo-table .bo-num{text-align:right;white-space:nowrap}
.bo-table th.bo-num{white-space:normal}
.bo-details summary{font-size:TEXTpx;font-weight:600;color:#1a1a1a;cursor:pointer}
.bo-details li{font-size:TEXTpx;color:#1a1a1a}
.bo-title{font-size:TITLEpx;font-weight:700;color:#1a1a1a;margin:0 8px 0 0;padding:0;line-height:1.2}
.st-key-bo_kaart iframe{height:calc(100vh - OFFSETpx) !important;min-height:380px}
.st-key-bo_paneel{max-height:calc(100vh - OFFSETpx);overflow-y:auto;padding-right:6px}
"""
PRESENTATION_CSS = """
[data-testid="stSidebar"],[data-testid="stSidebarCollapsedControl"],header[data-testid="stHeader"],
[data-testid="stToolbar"],[data-testid="stDecoration"],.st-key-embargo_banner{display:none !important}
[data-testid="stMainBlockContainer"]{padding:8px 18px 0 18px !important;max-width:100% !important}
[data-testid="stMain"] p,[data-testid="stMain"] li,[data-testid="stMain"] label,[data-testid="stMain"] button,
[data-testid="stMain"] [data-baseweb="select"] *,[data-testid="stMain"] kbd{font-size:20px !important}
[data-testid="stMain"] [data-testid="stIconMaterial"]{font-size:24px !important}
"""


def _css(presenting: bool, embargoed: bool) -> str:
    """The page style: large type and no sidebar or toolbar in presentation mode; the map as tall as fits."""
    sizes = {"VALUE": "48" if presenting else "36", "LABEL": "22" if presenting else "18",
             "TEXT": "20" if presenting else "16", "TITLE": "30" if presenting else "28"}
    offset = 130 if presenting else 250 + (62 if embargoed else 0)  # presenting: the banner gives way to the bar
    css = BASE_CSS.replace("OFFSET", str(offset))
    for name, size in sizes.items():
        css = css.replace(f"{name}px", f"{size}px")
    return f"<style>{css}{PRESENTATION_CSS if presenting else ''}</style>"


def cards(metrics: Sequence[Metric], kind: str = "") -> str:
    """Headline figures as cards: the value large, the label, the remark; the sources on hover. Escaped."""
    return '<div class="bo-cards">' + "".join(
        f'<div class="bo-card {kind}" title="{escape("Bron: " + m.bron if m.bron else "")}">'
        f'<div class="bo-value">{escape(m.value)}</div><div class="bo-label">{escape(m.label)}</div>'
        f'<div class="bo-remark">{escape(m.remark)}</div></div>' for m in metrics) + "</div>"


def html_table(rows: Sequence[Sequence[object]], header: Sequence[str], numeric: Sequence[int] = ()) -> str:
    """A table in the page's own type (so its text scales with presentation mode); every cell escaped."""
    def cell(tag: str, value: object, column: int) -> str:
        css = ' class="bo-num"' if column in numeric else ""
        return f"<{tag}{css}>{escape(str(value))}</{tag}>"
    head = "".join(cell("th", h, i) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", v, i) for i, v in enumerate(row)) + "</tr>" for row in rows)
    return (f'<div class="bo-scroll"><table class="bo-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            "</table></div>")


def _text(*paragraphs: str) -> str:
    return "".join(f'<p class="bo-text">{escape(p)}</p>' for p in paragraphs)


def _details(summary: str, items: Sequence[str], opened: bool = False) -> str:
    entries = "".join(f"<li>{escape(item)}</li>" for item in items)
    state = " open" if opened else ""
    return f'<details class="bo-details"{state}><summary>{escape(summary)}</summary><ul>{entries}</ul></details>'


def _html(markup: str) -> None:
    st.markdown(markup, unsafe_allow_html=True)


# --- navigation -----------------------------------------------------------------------------------


def _from_link(keys: list[str]) -> None:
    """On the first run of this page, take the screen and presentation mode from the address bar."""
    if st.session_state.get(FIRST_RUN):
        return
    st.session_state[FIRST_RUN] = True
    linked = st.query_params.get("scherm")
    if linked in keys:
        st.session_state[SCREEN] = linked
    if st.query_params.get("presentatie") == "1":
        st.session_state[PRESENTING] = True


def _move(keys: list[str], step: int) -> None:
    current = st.session_state.get(SCREEN, keys[0])
    index = keys.index(current) if current in keys else 0
    st.session_state[SCREEN] = keys[min(max(index + step, 0), len(keys) - 1)]


def _toggle_presentation() -> None:
    st.session_state[PRESENTING] = not st.session_state.get(PRESENTING, False)


def navigation(view: View, all_subjects: list[Subject]) -> Subject:
    """Previous and next (arrow keys), a list to jump to any subject, presentation mode and the reports."""
    keys = [s.key for s in all_subjects]
    titles = {s.key: s.title for s in all_subjects}
    _from_link(keys)
    if st.session_state.get(SCREEN) not in keys:
        st.session_state[SCREEN] = keys[0]
    presenting = bool(st.session_state.get(PRESENTING))
    subject = next(s for s in all_subjects if s.key == st.session_state[SCREEN])
    with st.container(key="bo_nav", horizontal=True, vertical_alignment="center"):
        _html(f'<h1 class="bo-title">{escape(subject.title)}</h1>')
        st.button("← Vorige", on_click=_move, args=(keys, -1), shortcut="Left", key="bo_vorige",
                  help="Vorig onderwerp (pijltje links)")
        st.selectbox("Onderwerp", keys, format_func=lambda k: f"{keys.index(k) + 1}/{len(keys)} · {titles[k]}",
                     key=SCREEN, label_visibility="collapsed", width=280)
        st.button("Volgende →", on_click=_move, args=(keys, 1), shortcut="Right", key="bo_volgende",
                  help="Volgend onderwerp (pijltje rechts)")
        st.button("Stoppen" if presenting else "Presentatiemodus", on_click=_toggle_presentation,
                  shortcut="Esc" if presenting else "P", key="bo_presenteer",
                  help="Presentatiemodus: zijbalk en bediening weg, grote letters, kaart schermvullend "
                       "(toets P; Esc om te stoppen)")
        _reports(view, subject, all_subjects)
    st.query_params.from_dict({"scherm": subject.key, **({"presentatie": "1"} if presenting else {})})
    return subject


def _reports(view: View, subject: Subject, all_subjects: list[Subject]) -> None:
    """The PDF reports and the PNG of this screen's map, made when pressed; embargoed ones marked and logged."""
    from reports import maps, meeting  # reportlab and matplotlib load only when a report is asked for

    context = meeting.ReportContext(view.moment or pd.Timestamp.now(tz="UTC").to_pydatetime(), view.shown,
                                    view.embargoed, view.embargo)
    region = next(s for s in all_subjects if s.key == REGIO)
    gemeenten = [s for s in all_subjects if s.gemeente]
    with st.popover("Rapporten", icon=":material/download:"):
        download(view, st, "PDF-rapport West-Overijssel", lambda: meeting.regional_report(view.dataset, context),
                 meeting.file_name(region), "application/pdf", "bo_pdf_regio")
        chosen = st.selectbox("Gemeente", [s.gemeente for s in gemeenten], key="bo_pdf_keuze",
                              index=[s.gemeente for s in gemeenten].index(subject.gemeente) if subject.gemeente else 0)
        target = next(s for s in gemeenten if s.gemeente == chosen)
        download(view, st, f"PDF-rapport {chosen}",
                 lambda: meeting.gemeente_report(view.dataset, str(chosen), context),
                 meeting.file_name(target), "application/pdf", "bo_pdf_gemeente")
        download(view, st, "PNG van deze kaart (met legenda)",
                 lambda: maps.map_png(view.dataset, subject, view.embargo),
                 meeting.file_name(subject, "png"), "image/png", "bo_png")


# --- the map and the chart --------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def _anchors(_gemeenten: gpd.GeoDataFrame, size: int, key: tuple[str, ...], version: tuple) -> gpd.GeoDataFrame:
    anchors = label_anchors(_gemeenten, _gemeenten["gemeente"], LABEL_SCALE, size)
    return gpd.GeoDataFrame({"gemeente": _gemeenten["gemeente"]}, geometry=anchors.to_numpy(), crs=anchors.crs)


def _name_points(view: View, size: int) -> gpd.GeoDataFrame:
    """Where the gemeente names go: clear of each other at the scale of the region on a 1280×720 screen."""
    gemeenten_web, _ = web_frames(view.dataset, view.releases, view.version)
    return _anchors(gemeenten_web, size, view.releases, view.version)


def meeting_map(view: View, subject: Subject, presenting: bool) -> None:
    """The subject's map: choropleth, projects coloured as the subject asks, gemeente names (and for a
    gemeente its projects' numbers, as in its table), zoomed to the subject."""
    gemeenten_web, projects_web = web_frames(view.dataset, view.releases, view.version)
    projects = view.dataset.projects.assign(nr=briefing.numbered(view.dataset.projects))
    if subject.gemeente:
        projects = projects[projects["gemeente"] == subject.gemeente]
    projects = projects[projects[subject.period].notna()] if subject.period in projects else projects.iloc[0:0]
    shown = projects_web.loc[projects.index].assign(woningen=projects[subject.period])
    largest = float(view.dataset.projects[subject.period].max()) if subject.period in view.dataset.projects else 1.0
    size = 22 if presenting else 14
    groups = overlays(gemeenten_web, shown, subject.period, MapOptions(subject.figure, subject.colour_by), largest,
                      (), view.embargo, names=name_labels(_name_points(view, size), size_px=size),
                      documents=view.dataset.shown_documents())
    focus = gemeenten_web
    if subject.gemeente:
        focus = gemeenten_web[gemeenten_web["gemeente"] == subject.gemeente]
        groups.insert(-1, outline(gemeenten_web, (subject.gemeente,)))
        if len(projects):
            numbers = grouped_points(projects, projects["nr"])
            groups.insert(-1, name_labels(numbers, column="tekst", name="Projectnummers",
                                          size_px=20 if presenting else 14, above_px=24))
    with st.container(key="bo_kaart"):
        folium_map = base_map(write_url=False, fill_frame=bounds_of(focus), large_type=presenting)
        st_folium(folium_map, key=f"bo_kaart_{int(presenting)}", height=640, use_container_width=True,
                  feature_group_to_add=groups, returned_objects=[])
    _html(_text(MAP_SOURCES))


def gemeente_chart(dataset: Dataset, presenting: bool) -> None:
    """Dwellings per gemeente and period as published: every gemeente named, large type on a projector."""
    series = {column: name for column, name in PERIODS.items() if column in dataset.gemeenten.columns}
    long = long_table(dataset.gemeenten.drop(columns="geometry"), series)
    with st.container(key="bo_grafiek"):
        st.html(bar_chart(long, list(series.values()), font_px=20 if presenting else 12))
    _html(_text("Woningen in sleutelprojecten zoals per gemeente gepubliceerd; een ontbrekende staaf betekent: geen "
                "gegevens, niet nul."))


# --- the screens -----------------------------------------------------------------------------------


def notes(brief: Brief) -> None:
    """The register rows that touch the figures on this screen, one sentence each, and the way to all of them."""
    if not brief.notes:
        return
    _html(_details(f"Afwijkingen in de documenten die deze cijfers raken ({len(brief.notes)})",
                   [note.zin for note in brief.notes], opened=True))
    st.page_link("app_pages/afwijkingen.py", label="Alle afwijkingen en hun toelichting", icon=":material/rule:")


def _sources(metrics: Sequence[Metric]) -> None:
    items = [f"{m.label}: {m.bron}" for m in metrics if m.bron]
    if items:
        _html(_details("Bronnen van deze cijfers", items))


def regional_screen(view: View, brief: Brief, presenting: bool) -> None:
    """The region: the deal's figures, what is at risk, the chart of every gemeente."""
    _html(cards(brief.metrics))
    if brief.risks:
        _html('<div class="bo-label">Wat staat op het spel: woningen in projecten met knelpunt of aandacht</div>'
              + cards(brief.risks, "bo-risk") + _text(risks.RELIABILITY))
    _html(_text(*brief.statements))
    gemeente_chart(view.dataset, presenting)
    notes(brief)
    _sources([*brief.metrics, *brief.elderly])


def gemeente_screen(view: View, brief: Brief) -> None:
    """One gemeente: its figures and share of the region, its ouderenhuisvesting targets, its projects with
    their check results, what is at risk, and the absence of a per-gemeente target for the 28.200."""
    _html(cards(brief.metrics) + _text(*brief.statements) + cards(brief.elderly))
    table = briefing.project_table(view.dataset, brief.subject.gemeente)
    periods = [p for p in PERIODS if p in table.columns]
    header = ["Nr.", "Sleutelproject", "Bestaand of nieuw", *(period_label(p) for p in periods), "Precisie locatie",
              "Locatietoets (zwaarste uitkomst)"]
    rows = [[r["nr"], r["naam"], r["status"], *(format_count(r[p], "–") for p in periods), r["locatie_precisie"],
             r["toets"]] for _, r in table.iterrows()]
    _html(html_table(rows, header, numeric=range(3, 3 + len(periods))))
    if brief.risks:
        _html('<div class="bo-label">Woningen in projecten met knelpunt of aandacht</div>'
              + cards(brief.risks, "bo-risk"))
    notes(brief)
    _sources([*brief.metrics, *brief.elderly])


def changes_screen(view: View, brief: Brief) -> None:
    """Since the Woondeal 2022: per gemeente and per project nieuw, gelijk, gegroeid or gekrompen, the
    caveat about the periods, and what the documents say about lapsed and merged projects."""
    if not changes.comparable(view.dataset):
        _html(_text(*brief.statements))
        return
    per_project = changes.project_changes(view.dataset.projects)
    counts = changes.totals(per_project)
    summary = [Metric(changes.CHANGES[kind], format_count(counts[kind]), "sleutelprojecten")
               for kind in (changes.NEW, changes.GREW, changes.SAME, changes.SHRANK)]
    summary.append(Metric("Bestaande projecten", f"{format_count(counts['bestaand_2022'])} → "
                          f"{format_count(counts['bestaand_2024_2030'])}",
                          f"woningen: Woondeal 2022 → 2024 t/m 2030, {format_count(counts['bestaand'])} projecten"))
    summary.append(Metric("Nieuwe projecten", format_count(counts["nieuw_2024_2030"]), "woningen 2024 t/m 2030"))
    _html(cards(summary) + _text(brief.statements[0]))
    per_gemeente = changes.gemeente_changes(per_project)
    rows = [[r.gemeente, r.nieuw, r.gegroeid, r.gelijk, r.gekrompen, format_count(r.bestaand_2022, "–"),
             format_count(r.bestaand_2024_2030, "–"), format_signed(r.verschil_bestaand, "–")]
            for r in per_gemeente.itertuples()]
    _html(html_table(rows, ["Gemeente", "Nieuw", "Gegroeid", "Gelijk", "Gekrompen", "Bestaand 2022",
                            "Bestaand 2024–2030", "Verschil"], numeric=range(1, 8)))
    _html(_details("Wat de documenten zeggen over vervallen en samengevoegde projecten",
                   [f"{d.onderwerp}: “{d.tekst}” ({d.bron})" for d in changes.documented()] + brief.statements[1:]))
    rows = [[r["naam"], r["gemeente"], changes.CHANGES[r["verandering"]], format_count(r["woningen_2022"], "–"),
             format_count(r["woningen_2024_2030"], "–"), format_signed(r["verschil"], "–"), changes.remark(r)]
            for _, r in per_project.iterrows()]
    _html(html_table(rows, ["Sleutelproject", "Gemeente", "Verandering", "Woondeal 2022", "2024–2030", "Verschil",
                            "Opmerking"], numeric=(3, 4, 5)))
    notes(brief)


def _risk_rows(table: pd.DataFrame) -> list[list[object]]:
    return [[label, *(format_count(int(v)) for v in values)] for label, values in table.iterrows()]


def risks_screen(view: View, brief: Brief) -> None:
    """What is at risk: per concern firm and indicative apart, per theme and per gemeente."""
    frame = briefing.risk_frame(view.dataset)
    if frame is None:
        _html(_text("De locatietoets is voor deze gegevens niet berekend."))
        return
    _html(cards(brief.risks, "bo-risk") + _text(*brief.statements))
    for period in briefing.risk_periods(view.dataset):
        themes = risks.by_theme(frame, period)
        header = [f"Thema: woningen {period_label(period)}", *(risks.category_label(*c) for c in themes.columns)]
        _html(html_table(_risk_rows(themes), header, numeric=range(1, len(header))))
    period = briefing.risk_periods(view.dataset)[0]
    gemeenten = risks.by_gemeente(frame, period, list(view.dataset.gemeenten["gemeente"]))
    header = [f"Gemeente: woningen {period_label(period)}", *(risks.category_label(*c) for c in gemeenten.columns)]
    _html(html_table(_risk_rows(gemeenten), header, numeric=range(1, len(header))))
    unjudged = risks.unjudged_themes(frame)
    if unjudged:
        _html(_text("Geen oordeel mogelijk: " + "; ".join(f"{k} ({v})" for k, v in unjudged.items()) + "."))
    notes(brief)


def show(view: View) -> None:
    """The whole meeting view."""
    all_subjects = subjects(view.dataset)
    subject = navigation(view, all_subjects)
    presenting = bool(st.session_state.get(PRESENTING))
    _html(_css(presenting, bool(view.embargo)))
    brief = briefing.brief(view.dataset, subject)
    left, right = st.columns([2, 1], gap="medium")
    with left:
        meeting_map(view, subject, presenting)
    with right, st.container(key="bo_paneel"):
        if view.embargo:
            _html(f'<p class="bo-embargo">{escape(view.embargo)}: vertrouwelijk, niet delen</p>')
        screens = {REGIO: lambda: regional_screen(view, brief, presenting),
                   CHANGES: lambda: changes_screen(view, brief), RISKS: lambda: risks_screen(view, brief)}
        screens.get(subject.key, lambda: gemeente_screen(view, brief))()
