"""Projects placed on the same area share one outline on the map (layers.sleutelprojecten)."""

import geopandas as gpd
from shapely.geometry import Point, box

from layers.palette import DOTTED, OKABE_ITO, SOLID
from layers.sleutelprojecten import _shared_areas

KERN, OTHER = box(0, 0, 1, 1), box(5, 5, 6, 6)


def _areas(rows: list[tuple]) -> gpd.GeoDataFrame:
    ids, colours, geometries = zip(*rows)
    return gpd.GeoDataFrame({
        "project_id": list(ids), "tooltip": [f"tip {i}" for i in ids], "colour": list(colours),
        "dash": [SOLID] * len(ids), "heading": [f"Project {i} (Kampen)" for i in ids],
    }, geometry=list(geometries), crs="EPSG:4326")


def test_projects_on_one_area_share_one_outline_that_lists_them_and_selects_none():
    shared = _shared_areas(_areas([("a", "#111", KERN), ("b", "#111", OTHER), ("c", "#111", KERN)]))
    assert list(shared["project_id"]) == ["", "b"]  # in the order the areas first appear
    assert shared.loc[0, "tooltip"] == ("<strong>2 sleutelprojecten op dit gebied</strong><br>"
                                        "Project a (Kampen)<br>Project c (Kampen)")
    assert shared.loc[1, "tooltip"] == "tip b" and shared.loc[0, "colour"] == "#111"
    assert list(shared.geometry) == [KERN, OTHER] and "heading" not in shared.columns


def test_a_shared_outline_of_projects_that_differ_in_category_is_grey_and_dotted():
    shared = _shared_areas(_areas([("a", "#111", KERN), ("b", "#222", KERN), ("c", "#333", OTHER)]))
    assert list(shared["colour"]) == [OKABE_ITO["grey"], "#333"]
    assert list(shared["dash"]) == [DOTTED, SOLID]


def test_point_sites_are_left_to_their_symbol():
    shared = _shared_areas(_areas([("a", "#111", Point(0, 0)), ("b", "#111", KERN)]))
    assert list(shared["project_id"]) == ["b"] and shared.crs == "EPSG:4326"


def test_a_selection_of_point_sites_only_has_no_outlines():
    assert _shared_areas(_areas([("a", "#111", Point(0, 0)), ("b", "#222", Point(1, 1))])).empty
