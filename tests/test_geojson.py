"""The browser's GeoJSON: the same properties GeoPandas would write, as plain JSON values, inert for Jinja."""

from __future__ import annotations

import json
from unittest import mock

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point, box

from layers.geojson import features


def _frame() -> gpd.GeoDataFrame:
    """Three features with a text, a nullable integer, a float, a boolean column and one empty geometry."""
    return gpd.GeoDataFrame({
        "tooltip": pd.Series(["Zwolle {{ x }}", None, "Kampen"], dtype="string"),
        "woningen": pd.Series([1200, None, 35], dtype="Int64"),
        "aandeel": [30.5, np.nan, 2.0],
        "gekozen": [True, False, True],
        "verborgen": ["a", "b", "c"],
    }, geometry=[Point(0, 0), None, box(0, 0, 1, 1)], crs="EPSG:4326")


def test_features_carry_the_properties_geopandas_writes_and_no_others() -> None:
    frame = _frame()
    shown = ("tooltip", "woningen", "aandeel", "gekozen", "niet_aanwezig")
    expected = json.loads(frame[["tooltip", "woningen", "aandeel", "gekozen", "geometry"]].to_json())
    result = json.loads(json.dumps(features(frame, shown)))
    assert [f["id"] for f in result["features"]] == ["0", "1", "2"]
    for ours, theirs in zip(result["features"], expected["features"]):
        assert ours["geometry"] == theirs["geometry"]
        assert ours["properties"].keys() == theirs["properties"].keys()
        for name, value in theirs["properties"].items():
            if name != "tooltip":
                assert ours["properties"][name] == value, name


def test_features_write_missing_values_as_null_and_numbers_as_json_numbers() -> None:
    rows = [f["properties"] for f in features(_frame(), ("woningen", "aandeel", "gekozen"))["features"]]
    assert rows[1] == {"woningen": None, "aandeel": None, "gekozen": False}
    assert [type(rows[0][name]) for name in ("woningen", "aandeel", "gekozen")] == [int, float, bool]


def test_feature_texts_are_inert_for_jinja() -> None:
    rows = [f["properties"] for f in features(_frame())["features"]]
    assert "{{" not in rows[0]["tooltip"] and rows[0]["tooltip"].replace("\u200b", "") == "Zwolle {{ x }}"
    assert rows[1]["tooltip"] is None


def test_features_without_properties_have_empty_ones() -> None:
    result = features(_frame(), ())
    assert [f["properties"] for f in result["features"]] == [{}, {}, {}]
    assert result["features"][1]["geometry"] is None


def test_a_shape_drawn_again_is_not_read_back_again() -> None:
    frame = _frame()
    first = features(frame)
    with mock.patch("layers.geojson.json.loads", side_effect=AssertionError("gelezen")):
        again = features(frame.assign(tooltip=["Deventer", "Raalte", None]))
    assert [f["geometry"] for f in again["features"]] == [f["geometry"] for f in first["features"]]
    assert [f["properties"]["tooltip"] for f in again["features"]] == ["Deventer", "Raalte", None]
