"""The Streamlit app runs headless on the committed GeoPackages."""

from streamlit.testing.v1 import AppTest


def test_the_app_runs_without_exceptions_and_shows_the_map():
    at = AppTest.from_file("../streamlit_app.py", default_timeout=60).run()
    assert not at.exception
    maps = [c for c in at.get("component_instance")]
    assert maps, "no map component rendered"
