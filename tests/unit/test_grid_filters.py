"""Filters typed as the labels the grid shows reach the database as codes."""
from dashboards.ui.pages.projects import filters_as_codes


def test_labels_in_either_language_become_codes_and_other_filters_stay():
    model = {"risk": {"filterType": "text", "type": "contains", "filter": "高"},
             "state": {"filterType": "text", "type": "equals", "filter": "Acceptance requested"},
             "district": {"filterType": "text", "type": "contains", "filter": "区"}}
    out = filters_as_codes(model)
    assert out["risk"] == {"filterType": "text", "type": "equals", "filter": "high"}
    assert out["state"]["filter"] == "acceptance_requested"
    assert out["district"] == model["district"]
    assert filters_as_codes(None) == {}


def test_a_partial_label_finds_every_code_whose_label_contains_it():
    out = filters_as_codes({"state": {"filterType": "text", "type": "contains", "filter": "已申请"}})
    assert out["state"]["operator"] == "OR"
    assert [c["filter"] for c in out["state"]["conditions"]] == ["acceptance_requested"]
    several = filters_as_codes({"risk": {"filterType": "text", "type": "contains", "filter": "i"}})  # high, medium
    assert {c["filter"] for c in several["risk"]["conditions"]} == {"high", "medium"}


def test_a_label_naming_nothing_matches_no_project_rather_than_being_ignored():
    out = filters_as_codes({"state": {"filterType": "text", "type": "contains", "filter": "不存在的状态"}})
    assert out["state"]["conditions"] == [{"type": "equals", "filter": ""}]


def test_a_percentage_typed_as_25_filters_the_fraction_025():
    out = filters_as_codes({"pace": {"filterType": "number", "type": "greaterThan", "filter": 25}})
    assert out["pace"]["filter"] == 0.25


def test_the_address_names_filters_and_codes_show_as_their_labels():
    from dashboards.ui.pages.projects import initial_filters
    model = initial_filters({"risk": "high", "district": "吴中区", "days_left": "3", "nonsense": "x"})
    assert model == {"risk": {"filterType": "text", "type": "equals", "filter": "高"},
                     "district": {"filterType": "text", "type": "contains", "filter": "吴中区"},
                     "days_left": {"filterType": "number", "type": "equals", "filter": "3"}}
    assert filters_as_codes(model)["risk"]["filter"] == "high"
