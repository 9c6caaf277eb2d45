"""The map page: headline figures, the map with the chosen project beside it, and the chart per gemeente."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import headlines
from geo.numbers import format_count
from geo.schema import (
    CHECK_STATUSES,
    PERIOD_2022,
    PERIOD_2024_2030,
    PERIOD_2031_2035,
    PERIODS,
    PRECISIONS,
    PROJECT_STATUSES,
    period_label,
)
from geo.selection import Filters, gemeente_figures, unpublished_sums
from layers.base import base_map
from layers.mapview import Focus, MapOptions, bounds_of, overlays
from layers.sleutelprojecten import popup_html
from ui import permalink
from ui.charts import bar_chart, long_table
from ui.checks import map_themes, scorecard
from ui.mapcomponent import draw, prepared
from ui.markdown import plain
from ui.sidebar import write_permalink
from ui.view import View, current_view, web_frames
from ui.widgets import anchor, figure_notes, metric_row, skip_link

MAP_KEY = "kaart"
MAP_HEIGHT = 560
CHART_SERIES = {period: PERIODS[period] for period in (PERIOD_2022, PERIOD_2024_2030, PERIOD_2031_2035)}
INTRO = ("Deze kaart laat zien waar de elf gemeenten van West-Overijssel tot 2030 en daarna woningen willen "
         "bouwen, hoeveel, en of de plek past bij klimaatadaptief en waterbewust bouwen. Elk getal is terug te "
         "voeren op een regel in de documenten van de Woondeal.")


def render(view: View) -> None:
    """The whole map page, in containers of fixed order, so the map never moves in the page (a map
    that moved would be remounted and stay blank for a while). The containers are laid out first and
    the map is filled in right after the place search: its frame is what a visitor waits for, so it
    goes to the browser before the figures above it."""
    st.title("Woondeal West-Overijssel")
    st.write(INTRO)
    public = f" Zonder inloggen, als gewone webpagina: [de openbare kaart en tabellen]({view.public_site})." \
        if view.public_site else ""
    st.caption("Getoond: " + ", ".join(map(plain, view.release_titles)) + "." + public)
    notices, figures, chosen_gemeenten = (st.container() for _ in range(3))
    skip_link("na-de-kaart", "Sla de kaart over")
    left, right = st.columns([2, 1], gap="medium")
    with right:  # the search decides where the map looks
        place = _place_search(view)
        selection = st.container()
    with left:
        _map(view, place)
    with notices:
        _link_notices(view)
    with figures:
        metric_row(headlines.regional(view.dataset))
        figure_notes(view)
    with chosen_gemeenten:
        if view.filters.gemeenten:
            st.subheader("Geselecteerde gemeenten")
            metric_row(headlines.for_gemeenten(view.dataset, view.filters.gemeenten))
            st.caption("Er is geen opgave per gemeente gepubliceerd; de voortgang geldt alleen voor de regio.")
    with selection:
        metric_row(headlines.for_selection(view.selected, len(view.dataset.projects), view.filters.period))
        _sum_notices(view)
    with right:
        anchor("sleutelproject")
        _project_detail(view, place)
    anchor("na-de-kaart")
    _chart(view)


def _link_notices(view: View) -> None:
    """Say which values of the link this map does not know (they were ignored)."""
    if view.link_notices:
        st.warning(permalink.notice_text([plain(n) for n in view.link_notices]), icon=":material/link_off:")


def _sum_notices(view: View) -> None:
    """Say where the selected projects add up to another figure than the gemeente publishes."""
    differing = unpublished_sums(view.dataset, view.filters.period)
    if view.filters.gemeenten:
        differing = differing[differing["gemeente"].isin(view.filters.gemeenten)]
    for row in differing.itertuples():
        st.info(f"{row.gemeente}: de projecten tellen op tot {format_count(row.projecten)} woningen "
                f"{period_label(view.filters.period)}, de gemeente publiceert {format_count(row.gepubliceerd)} "
                "(zie Afwijkingen).", icon=":material/info:")


def _place_search(view: View) -> str | None:
    """A search box over the TOP10NL kernen, wijken and buurten: the map zooms to the chosen one."""
    places = view.dataset.places
    if places is None or places.empty:
        return None
    return st.selectbox("Zoek een plaats, wijk of buurt", list(places["omschrijving"]), index=None,
                        placeholder="Typ een naam, bijvoorbeeld Brunnepe", key="plaats")


def _focus(view: View, project: str | None, place: str | None) -> list[Focus]:
    """What the map zooms to when it changes: the chosen project, a searched place, the chosen gemeenten."""
    gemeenten_web, projects_web = web_frames(view.dataset, view.releases, view.version)
    focus = []
    chosen = projects_web[projects_web["project_id"] == project] if project else projects_web.iloc[0:0]
    focus.append(Focus("project", project or "", bounds_of(chosen) if len(chosen) else ((0, 0), (0, 0))))
    places = view.dataset.places
    if place and places is not None:
        row = places.set_index("omschrijving").loc[place]
        focus.append(Focus("plaats", place, ((row["zuid"], row["west"]), (row["noord"], row["oost"])), max_zoom=16))
    else:
        focus.append(Focus("plaats", "", ((0, 0), (0, 0))))
    shown = gemeenten_web[gemeenten_web["gemeente"].isin(view.filters.gemeenten or gemeenten_web["gemeente"])]
    focus.append(Focus("gemeenten", ",".join(view.filters.gemeenten) or "alle", bounds_of(shown), max_zoom=13))
    return focus


def _popup(view: View, project: str | None, projects_web) -> dict | None:
    """The popup of the chosen project: its key figures and worst check outcome, at its symbol."""
    row = view.dataset.projects.set_index("project_id").loc[project] if project in set(
        view.dataset.projects["project_id"]) else None
    if row is None or project not in set(projects_web["project_id"]):
        return None
    marker = projects_web.set_index("project_id").loc[project, "marker"]
    check = CHECK_STATUSES[row["toetsing"]].shown if "toetsing" in row.index and pd.notna(row["toetsing"]) else None
    return {"key": project, "latlng": [marker.y, marker.x], "html": popup_html(row, view.dataset.periods(), check)}


def _map(view: View, place: str | None) -> None:
    """The map: a fixed base map and overlays that change with the filters without remounting it."""
    project = st.session_state.get("project")
    arguments = _map_arguments(view, view.releases, view.version, view.filters, view.options, view.embargo,
                               project, place, view.map_view)
    _select_from_click(draw(arguments))


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_arguments(_view: View, releases: tuple[str, ...], version: tuple[float, ...], filters: Filters,
                   options: MapOptions, embargo: str | None, project: str | None, place: str | None,
                   map_view: tuple[float, float, float] | None) -> dict:
    """The map component's arguments for this view, made once and drawn for every session that asks for
    the same map (a later visitor's first map, a filter set back): the key is every input of the map,
    the visible releases and data version (the data), filters, map options, embargo label, chosen
    project, searched place and linked map view. Nothing else of ``_view`` may be used here."""
    view = _view
    gemeenten_web, projects_web = web_frames(view.dataset, releases, version)
    shown = projects_web.loc[view.selected.index].assign(woningen=view.selected["woningen"])
    if "toetsing" in view.selected.columns:
        shown["toetsing"] = view.selected["toetsing"]
    largest = float(view.dataset.projects[filters.period].max())
    groups = overlays(gemeenten_web, shown, filters.period, options, largest, map_themes(view.dataset),
                      embargo, _focus(view, project, place), project, _popup(view, project, projects_web),
                      fit_on_open=map_view is None and bool(project or place),
                      documents=view.dataset.shown_documents())
    return prepared(base_map(view=map_view), key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True,
                    feature_group_to_add=groups, returned_objects=["last_object_clicked", "last_active_drawing"],
                    on_change=_select_from_click)


def _select_from_click(clicked: dict | None = None) -> None:
    """A click on a project selects it by the id in its map feature, once per click (so the list can
    still change it). In the browser this runs before the page is drawn again (the map shows the
    selection at once); a click on a shared outline carries no id."""
    clicked = clicked or st.session_state.get(MAP_KEY) or {}
    feature = clicked.get("last_active_drawing") or {}
    project = (feature.get("properties") or {}).get("project_id")
    click = (project, str(clicked.get("last_object_clicked")))
    if project and click != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = click
        st.session_state["project"] = project


def _chart(view: View) -> None:
    """Dwellings per gemeente: Woondeal 2022, 2024 t/m 2030 and doorkijk, as published."""
    table = gemeente_figures(view.dataset, view.selected, view.filters)
    present = {k: v for k, v in CHART_SERIES.items() if k in table.columns}
    if not present:
        return
    st.subheader("Woningen in sleutelprojecten per gemeente")
    st.html(bar_chart(long_table(table, present), list(present.values())))
    st.caption("Zoals per gemeente gepubliceerd. "
               "Een ontbrekende staaf betekent geen gegevens, niet nul. Dezelfde cijfers staan onder Tabellen.")


def _project_detail(view: View, place: str | None) -> None:
    """All figures of the chosen project with their source lines, its location and its check."""
    projects = view.dataset.projects.set_index("project_id")
    options = list(view.selected["project_id"])
    current = st.session_state.get("project")
    if current not in options:
        options = [current, *options] if current in projects.index else options
    st.subheader("Sleutelproject")
    if not options:
        st.write("Geen sleutelprojecten in deze selectie.")
        write_permalink(view.filters, view.options, None, place)
        return
    names = {pid: f"{projects.loc[pid, 'naam']} ({projects.loc[pid, 'gemeente']})" for pid in options}
    chosen = st.selectbox("Kies een project (of klik op de kaart)", options, format_func=names.__getitem__, index=None,
                          placeholder="Kies een sleutelproject", key="project")
    write_permalink(view.filters, view.options, chosen, place)
    if chosen is None:
        st.caption("Klik op een symbool op de kaart, of kies hierboven een project: de cijfers, bronnen en de "
                   "locatietoets verschijnen hier.")
        return
    row = projects.loc[chosen]
    st.markdown(f"**{plain(row['naam'])}** · {plain(row['gemeente'])} · {PROJECT_STATUSES[row['status']].label}"
                + (" · telt alleen voor de doorkijk na 2030" if row.get("alleen_na_2030") is True else ""))
    st.markdown(f"**Locatie** ({PRECISIONS[row['locatie_precisie']].label.lower()}): "
                f"{plain(row['locatie_toelichting'])}")
    st.markdown("**Cijfers en bronnen**")
    _figures(view, chosen)
    _project_register(view, chosen)
    scorecard(view, chosen)


def _figures(view: View, project_id: str) -> None:
    """Every figure of the project with its value, its source line and the text printed there."""
    for fig in view.dataset.project_figures(project_id).itertuples():
        if fig.kenmerk in ("naam", "gemeente"):
            continue
        value = "–" if fig.waarde is pd.NA else format_count(int(fig.waarde))
        printed = view.dataset.quote(str(fig.bron).split("; ")[0])  # only a line of a document the visitor may see
        flag = " · de documenten noemen ook een ander getal (zie hieronder)" if fig.afwijking else ""
        st.markdown(f"{plain(fig.onderwerp.split(':')[0])}: **{value}**{flag}")
        source = f"Bron: {plain(fig.bron)}" if fig.bron else ""
        st.caption(source + (f" — tekst in de bron: “{plain(printed)}”" if printed else ""))


def _project_register(view: View, project_id: str) -> None:
    """The register rows about this project: where the documents disagree and what is used."""
    figures = view.dataset.project_figures(project_id)
    subjects = set(figures.loc[figures["afwijking"], "onderwerp"])
    rows = view.dataset.afwijkingen[view.dataset.afwijkingen["onderwerp"].isin(subjects)]
    for row in rows.itertuples():
        st.warning(f"Afwijking — {plain(row.onderwerp)}: {plain(row.waarde_a)} tegenover {plain(row.waarde_b)}. "
                   f"Gebruikt: {plain(row.gebruikt)}. {plain(row.toelichting)}")


render(current_view("Kaart"))
