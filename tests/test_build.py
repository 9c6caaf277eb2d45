"""The GeoPackages: schema, CRS, the documents' figures, determinism, check mode, and safe failure."""

import hashlib
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from geo import paths
from geo.build import build, stale, write
from geo.store import read_layers, write_layers
from tests.conftest import edit_csv
from tests.shown import headline_figures

GEMEENTE_COLUMNS = [
    "gemeentecode", "gemeente", "gerealiseerd_2022_2024", "sleutelprojecten_aantal", "woningen_2024_2030",
    "woningen_2031_2035", "woningen_2022", "ouderen_basis_nultreden", "ouderen_basis_geclusterd",
    "ouderen_basis_zorggeschikt", "ouderen_trend_nultreden", "ouderen_trend_geclusterd",
    "ouderen_trend_zorggeschikt", "verschil_2022_2024", "ouderen_basis_totaal", "ouderen_trend_totaal", "geometry",
]
PROJECT_COLUMNS = [
    "project_id", "gemeente", "naam", "status", "woningen_2022", "woningen_2024_2030", "woningen_2031_2035",
    "alleen_na_2030", "locatie_precisie", "locatie_toelichting", "bron", "afwijking", "toetsing",
]


@pytest.fixture(scope="module")
def gemeenten():
    return read_layers(paths.GEMEENTEN_GPKG)["gemeenten"].set_index("gemeente", drop=False)


@pytest.fixture(scope="module")
def projects():
    return read_layers(paths.PROJECTS_GPKG)["sleutelprojecten"].set_index("project_id", drop=False)


def test_gemeenten_layer_has_the_schema_and_rd_new(gemeenten):
    assert list(gemeenten.columns) == GEMEENTE_COLUMNS
    assert gemeenten.crs.to_epsg() == 28992
    assert len(gemeenten) == 11
    assert gemeenten.loc["Zwolle", "gemeentecode"] == "GM0193"


def test_the_derived_gemeente_figures_are_computed_once_in_the_build(gemeenten):
    kampen = gemeenten.loc["Kampen"]
    assert kampen["verschil_2022_2024"] == kampen["woningen_2024_2030"] - kampen["woningen_2022"]
    parts = [kampen[f"ouderen_basis_{kind}"] for kind in ("nultreden", "geclusterd", "zorggeschikt")]
    assert kampen["ouderen_basis_totaal"] == sum(parts)


def test_sleutelprojecten_layer_has_the_schema_and_rd_new(projects):
    assert set(PROJECT_COLUMNS) <= set(projects.columns)
    assert projects.crs.to_epsg() == 28992
    assert projects["project_id"].is_unique
    assert projects["project_id"].str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()
    assert len(projects) == 52


def test_per_gemeente_figures_match_the_documents(gemeenten):
    assert gemeenten.loc["Deventer", "gerealiseerd_2022_2024"] == 1816  # Tabel 1, regel 367
    assert gemeenten.loc["Hardenberg", "sleutelprojecten_aantal"] == 8  # Tabel 2, regel 594
    assert gemeenten.loc["Zwolle", "woningen_2024_2030"] == 9000  # Tabel 2, regel 610
    assert gemeenten.loc["Kampen", "woningen_2031_2035"] == 2300  # Tabel 3, regel 684
    assert gemeenten.loc["Zwolle", "woningen_2022"] == 12000  # Bijlage 1, regel 1745
    assert gemeenten.loc["Olst-Wijhe", "ouderen_basis_geclusterd"] == 0  # Afsprakenkader, regel 7008
    assert gemeenten.loc["Deventer", "ouderen_trend_geclusterd"] == 1090  # Afsprakenkader, regel 7036
    assert gemeenten["woningen_2024_2030"].sum() == 24210
    assert gemeenten["woningen_2031_2035"].sum() == 10124


def test_an_unknown_figure_is_null_not_zero(gemeenten, projects):
    assert gemeenten.loc["Ommen", "woningen_2031_2035"] is pd.NA
    assert projects.loc["dalfsen-hoonhorst-de-koele-ii", "woningen_2022"] is pd.NA
    assert projects.loc["steenwijkerland-steenwijk-stationsgebied", "woningen_2024_2030"] is pd.NA


def test_every_bijlage_row_is_present_with_the_figures_the_product_uses(projects):
    counted = projects[~projects["alleen_na_2030"]]
    assert len(counted) == 50
    assert projects["woningen_2031_2035"].sum() == 10124
    assert projects.loc["deventer-centrumschil", "woningen_2024_2030"] == 2250
    assert projects.loc["zwartewaterland-hasselt-om-de-weede", "gemeente"] == "Zwartewaterland"
    assert projects.loc["kampen-bovenhavenkwartier", "status"] == "nieuw"
    assert projects.loc["raalte-heino-centrum", "naam"].startswith("Heino Centrum (samenvoeging Heino Molenweg")


def test_the_committed_geopackages_are_current():
    assert stale(build()) == []


def test_the_build_is_byte_for_byte_reproducible(tmp_path):
    products = build()
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        out.mkdir()
        write(products if run == "a" else build(), out, out / "kaartlagen")
        files = [*out.glob("*.gpkg"), *out.glob("kaartlagen/*.js")]
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(files)})
    assert digests[0] == digests[1]
    assert len(digests[0]) == 3 + len(products.themes)


