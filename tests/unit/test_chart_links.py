"""A clicked bar of the overview's breakdowns opens the project list filtered to it."""
from urllib.parse import parse_qs, urlsplit

from dashboards.ui.pages.overview import projects_behind


def test_a_risk_bar_opens_its_group_at_its_level_and_the_line_its_group_only():
    bar = projects_behind("district", {"points": [{"x": "吴中区", "curveNumber": 0, "y": 3}]})
    assert urlsplit(bar).path == "/projects"
    assert parse_qs(urlsplit(bar).query) == {"district": ["吴中区"], "risk": ["high"]}
    line = projects_behind("industry_cluster", {"points": [{"x": "新材料", "curveNumber": 4}]})
    assert parse_qs(urlsplit(line).query) == {"industry_cluster": ["新材料"]}


def test_a_click_on_nothing_opens_nothing():
    assert projects_behind("district", None) is None
    assert projects_behind("district", {"points": []}) is None
