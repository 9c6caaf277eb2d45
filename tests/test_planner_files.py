"""A planner's file, careless or hostile: every bad row is named, every good row checked, no file lost.

The malformed files in tests/data/malformed go through the command line and through the upload
reader; verwacht.csv says per row what must happen. Then the command line's own edges: output
names, temporary names, limits, Dutch argparse, and an interrupted run.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import Point

from geo import paths
from geo.geodata import RD_NEW
from geo.rules import read_rules
from geo.safetext import excerpt, spreadsheet_safe
from geo.sites import MAX_ROWS, Limits, SiteFileError, SiteSource, read_sites, study_area
from geo.store import read_layers
from geo.toets import main, unique_names

MALFORMED = paths.ROOT / "tests" / "data" / "malformed"
EXPECTED = pd.read_csv(MALFORMED / "verwacht.csv", sep=";", dtype={"rij": int}, keep_default_na=False)
FILES = sorted(EXPECTED["bestand"].unique())
ZWOLLE = (202_850, 502_125)


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def _report(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def region():
    return study_area()


def test_the_test_set_covers_every_file_in_the_folder():
    assert set(FILES) == {p.name for p in MALFORMED.iterdir()} - {"verwacht.csv", "README.md"}


@pytest.mark.parametrize("name", FILES)
def test_a_malformed_file_ends_with_named_rows_checked_good_rows_and_no_file_changed(name, tmp_path, capsys):
    before = _snapshot(MALFORMED)
    code, out, err = _run(capsys, MALFORMED / name, "-o", tmp_path / "uit")
    assert _snapshot(MALFORMED) == before, "the test set changed"
    expected = EXPECTED[EXPECTED["bestand"] == name].set_index("rij")["verwacht"]
    good = expected[expected == "getoetst"]
    assert code == 1 and len(good) and len(good) < len(expected), err
    assert "Traceback" not in err and "Toetsen mislukt" not in err
    assert not any(ord(c) < 32 and c not in "\n" for c in out + err), "raw control characters reached the terminal"
    assert max(map(len, (out + err).splitlines())) < 500
    report = _report(tmp_path / "uit.csv")
    themes = len(read_rules())
    for row, outcome in expected.items():
        rows = report[report["rij"] == str(row)]
        if outcome == "getoetst":
            assert len(rows) == themes and (rows["melding"] == "").all() and (rows["status"] != "").all(), row
        else:
            assert len(rows) == 1 and outcome in rows["melding"].iloc[0], (row, rows["melding"].tolist())
            assert outcome in err
    assert set(report["rij"].astype(int)) == set(expected.index)
    layers = read_layers(tmp_path / "uit.gpkg")
    assert sorted(layers["locaties"]["rij"]) == sorted(good.index)
    assert sorted(layers["overgeslagen"]["rij"]) == sorted(expected.index.difference(good.index))
    assert {p.name for p in tmp_path.iterdir()} == {"uit.csv", "uit.gpkg"}, "a temporary file was left behind"


@pytest.mark.parametrize("name", FILES)
def test_the_upload_reader_reads_a_malformed_file_from_memory_with_the_same_outcome(name, region):
    expected = EXPECTED[EXPECTED["bestand"] == name].set_index("rij")["verwacht"]
    data = (MALFORMED / name).read_bytes()
    from_memory = read_sites(SiteSource.upload(name, data), region, limits=Limits(25_000_000, 1_000))
    from_disk = read_sites(MALFORMED / name, region)
    assert list(from_memory.sites.index) == list(expected[expected == "getoetst"].index)
    assert from_memory.skipped.to_dict() == from_disk.skipped.to_dict()
    for row, reason in from_memory.skipped.items():
        assert expected[row] in reason


def test_formula_cells_in_the_report_are_neutralised_and_signed_numbers_kept(tmp_path, capsys):
    _run(capsys, MALFORMED / "formules.csv", "-o", tmp_path / "uit")
    report = _report(tmp_path / "uit.csv")
    cells = set(report["naam"]) | set(report["opmerking"])
    assert "'=HYPERLINK(\"http://voorbeeld.invalid\";\"klik\")" in cells
    assert "'+cmd|' /C calc'!A0" in cells and "'@SUM(1+1)" in cells and "'\t=1+1" in cells
    assert "-721" in cells and "'-2+3" in cells
    assert not any(str(cell).startswith(("=", "+", "@", "\t")) for cell in cells)


@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+31 6 1234", "'+31 6 1234"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("＝1", "'＝1"), ("-721", "-721"), ("+3,5", "+3,5"), ("-1e5", "-1e5"), ("-2+3", "'-2+3"),
    ("Zwolle", "Zwolle"), (12.5, 12.5),
])
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe(value, safe):
    assert spreadsheet_safe(value) == safe


def test_an_excerpt_escapes_control_and_bidi_characters_and_cuts():
    assert excerpt("a\x1b[2Jb\u202ec") == "a\\x1b[2Jb\\u202ec"
    assert excerpt("x" * 100, 10) == "x" * 10 + "…"


def test_column_names_the_geopackage_would_refuse_are_renamed_uniquely(tmp_path, capsys):
    _run(capsys, MALFORMED / "kolomnamen.csv", "-o", tmp_path / "uit")
    layer = read_layers(tmp_path / "uit.gpkg")["locaties"]
    lowered = [str(c).lower() for c in layer.columns]
    assert len(lowered) == len(set(lowered))
    assert {"invoer_fid", "invoer_FID_2", "naam", "invoer_NAAM", "x", "invoer_X", "invoer_rij_2",
            "invoer_geometry", "invoer_zwaarste_status"} <= set(layer.columns)
    zwolle = layer[layer["rij"] == 2].iloc[0]
    assert (zwolle["naam"], zwolle["invoer_NAAM"], zwolle["invoer_rij"], zwolle["invoer_rij_2"]) == (
        "Zwolle", "ZWOLLE", "ir1", "r1")
    assert unique_names(["rij", "invoer_rij", "Rij"], ["rij"]) == ["invoer_rij_2", "invoer_rij", "invoer_Rij_3"]


def test_an_input_too_wide_for_a_geopackage_keeps_its_columns_in_the_csv(tmp_path, capsys):
    code, out, _ = _run(capsys, MALFORMED / "tweeduizend_kolommen.csv", "-o", tmp_path / "uit")
    assert code == 1 and "De laag 'locaties' bevat de kolommen van de invoer daarom niet, de CSV wel." in out
    assert "k1996" in _report(tmp_path / "uit.csv").columns
    assert "k0" not in pyogrio.read_info(tmp_path / "uit.gpkg", layer="locaties")["fields"]


@pytest.mark.parametrize("name", [".victim.tmp.gpkg", ".victim.gpkg.tmp.gpkg", "victim.tmp.csv", ".victim.csv"])
def test_an_input_named_like_a_temporary_output_is_never_touched(tmp_path, capsys, name):
    source = tmp_path / name
    if name.endswith(".gpkg"):
        points = gpd.GeoDataFrame(geometry=[Point(ZWOLLE)], crs=RD_NEW)
        pyogrio.write_dataframe(points, source, layer="plannen", driver="GPKG")
    else:
        source.write_text(f"x;y\n{ZWOLLE[0]};{ZWOLLE[1]}\n", encoding="utf-8")
    before = source.read_bytes()
    code, _, err = _run(capsys, source, "-o", tmp_path / "victim")
    assert code == 0, err
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "victim.csv", "victim.gpkg"])


def test_temporary_outputs_live_in_a_fresh_directory_so_names_cannot_collide(tmp_path, capsys):
    (tmp_path / "plannen.csv").write_text(f"x;y\n{ZWOLLE[0]};{ZWOLLE[1]}\n", encoding="utf-8")
    for name in (".uit.csv.tmp", ".uit.gpkg.tmp", "uit.csv.tmp", ".uit.csv"):  # whatever an older writer used
        (tmp_path / name).write_text("van de planner")
    code, _, err = _run(capsys, tmp_path / "plannen.csv", "-o", tmp_path / "uit")
    assert code == 0, err
    assert all((tmp_path / name).read_text() == "van de planner" for name in
               (".uit.csv.tmp", ".uit.gpkg.tmp", "uit.csv.tmp", ".uit.csv"))
    assert not [p for p in tmp_path.iterdir() if p.is_dir()], "a staging directory was left behind"


def test_a_failing_geopackage_write_leaves_no_csv_and_no_temporary_files(tmp_path, capsys, monkeypatch):
    (tmp_path / "plannen.csv").write_text(f"x;y\n{ZWOLLE[0]};{ZWOLLE[1]}\n", encoding="utf-8")
    (tmp_path / "uit.csv").write_text("vorige uitvoer")

    def broken(path, layers):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("geo.toets.write_geopackage", broken)
    code, _, err = _run(capsys, tmp_path / "plannen.csv", "-o", tmp_path / "uit")
    assert code == 2 and "de schijf is vol" in err
    assert (tmp_path / "uit.csv").read_text() == "vorige uitvoer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plannen.csv", "uit.csv"]


@pytest.mark.parametrize("out", ["", "/", ".", "map"])
def test_an_output_that_is_no_file_name_is_refused_in_dutch(tmp_path, capsys, out, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map").mkdir()
    (tmp_path / "plannen.csv").write_text(f"x;y\n{ZWOLLE[0]};{ZWOLLE[1]}\n", encoding="utf-8")
    code, _, err = _run(capsys, tmp_path / "plannen.csv", "-o", out)
    assert code == 2 and f"-o '{out}' is geen bestandsnaam" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map", "plannen.csv"]


def test_a_255_character_file_name_gets_a_dutch_message_and_works_with_a_shorter_output(tmp_path, capsys):
    source = tmp_path / ("p" * 251 + ".csv")
    source.write_text(f"x;y\n{ZWOLLE[0]};{ZWOLLE[1]}\n", encoding="utf-8")
    code, _, err = _run(capsys, source)
    assert code == 2 and "de naam van de uitvoer is te lang (262 bytes" in err and "kies een kortere met -o" in err
    code, _, err = _run(capsys, source, "-o", tmp_path / "kort")
    assert code == 0, err


def test_more_rows_than_the_limit_are_refused_before_reading(tmp_path, capsys):
    source = tmp_path / "groot.csv"
    source.write_text("x;y\n" + f"{ZWOLLE[0]};{ZWOLLE[1]}\n" * (MAX_ROWS + 1), encoding="utf-8")
    code, _, err = _run(capsys, source, "-o", tmp_path / "uit")
    assert code == 2 and "groot.csv heeft 100.001 rijen; de grens is 100.000. Splits het bestand in delen." in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["groot.csv"]


def test_row_and_size_limits_apply_to_an_upload_before_it_is_read(region):
    rows = "x;y\n" + f"{ZWOLLE[0]};{ZWOLLE[1]}\n" * 11
    with pytest.raises(SiteFileError, match=r"plannen.csv heeft 11 rijen; de grens is 10\."):
        read_sites(SiteSource.upload("plannen.csv", rows.encode()), region, limits=Limits(1_000_000, 10))
    with pytest.raises(SiteFileError, match=r"plannen.csv is 0,1 MB; de grens is 0 MB"):
        read_sites(SiteSource.upload("plannen.csv", b" " * 120_000), region, limits=Limits(100_000, 10))


@pytest.mark.parametrize("argv, message", [
    ([], "fout: verplicht argument ontbreekt: LOCATIEBESTAND"),
    (["a.csv", "b.csv"], "fout: onbekend argument: b.csv"),
    (["a.csv", "-o"], "fout: argument -o/--uitvoer: verwacht één waarde"),
    (["a.csv", "--onbekend"], "fout: onbekend argument: --onbekend"),
])
def test_command_line_errors_are_dutch(capsys, argv, message):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and message in err and err.startswith("gebruik: python -m geo.toets")
    assert "usage" not in err and "error" not in err


def test_the_help_is_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["-h"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik:") and "argumenten:" in out and "opties:" in out and "toon deze hulp" in out
    assert "usage" not in out and "show this help" not in out


def test_an_interrupted_run_removes_its_temporary_files_and_leaves_no_output(tmp_path):
    source = tmp_path / "veel.csv"
    source.write_text("x;y\n" + "".join(f"{ZWOLLE[0] + i % 500};{ZWOLLE[1] + i // 500}\n" for i in range(60_000)),
                      encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "geo.toets", source, "-o", tmp_path / "uit"], cwd=paths.ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stderr is not None
    progress = process.stderr.readline()
    assert "rijen gelezen" in progress
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130 and "Toetsen afgebroken; er is niets half geschreven." in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["veel.csv"]
