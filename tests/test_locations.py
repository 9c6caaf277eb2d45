"""Every project is placed inside its gemeente, with a precision its geometry can bear."""

import geopandas as gpd
import pandas as pd
import pytest

from geo import paths
from geo.build import build
from geo.schema import INDICATIVE_PRECISIONS, PRECISIONS
from geo.sources import SourceError
from geo.store import load_gemeenten, load_projects
from tests.conftest import edit_csv

LOCATIONS = paths.LOCATIONS.name


@pytest.fixture(scope="module")
def projects():
    return load_projects()


def test_every_project_has_a_precision_and_a_dutch_reason(projects):
    assert projects["locatie_precisie"].isin(list(PRECISIONS)).all()
    assert projects["locatie_toelichting"].str.len().gt(40).all()
    drawn = projects[projects["locatie_precisie"] == "benaderd"]
    assert drawn["locatie_toelichting"].str.startswith("Benaderd").all()


def test_no_project_is_placed_on_a_whole_gemeente_and_projects_on_one_kern_get_their_own_site_where_known(projects):
    assert not (projects["locatie_precisie"] == "gemeente").any()
    located = projects.set_index("project_id")
    olst = located.loc[["olst-wijhe-olst-aberson-terrein", "olst-wijhe-olst-olstergaard", "olst-wijhe-olst-zuid"]]
    assert olst.geometry.to_wkb().nunique() == 3  # they shared the kern Olst before
    assert located.loc["kampen-de-bakkerij"].geometry.area < 20 * 10_000  # a drawn site, not the gemeente Kampen
    indicative = located["locatie_precisie"].isin(INDICATIVE_PRECISIONS)
    assert indicative.sum() == 39  # 21 wijk, 15 kern and 3 meerdere kernen


def test_every_project_lies_inside_its_own_gemeente(projects):
    gemeenten = load_gemeenten().set_index("gemeente").geometry
    areas = gpd.GeoSeries(projects["gemeente"].map(gemeenten), crs=projects.crs)
    assert areas.buffer(0.01).covers(projects.geometry.reset_index(drop=True)).all()


def test_areas_are_polygons_and_only_the_station_site_is_a_point(projects):
    points = projects[projects.geom_type == "Point"]
    assert list(points["project_id"]) == ["steenwijkerland-steenwijk-stationsgebied"]
    multi = projects[projects["locatie_precisie"] == "meerdere_kernen"]
    assert (multi.geom_type == "MultiPolygon").all()


def test_gemeente_precision_uses_the_whole_gemeente(sources):
    row = 1 + list(pd.read_csv(sources / LOCATIONS, dtype=str)["project_id"]).index("kampen-de-bakkerij") + 1
    for column, value in (("locatie_precisie", "gemeente"), ("bronlaag", "gemeente"), ("objecten", ""),
                          ("objectnamen", "")):
        edit_csv(sources / LOCATIONS, row, column, value)
    located = build(sources, sources.parent / "afwijkingen.csv").projects.set_index("project_id")
    kampen = load_gemeenten().set_index("gemeente").loc["Kampen"].geometry
    assert abs(located.loc["kampen-de-bakkerij"].geometry.area - kampen.area) < 1
    assert located.loc["kampen-de-bakkerij", "toetsing"] == "indicatief"


@pytest.mark.parametrize("column, value, message", [
    ("objecten", "999", "TOP10NL-object 999 bestaat niet"),
    ("objectnamen", "Zwolle", "TOP10NL-object 132599303 heet 'Centrum', niet 'Zwolle'"),
    ("locatie_precisie", "kern", "'Centrum' is een wijk en past niet bij precisie 'kern'"),
    ("locatie_precisie", "meerdere_kernen", "precisie 'meerdere_kernen' past niet bij 1 object(en)"),
    ("bronlaag", "gemeente", "bronlaag 'gemeente' past niet bij precisie 'wijk'"),
    ("locatie_precisie", "projectgebied", "bronlaag 'top10nl' past niet bij precisie 'projectgebied'"),
    ("locatie_precisie", "benaderd", "bronlaag 'top10nl' past niet bij precisie 'benaderd'"),
])
def test_a_wrong_location_stops_the_build_naming_the_row(sources, column, value, message):
    edit_csv(sources / LOCATIONS, 2, column, value)
    with pytest.raises(SourceError) as error:
        build(sources, sources.parent / "afwijkingen.csv")
    assert f"{LOCATIONS}, rij 2: dalfsen-nieuwleusen-centrum: {message}" == str(error.value)


def test_a_location_outside_its_gemeente_is_refused(sources):
    for column, value in (("objecten", "132596445"), ("objectnamen", "Kampen"), ("locatie_precisie", "kern")):
        edit_csv(sources / LOCATIONS, 2, column, value)
    with pytest.raises(SourceError, match="rij 2: dalfsen-nieuwleusen-centrum: locatie ligt .*buiten de gemeente Dalfsen"):
        build(sources, sources.parent / "afwijkingen.csv")


def test_an_invalid_drawn_site_is_refused(sources):
    for column, value in (("bronlaag", "wkt"), ("locatie_precisie", "benaderd"),
                          ("objecten", "POLYGON ((213000 494000, 214000 495000, 214000 494000, 213000 495000, 213000 494000))")):
        edit_csv(sources / LOCATIONS, 2, column, value)
    with pytest.raises(SourceError, match="rij 2: dalfsen-nieuwleusen-centrum: ongeldige geometrie .*Self-intersection"):
        build(sources, sources.parent / "afwijkingen.csv")


def test_a_location_for_an_unknown_project_is_refused(sources):
    edit_csv(sources / LOCATIONS, 5, "project_id", "dalfsen-nergens")
    with pytest.raises(SourceError, match="rij 5: dalfsen-nergens: onbekend project"):
        build(sources, sources.parent / "afwijkingen.csv")
