"""Every project is placed inside its gemeente, with a precision its geometry can bear."""

import geopandas as gpd
import pytest

from geo import paths
from geo.build import build
from geo.sources import SourceError
from geo.store import load_gemeenten, load_projects
from tests.conftest import edit_csv

LOCATIONS = paths.LOCATIONS.name


@pytest.fixture(scope="module")
def projects():
    return load_projects()


def test_every_project_has_a_precision_and_a_dutch_reason(projects):
    assert projects["locatie_precisie"].isin(["projectgebied", "wijk", "kern", "meerdere_kernen", "gemeente"]).all()
    assert projects["locatie_toelichting"].str.len().gt(40).all()


def test_every_project_lies_inside_its_own_gemeente(projects):
    gemeenten = load_gemeenten().set_index("gemeente").geometry
    areas = gpd.GeoSeries(projects["gemeente"].map(gemeenten), crs=projects.crs)
    assert areas.buffer(0.01).covers(projects.geometry.reset_index(drop=True)).all()


def test_areas_are_polygons_and_only_the_station_site_is_a_point(projects):
    points = projects[projects.geom_type == "Point"]
    assert list(points["project_id"]) == ["steenwijkerland-steenwijk-stationsgebied"]
    multi = projects[projects["locatie_precisie"] == "meerdere_kernen"]
    assert (multi.geom_type == "MultiPolygon").all()


def test_gemeente_precision_uses_the_whole_gemeente(projects):
    gemeenten = load_gemeenten().set_index("gemeente")
    row = projects.set_index("project_id").loc["kampen-de-bakkerij"]
    assert row.geometry.equals(gemeenten.loc["Kampen"].geometry.normalize()) or abs(
        row.geometry.area - gemeenten.loc["Kampen"].geometry.area) < 1


@pytest.mark.parametrize("column, value, message", [
    ("objecten", "999", "TOP10NL-object 999 bestaat niet"),
    ("objectnamen", "Zwolle", "TOP10NL-object 132599303 heet 'Centrum', niet 'Zwolle'"),
    ("locatie_precisie", "kern", "'Centrum' is een wijk en past niet bij precisie 'kern'"),
    ("locatie_precisie", "meerdere_kernen", "precisie 'meerdere_kernen' past niet bij 1 object(en)"),
    ("bronlaag", "gemeente", "bronlaag 'gemeente' past niet bij precisie 'wijk'"),
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
    for column, value in (("bronlaag", "wkt"), ("locatie_precisie", "projectgebied"),
                          ("objecten", "POLYGON ((213000 494000, 214000 495000, 214000 494000, 213000 495000, 213000 494000))")):
        edit_csv(sources / LOCATIONS, 2, column, value)
    with pytest.raises(SourceError, match="rij 2: dalfsen-nieuwleusen-centrum: ongeldige geometrie .*Self-intersection"):
        build(sources, sources.parent / "afwijkingen.csv")


def test_a_location_for_an_unknown_project_is_refused(sources):
    edit_csv(sources / LOCATIONS, 5, "project_id", "dalfsen-nergens")
    with pytest.raises(SourceError, match="rij 5: dalfsen-nergens: onbekend project"):
        build(sources, sources.parent / "afwijkingen.csv")
