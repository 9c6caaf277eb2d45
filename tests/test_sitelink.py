"""Sites in a link: written to whole metres in RD New, read back exactly, refused with a reason."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import MultiPoint, MultiPolygon, Point, Polygon, box

from geo.sitelink import (
    ALPHABET,
    MAX_CODE_CHARS,
    MAX_NAME_CHARS,
    LinkedSite,
    SiteLinkError,
    _number,
    decode,
    encode,
    link_value,
    parse_value,
)

SQUARE = box(203_000, 500_000, 203_200, 500_200)
WITH_HOLE = Polygon(box(203_000, 500_000, 204_000, 501_000).exterior.coords,
                    [box(203_100, 500_100, 203_300, 500_300).exterior.coords])


@pytest.mark.parametrize("geometry", [
    Point(202_850, 502_125), MultiPoint([(202_850, 502_125), (207_802, 474_667)]), SQUARE, WITH_HOLE,
    MultiPolygon([box(203_000, 500_000, 203_100, 500_100), box(205_000, 499_000, 205_300, 499_400)]),
    Polygon([(203_000, 500_000), (203_400, 500_050), (203_350, 500_420), (202_950, 500_300)]),
])
def test_a_site_round_trips_exactly_at_whole_metres(geometry):
    code = encode(geometry)
    assert set(code) <= set(ALPHABET) | set("PQVW.~")
    assert decode(code).equals(geometry)


def test_coordinates_are_rounded_to_one_metre_and_the_shape_stays_valid():
    drawn = Polygon([(203_000.4, 500_000.6), (203_200.2, 500_000.1), (203_200.7, 500_199.5), (203_000.1, 500_200.3)])
    back = decode(encode(drawn))
    assert back.is_valid
    assert shapely.get_coordinates(back).tolist() == [[x, y] for x, y in shapely.get_coordinates(back).round()]
    assert shapely.hausdorff_distance(back, drawn) <= 1.0


def test_the_same_shape_always_gets_the_same_code():
    assert encode(decode(encode(WITH_HOLE))) == encode(WITH_HOLE) == encode(shapely.normalize(WITH_HOLE))


def test_a_small_rectangle_takes_few_characters():
    assert len(encode(SQUARE)) < 30


def test_a_shape_with_too_many_corners_is_refused_with_a_dutch_reason():
    circle = Point(203_000, 500_000).buffer(800, quad_segs=256)
    with pytest.raises(SiteLinkError, match=r"de vorm heeft te veel hoekpunten voor de link \(\d\.\d{3} tekens, "
                                            r"de grens is 1\.500\); vereenvoudig de vorm of deel het bestand"):
        encode(circle)
    assert len(encode(Point(203_000, 500_000).buffer(800, quad_segs=32))) <= MAX_CODE_CHARS


@pytest.mark.parametrize("geometry, message", [
    (shapely.LineString([(0, 0), (1, 1)]), "een LineString kan niet in de link"),
    (box(203_000, 500_000, 203_000.3, 500_000.3), "te klein om op 1 m nauwkeurig"),
])
def test_what_is_no_site_cannot_be_encoded(geometry, message):
    with pytest.raises(SiteLinkError, match=message):
        encode(geometry)


@pytest.mark.parametrize("code, message", [
    ("X123", "begint niet met P, Q, V of W"),
    ("Vabc", "oneven aantal coördinaten"),
    ("V!!", "het teken '!' hoort niet in een locatiecode"),
    ("VAAAA", "minder dan drie hoekpunten"),
    ("P" + "_" * 20, "te groot"),
    ("Pk", "afgebroken"),
    ("V" + "A" * (MAX_CODE_CHARS + 1), "langer dan 1.500 tekens"),
])
def test_a_damaged_code_is_refused_with_a_dutch_reason(code, message):
    with pytest.raises(SiteLinkError, match=message):
        decode(code)


def test_a_self_intersecting_shape_in_a_link_is_refused():
    ring = [(203_000, 500_000), (204_000, 501_000), (204_000, 500_000), (203_000, 501_000)]
    steps, previous = [], (0, 0)
    for x, y in ring:  # write the bow tie by hand: encode() only writes valid shapes
        steps += [x - previous[0], y - previous[1]]
        previous = (x, y)
    with pytest.raises(SiteLinkError, match="de vorm in de locatiecode is ongeldig"):
        decode("V" + "".join(_number(v) for v in steps))


def test_a_link_value_holds_the_name_and_the_code_and_a_name_may_contain_colons():
    value = link_value(LinkedSite("Kade: noord", SQUARE))
    site = parse_value(value)
    assert site.name == "Kade: noord" and site.geometry.equals(SQUARE)


def test_a_sleutelproject_is_linked_by_its_id():
    assert link_value(LinkedSite("Bathmen", project_id="deventer-bathmen")) == "Bathmen:@deventer-bathmen"
    assert parse_value("Bathmen:@deventer-bathmen") == LinkedSite("Bathmen", project_id="deventer-bathmen")
    assert parse_value("@deventer-bathmen").project_id == "deventer-bathmen"


def test_a_hostile_or_long_name_is_cleaned_in_the_link():
    site = parse_value("\x1b[31m" + "n" * 200 + ":" + encode(SQUARE))
    assert site.name.startswith("\\x1b[31m") and site.name.endswith("…") and len(site.name) < MAX_NAME_CHARS + 10
