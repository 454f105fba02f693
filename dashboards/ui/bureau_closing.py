"""The bureau's closing-stage forms on the project page (DOMAIN.md 9-12): the acceptance review
(findings per target of the project's programme, prefilled from the ledger, the rule's conclusion
shown beside the panel's choice, a reason required to depart from it), an inspection, an
amendment, a recall proposal (the rule's amount shown) and its decision. Irreversible steps ask
for confirmation; every outcome is said in words beside the form."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from dashboards.i18n import t
from dashboards.sessions import writing
from dashboards.ui.actions import Outcome, attempt
from dashboards.ui.parts import code_label, code_options, panel, today, who
from tracker.access import Action, can
from tracker.errors import InputError, Problem
from tracker.importers.values import parse_list
from tracker.principal import Principal
from tracker.queries.status import ProjectStatus
from tracker.rules.recall import recall_ground, rule_amount
from tracker.rules.review import RE_REVIEW_CONCLUSIONS, rule_conclusion, targets_met
from tracker.services.amendments import amend
from tracker.services.inspections import record_inspection
from tracker.services.recalls import decide, propose
from tracker.services.reviews import ledger_findings, record_review
from tracker.vocab import (Finding, InspectionConclusion, InspectionKind, ProjectState, RecallGround, ReviewConclusion)

REVIEW_STATES = (ProjectState.ACCEPTANCE_REQUESTED, ProjectState.RECTIFYING)
F = {k: f"ar-{k}" for k in ("code", "on", "panel", "finding", "rule", "conclusion", "reason", "submit", "message")}
I = {k: f"insp-{k}" for k in ("code", "on", "kind", "panel", "conclusion", "due", "findings", "submit", "message")}
M = {k: f"amend-{k}" for k in ("code", "on", "end", "grant", "indicator", "required", "reason", "submit", "message")}
P = {k: f"recall-{k}" for k in ("code", "on", "amount", "reason", "submit", "message")}
D = {k: f"decide-{k}" for k in ("code", "on", "amount", "reason", "submit", "message")}


def _date(ident: str) -> dcc.DatePickerSingle:
    return dcc.DatePickerSingle(id=ident, date=today().isoformat(), display_format="YYYY-MM-DD")


def _message(ident: str) -> html.Div:
    return html.Div(id=ident, className="message", role="status")


def _confirmed(ident: str, words: str, question: str) -> dcc.ConfirmDialogProvider:
    return dcc.ConfirmDialogProvider(html.Button(words), id=ident, message=question)


def rule_line(findings: dict[str, str], rectify_min: int, re_review: bool) -> str:
    met = targets_met(findings)
    rule = rule_conclusion(met, len(findings), rectify_min, re_review=re_review)
    return t("bc.rule").format(conclusion=code_label(rule, ReviewConclusion), met=met, total=len(findings))


def _review_form(st: ProjectStatus) -> html.Div:
    b = st.bundle
    re_review = b.state == ProjectState.RECTIFYING
    findings = ledger_findings(b, b.closing, re_review=re_review)
    rectify_min = b.programme.closing.rectify_min_targets
    only = RE_REVIEW_CONCLUSIONS if re_review else None
    rows = [html.Tr([html.Td(tg.name), html.Td(code_label(findings[tg.id], Finding)),
                     html.Td(dcc.RadioItems(id={"type": F["finding"], "target": tg.id}, options=code_options(Finding),
                                            value=findings[tg.id], inline=True))]) for tg in b.programme.targets]
    return panel(
        dcc.Store(id=F["code"], data={"code": b.code, "ledger": findings, "min": rectify_min, "re": re_review}),
        html.Label([t("col.date"), _date(F["on"])]),
        dcc.Input(id=F["panel"], placeholder=t("bc.panel"), type="text", style={"width": "100%"}),
        html.Table([html.Thead(html.Tr([html.Th(t("col.targets")), html.Th(t("bc.ledger_finding")),
                                        html.Th(t("bc.panel_finding"))])), html.Tbody(rows)],
                   className="plain", id="review-findings"),
        html.P(rule_line(findings, rectify_min, re_review), id=F["rule"], className="rule"),
        dcc.RadioItems(id=F["conclusion"], options=code_options(ReviewConclusion, only=only), inline=True),
        dcc.Input(id=F["reason"], placeholder=t("bc.reason_if_departing"), type="text", style={"width": "100%"}),
        _confirmed(F["submit"], t("bc.review_submit"), t("bc.review_confirm")), _message(F["message"]),
        title=t("bc.re_review") if re_review else t("bc.review"))


def _inspection_form(code: str) -> html.Div:
    return panel(
        dcc.Store(id=I["code"], data=code), html.Label([t("col.date"), _date(I["on"])]),
        dcc.RadioItems(id=I["kind"], options=code_options(InspectionKind), value=InspectionKind.MIDTERM, inline=True),
        dcc.Input(id=I["panel"], placeholder=t("bc.panel"), type="text", style={"width": "100%"}),
        dcc.Textarea(id=I["findings"], placeholder=t("bc.findings"), style={"width": "100%"}),
        dcc.RadioItems(id=I["conclusion"], options=code_options(InspectionConclusion), inline=True),
        html.Label([t("bc.due"), dcc.DatePickerSingle(id=I["due"], display_format="YYYY-MM-DD")]),
        html.Button(t("bc.inspection_submit"), id=I["submit"]), _message(I["message"]),
        title=t("bc.inspection"))


def _amendment_form(st: ProjectStatus) -> html.Div:
    b = st.bundle
    return panel(
        dcc.Store(id=M["code"], data=b.code), html.Label([t("col.date"), _date(M["on"])]),
        html.Label([t("bc.new_end"), dcc.DatePickerSingle(id=M["end"], display_format="YYYY-MM-DD",
                                                          placeholder=b.end_date.isoformat())]),
        dcc.Input(id=M["grant"], type="text", placeholder=t("bc.new_grant").format(grant=f"{b.grant_wan:.2f}")),
        dcc.Dropdown(id=M["indicator"], options=[{"label": f"{i.name}（{i.required}）", "value": i.id}
                                                 for i in b.indicators], placeholder=t("bc.indicator")),
        dcc.Input(id=M["required"], type="number", min=0, placeholder=t("bc.new_required")),
        dcc.Input(id=M["reason"], placeholder=t("col.reason"), type="text", style={"width": "100%"}),
        _confirmed(M["submit"], t("bc.amend_submit"), t("bc.amend_confirm")), _message(M["message"]),
        title=t("bc.amendment"))


def recall_rule(st: ProjectStatus, on: dt.date) -> tuple[str, Decimal] | None:
    """The ground and the rule's amount a proposal made on `on` would carry, or None."""
    b = st.bundle
    rules = b.programme.closing
    ground = recall_ground(state=b.state, today=on, effective_request_deadline=st.effective_deadline,
                           overdue_days=rules.recall_overdue_days)
    if ground is None:
        return None
    targets = len(b.programme.targets)
    review = b.closing.latest_review
    unmet = len(review.findings) - review.targets_met if review and ground == RecallGround.ACCEPTANCE_FAILED else targets
    return ground, rule_amount(ground=ground, net_disbursed=b.net_disbursed, unmet_targets=unmet, targets=targets,
                               amount_rule=rules.recall_amount_rule)


