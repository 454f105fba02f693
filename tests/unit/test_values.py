"""INTERFACES.md section 2: every value type the import files may use."""
import datetime as dt
from decimal import Decimal

import pytest

from tracker.importers.reader import normalize_header
from tracker.importers.values import parse_bool, parse_date, parse_decimal, parse_int, parse_list


@pytest.mark.parametrize("raw", ["是", "有", "Y", "y", "yes", "YES", "true", "True", "1", 1, True])
def test_bool_true_words(raw):
    assert parse_bool(raw) is True


@pytest.mark.parametrize("raw", ["否", "无", "N", "no", "false", "FALSE", "0", 0, False])
def test_bool_false_words(raw):
    assert parse_bool(raw) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "对"])
def test_bool_refuses_other_words_listing_the_accepted_ones(raw):
    with pytest.raises(ValueError, match="是/否"):
        parse_bool(raw)


@pytest.mark.parametrize("raw, value", [("92%", Decimal(92)), ("85", Decimal(85)), (85.5, Decimal("85.5")),
                                        ("-120", Decimal(-120)), ("1,234.50", Decimal("1234.50")),
                                        ("８１", Decimal(81))])
def test_decimal_accepts_numbers_and_a_trailing_percent(raw, value):
    assert parse_decimal(raw) == value


@pytest.mark.parametrize("raw", ["abc", "", "1.2.3", "nan", "inf"])
def test_decimal_refuses_non_numbers(raw):
    with pytest.raises(ValueError):
        parse_decimal(raw)


def test_int_accepts_whole_numbers_including_workbook_floats_and_refuses_fractions():
    assert parse_int("126") == 126 and parse_int(126.0) == 126
    for bad in ("12.5", 12.5, "x", "5%"):
        with pytest.raises(ValueError, match="整数"):
            parse_int(bad)


@pytest.mark.parametrize("raw", ["2025-01-01", "2025/1/1", "2025年1月1日", dt.datetime(2025, 1, 1, 0, 0),
                                 dt.date(2025, 1, 1), 45658, "2025-01-01 00:00:00"])
def test_date_accepts_every_listed_form_and_spreadsheet_dates(raw):
    assert parse_date(raw) == dt.date(2025, 1, 1)


@pytest.mark.parametrize("raw", ["2025-02-30", "01/02/2025", "tomorrow"])
def test_date_refuses_other_forms_and_impossible_days(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


def test_list_is_split_on_every_listed_separator():
    assert parse_list("江苏省专利奖；苏州市专利奖、高价值专利培育计划,a;b") == [
        "江苏省专利奖", "苏州市专利奖", "高价值专利培育计划", "a", "b"]


def test_headers_match_ignoring_spaces_and_full_or_half_width_brackets():
    assert normalize_header(" 资助金额（万元） ") == normalize_header("资助金额(万元)")
    assert normalize_header("USCC") == normalize_header("uscc")
