"""Woondeal West-Overijssel: the entry point. Loads the data once and wires the filters to the pages."""

from __future__ import annotations

import streamlit as st

from geo.dataset import DataError
from pages import common

st.set_page_config(page_title="Woondeal West-Overijssel", page_icon=":material/home_work:", layout="wide")
common.set_language()
try:
    dataset = common.dataset()
except DataError as error:
    st.error(str(error))
    st.stop()
common.remember(common.build_view(dataset))
st.navigation([
    st.Page("pages/kaart.py", title="Kaart", icon=":material/map:", default=True),
    st.Page("pages/tabellen.py", title="Tabellen", icon=":material/table:"),
    st.Page("pages/afwijkingen.py", title="Afwijkingen", icon=":material/rule:"),
    st.Page("pages/over.py", title="Over de data", icon=":material/info:"),
]).run()
