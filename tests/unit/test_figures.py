"""The dashboards' figures are pure functions of rows: check what they draw."""
import datetime as dt
from decimal import Decimal

from dashboards.i18n import t
from dashboards.ui import figures


def zh(key: str) -> str:
    return t(key, "zh")


def test_the_heatmap_shows_the_share_of_projects_achieving_each_target():
    fig = figures.target_heatmap([{"key": "吴中区", "projects": 4, "achieved": [4, 2, 0, 1, 0, 0, 0, 3]}], zh)
    heat = fig.data[0]
    assert list(heat.x) == [f"T{i}" for i in range(1, 9)] and list(heat.y) == ["吴中区"]
    assert list(heat.z[0]) == [1, .5, 0, .25, 0, 0, 0, .75] and heat.text[0][1] == "2/4"


def test_the_pace_chart_draws_the_behind_schedule_line_at_the_programmes_factor():
    points = [{"code": "A", "elapsed": .5, "pace": .1, "risk": "medium"},
              {"code": "B", "elapsed": .5, "pace": .6, "risk": "low"}]
    fig = figures.pace_scatter(points, 0.6, zh)
    line = next(tr for tr in fig.data if tr.name == "滞后线（0.6×时间进度）")
    assert list(line.x) == [0, 1] and list(line.y) == [0, 0.6]
    medium = next(tr for tr in fig.data if tr.name == "中")
    assert list(medium.text) == ["A"]


def test_the_timeline_marks_deadlines_moved_deadlines_and_today():
    rows = [{"code": "A", "start_date": dt.date(2025, 3, 1), "end_date": dt.date(2027, 2, 28),
             "deadline": dt.date(2026, 11, 28), "effective_deadline": dt.date(2026, 11, 30)},
            {"code": "B", "start_date": dt.date(2025, 1, 1), "end_date": dt.date(2026, 12, 31),
             "deadline": dt.date(2026, 9, 30), "effective_deadline": dt.date(2026, 9, 30)}]
    fig = figures.deadline_timeline(rows, dt.date(2026, 11, 25), zh)
    names = [tr.name for tr in fig.data]
    assert names == ["实施期", "验收申请截止", "顺延截止"]
    assert list(fig.data[2].y) == ["A"]
    assert fig.layout.shapes[0].x0 == "2026-11-25"


def test_breakdown_bars_stack_risk_levels_and_plot_funds_at_risk():
    rows = [{"key": "昆山市", "projects": 3, "granted_wan": Decimal(90), "at_risk_wan": Decimal("40.00"),
             "high": 1, "medium": 1, "low": 1, "closed": 0}]
    fig = figures.breakdown_bars(rows, "fig.by_district", zh)
    assert [tr.name for tr in fig.data] == ["高", "中", "低", "已结束", "风险资金（万元）"]
    assert fig.data[-1].y[0] == 40.0 and fig.layout.barmode == "stack"


def test_the_project_heatmap_shows_each_target_achieved_or_not():
    fig = figures.project_target_heatmap([{"code": "A", "targets_mask": 0b10000101}], zh)
    assert list(fig.data[0].z[0]) == [1, 0, 1, 0, 0, 0, 0, 1] and list(fig.data[0].y) == ["A"]
