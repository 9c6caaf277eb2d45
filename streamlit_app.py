"""Woondeal West-Overijssel: the entry point. Prepares the view of this run and hands it to a page.

The pages are declared first (`ui.navigation`). They live in `app_pages/`, not `pages/`: Streamlit
treats a folder named pages/ as a list of pages of its own, and a direct link such as /tabellen then
ran that script alone, bypassing this entry point and its navigation.

What a visitor may see is decided in `ui.view.prepare` (clock, releases, role) before any
page draws, tables or offers downloads; see there.
"""

from __future__ import annotations

import streamlit as st

from ui import navigation, view, widgets

st.set_page_config(page_title="Woondeal West-Overijssel", page_icon=":material/home_work:", layout="wide")
widgets.page_setup()
page = navigation.navigation()
view.prepare()
page.run()
