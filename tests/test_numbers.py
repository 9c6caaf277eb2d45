import pytest

from geo.numbers import format_count, format_share, parse_count


@pytest.mark.parametrize("text, value", [("1.039", 1039), ("24.210", 24210), ("35", 35), ("-", None), ("", None)])
def test_printed_counts_parse_with_dutch_thousands_separators(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["1,039", "12a", "1.03", "24210.0"])
def test_a_malformed_count_is_refused_in_dutch(text):
    with pytest.raises(ValueError, match="geen aantal"):
        parse_count(text)


def test_counts_and_shares_are_formatted_the_dutch_way():
    assert format_count(24210) == "24.210"
    assert format_count(None) == "-"
    assert format_share(0.305) == "30,5%"
    assert format_share(7960 / 28200) == "28,2%"
