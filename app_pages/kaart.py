"""The map page: headline figures, the map with the chosen project beside it, and the chart per gemeente."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import headlines
from geo.numbers import format_count
from geo.schema import (
    PERIOD_2022,
    PERIOD_2024_2030,
    PERIOD_2031_2035,
    PERIODS,
    PRECISIONS,
    PROJECT_STATUSES,
    period_label,
)
from geo.selection import gemeente_figures, unpublished_sums
from ui import permalink
from ui.charts import bar_chart, long_table
from ui.checks import scorecard
from ui.kaartmap import draw_map
from ui.markdown import plain
from ui.sidebar import write_permalink
from ui.view import View, current_view
from ui.widgets import anchor, figure_notes, metric_row, skip_link

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
        draw_map(view, place)
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
    names = (projects["naam"] + " (" + projects["gemeente"] + ")").reindex(options).to_dict()
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
