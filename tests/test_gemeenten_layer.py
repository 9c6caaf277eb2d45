"""The gemeenten choropleth: classified and written once per display frame and figure, drawn alike each time."""

from __future__ import annotations

from unittest import mock

import folium
import pytest

from geo import paths
from geo.display import for_web
from geo.schema import PERIOD_2022, PERIOD_2024_2030
from geo.store import read_layers
from layers import gemeenten
from layers.choropleth import colour_classes

DOCUMENTS = ("woondeal_documenten",)


@pytest.fixture(scope="module")
def gemeenten_web():
    return for_web(read_layers(paths.GEMEENTEN_GPKG)["gemeenten"])


def _geojson(group: folium.FeatureGroup) -> folium.GeoJson:
    return next(child for child in group._children.values() if isinstance(child, folium.GeoJson))


def test_a_figure_drawn_again_is_not_classified_again_and_another_figure_is(gemeenten_web) -> None:
    gemeenten._CHOROPLETHS.clear()
    with mock.patch("layers.gemeenten.colour_classes", wraps=colour_classes) as classified:
        gemeenten.layer(gemeenten_web, PERIOD_2024_2030, documents=DOCUMENTS)
        gemeenten.layer(gemeenten_web, PERIOD_2024_2030, documents=DOCUMENTS)
        assert classified.call_count == 1
        gemeenten.layer(gemeenten_web, PERIOD_2022, documents=DOCUMENTS)
        assert classified.call_count == 2


def test_a_kept_choropleth_is_drawn_as_a_new_one(gemeenten_web) -> None:
    gemeenten._CHOROPLETHS.clear()
    new, new_legend = gemeenten.layer(gemeenten_web, PERIOD_2024_2030, documents=DOCUMENTS)
    kept, kept_legend = gemeenten.layer(gemeenten_web, PERIOD_2024_2030, documents=DOCUMENTS)
    assert kept is not new  # a group of its own for every map: a group belongs to one map
    made, again = _geojson(new), _geojson(kept)
    assert again.data == made.data
    assert [again.style_function(f) for f in again.data["features"]] == \
           [made.style_function(f) for f in made.data["features"]]
    assert kept_legend == new_legend
    _, other_legend = gemeenten.layer(gemeenten_web, PERIOD_2024_2030, documents=(*DOCUMENTS, "woondeal_2022"))
    assert other_legend.sources != new_legend.sources  # the legend cites the documents asked for
