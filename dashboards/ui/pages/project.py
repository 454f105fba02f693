"""One project: indicators with what is missing, the evidence ledger with flags and review
actions, state changes, funds and its audit trail."""
from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboards.i18n import language, t
from dashboards.sessions import reading, writing
from dashboards.ui.actions import attempt
from dashboards.ui.bureau_closing import closing_forms, register_bureau_closing
from dashboards.ui.navigation import page
from dashboards.ui.parts import code_label, code_labels, dossier_link, code_options, missing_words, panel, table, today, who
from dashboards.ui.project_moves import MOVE, after_move, move, move_panel, state_line
from tracker.access import Action, can
from tracker.errors import NotFound
from tracker.queries.achievements import list_achievements
from tracker.queries.activity import audit_trail
from tracker.queries.status import portfolio_status
from tracker.services.achievements import review_achievement
from tracker.catalogue.changes import describe_change
from tracker.importers.headers import column_headers
from tracker.vocab import (AchievementStatus, AuditAction, RecordFlag, ReviewDecision, RiskLevel,
                           RiskReason)

REVIEW = {k: f"review-{k}" for k in ("id", "decision", "reason", "submit", "message")}


def review_form(ids: list[int], code: str = "") -> html.Div:
    return html.Div([
        dcc.Dropdown(id=REVIEW["id"], options=ids, placeholder="ID"),
        dcc.RadioItems(id=REVIEW["decision"], options=code_options(ReviewDecision), value=ReviewDecision.VERIFIED,
                       inline=True),
        dcc.Input(id=REVIEW["reason"], placeholder=t("review.reason"), type="text"),
        html.Button(t("review.verify") + " / " + t("review.reject"), id=REVIEW["submit"]),
        html.Div(id=REVIEW["message"], className="message")])


def layout(code: str = "", **_query: str) -> html.Div:
    principal = who()
    with reading() as s:
        found = portfolio_status(s, principal, today(), code)
        if not found:
            return html.Div(t("project.not_found"), className="message error")
        status = found[0]
        records = list_achievements(s, principal, code)
        trail = audit_trail(s, principal, code, limit=100)
    b = status.bundle
    names = {i.id: i for i in b.programme.indicators}
    # ids recorded in the ledger and the audit trail, shown by the programme's names
    shown_names = {i.id: i.name for i in b.programme.indicators} | {h.code: h.name for h in b.programme.honours}
    target_names = {tg.id: tg.name for tg in b.programme.targets}
    indicator_rows = [[target_names.get(tg.id, tg.id), names[r.id].name, r.required, r.claimed, r.verified,
                       "✓" if r.achieved else missing_words(r.kind, names[r.id].name, names[r.id].unit, r.required,
                                                            r.verified)]
                      for tg in status.targets for r in tg.indicators]
    ledger = [[r["id"], shown_names.get(r["indicator"], r["indicator"]), r["date"], r["title"], r["quantity"],
               r["reference"] or "",
               code_label(r["status"], AchievementStatus),
               html.Span([html.Span(code_label(f, RecordFlag), className="flag") for f in r["flags"]]),
               html.A("⬇", href=f"/api/achievements/{r['id']}/evidence") if r.get("evidence_sha256") else ""]
              for r in records]
    claimed = [r["id"] for r in records if r["status"] == "claimed"]
    reviewer = can(principal, Action.REVIEW, b)
    return html.Div(id="project-page", children=[
        html.H2(f"{b.code} {b.title}"),
        html.P(state_line(status), id="project-state"),
        html.P(f"{t('col.risk')}：{code_label(status.risk.level, RiskLevel)} "
               + code_labels(status.risk.reasons, RiskReason)),
        html.P(dossier_link(b.code, "project-dossier")),
        panel(table([t("col.targets"), t("col.indicator"), t("col.required"), t("col.claimed"), t("col.verified"),
                     t("col.missing")], indicator_rows, table_id="project-indicators"), title=t("project.indicators")),
        panel(table(["ID", t("col.indicator"), t("col.date"), t("col.title"), t("col.quantity"), t("col.reference"),
                     t("col.status"), t("col.flags"), ""], ledger, table_id="project-ledger"),
              *([review_form(claimed + [r["id"] for r in records if r["status"] != "claimed"])] if reviewer else []),
              title=t("project.ledger")),
        panel(html.P(f"{t('kpi.granted')} {b.grant_wan} · {t('kpi.disbursed')} {b.disbursed} · "
                     f"{t('kpi.recalled')} {b.recalled} · {t('kpi.net_disbursed')} {b.net_disbursed} · "
                     f"{t('kpi.at_risk')} {status.funds_at_risk}", id="project-funds"),
              dcc.Link(t("funds.of_project"), href=f"/funds?project={b.code}", id="project-funds-link"), title=t("project.funds")),
        html.Div(id=MOVE["message"], className="message", role="status"),
        html.Div(id=MOVE["panel"], children=move_panel(status, records)),
        *closing_forms(status, principal),
        panel(table([t("col.when"), t("col.actor"), t("col.action"), t("col.change"), t("col.reason")],
                    [[e["when"], e["actor"], code_label(e["action"], AuditAction),
                      describe_change(e["entity"], e["before"], e["after"], language(), shown_names, column_headers()),
                      e["reason"] or ""] for e in trail], table_id="project-audit"),
              title=t("project.audit")),
    ])


def review(achievement_id: int | None, decision: str | None, reason: str | None) -> str:
    """Review one record as the signed-in user; the id comes from the browser, the service decides."""
    def decide() -> None:
        if not str(achievement_id or "").isdigit():
            raise NotFound(t("error.not_found"))
        with writing() as s:  # the unit of work refreshes the snapshots this touches
            review_achievement(s, int(achievement_id), str(decision or ""), actor=who(), on=today(),
                               reason=reason or None)
    return attempt(decide, "review.done").text


def register(app: dash.Dash) -> None:
    page("/project/<code>", action=Action.VIEW_PORTFOLIO, layout=layout, title=t("nav.projects", "zh"))
    register_bureau_closing(app)

    @app.callback(Output(REVIEW["message"], "children"), Input(REVIEW["submit"], "n_clicks"),
                  State(REVIEW["id"], "value"), State(REVIEW["decision"], "value"), State(REVIEW["reason"], "value"),
                  prevent_initial_call=True)
    def _review(_n, achievement_id, decision, reason):  # type: ignore[no-untyped-def]
        return review(achievement_id, decision, reason)

    @app.callback(Output(MOVE["message"], "children"), Output(MOVE["message"], "className"),
                  Output("project-state", "children"), Output(MOVE["panel"], "children"),
                  Input(MOVE["submit"], "n_clicks"),
                  State(MOVE["code"], "data"), State(MOVE["state"], "value"), State(MOVE["reason"], "value"),
                  prevent_initial_call=True)
    def _move(_n, code, state, reason):  # type: ignore[no-untyped-def]
        text, ok = move(str(code), str(state or ""), reason)
        if not ok:
            return text, "message error", dash.no_update, dash.no_update
        line, moves = after_move(str(code))
        return text, "message", line, moves
