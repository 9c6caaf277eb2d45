"""The constraint layers: derived by their written rule, clipped, valid, disjoint, and traceable to a source."""

import re
import shutil

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

from geo import paths
from geo.constraints import (
    CLIP_BUFFER_M,
    LAYERS_TABLE,
    SCORECARDS_TABLE,
    build_themes,
    load_project_scorecards,
    load_themes,
    source_file,
)
from geo.geodata import RD_NEW
from geo.provenance import read_provenance
from geo.rules import Rule, read_rules
from geo.sites import study_area
from geo.sources import SourceError
from geo.store import read_layers, write_layers

REGION = box(200_000, 480_000, 210_000, 490_000)


@pytest.fixture(scope="module")
def rules():
    return read_rules()


@pytest.fixture(scope="module")
def themes():
    return load_themes()


def _write(directory, dataset: str, frame: gpd.GeoDataFrame) -> None:
    """A hand-made source file under the real dataset's file name, next to the real provenance file."""
    shutil.copy(paths.PROVENANCE, directory / paths.PROVENANCE.name)
    frame.to_file(directory / source_file(read_provenance(), dataset), driver="GeoJSON")


def _frame(rows: list[dict], geometries: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geometries, crs=RD_NEW)


def _only(rules: tuple[Rule, ...], *theme: str) -> tuple[Rule, ...]:
    return tuple(rule for rule in rules if rule.thema in theme)


def _naam_at(layer: gpd.GeoDataFrame, x: float, y: float) -> list[str]:
    return sorted(layer.loc[layer.intersects(Point(x, y)), "naam"])


def _trajecten(rows: list[tuple[str, int, int, list[tuple[float, float]]]]) -> gpd.GeoDataFrame:
    """Dijktrajecten as the NBPW file has them: id, signaleringswaarde, ondergrens and the line."""
    return _frame([{"TRAJECT_ID": traject, "NORM_SW": sw, "NORM_OG": og} for traject, sw, og, _ in rows],
                  [shapely.LineString(line) for *_, line in rows])


@pytest.fixture
def floodplain_sources(tmp_path):
    """Three dike rings with a 600 m gap holding a river between two dikes; in the west ring a hole and a
    1 km notch that opens onto the river but has no dike (a high town centre); a 500 m gap without water;
    a flood channel between two new dikes through the middle ring; and two Natura 2000 sites."""
    ring_west = (box(200_000, 480_000, 204_000, 490_000).difference(box(201_000, 484_000, 202_000, 485_000))
                 .difference(box(203_000, 486_000, 204_000, 487_000)))
    _write(tmp_path, "dijkringen_2002", _frame(
        [{"DIJKRINGNU": "1", "DIJKRING": "West", "FREQUENTIE": 1250},
         {"DIJKRINGNU": "2", "DIJKRING": "Midden", "FREQUENTIE": 2000},
         {"DIJKRINGNU": "3", "DIJKRING": "Oost", "FREQUENTIE": 2000}],
        [ring_west, box(204_600, 480_000, 207_000, 490_000), box(207_500, 480_000, 210_000, 490_000)],
    ))
    _write(tmp_path, "dijktrajecten_nbpw", _trajecten([
        ("1-1", 1000, 300, [(204_000, 480_000), (204_000, 486_000)]),  # the west dike stops at the notch
        ("1-2", 1000, 300, [(204_000, 487_000), (204_000, 490_000)]),
        ("2-1", 3000, 1000, [(204_600, 480_000), (204_600, 490_000)]),
        ("2-2", 3000, 1000, [(204_700, 482_000), (206_900, 482_000)]),  # the flood channel's two dikes
        ("2-3", 3000, 1000, [(204_700, 482_600), (206_900, 482_600)]),
    ]))
    _write(tmp_path, "hoofdwater", _frame([{"area_ha": 1.0}], [box(204_200, 481_000, 204_400, 489_000)]))
    _write(tmp_path, "natura2000", _frame(
        [{"naam": "Rijntakken"}, {"naam": "De Wieden"}],
        [box(204_000, 474_000, 205_000, 481_500), box(208_000, 470_000, 209_000, 475_000)],
    ))
    return tmp_path


