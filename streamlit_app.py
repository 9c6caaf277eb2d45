"""Woondeal West-Overijssel: the entry point. Prepares the view of this run and hands it to a page.

The pages are declared first, so that an error further on never falls back to listing the modules
in pages/ as pages.

What a visitor may see is decided in `ui.view.prepare` (clock, releases, role) before any
page draws, tables or offers downloads; see there.
"""

from __future__ import annotations

import streamlit as st

from ui import view, widgets

st.set_page_config(page_title="Woondeal West-Overijssel", page_icon=":material/home_work:", layout="wide")
widgets.page_setup()
page = st.navigation([
    st.Page("pages/kaart.py", title="Kaart", icon=":material/map:", default=True),
    st.Page("pages/bo_wonen.py", title="BO Wonen", icon=":material/co_present:"),
    st.Page("pages/tabellen.py", title="Tabellen", icon=":material/table:"),
    st.Page("pages/afwijkingen.py", title="Afwijkingen", icon=":material/rule:"),
    st.Page("pages/over.py", title="Over de data", icon=":material/info:"),
])
view.prepare()
page.run()
