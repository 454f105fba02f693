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