def test_buitendijks_is_main_water_plus_floodplain_sites_plus_land_between_rings_on_the_water_side_of_a_dike(
        floodplain_sources, rules):
    layer = build_themes(floodplain_sources, REGION, _only(rules, "buitendijks"))["buitendijks"]
    assert _naam_at(layer, 204_300, 485_000) == ["hoofdwater"]
    assert _naam_at(layer, 204_100, 485_000) == ["land tussen de dijkringen"]  # in the gap, beside the river
    assert _naam_at(layer, 204_500, 476_000) == ["Natura 2000-uiterwaarden"]  # Rijntakken
    assert _naam_at(layer, 207_250, 485_000) == []  # a gap between rings without main water
    assert _naam_at(layer, 201_500, 484_500) == []  # a hole inside a ring is not floodplain
    assert _naam_at(layer, 208_500, 472_000) == []  # a Natura 2000 site that is no floodplain
    assert _naam_at(layer, 203_000, 485_000) == []  # inside a dike ring


def test_a_gap_in_the_rings_without_a_dike_along_it_is_not_buitendijks(floodplain_sources, rules):
    """The Zwolle binnenstad case: the rings leave a high town centre out, the gap opens onto the river, but no
    dike follows its edges, so it is land, not floodplain (the old derivation filled it)."""
    layer = build_themes(floodplain_sources, REGION, _only(rules, "buitendijks"))["buitendijks"]
    assert _naam_at(layer, 203_500, 486_500) == []
    assert _naam_at(layer, 203_300, 486_200) == []


def test_a_flood_channel_cut_through_an_old_ring_by_new_dikes_is_buitendijks_and_no_dike_ring(
        floodplain_sources, rules):
    """The Reevediep case: two dijktrajecten run through the middle of a 2002 ring; the land between them is
    outside the defences now, so it is buitendijks and no longer part of the dike ring."""
    themes = build_themes(floodplain_sources, REGION, _only(rules, "buitendijks", "dijkring"))
    assert _naam_at(themes["buitendijks"], 205_800, 482_300) == ["hoogwatergeul tussen de huidige keringen"]
    assert _naam_at(themes["dijkring"], 205_800, 482_300) == []
    assert _naam_at(themes["dijkring"], 205_800, 484_000) == ["dijkring 2 Midden, oude norm 1/2.000 per jaar"]
    assert _naam_at(themes["buitendijks"], 205_800, 484_000) == []  # behind the new dikes: protected


def test_a_layer_never_overlaps_itself_so_shares_add_up(floodplain_sources, rules):
    layer = build_themes(floodplain_sources, REGION, _only(rules, "buitendijks"))["buitendijks"]
    union = shapely.union_all(layer.geometry.to_numpy())
    assert layer.area.sum() == pytest.approx(union.area, rel=1e-9)
    assert layer.geom_type.eq("Polygon").all() and layer.is_valid.all()


def test_layers_are_clipped_to_the_region_plus_the_stated_buffer(tmp_path, rules):
    _write(tmp_path, "natuurnetwerk", _frame([{"id": 1}], [box(190_000, 470_000, 220_000, 500_000)]))
    layer = build_themes(tmp_path, REGION, _only(rules, "natuurnetwerk"))["natuurnetwerk"]
    assert layer.total_bounds.tolist() == pytest.approx([195_000, 475_000, 215_000, 495_000], abs=1)
    assert shapely.buffer(REGION, CLIP_BUFFER_M + 1).covers(shapely.union_all(layer.geometry.to_numpy()))


