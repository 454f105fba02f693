"""Plotly figures as pure functions of query rows and labels (no database, no request)."""
from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any, Callable, Sequence

import numpy as np
import plotly.graph_objects as go

RISK_COLOURS = {"high": "#d92d20", "medium": "#f79009", "low": "#12b76a", "closed": "#98a2b3"}
SVG_POINTS = 3000  # the pace chart draws more points than this with WebGL
Label = Callable[[str], str]


def _plain(values: Any) -> Any:
    """Plotly renders a little HTML in labels (<a href>, <b>): codes and names are escaped so a
    code like <a href=...> shows as text, not as a link."""
    if values is None or isinstance(values, (str, bytes)):
        return escape(values, quote=False) if isinstance(values, str) else values
    return [escape(v, quote=False) if isinstance(v, str) else v for v in values]


def _plain_array(values: list[str]) -> np.ndarray:
    """Escaped texts as one fixed-width text array: plotly takes an array as it is, where it
    checks a list's items one by one, and copies it whole, where it copies an object array's
    items one by one (thousands of points)."""
    return np.array(_plain(values), dtype=str)


def _numbers(values: list[float]) -> np.ndarray:
    """Numbers as an array: plotly sends them as one typed block, not as a JSON list."""
    return np.array(values, dtype=float)


def _layout(fig: go.Figure, title: str, height: int = 340) -> go.Figure:
    for trace in fig.data:
        for attr in ("x", "y", "text"):
            # numpy arrays are numbers, or texts escaped when the array was made (_plain_array)
            if attr in trace and trace[attr] is not None and not isinstance(trace[attr], np.ndarray):
                trace[attr] = _plain(trace[attr])
    fig.update_layout(title=title, height=height, margin=dict(l=40, r=20, t=50, b=40),
                      paper_bgcolor="white", plot_bgcolor="white", font=dict(size=12))
    return fig


def target_heatmap(rates: dict[str, Any], label: Label) -> go.Figure:
    """One programme's groups x its own targets (ids and count from the programme), coloured by
    the share of projects that achieved each."""
    rows, targets = rates["rows"], rates["targets"]
    z = [[a / r["projects"] if r["projects"] else 0 for a in r["achieved"]] for r in rows]
    text = [[f"{a}/{r['projects']}" for a in r["achieved"]] for r in rows]
    names = [_plain([t["name"] for t in targets]) for _ in rows]
    fig = go.Figure(go.Heatmap(z=z, x=[t["id"] for t in targets], y=[r["key"] for r in rows], text=text,
                               customdata=names, texttemplate="%{text}", zmin=0, zmax=1, colorscale="Blues",
                               hovertemplate="%{y} %{x} %{customdata}: %{text}<extra></extra>",
                               colorbar=dict(title=label("fig.rate"), tickformat=".0%")))
    return _layout(fig, f"{label('fig.heatmap')} · {rates['programme']}", height=max(260, 40 * len(rows) + 100))


