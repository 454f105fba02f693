import pytest
from hypothesis import given, strategies as st

from tracker.rules.uscc import ALPHABET, USCCError, check_character, is_valid_uscc, normalize_uscc

EXAMPLE_CODES = ["91320506301104144E", "91320571231669536Q", "91320583788194722P",
                 "91320505456619689D"]


@pytest.mark.parametrize("code", EXAMPLE_CODES)
def test_uscc_check_character_accepts_the_example_applicants(code):
    assert normalize_uscc(code) == code


def test_uscc_lower_case_is_folded_and_surrounding_spaces_stripped():
    assert normalize_uscc("  91320506301104144e ") == "91320506301104144E"


def test_uscc_wrong_check_character_is_refused_naming_the_expected_one():
    with pytest.raises(USCCError, match="应为 E"):
        normalize_uscc("91320506301104144F")


@pytest.mark.parametrize("bad", ["9132050630110414", "91320506301104144EE", "9132050630110414IE",
                                 "91320506301104 144E"])
def test_uscc_wrong_length_or_character_is_refused(bad):
    with pytest.raises(USCCError):
        normalize_uscc(bad)


def test_uscc_check_value_31_becomes_0():
    # Find a 17-character body whose weighted sum is a multiple of 31: its check is "0".
    body = next(b for b in (f"9132050630110{n:04d}" for n in range(10000))
                if check_character(b) == "0")
    assert normalize_uscc(body + "0") == body + "0"


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_uscc_any_body_with_its_check_character_is_valid_and_any_other_is_not(body):
    good = body + check_character(body)
    assert is_valid_uscc(good)
    for other in ALPHABET:
        if other != good[-1]:
            assert not is_valid_uscc(body + other)