def test_the_map_layer_files_hold_public_geodata_only_and_are_current():
    products = build()
    for path, content in products.web_files().items():
        assert path.read_bytes() == content, path.name
        text = content.decode("utf-8")
        assert text.startswith(f'WD.layerData("{path.stem}",{{"type":"FeatureCollection"')
        assert '"properties":{"naam":' in text and "woningen" not in text


def test_check_mode_fails_on_a_stale_geopackage(sources, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for gpkg in (paths.GEMEENTEN_GPKG, paths.PROJECTS_GPKG):
        shutil.copy(gpkg, out)
    edit_csv(sources / paths.LOCATIONS.name, 2, "locatie_toelichting", "Een andere reden die lang genoeg is om te passen.")
    result = _cli("--check", "--sources", sources, "--afwijkingen", sources.parent / "afwijkingen.csv", "--out", out)
    assert result.returncode == 1
    assert "Verouderd: sleutelprojecten.gpkg: laag 'sleutelprojecten': kolom 'locatie_toelichting' verschilt" in result.stderr


def test_bad_input_leaves_the_previous_geopackages_untouched(sources, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for gpkg in (paths.GEMEENTEN_GPKG, paths.PROJECTS_GPKG):
        shutil.copy(gpkg, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit_csv(sources / paths.BIJLAGE_PROJECTS.name, 4, "woningen_2022", "zeventig")
    result = _cli("--sources", sources, "--afwijkingen", sources.parent / "afwijkingen.csv", "--out", out)
    assert result.returncode == 2
    assert "bijlage1_sleutelprojecten.csv, rij 4: kolom 'woningen_2022': 'zeventig' is geen aantal" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "geo.build", *map(str, args)], capture_output=True, text=True, cwd=paths.ROOT,
    )


DIE_MIDWAY = """
import os, sys
from pathlib import Path
import geo.buildset as buildset
import geo.files as files
from geo.build import build

real, seen = buildset.write_layers, []
def dying(path, layers):
    seen.append(path)
    if len(seen) == 3:  # killed while the third file is half written: staging left behind, no cleanup
        writing = files.replacing(path)
        writing.__enter__().write_bytes(b"half")
        os._exit(9)
    real(path, layers)
buildset.write_layers = dying
buildset.write_set(Path(sys.argv[1]), build().files(Path(sys.argv[1])))
"""


def test_a_build_killed_between_two_geopackages_is_refused_by_the_app_and_repaired_by_the_next(tmp_path):
    from geo.buildset import MANIFEST, mismatched
    from geo.dataset import DataError, load_dataset

    out = tmp_path / "data"
    shutil.copytree(paths.DATA, out, ignore=shutil.ignore_patterns("sources", ".*"))
    old = {p.name: p.read_bytes() for p in out.glob("*.gpkg")}
    edited = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, edited)
    edit_csv(edited / paths.LOCATIONS.name, 2, "locatie_toelichting", "Een andere reden die lang genoeg is om te passen.")
    script = DIE_MIDWAY.replace("build()", f"build(Path({str(edited)!r}), Path({str(paths.AFWIJKINGEN)!r}))")
    died = subprocess.run([sys.executable, "-c", script, str(out)], cwd=paths.ROOT, capture_output=True, text=True)
    assert died.returncode == 9, died.stderr
    assert list(out.glob(".*.tmp")), "the killed build left its staging folder"
    changed = sorted(p.name for p in out.glob("*.gpkg") if p.read_bytes() != old[p.name])
    assert changed == ["sleutelprojecten.gpkg"]  # the new projects beside the old location check
    for gpkg in out.glob("*.gpkg"):
        read_layers(gpkg)  # every file is whole: old or new, never half written
    assert mismatched(out) == ["sleutelprojecten.gpkg hoort bij een andere bouw"]
    with pytest.raises(DataError, match="horen niet bij één bouw.*Draai 'python -m geo.build' opnieuw"):
        load_dataset(out)
    result = _cli("--sources", edited, "--out", out)
    assert result.returncode == 0, result.stderr
    assert mismatched(out) == [] and not list(out.glob(".*.tmp")) and (out / MANIFEST).exists()
    assert "Een andere reden" in load_dataset(out).projects["locatie_toelichting"].iloc[0]


def test_geopackages_from_two_builds_are_refused_with_a_message(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    out = tmp_path / "data"
    shutil.copytree(paths.DATA, out, ignore=shutil.ignore_patterns("sources", ".*"))
    projects = read_layers(out / paths.PROJECTS_GPKG.name)["sleutelprojecten"]
    write_layers(out / paths.PROJECTS_GPKG.name, {"sleutelprojecten": projects.iloc[:-1]})
    monkeypatch.setenv("WOONDEAL_DATA", str(out))
    at = AppTest.from_file("../streamlit_app.py", default_timeout=90).run()
    assert not at.exception
    assert "sleutelprojecten.gpkg hoort bij een andere bouw" in at.error[0].value
    assert not headline_figures(at) and not at.get("component_instance")


def test_the_check_fails_without_or_with_a_stale_build_manifest(tmp_path):
    out = tmp_path / "out"
    shutil.copytree(paths.DATA, out, ignore=shutil.ignore_patterns("sources", ".*"))
    (out / "bouw.json").unlink()
    assert stale(build(), out) == ["bouw.json ontbreekt"]
    write(build(), out)
    assert stale(build(), out) == []
