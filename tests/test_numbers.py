import numpy as np
import pandas as pd
import pytest

from geo.numbers import format_count, format_share, format_signed, parse_count


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


@pytest.mark.parametrize("missing", [None, pd.NA, np.nan, np.float32("nan")])
def test_a_missing_figure_of_any_kind_shows_the_chosen_mark(missing):
    assert format_count(missing, none="–") == "–" and format_signed(missing, none="–") == "–"


def test_a_change_carries_its_sign_with_a_real_minus():
    assert [format_signed(v) for v in (1200, -300, 0, np.int64(5))] == ["+1.200", "−300", "0", "+5"]
