"""The dashboards' figures are pure functions of rows: check what they draw."""
import datetime as dt
from decimal import Decimal

from dashboards.i18n import t
from dashboards.ui import figures


def zh(key: str) -> str:
    return t(key, "zh")


def _rates(code, target_ids, rows):
    return {"programme": code, "name": code, "targets": [{"id": i, "name": f"目标{i}"} for i in target_ids],
            "rows": rows}


def test_the_heatmap_shows_the_share_of_projects_achieving_each_target():
    rates = _rates("SZIPS-2024", [f"T{i}" for i in range(1, 9)],
                   [{"key": "吴中区", "projects": 4, "achieved": [4, 2, 0, 1, 0, 0, 0, 3]}])
    heat = figures.target_heatmap(rates, zh).data[0]
    assert list(heat.x) == [f"T{i}" for i in range(1, 9)] and list(heat.y) == ["吴中区"]
    assert list(heat.z[0]) == [1, .5, 0, .25, 0, 0, 0, .75] and heat.text[0][1] == "2/4"


def test_the_heatmap_of_a_five_target_programme_has_its_own_five_columns():
    rates = _rates("TEST-5T", ["P1", "P2", "P3", "P4", "P5"],
                   [{"key": "昆山市", "projects": 2, "achieved": [2, 1, 0, 0, 1]}])
    fig = figures.target_heatmap(rates, zh)
    assert list(fig.data[0].x) == ["P1", "P2", "P3", "P4", "P5"] and "TEST-5T" in fig.layout.title.text
    assert list(fig.data[0].z[0]) == [1, .5, 0, 0, .5]


def test_the_pace_chart_draws_the_behind_schedule_line_at_the_programmes_factor():
    points = [{"code": "A", "elapsed": .5, "pace": .1, "risk": "medium"},
              {"code": "B", "elapsed": .5, "pace": .6, "risk": "low"}]
    fig = figures.pace_scatter(points, 0.6, zh)
    line = next(tr for tr in fig.data if tr.name == "滞后线（0.6×时间进度）")
    assert list(line.x) == [0, 1] and list(line.y) == [0, 0.6]
    medium = next(tr for tr in fig.data if tr.name == "中")
    assert list(medium.text) == ["A"]


def test_the_pace_chart_draws_one_line_per_programme_factor_when_they_differ():
    fig = figures.pace_scatter([], {"SZIPS-2024": 0.6, "SZIPS-2025": 0.6, "TEST-5T": 0.5}, zh)
    lines = {tr.name: list(tr.y) for tr in fig.data if tr.mode == "lines"}
    assert lines == {"滞后线（0.5×时间进度） TEST-5T": [0, 0.5],
                     "滞后线（0.6×时间进度） SZIPS-2024、SZIPS-2025": [0, 0.6]}


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
    targets = {f"T{i}": i in (1, 3, 8) for i in range(1, 9)}
    fig = figures.project_target_heatmap([{"code": "A", "targets": targets}], list(targets), "SZIPS-2024", zh)
    assert list(fig.data[0].z[0]) == [1, 0, 1, 0, 0, 0, 0, 1] and list(fig.data[0].y) == ["A"]


def test_the_project_heatmap_of_a_five_target_programme_shows_its_targets_only():
    rows = [{"code": "X-1", "targets": {"P1": True, "P2": False, "P3": True, "P4": False, "P5": False}}]
    fig = figures.project_target_heatmap(rows, ["P1", "P2", "P3", "P4", "P5"], "TEST-5T", zh)
    assert list(fig.data[0].x) == ["P1", "P2", "P3", "P4", "P5"] and list(fig.data[0].z[0]) == [1, 0, 1, 0, 0]
    assert not any(f"T{i}" in str(fig.to_dict()) for i in range(1, 9))


def test_the_timeline_names_each_company_beside_its_code():
    rows = [{"code": "A", "enterprise": "苏州甲公司", "start_date": dt.date(2025, 3, 1),
             "end_date": dt.date(2027, 2, 28), "deadline": dt.date(2026, 11, 28),
             "effective_deadline": dt.date(2026, 11, 30)}]
    fig = figures.deadline_timeline(rows, dt.date(2026, 11, 25), zh)
    assert list(fig.data[0].y) == ["A 苏州甲公司"] and list(fig.data[2].y) == ["A 苏州甲公司"]


def test_the_pace_chart_is_svg_for_a_usual_portfolio_and_webgl_beyond_a_few_thousand_points():
    def kinds(n: int) -> set[str]:
        points = [{"code": f"P{i}", "elapsed": .5, "pace": .4, "risk": ("low", "medium", "high")[i % 3]}
                  for i in range(n)]
        return {tr.type for tr in figures.pace_scatter(points, 0.6, zh).data if tr.mode == "markers"}
    assert kinds(figures.SVG_POINTS) == {"scatter"}
    assert kinds(figures.SVG_POINTS + 1) == {"scattergl"}
