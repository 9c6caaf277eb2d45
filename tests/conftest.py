"""Shared fixtures: a writable copy of the sources, so tests can break them without touching data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from geo import paths


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A copy of data/sources and data/afwijkingen.csv in a temporary directory."""
    copy = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, copy)
    shutil.copy(paths.AFWIJKINGEN, tmp_path / "afwijkingen.csv")
    return copy


def edit_csv(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV file (rij 2 is the first data row, as in error messages)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[row - 2, column] = value
    table.to_csv(path, index=False, lineterminator="\n")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def data():
    """The full dataset as built (all releases)."""
    from geo.dataset import load_dataset

    return load_dataset()


@pytest.fixture(scope="module")
def secrets(data):
    """Texts that give the embargoed release away (see tests.embargo)."""
    from tests.embargo import embargoed_texts

    return embargoed_texts(data)