def test_green_is_nature_on_land_in_parts_of_at_least_one_hectare(tmp_path, rules):
    _write(tmp_path, "natura2000",
           _frame([{"naam": "Weerribben"}], [box(200_000, 480_000, 201_000, 481_000)]))
    _write(tmp_path, "natuurnetwerk", _frame(
        [{"id": 1}, {"id": 2}], [box(203_000, 483_000, 203_050, 483_050), box(205_000, 485_000, 205_200, 485_200)]))
    _write(tmp_path, "hoofdwater", _frame([{"area_ha": 1.0}], [box(200_400, 480_000, 200_600, 481_000)]))
    layer = build_themes(tmp_path, REGION, _only(rules, "groen"))["groen"]
    assert _naam_at(layer, 200_100, 480_500) == ["natuurgebied van minstens 1 ha"]
    assert _naam_at(layer, 200_500, 480_500) == []  # main water is no green
    assert _naam_at(layer, 203_025, 483_025) == []  # 0,25 ha
    assert _naam_at(layer, 205_100, 485_100) == ["natuurgebied van minstens 1 ha"]  # 4 ha
    assert len(layer) == 3


def test_dike_lines_are_the_dijktrajecten_named_with_their_norm_and_stay_lines_after_clipping(tmp_path, rules):
    _write(tmp_path, "dijktrajecten_nbpw", _trajecten([
        ("53-1", 3000, 1000, [(150_000, 485_000), (260_000, 485_000)]),
        ("10-2", 3000, 1000, [(200_000, 489_000), (201_000, 489_000)]),
        ("9-1", 1000, 300, [(200_000, 488_000), (201_000, 488_000)]),
    ]))
    layer = build_themes(tmp_path, REGION, _only(rules, "primaire_kering"))["primaire_kering"]
    assert layer.geom_type.tolist() == ["LineString"] * 3
    assert layer["traject"].tolist() == ["9-1", "10-2", "53-1"]  # natural order
    assert layer.length.iloc[2] == pytest.approx(20_000, abs=1)
    assert layer["naam"].iloc[2] == "dijktraject 53-1, norm 1/3.000 per jaar (signaleringswaarde; ondergrens 1/1.000)"


def test_a_source_geometry_that_is_invalid_in_its_own_file_is_refused(tmp_path, rules):
    bowtie = shapely.Polygon([(200_000, 480_000), (201_000, 481_000), (201_000, 480_000), (200_000, 481_000)])
    _write(tmp_path, "natuurnetwerk", _frame([{"id": 1}, {"id": 2}], [box(0, 0, 1, 1), bowtie]))
    with pytest.raises(SourceError, match=re.escape("nnn_natuurnetwerk_west_overijssel.geojson, rij 2: geometrie van "
                                                    "object 2 is ongeldig")):
        build_themes(tmp_path, REGION, _only(rules, "natuurnetwerk"))


def test_only_themes_with_data_get_a_layer_and_in_rules_order(themes, rules):
    assert list(themes) == [rule.thema for rule in rules if rule.heeft_gegevens]
    assert not {"beekdal", "laagte", "drinkwater", "waterberging"} & set(themes)


def test_every_built_layer_is_valid_rd_new_named_and_inside_the_clip_area(themes):
    clip = shapely.buffer(study_area(), CLIP_BUFFER_M + 1)
    for theme, layer in themes.items():
        assert layer.crs.to_epsg() == 28992, theme
        assert len(layer) and layer.is_valid.all() and not layer.is_empty.any(), theme
        assert layer["naam"].str.len().gt(0).all(), theme
        assert clip.covers(shapely.union_all(layer.geometry.to_numpy())), theme


def test_no_polygon_layer_overlaps_itself(themes):
    for theme, layer in themes.items():
        if layer.geom_type.eq("Polygon").all():
            union = shapely.union_all(layer.geometry.to_numpy())
            assert layer.area.sum() == pytest.approx(union.area, rel=1e-7), theme


