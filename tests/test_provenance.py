"""Provenance is written once: bronnen.toml, read by every page, legend and table, and the README agrees."""

import re

import pytest

from geo import paths
from geo.constraints import DERIVATIONS
from geo.provenance import read_provenance
from geo.sources import SourceError


def _readme_rows() -> list[tuple[str, ...]]:
    """The rows of the README's table of sources (its first four columns)."""
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Sources and licences", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| Gegevens")]
    return [tuple(cell.strip() for cell in line.strip("|").split(" | "))[:4] for line in lines]


def test_the_readme_table_of_sources_is_the_provenance_file():
    assert _readme_rows() == [dataset.row() for dataset in read_provenance().datasets.values()]


def test_every_source_file_belongs_to_exactly_one_dataset_and_exists():
    provenance = read_provenance()
    files = [name for dataset in provenance.datasets.values() for name in dataset.bestanden]
    assert len(files) == len(set(files))
    for name in files:
        assert (paths.SOURCES / name).exists(), name
    geodata = {path.name for path in paths.SOURCES.glob("*.geojson")}
    assert geodata <= set(files), geodata - set(files)


def test_every_derivation_reads_datasets_the_provenance_file_names():
    provenance = read_provenance()
    for theme, derivation in DERIVATIONS.items():
        assert all(dataset in provenance.datasets for dataset in derivation.inputs), theme


def test_a_broken_provenance_file_is_refused_naming_the_entry(tmp_path):
    path = tmp_path / "bronnen.toml"
    path.write_text(re.sub(r'(?m)^licentie = .*\n', "", paths.PROVENANCE.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")
    with pytest.raises(SourceError, match=r"bronnen.toml: \[\[gegevens\]\] 1: verwacht precies de velden .*licentie"):
        read_provenance(path)
