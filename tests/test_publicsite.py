"""The public site the app serves: linked only when it holds exactly the releases public now."""

import time
from datetime import datetime

import pytest

from geo.releases import read_releases
from tests.embargo import AFTER, BEFORE
from ui import publicsite


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.delenv("WOONDEAL_PUBLIEKE_SITE", raising=False)
    monkeypatch.setattr(publicsite, "SITE", tmp_path / "publiek")
    monkeypatch.setattr(publicsite, "STAMP", tmp_path / ".publiek.releases")
    return tmp_path / "publiek"


def _served(moment: str) -> str | None:
    """Ask for the link until the background build has finished."""
    for _ in range(900):
        url = publicsite.public_site_url(datetime.fromisoformat(moment), read_releases())
        if url:
            return url
        time.sleep(0.1)
    return None


def test_the_link_appears_once_the_site_for_this_moment_is_built(site):
    assert publicsite.public_site_url(datetime.fromisoformat(BEFORE), read_releases()) is None  # building
    assert _served(BEFORE) == publicsite.URL
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "Woondeal West-Overijssel 2022" in page and "10.124" not in page  # no doorkijk before the release


def test_a_site_of_a_later_moment_is_removed_before_an_earlier_moment_is_served(site):
    assert _served(AFTER) == publicsite.URL
    assert "10.124" in (site / "index.html").read_text(encoding="utf-8")  # the doorkijk, public after the release
    assert publicsite.public_site_url(datetime.fromisoformat(BEFORE), read_releases()) is None
    assert _served(BEFORE) == publicsite.URL
    assert "10.124" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_site_of_an_earlier_moment_stays_served_until_the_later_one_replaces_it(site):
    assert _served(BEFORE) == publicsite.URL
    pages: list[str | None] = []
    while publicsite.public_site_url(datetime.fromisoformat(AFTER), read_releases()) is None:  # building
        index = site / "index.html"
        pages.append(index.read_text(encoding="utf-8") if index.exists() else None)
        time.sleep(0.01)
    # the earlier site was served while the new one was built (missing at most between the swap's renames)
    assert len(pages) > 10 and pages.count(None) <= 1 and "10.124" not in pages[0], pages.count(None)
    assert "10.124" in (site / "index.html").read_text(encoding="utf-8")
    assert [path.name for path in site.parent.iterdir() if path.is_dir()] == [site.name]  # nothing left beside it


def test_a_site_whose_releases_are_not_recorded_is_removed_before_the_build(site):
    site.mkdir()
    (site / "index.html").write_text("onbekend", encoding="utf-8")  # a site of any moment, without its stamp
    pages: list[str | None] = []
    while publicsite.public_site_url(datetime.fromisoformat(BEFORE), read_releases()) is None:  # building
        index = site / "index.html"
        pages.append(index.read_text(encoding="utf-8") if index.exists() else None)
        time.sleep(0.01)
    assert len(pages) > 10 and pages.count("onbekend") <= 2, pages.count("onbekend")
    assert "Woondeal West-Overijssel 2022" in (site / "index.html").read_text(encoding="utf-8")


def test_a_configured_address_is_linked_as_it_is(site, monkeypatch):
    monkeypatch.setenv("WOONDEAL_PUBLIEKE_SITE", "https://kaart.example.nl/")
    assert publicsite.public_site_url(datetime.fromisoformat(BEFORE), read_releases()) == "https://kaart.example.nl/"
    assert not site.exists()
