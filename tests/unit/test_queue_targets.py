"""The review queue's target filter names a target by programme and id: two programmes' T3
are two options, the programme picked narrows the list to its own, and a value reads back."""
from dashboards.ui.queue_targets import parse_target, target_options, target_value

TARGETS = {"SZIPS-2024": [("T1", "专利转化运用"), ("T3", "协同创新")],
           "SZIPS-2025": [("T1", "专利转化运用"), ("T3", "协同创新")]}
NAMES = {"SZIPS-2024": "2024年度计划", "SZIPS-2025": "2025年度计划"}
BOTH = "{target}（{programme}）"


def test_with_no_programme_picked_each_programmes_target_is_its_own_entry_named_with_its_programme():
    options = target_options(TARGETS, NAMES, None, BOTH)
    assert len(options) == 4 and len({o["value"] for o in options}) == 4
    t3 = [o for o in options if o["label"].startswith("T3 ")]
    assert [o["label"] for o in t3] == ["T3 协同创新（2024年度计划）", "T3 协同创新（2025年度计划）"]
    assert [parse_target(o["value"]) for o in t3] == [("SZIPS-2024", "T3"), ("SZIPS-2025", "T3")]


def test_a_picked_programme_offers_only_its_own_targets():
    options = target_options(TARGETS, NAMES, "SZIPS-2025", BOTH)
    assert [o["label"] for o in options] == ["T1 专利转化运用", "T3 协同创新"]
    assert {parse_target(o["value"])[0] for o in options} == {"SZIPS-2025"}
    assert target_options(TARGETS, NAMES, "NO-SUCH", BOTH) == []


def test_a_value_reads_back_and_anything_else_is_not_a_target():
    assert parse_target(target_value("代码|含:符号", "T3")) == ("代码|含:符号", "T3")
    for bad in (None, 3, "T3", "[]", '["only-one"]', '["", "T3"]', "[1, 2]", '{"a": 1}', "not json"):
        assert parse_target(bad) is None, bad