def _proposal_form(st: ProjectStatus, ground: str, amount: Decimal) -> html.Div:
    return panel(
        dcc.Store(id=P["code"], data=st.bundle.code), html.Label([t("col.date"), _date(P["on"])]),
        html.P(t("bc.rule_amount").format(amount=f"{amount:.2f}", ground=code_label(ground, RecallGround),
                                          net=f"{st.bundle.net_disbursed:.2f}"), id="recall-rule"),
        dcc.Input(id=P["amount"], type="text", value=f"{amount:.2f}"),
        dcc.Input(id=P["reason"], placeholder=t("bc.reason_if_departing"), type="text", style={"width": "100%"}),
        _confirmed(P["submit"], t("bc.propose_submit"), t("bc.propose_confirm")), _message(P["message"]),
        title=t("bc.proposal"))


def _decision_form(st: ProjectStatus) -> html.Div:
    case = st.bundle.closing.open_case
    assert case is not None
    statement = (t("bc.statement").format(on=case.statement_on, text=case.statement_text or "")
                 if case.statement_on else t("bc.no_statement").format(date=case.response_effective_deadline))
    return panel(
        dcc.Store(id=D["code"], data=st.bundle.code),
        html.P(t("bc.case").format(on=case.proposed_on, amount=f"{case.proposed_amount_wan:.2f}",
                                   rule=f"{case.rule_amount_wan:.2f}")),
        html.P(statement, id="recall-statement"), html.Label([t("col.date"), _date(D["on"])]),
        dcc.Input(id=D["amount"], type="text", value=f"{case.proposed_amount_wan:.2f}"),
        dcc.Input(id=D["reason"], placeholder=t("bc.reason_if_departing"), type="text", style={"width": "100%"}),
        _confirmed(D["submit"], t("bc.decide_submit"), t("bc.decide_confirm")), _message(D["message"]),
        title=t("bc.decision"))


def closing_forms(st: ProjectStatus, principal: Principal) -> list[Any]:
    """The forms this principal may use on this project in its present state."""
    b, out = st.bundle, []
    if can(principal, Action.REVIEW_ACCEPTANCE, b) and b.state in REVIEW_STATES and not b.closing.re_reviewed:
        out.append(_review_form(st))
    if b.state == ProjectState.IN_PROGRESS and can(principal, Action.INSPECT, b):
        out.append(_inspection_form(b.code))
    if b.state == ProjectState.IN_PROGRESS and can(principal, Action.AMEND, b):
        out.append(_amendment_form(st))
    if can(principal, Action.RECALL, b):
        if b.closing.open_case is not None:
            out.append(_decision_form(st))
        else:
            rule = recall_rule(st, today())
            if rule is not None:
                out.append(_proposal_form(st, *rule))
    return out


