"""The Streamlit front end's shared pieces: the view of a run, the sidebar, login, widgets, charts."""
