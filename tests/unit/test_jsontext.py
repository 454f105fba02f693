"""The fast indented JSON writer prints exactly what json.dumps(indent=2, ensure_ascii=False) does."""
import json
from enum import StrEnum

from hypothesis import given, strategies as st

from tracker.jsontext import dumps_indented


class Level(StrEnum):
    HIGH = "high"


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(), st.just(Level.HIGH))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=5), inner, max_size=4)),
                      max_leaves=25)


@given(values, st.integers(0, 3))
def test_the_text_is_what_json_dumps_writes(value, level):
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    assert dumps_indented(value, level) == expected


def test_values_json_has_no_plain_form_for_go_through_json_itself():
    value = {1: ["a"], "b": (1, 2)}
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)