def project_target_heatmap(rows: Sequence[dict[str, Any]], target_ids: Sequence[str], programme: str,
                           label: Label) -> go.Figure:
    """Projects of one programme (the nearest deadlines first) x that programme's targets:
    achieved or not yet."""
    z = [[int(bool(r["targets"].get(t))) for t in target_ids] for r in rows]
    fig = go.Figure(go.Heatmap(z=z, x=list(target_ids), y=[r["code"] for r in rows], zmin=0, zmax=1,
                               colorscale=[[0, "#fde2e1"], [1, "#12b76a"]], showscale=False, xgap=2, ygap=2,
                               hovertemplate="%{y} %{x}: %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, f"{label('fig.project_targets')} · {programme}", height=max(300, 22 * len(rows) + 120))


def pace_scatter(points: Sequence[dict[str, Any]], factors: float | dict[str, float], label: Label) -> go.Figure:
    """Each open project's pace against the share of its window gone, with the line below
    which a project is behind schedule (pace < factor x elapsed): one line per distinct factor
    of the programmes shown ({programme code: factor}), named after them when they differ."""
    fig = go.Figure()
    levels: dict[str, tuple[list[float], list[float], list[str]]] = {
        level: ([], [], []) for level in ("low", "medium", "high")}
    for p in points:  # one pass: tens of thousands of points at 100,000 projects
        if p["risk"] in levels:
            elapsed, pace, codes = levels[p["risk"]]
            elapsed.append(p["elapsed"]), pace.append(p["pace"]), codes.append(p["code"])
    # SVG up to a few thousand points; WebGL beyond, where SVG would take seconds. A browser
    # without a GPU (a virtual desktop, a headless one) emulates WebGL, slowly: the
    # usual portfolio is drawn sooner in SVG.
    trace = go.Scatter if sum(len(e) for e, _p, _c in levels.values()) <= SVG_POINTS else go.Scattergl
    for level, (elapsed, pace, codes) in levels.items():
        fig.add_trace(trace(x=_numbers(elapsed), y=_numbers(pace), mode="markers", name=label(f"risk.{level}"),
                            text=_plain_array(codes), marker=dict(color=RISK_COLOURS[level], size=6, opacity=.7)))
    by_factor: dict[float, list[str]] = {}
    for code, factor in (factors.items() if isinstance(factors, dict) else [("", factors)]):
        by_factor.setdefault(factor, []).append(code)
    for factor, codes in sorted(by_factor.items()):
        name = label("fig.pace_line").format(factor=f"{factor:g}")
        if len(by_factor) > 1:
            name += " " + "、".join(codes)
        fig.add_trace(go.Scatter(x=[0, 1], y=[0, factor], mode="lines", name=name,
                                 line=dict(color="#b42318", dash="dash")))
    fig.update_xaxes(range=[0, 1.02], tickformat=".0%", title=label("fig.elapsed"))
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%", title=label("fig.pace_axis"))
    return _layout(fig, label("fig.pace"))


def deadline_timeline(rows: Sequence[dict[str, Any]], today: dt.date, label: Label) -> go.Figure:
    """Windows of the projects with the nearest deadlines; each deadline, each effective
    deadline and today marked."""
    named = {r["code"]: f"{r['code']} {r['enterprise']}" if r.get("enterprise") else r["code"] for r in rows}
    codes = [named[r["code"]] for r in rows]  # the company beside its code
    fig = go.Figure()
    fig.add_trace(go.Bar(y=codes, x=[(r["end_date"] - r["start_date"]).days * 86_400_000 for r in rows],
                         base=[r["start_date"].isoformat() for r in rows], orientation="h",
                         name=label("fig.window"), marker_color="#c7d7e8"))
    fig.add_trace(go.Scatter(y=codes, x=[r["deadline"].isoformat() for r in rows], mode="markers",
                             name=label("fig.deadline"), marker=dict(symbol="diamond", size=10, color="#17324d")))
    moved = [r for r in rows if r["effective_deadline"] != r["deadline"]]
    fig.add_trace(go.Scatter(y=[named[r["code"]] for r in moved], x=[r["effective_deadline"].isoformat() for r in moved],
                             mode="markers", name=label("fig.effective"),
                             marker=dict(symbol="triangle-right", size=10, color="#f79009")))
    fig.add_shape(type="line", x0=today.isoformat(), x1=today.isoformat(), y0=0, y1=1, yref="paper",
                  line=dict(color="#d92d20", width=2))
    fig.add_annotation(x=today.isoformat(), y=1, yref="paper", text=label("fig.today"), showarrow=False,
                       yanchor="bottom", font=dict(color="#d92d20"))
    fig.update_xaxes(type="date", tickformat="%Y-%m")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, label("fig.timeline"), height=max(300, 24 * len(rows) + 120))


def breakdown_bars(rows: Sequence[dict[str, Any]], title_key: str, label: Label) -> go.Figure:
    """Projects by risk level (stacked) and funds at risk, per group."""
    keys = [r["key"] for r in rows]
    fig = go.Figure()
    for level in ("high", "medium", "low", "closed"):
        fig.add_trace(go.Bar(x=keys, y=[r[level] for r in rows], name=label(f"risk.{level}"),
                             marker_color=RISK_COLOURS[level]))
    fig.add_trace(go.Scatter(x=keys, y=[float(r["at_risk_wan"]) for r in rows], name=label("fig.at_risk"),
                             mode="lines+markers", yaxis="y2", line=dict(color="#17324d")))
    fig.update_layout(barmode="stack", yaxis2=dict(overlaying="y", side="right", showgrid=False,
                                                   title=label("fig.at_risk"), rangemode="tozero"),
                      legend=dict(orientation="h", y=-0.3))
    return _layout(fig, label(title_key))
