"""Text stays text: what people typed never becomes a link, markup or a terminal command."""
from __future__ import annotations

from sqlalchemy import text

from dashboards.ui.figures import project_target_heatmap
from dashboards.ui.pages.projects import code_link


def test_escape_sequences_in_a_title_do_not_reach_the_terminal(sqlite_tracker, examples):
    t = sqlite_tracker
    t("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("achievements", "import", str(examples / "achievements.csv"))
    engine = t.engine()
    with engine.begin() as c:  # as older data or another tool may have stored it
        c.execute(text("UPDATE achievements SET title = :t WHERE id = 1"), {"t": "证书\x1b]0;pwned\x07\x1b[2J\r覆盖"})
    engine.dispose()
    out = t("achievements", "list").stdout
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "证书?]0;pwned??[2J 覆盖" in out


def test_only_a_code_of_the_documented_pattern_becomes_a_grid_link():
    assert code_link("SZIPS-2024-001") == "[SZIPS-2024-001](/project/SZIPS-2024-001)"
    hostile = code_link("X](https://evil.example)")
    assert "](" not in hostile and "\\]\\(" in hostile


def test_figure_labels_are_escaped():
    rows = [{"code": '<a href="https://evil.example">点我</a>', "targets": {"T1": True, "T2": True}, "deadline": None}]
    fig = project_target_heatmap(rows, ["T1", "T2"], "SZIPS-2024", lambda key: key)
    labels = list(fig.data[0].y)
    assert labels == ['&lt;a href="https://evil.example"&gt;点我&lt;/a&gt;']
