"""The navigation is built from the pages' own registration, filtered by the access policy:
each role gets exactly its links, in order, and may open exactly those pages (and project
pages when it views the portfolio); every other path answers with the refusal."""
from __future__ import annotations

import dash
import pytest

from dashboards.ui.navigation import links, view_for
from dashboards.ui.pages import register_all
from tracker.principal import Principal

PRINCIPALS = {"bureau": Principal("b", "bureau"), "district": Principal("d", "district", district="吴中区"),
              "enterprise": Principal("e", "enterprise", uscc="91320506301104144E"),
              "auditor": Principal("a", "auditor")}
NAVIGATION = {
    "bureau": [("/", "nav.overview"), ("/projects", "nav.projects"), ("/alerts", "nav.alerts"), ("/reviews", "nav.reviews"),
               ("/applications", "nav.applications"), ("/funds", "nav.funds"), ("/risk", "nav.risk"),
               ("/closing", "nav.closing"), ("/audit", "nav.audit")],
    "district": [("/", "nav.overview"), ("/projects", "nav.projects"), ("/alerts", "nav.alerts"), ("/reviews", "nav.reviews"),
                 ("/applications", "nav.applications"), ("/funds", "nav.funds")],
    "enterprise": [("/", "nav.workbench")],
    "auditor": [("/", "nav.overview"), ("/projects", "nav.projects"), ("/alerts", "nav.alerts"), ("/funds", "nav.funds"),
                ("/risk", "nav.risk"), ("/closing", "nav.closing"), ("/audit", "nav.audit")],
}
PATHS = ["/", "/projects", "/project/SZIPS-2024-001", "/alerts", "/funds", "/reviews", "/applications", "/risk",
         "/closing", "/audit"]


@pytest.fixture(scope="module", autouse=True)
def pages():
    register_all(dash.Dash(__name__, use_pages=True, pages_folder=""))


@pytest.mark.parametrize("role", sorted(NAVIGATION))
def test_each_role_gets_exactly_its_navigation_in_order(role):
    assert links(PRINCIPALS[role]) == NAVIGATION[role]


@pytest.mark.parametrize("role", sorted(NAVIGATION))
def test_a_role_opens_its_navigation_and_project_pages_and_nothing_else(role):
    principal = PRINCIPALS[role]
    opens = {path for path in PATHS if view_for(principal, path) is not None}
    expected = {path for path, _ in NAVIGATION[role]} | ({"/project/SZIPS-2024-001"} if role != "enterprise" else set())
    assert opens == expected
    assert view_for(principal, "/project/") is None and view_for(principal, "/nowhere") is None


def test_the_home_page_is_the_workbench_for_an_enterprise_and_the_overview_for_others():
    from dashboards.ui.pages import overview, workbench
    assert view_for(PRINCIPALS["enterprise"], "/").layout is workbench.layout
    for role in ("bureau", "district", "auditor"):
        assert view_for(PRINCIPALS[role], "/").layout is overview.layout


def test_nobody_signed_out_or_of_an_unknown_role_opens_anything():
    for principal in (None, Principal("x", "visitor")):
        assert all(view_for(principal, path) is None for path in PATHS)
        assert principal is None or links(principal) == []