def test_every_layer_records_its_source_year_and_licence(themes):
    table = read_layers(paths.CONSTRAINTS_GPKG)[LAYERS_TABLE].set_index("thema")
    assert list(table.index) == list(themes)
    for theme, layer in themes.items():
        assert table.loc[theme, "objecten"] == len(layer)
        for column in ("bron", "bronbestanden", "kanttekening"):
            assert table.loc[theme, column], (theme, column)
    assert "Dijkringgebieden, Rijkswaterstaat (DWW)" in table.loc["dijkring", "bron"]
    assert "(2002); licentie: niet vermeld" in table.loc["dijkring", "bron"]
    assert table.loc["station", "bronbestanden"] == "ns_stations_2016_west_overijssel.geojson"


def test_the_built_floodplain_contains_both_natura_2000_floodplain_sites(themes):
    floodplain = shapely.union_all(themes["buitendijks"].geometry.to_numpy())
    natura = themes["natura2000"]
    for site in ("Natura 2000 Rijntakken", "Natura 2000 Uiterwaarden Zwarte Water en Vecht"):
        area = shapely.union_all(natura.loc[natura["naam"] == site].geometry.to_numpy())
        assert shapely.intersection(area, floodplain).area == pytest.approx(area.area, rel=1e-6), site
    assert set(themes["buitendijks"]["naam"]) == {"hoofdwater", "Natura 2000-uiterwaarden", "land tussen de dijkringen",
                                                  "hoogwatergeul tussen de huidige keringen"}


@pytest.mark.parametrize("x, y, expected", [
    (203_010, 503_000, []),  # Grote Markt Zwolle: a high binnenstad the 2002 rings leave out
    (204_600, 502_000, []),  # the canal strip south-east of the Zwolle binnenstad
    (203_650, 482_900, ["Natura 2000-uiterwaarden"]),  # IJssel floodplain near Olst
    (191_370, 507_500, ["land tussen de dijkringen"]),  # the IJsselkade in front of Kampen
    (189_500, 504_400, ["hoogwatergeul tussen de huidige keringen"]),  # the Reevediep
    (203_000, 491_000, ["hoogwatergeul tussen de huidige keringen"]),  # hoogwatergeul Veessen-Wapenveld
])
def test_the_built_floodplain_follows_the_dikes_not_the_gaps_in_the_rings(themes, x, y, expected):
    assert _naam_at(themes["buitendijks"], x, y) == expected


def test_the_primary_defences_are_the_current_dijktrajecten_with_their_norm(themes):
    lines = themes["primaire_kering"]
    assert "dijktraject 11-2, norm 1/3.000 per jaar (signaleringswaarde; ondergrens 1/1.000)" in set(lines["naam"])
    assert {"11-1", "11-2", "53-3", "52a-1"} <= set(lines["traject"])
    reevediep_dike = Point(189_487, 504_875)  # the new north dike of the Reevediep (not in the 2013 lines)
    assert lines.distance(reevediep_dike).min() < 5
    assert "dijkringdelen_2013" not in read_provenance().datasets


def test_stations_come_only_from_the_2016_list_so_stadshagen_is_missing(themes):
    names = set(themes["station"]["naam"])
    assert {"station Zwolle", "station Deventer", "station Kampen Zuid"} <= names
    assert not any("Stadshagen" in name for name in names)


def test_dike_rings_carry_their_old_standard(themes):
    rings = themes["dijkring"].set_index("dijkring")
    assert rings.loc[53, "naam"] == "dijkring 53 Salland, oude norm 1/1.250 per jaar"
    assert rings.loc[10, "norm_frequentie"] == 2000


def test_reading_a_geopackage_without_the_layer_table_is_refused(tmp_path, themes):
    path = tmp_path / "constraints.gpkg"
    write_layers(path, {"station": themes["station"]})
    with pytest.raises(SourceError, match="constraints.gpkg: tabel 'lagen' ontbreekt"):
        load_themes(path)


def test_the_stored_scorecards_read_back_with_a_float_value():
    stored = read_layers(paths.CONSTRAINTS_GPKG)[SCORECARDS_TABLE]
    scorecards = load_project_scorecards()
    assert scorecards["waarde"].dtype == "float64"
    assert scorecards["waarde"].equals(stored["waarde"].astype("float64"))
