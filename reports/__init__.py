"""Reports to take away: PDF documents and static PNG maps built from the core's data (no Streamlit)."""