# --- actions ---------------------------------------------------------------------------------

def _day(value: str | None, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value or "")[:10])
    except ValueError:
        raise InputError(Problem(t("bc.bad_date"), field=field)) from None


def _money(value: str | None, field: str) -> Decimal:
    try:
        return Decimal(str(value or "").strip())
    except InvalidOperation:
        raise InputError(Problem(t("bc.bad_amount"), field=field)) from None


def _run(write: Any, done: str) -> tuple[str, str]:
    def act() -> None:
        with writing() as s:  # the unit of work refreshes the project's snapshot
            write(s)
    outcome: Outcome = attempt(act, done)
    return outcome.text, outcome.css


def register_bureau_closing(app: dash.Dash) -> None:
    @app.callback(Output(F["rule"], "children"), Input({"type": F["finding"], "target": dash.ALL}, "value"),
                  State(F["code"], "data"), prevent_initial_call=True)
    def _rule(values, data):  # type: ignore[no-untyped-def]
        targets = list(data["ledger"])
        return rule_line(dict(zip(targets, values)), data["min"], data["re"])

    @app.callback(Output(F["message"], "children"), Output(F["message"], "className"),
                  Input(F["submit"], "submit_n_clicks"), State(F["code"], "data"), State(F["on"], "date"),
                  State(F["panel"], "value"), State({"type": F["finding"], "target": dash.ALL}, "value"),
                  State(F["conclusion"], "value"), State(F["reason"], "value"), prevent_initial_call=True)
    def _review(_n, data, on, names, values, conclusion, reason):  # type: ignore[no-untyped-def]
        findings = dict(zip(list(data["ledger"]), values))
        return _run(lambda s: record_review(
            s, who(), data["code"], on=_day(on, "on"), panel=parse_list(names or ""), conclusion=conclusion or "",
            findings=findings, reason=reason or None), "bc.review_done")

    @app.callback(Output(I["message"], "children"), Output(I["message"], "className"),
                  Input(I["submit"], "n_clicks"), State(I["code"], "data"), State(I["on"], "date"),
                  State(I["kind"], "value"), State(I["panel"], "value"), State(I["conclusion"], "value"),
                  State(I["due"], "date"), State(I["findings"], "value"), prevent_initial_call=True)
    def _inspect(_n, code, on, kind, names, conclusion, due, findings):  # type: ignore[no-untyped-def]
        return _run(lambda s: record_inspection(
            s, who(), code, on=_day(on, "on"), kind=kind or "", panel=parse_list(names or ""),
            conclusion=conclusion or "", findings=findings or "", due=_day(due, "due") if due else None),
            "bc.inspection_done")

    @app.callback(Output(M["message"], "children"), Output(M["message"], "className"),
                  Input(M["submit"], "submit_n_clicks"), State(M["code"], "data"), State(M["on"], "date"),
                  State(M["end"], "date"), State(M["grant"], "value"), State(M["indicator"], "value"),
                  State(M["required"], "value"), State(M["reason"], "value"), prevent_initial_call=True)
    def _amend(_n, code, on, end, grant, indicator, required, reason):  # type: ignore[no-untyped-def]
        return _run(lambda s: amend(
            s, who(), code, on=_day(on, "on"), reason=reason or "", end=_day(end, "end") if end else None,
            grant=_money(grant, "grant") if grant else None,
            required={indicator: int(required)} if indicator and required is not None else None), "bc.amend_done")

    @app.callback(Output(P["message"], "children"), Output(P["message"], "className"),
                  Input(P["submit"], "submit_n_clicks"), State(P["code"], "data"), State(P["on"], "date"),
                  State(P["amount"], "value"), State(P["reason"], "value"), prevent_initial_call=True)
    def _propose(_n, code, on, amount, reason):  # type: ignore[no-untyped-def]
        return _run(lambda s: propose(s, who(), code, on=_day(on, "on"), amount=_money(amount, "amount"),
                                      reason=reason or None), "bc.propose_done")

    @app.callback(Output(D["message"], "children"), Output(D["message"], "className"),
                  Input(D["submit"], "submit_n_clicks"), State(D["code"], "data"), State(D["on"], "date"),
                  State(D["amount"], "value"), State(D["reason"], "value"), prevent_initial_call=True)
    def _decide(_n, code, on, amount, reason):  # type: ignore[no-untyped-def]
        return _run(lambda s: decide(s, who(), code, on=_day(on, "on"), amount=_money(amount, "amount"),
                                     reason=reason or None), "bc.decide_done")
