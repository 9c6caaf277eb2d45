"""The publisher never loses a file: it replaces only a site it wrote itself (or an empty or new
folder), never the repository, a folder above it, a checkout or the home folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from geo import paths
from staticsite.publish import MARKER, PublishError, check_out_dir, main
from tests.embargo import BEFORE


@dataclass(frozen=True)
class Run:
    returncode: int
    stderr: str


@pytest.fixture
def publish(monkeypatch, capsys):
    """`python -m staticsite OUT_DIR …` in this process, from the repository root, before the release."""
    monkeypatch.setenv("WOONDEAL_NOW", BEFORE)
    monkeypatch.chdir(paths.ROOT)

    def run(out: Path | str, *extra: str) -> Run:
        code = main([str(out), *extra])
        return Run(code, capsys.readouterr().err)

    return run


def test_a_folder_with_the_users_own_files_is_refused_and_left_as_it_was(tmp_path, publish):
    notes = tmp_path / "aantekeningen"
    notes.mkdir()
    (notes / "overleg.txt").write_text("mijn notities", encoding="utf-8")
    result = publish(notes)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "bestaat al en is geen site van de publicatie" in result.stderr and "--forceer" in result.stderr
    assert [p.name for p in notes.iterdir()] == ["overleg.txt"]


@pytest.mark.parametrize("where", [".", "..", "data/..", "/"])
def test_the_repository_and_every_folder_above_it_are_never_replaced_not_even_forced(where, publish):
    before = sorted(p.name for p in paths.ROOT.iterdir())
    result = publish(where, "--forceer")
    assert result.returncode == 2 and "wordt nooit vervangen" in result.stderr
    assert sorted(p.name for p in paths.ROOT.iterdir()) == before and (paths.ROOT / ".git").exists()


def test_another_checkout_and_the_home_folder_are_never_replaced(tmp_path, monkeypatch):
    checkout = tmp_path / "ander-project"
    (checkout / ".git").mkdir(parents=True)
    with pytest.raises(PublishError, match="wordt nooit vervangen"):
        check_out_dir(checkout, force=True)
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    (tmp_path / "thuis").mkdir()
    with pytest.raises(PublishError, match="thuismap"):
        check_out_dir(tmp_path / "thuis", force=True)


def test_a_file_is_not_a_site_folder(tmp_path, publish):
    target = tmp_path / "site"
    target.write_text("geen map", encoding="utf-8")
    result = publish(target, "--forceer")
    assert result.returncode == 2 and "is een bestand, geen map" in result.stderr
    assert target.read_text(encoding="utf-8") == "geen map"


def test_a_new_folder_and_an_earlier_site_are_written_and_nothing_is_left_beside_them(tmp_path, publish):
    out = tmp_path / "nieuw" / "site"
    for _ in range(2):  # the second run replaces the site the first one wrote
        result = publish(out)
        assert result.returncode == 0, result.stderr
        assert (out / MARKER).is_file() and (out / "index.html").is_file()
    assert not [p for p in tmp_path.rglob(".*") if p.name != MARKER]  # no staging or old site left behind


def test_an_empty_folder_may_be_written(tmp_path):
    (tmp_path / "leeg").mkdir()
    check_out_dir(tmp_path / "leeg")


def test_forced_a_folder_without_a_site_is_replaced(tmp_path, publish):
    folder = tmp_path / "oud"
    folder.mkdir()
    (folder / "iets.txt").write_text("weg ermee", encoding="utf-8")
    result = publish(folder, "--forceer")
    assert result.returncode == 0, result.stderr
    assert not (folder / "iets.txt").exists() and (folder / MARKER).is_file()
