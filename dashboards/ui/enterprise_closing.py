"""The closing stage as the enterprise sees it on its workbench (DOMAIN.md 9, 10, 12): its
acceptance review's findings, its rectification deadline with a countdown, a recall proposal
with its response deadline, and the one statement it may file (text and an optional file),
behind a confirmation since it cannot be changed afterwards."""
from __future__ import annotations

import base64
import binascii
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from dashboards.i18n import t
from dashboards.sessions import settings, writing
from dashboards.ui.actions import Outcome, attempt
from dashboards.ui.parts import code_label, today, who
from tracker.errors import InputError, Problem
from tracker.models import RecallCase
from tracker.queries.status import ProjectStatus
from tracker.services.recalls import respond
from tracker.vocab import (Finding, InspectionKind, RecallGround, RecallState, ReviewConclusion, ReviewFlag)

BLOCK, TEXT, UPLOAD, SUBMIT, MESSAGE = ("recall-block", "statement-text", "statement-upload", "statement-submit",
                                        "statement-message")


def _countdown(key: str, day: Any) -> str:
    days = (day - today()).days
    return t(key if days >= 0 else key + "_passed").format(date=day.isoformat(), days=abs(days))


def _review(st: ProjectStatus) -> list[Any]:
    facts, names = st.bundle.closing, {tg.id: tg.name for tg in st.bundle.programme.targets}
    r = facts.latest_review
    if r is None:
        return []
    out: list[Any] = [
        html.H4(t("ec.review")),
        html.P(t("ec.review_line").format(on=r.reviewed_on.isoformat(), conclusion=code_label(r.conclusion, ReviewConclusion),
                                          met=r.targets_met, total=len(r.findings))),
        html.Ul([html.Li(f"{names.get(target, target)}：{code_label(finding, Finding)}",
                         className="met" if finding == Finding.MET else "unmet")
                 for target, finding in r.findings.items()], id=f"findings-{st.bundle.code}"),
    ]
    if r.reason and ReviewFlag.CONCLUSION_DIFFERS_FROM_RULE in r.flags:
        out.append(html.P(t("ec.review_reason").format(reason=r.reason)))
    rect = facts.rectification
    if st.bundle.state == "rectifying" and rect is not None and rect.rectification_effective_deadline:
        out.append(html.P(_countdown("ec.rectify_by", rect.rectification_effective_deadline),
                          id=f"rectification-{st.bundle.code}", className="countdown"))
    return out


def _inspections(st: ProjectStatus) -> list[Any]:
    return [html.P(t("ec.inspection").format(kind=code_label(i.kind, InspectionKind), on=i.inspected_on.isoformat(),
                                             findings=i.findings) + " " + _countdown("ec.inspection_due", i.due_effective),
                   className="countdown")
            for i in st.bundle.closing.inspections if i.due_effective and i.resolved_on is None]


def statement_form(code: str) -> html.Div:
    return html.Div(className="statement-form", children=[
        dcc.Textarea(id={"type": TEXT, "code": code}, placeholder=t("ec.statement"), style={"width": "100%"}),
        dcc.Upload(id={"type": UPLOAD, "code": code}, children=html.Div(t("ec.evidence"))),
        dcc.ConfirmDialogProvider(html.Button(t("ec.submit")), id={"type": SUBMIT, "code": code},
                                  message=t("ec.confirm")),
        html.Div(id={"type": MESSAGE, "code": code}, className="message", role="status"),
    ])


def _filed(case: RecallCase) -> list[Any]:
    return [html.P(t("ec.filed").format(on=case.statement_on.isoformat()), className="message"),
            html.Blockquote(case.statement_text or "")]


def _case(st: ProjectStatus) -> list[Any]:
    case = st.bundle.closing.case
    if case is None:
        return []
    out: list[Any] = [html.H4(t("ec.recall")), html.P(t("ec.proposed").format(
        amount=f"{case.proposed_amount_wan:.2f}", ground=code_label(case.ground, RecallGround),
        on=case.proposed_on.isoformat()))]
    if case.proposal_reason:
        out.append(html.P(t("ec.review_reason").format(reason=case.proposal_reason)))
    if case.state != RecallState.PROPOSED:
        out.append(html.P(t("ec.decided").format(state=code_label(case.state, RecallState), on=case.decided_on,
                                                 amount=f"{case.decided_amount_wan or 0:.2f}")))
    if case.statement_on is not None:
        return out + _filed(case)
    if case.state == RecallState.PROPOSED:
        out += [html.P(_countdown("ec.respond_by", case.response_effective_deadline), className="countdown"),
                statement_form(st.bundle.code)]
    return out


def closing_panel(st: ProjectStatus) -> html.Div | None:
    """What the closing stage asks of or tells this enterprise about one of its projects."""
    parts = _review(st) + _inspections(st)
    case = _case(st)
    if not parts and not case:
        return None
    return html.Div(className="closing", id=f"closing-{st.bundle.code}", children=[
        html.H3(t("ec.title")), *parts, html.Div(case, id={"type": BLOCK, "code": st.bundle.code})])


def file_statement(code: str, text: str | None, upload: str | None, filename: str | None) -> Outcome:
    """The enterprise's one statement; the service checks who, which project, once only."""
    def act() -> None:
        content = None
        if upload:
            try:
                content = base64.b64decode(upload.split(",", 1)[1], validate=True)
            except (IndexError, binascii.Error):
                raise InputError(Problem(t("ec.bad_file"), field="evidence")) from None
        with writing() as s:
            respond(s, who(), code, on=today(), statement=text or "", evidence=content, filename=filename,
                    evidence_root=settings().evidence_root)
    return attempt(act, "ec.done")


def register_closing_callbacks(app: dash.Dash) -> None:
    @app.callback(Output({"type": MESSAGE, "code": dash.MATCH}, "children"),
                  Output({"type": MESSAGE, "code": dash.MATCH}, "className"),
                  Input({"type": SUBMIT, "code": dash.MATCH}, "submit_n_clicks"),
                  State({"type": SUBMIT, "code": dash.MATCH}, "id"),
                  State({"type": TEXT, "code": dash.MATCH}, "value"),
                  State({"type": UPLOAD, "code": dash.MATCH}, "contents"),
                  State({"type": UPLOAD, "code": dash.MATCH}, "filename"), prevent_initial_call=True)
    def _file(_n, ident, text, upload, filename):  # type: ignore[no-untyped-def]
        outcome = file_statement(str((ident or {}).get("code", "")), text, upload, filename)
        return outcome.text, outcome.css
