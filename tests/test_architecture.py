"""The tree shows the architecture: each package imports only what docs/architecture.md allows."""

import ast
from pathlib import Path

import pytest

from geo import paths

FRONT_END = {"streamlit", "streamlit_folium", "folium", "branca", "altair"}
APP = FRONT_END - {"altair"}  # altair comes with Streamlit, unused: the charts are plain HTML (ui/charts.py)
PROJECT = {"geo", "access", "layers", "reports", "staticsite", "ui", "app_pages", "streamlit_app", "bench", "tests"}
# package → (project packages it may import, third-party front-end libraries it may import)
ALLOWED = {
    "geo": ({"geo"}, set()),
    "access": ({"geo", "access"}, set()),
    "layers": ({"geo", "layers"}, {"folium", "branca"}),
    "reports": ({"geo", "layers", "reports"}, set()),
    "staticsite": ({"geo", "layers", "staticsite"}, {"folium", "branca"}),
    "ui": ({"geo", "access", "layers", "reports", "staticsite", "ui"}, APP),
    "app_pages": ({"geo", "layers", "reports", "ui"}, APP),
    "streamlit_app": ({"ui"}, {"streamlit"}),
}


def _modules(package: str) -> list[Path]:
    root = paths.ROOT / package
    return [root.with_suffix(".py")] if not root.is_dir() else sorted(root.rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """The top-level names of everything a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", list(ALLOWED))
def test_a_package_imports_only_what_the_architecture_allows(package):
    own, front_end = ALLOWED[package]
    for module in _modules(package):
        imported = _imported(module)
        assert not (imported & PROJECT) - own, f"{module.relative_to(paths.ROOT)} importeert {(imported & PROJECT) - own}"
        assert not (imported & FRONT_END) - front_end, f"{module.relative_to(paths.ROOT)}: {(imported & FRONT_END) - front_end}"


def test_no_run_time_code_reads_the_shared_folder_beside_the_repository():
    for package in ALLOWED:
        for module in _modules(package):
            assert "../shared" not in module.read_text(encoding="utf-8"), module


def test_the_import_rules_are_the_ones_the_architecture_document_states():
    text = (paths.ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for package, (own, _) in ALLOWED.items():
        line = next(line for line in text.splitlines() if line.startswith(f"| `{package}"))
        assert all(f"`{other}`" in line for other in own - {package}), package
