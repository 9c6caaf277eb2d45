"""The pages of the app, and a Dutch "pagina niet gevonden" for an address that is none of them."""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st
from streamlit.navigation.page import StreamlitPage

# (script, title, icon, address): one line per page
PAGES = (
    ("app_pages/kaart.py", "Kaart", ":material/map:", ""),
    ("app_pages/bo_wonen.py", "BO Wonen", ":material/co_present:", "bo_wonen"),
    ("app_pages/locatiekeuze.py", "Locatiekeuze", ":material/add_location_alt:", "locatiekeuze"),
    ("app_pages/tabellen.py", "Tabellen", ":material/table:", "tabellen"),
    ("app_pages/afwijkingen.py", "Afwijkingen", ":material/rule:", "afwijkingen"),
    ("app_pages/over.py", "Over de data", ":material/info:", "over"),
)


def navigation() -> StreamlitPage:
    """Declare the pages (before anything can fail, so Streamlit never lists a folder of scripts itself)."""
    pages = [st.Page(script, title=title, icon=icon, url_path=path or None, default=not path)
             for script, title, icon, path in PAGES]
    page = st.navigation(pages)
    _not_found(pages)
    return page


def _not_found(pages: list[StreamlitPage]) -> None:
    """An address that is no page: say so in Dutch, with a link to every page (the map is shown below)."""
    asked = urlparse(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
    if asked and asked not in {path for *_, path in PAGES}:
        with st.container(border=True):
            st.markdown(f"**Pagina niet gevonden.** Er is geen pagina ‘{asked[:80]}’. U ziet de kaart; "
                        "of kies een pagina:")
            for page in pages:
                st.page_link(page)
