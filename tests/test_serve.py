"""The warm start (ui.serve): what it imports and makes before Streamlit takes visitors.

That the app started this way still works in a browser (the map's component registered, the data
shown) is proved by every browser test: tests/browser.running_app starts the app through ui.serve."""

from __future__ import annotations

import json
import subprocess
import sys

from geo import paths
from ui.serve import app_imports, page_imports


def test_the_imports_of_the_pages_are_read_without_running_them(tmp_path):
    script = tmp_path / "pagina.py"
    script.write_text("import json\nfrom geo import paths\nfrom . import elders\nraise SystemExit('uitgevoerd')\n",
                      encoding="utf-8")
    assert page_imports([script]) == ["geo", "json"]


def test_the_app_pages_import_the_map_component_and_the_data():
    modules = app_imports()
    assert {"streamlit_folium", "ui.view", "layers.mapview"} <= set(modules)


def test_the_warm_up_makes_the_public_view_and_keeps_the_map_component_for_the_first_run(tmp_path):
    code = ("import json, sys\nimport ui.serve as s\ns.warm()\n"
            "from layers.labels import _POINTS\nfrom ui.checks import _THEMES\n"
            "print(json.dumps({'declared': [c.name for c in s._DECLARED], 'legends': len(_THEMES), "
            "'name_points': len(_POINTS)}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True, text=True, timeout=120,
                          env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"declared": ["streamlit_folium.st_folium"], "legends": 1, "name_points": 1}
