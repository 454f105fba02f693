"""The review queue for thousands of claims: filters (district, programme, target, flag, age)
and paging done in SQL, flags in the rows, the evidence previewed in the page, a decision from
the row (a reason required to reject or return) and clean records verified in bulk."""
from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Input, Output, State, ctx, dcc, html

from dashboards.i18n import t
from dashboards.sessions import reading, writing
from dashboards.ui.actions import Outcome, attempt
from dashboards.ui.navigation import page
from dashboards.ui.parts import clicked_row, code_label, code_options, labelled, today, who
from dashboards.ui.queue_targets import parse_target, target_options
from tracker.access import Action, visible_achievement
from tracker.errors import NotFound
from tracker.queries.review_queue import CLEAN, FLAGGED, QueueFilter, queue_choices, review_queue_page
from tracker.services.achievements import review_achievement
from tracker.services.bulk_review import verify_clean
from tracker.services.programmes import programme_names
from tracker.vocab import AchievementStatus, RecordFlag, ReviewDecision

F = {k: f"rq-{k}" for k in ("district", "programme", "target", "flag", "age")}
BODY, COUNT, PAGE, VERSION, MESSAGE, PREVIEW = "rq-body", "rq-count", "rq-page", "rq-version", "rq-message", "rq-preview"
PREV, NEXT, BULK, BULK_REASON = "rq-prev", "rq-next", "rq-bulk", "rq-bulk-reason"
ACT, REASON, PICK, SHOW = "rq-act", "rq-reason", "rq-pick", "rq-show"


def targets_for(programme: str | None) -> list[dict[str, str]]:
    """The target filter's options for the programme picked (or for all, each with its programme)."""
    with reading() as s:
        choices = queue_choices(s, who())
    return target_options(choices["targets"], dict(choices["programmes"]), programme or None, t("queue.target_of"))


def _filters() -> html.Div:
    with reading() as s:
        choices = queue_choices(s, who())
    targets = target_options(choices["targets"], dict(choices["programmes"]), None, t("queue.target_of"))
    flags = [{"label": t("queue.flagged"), "value": FLAGGED}, {"label": t("queue.clean"), "value": CLEAN},
             *code_options(RecordFlag)]
    return html.Div(className="filters", children=[
        labelled("col.district", dcc.Dropdown(id=F["district"], options=choices["districts"])),
        labelled("queue.programme", dcc.Dropdown(id=F["programme"], options=[
            {"label": name, "value": code} for code, name in choices["programmes"]])),
        labelled("col.targets", dcc.Dropdown(id=F["target"], options=targets)),
        labelled("col.flags", dcc.Dropdown(id=F["flag"], options=flags)),
        labelled("queue.age", dcc.Input(id=F["age"], type="number", min=0, step=1, debounce=True)),
    ])


def layout(**_query: str) -> html.Div:
    return html.Div(id="reviews", children=[
        html.H2(t("review.title")), _filters(),
        dcc.Store(id=PAGE, data=0), dcc.Store(id=VERSION, data=0),
        html.Div(className="pager", children=[
            html.Button("‹", id=PREV, title=t("queue.prev")), html.Span(id=COUNT, className="count"),
            html.Button("›", id=NEXT, title=t("queue.next"))]),
        html.Div(id=MESSAGE, className="message", role="status"),
        html.Div(id=BODY),
        html.Div(className="bulk", children=[
            dcc.Input(id=BULK_REASON, placeholder=t("queue.bulk_reason"), type="text"),
            html.Button(t("queue.bulk"), id=BULK)]),
        html.Div(id=PREVIEW, className="preview"),
    ])


def _quantity(q: dict[str, Any]) -> str:
    if q["year"] is not None:
        return f"{q['year']}: {q['value']:g}" if q["value"] is not None else str(q["year"])
    if q["text_chars"]:
        return f"{q['text_chars']} {t('queue.chars')}"
    return str(q["quantity"])


def _row(q: dict[str, Any], names: dict[str, str]) -> html.Tr:
    i = q["id"]
    flagged = bool(q["flags"])
    evidence: Any = (html.Button(t("queue.preview"), id={"type": SHOW, "id": i}, className="link")
                     if q["has_file"] else (q["evidence"] or ""))
    return html.Tr(id=f"rq-row-{i}", className="flagged" if flagged else "", children=[
        html.Td(dcc.Checklist(id={"type": PICK, "id": i}, options=[{"label": "", "value": i, "disabled": flagged}],
                              value=[])),
        html.Td(i),
        html.Td([dcc.Link(q["project_code"], href=f"/project/{q['project_code']}"), html.Br(),
                 html.Small(f"{q['enterprise']} · {q['district']}")]),
        html.Td([names.get(q["indicator"], q["indicator"]), html.Br(), html.Small(q["title"])]),
        html.Td(q["date"]), html.Td(_quantity(q)), html.Td(q["reference"] or ""),
        html.Td([html.Span(code_label(f, RecordFlag), className="flag") for f in q["flags"]]),
        html.Td(t("queue.days").format(days=q["age_days"])), html.Td(evidence),
        html.Td(className="decide", children=[
            dcc.Input(id={"type": REASON, "id": i}, placeholder=t("review.reason"), type="text"),
            *[html.Button(code_label(d, ReviewDecision), id={"type": ACT, "id": i, "d": d},
                          className="primary" if d == ReviewDecision.VERIFIED else "")
              for d in ReviewDecision]]),
    ])


def _filter_of(district: str | None, programme: str | None, target: str | None, flag: str | None,
               age: Any) -> QueueFilter:
    try:
        days = int(age) if age not in (None, "") else None
    except (TypeError, ValueError):
        days = None
    pair = parse_target(target)
    # a bare id (not from the dropdown) means that id in every programme: T3 of each, apart
    target_programme, target_id = pair if pair else (None, target if isinstance(target, str) and target else None)
    return QueueFilter(district or None, programme or None, target_id, flag or None,
                       days if days is not None and days >= 0 else None, target_programme=target_programme)


def render(f: QueueFilter, number: int) -> tuple[Any, str]:
    with reading() as s:
        found = review_queue_page(s, who(), f, today(), number)
        names = programme_names(s)
    count = t("queue.count").format(total=found.total, page=found.page + 1, pages=found.pages)
    if not found.rows:
        return html.P(t("review.empty"), id="review-empty"), count
    head = html.Thead(html.Tr([html.Th(h) for h in (
        "", "ID", t("col.project_code"), t("col.indicator"), t("col.date"), t("col.quantity"), t("col.reference"),
        t("col.flags"), t("queue.waiting"), t("queue.evidence"), t("queue.decision"))]))
    return html.Table([head, html.Tbody([_row(q, names) for q in found.rows])], className="plain queue",
                      id="review-queue"), count


def decide(achievement_id: int, decision: str, reason: str | None) -> Outcome:
    def run() -> None:
        with writing() as s:  # the unit of work refreshes the snapshots this touches
            review_achievement(s, achievement_id, decision, actor=who(), on=today(), reason=reason or None)
    outcome = attempt(run, "queue.decided")
    if outcome.ok:
        return Outcome(t("queue.decided").format(id=achievement_id, decision=code_label(decision, AchievementStatus)),
                       True)
    return Outcome(f"{achievement_id}：{outcome.text}", False)


def bulk(ids: list[int], reason: str | None) -> Outcome:
    done: list[int] = []

    def run() -> None:
        with writing() as s:
            done.append(verify_clean(s, ids, actor=who(), on=today(), reason=reason or None))
    outcome = attempt(run, "queue.bulk_done")
    return Outcome(t("queue.bulk_done").format(n=done[0]), True) if outcome.ok else outcome


def redrawn(outcome: Outcome, version: int | None) -> Any:
    """The queue's version after an action: moved on when something changed, so the rows are
    redrawn; left as it is when the action was refused, so that nothing typed in the rows
    meanwhile (the reason the message asks for) is wiped by a redraw that changes nothing."""
    return (version or 0) + 1 if outcome.ok else dash.no_update


def preview(achievement_id: int) -> html.Div:
    src = f"/api/achievements/{achievement_id}/evidence"
    try:
        with reading() as s:  # NotFound when the record is not the user's to see
            kind = visible_achievement(s, who(), achievement_id)[0].evidence_type
    except NotFound as exc:
        return html.Div(str(exc), className="message error")
    shown: Any = (html.Img(src=src + "?inline=1", alt=f"{achievement_id}") if kind in ("jpeg", "png")
                  else html.Iframe(src=src + "?inline=1", title=f"{achievement_id}") if kind == "pdf"
                  else html.P(t("queue.no_preview")))
    return html.Div(id="rq-preview-box", children=[
        html.H3(t("queue.preview_of").format(id=achievement_id)), shown,
        html.A(t("queue.download"), href=src)])


def register(app: dash.Dash) -> None:
    page("/reviews", action=Action.REVIEW, layout=layout, title=t("nav.reviews", "zh"),
         label="nav.reviews", order=30)
    filters = [Input(F[k], "value") for k in ("district", "programme", "target", "flag", "age")]

    @app.callback(Output(F["target"], "options"), Output(F["target"], "value"), Input(F["programme"], "value"),
                  State(F["target"], "value"), prevent_initial_call=True)
    def _targets(programme, target):  # type: ignore[no-untyped-def]
        options = targets_for(programme if isinstance(programme, str) else None)
        kept = target if any(o["value"] == target for o in options) else None
        return options, kept if kept != target else dash.no_update

    @app.callback(Output(PAGE, "data"), Input(PREV, "n_clicks"), Input(NEXT, "n_clicks"), *filters,
                  State(PAGE, "data"), prevent_initial_call=True)
    def _page(_prev, _next, *rest):  # type: ignore[no-untyped-def]
        number = int(rest[-1] or 0)
        if ctx.triggered_id == PREV:
            return max(number - 1, 0)
        if ctx.triggered_id == NEXT:
            return number + 1  # clamped to the last page when rendered
        return 0  # a new filter starts at the first page

    @app.callback(Output(BODY, "children"), Output(COUNT, "children"), *filters, Input(PAGE, "data"),
                  Input(VERSION, "data"))
    def _render(district, programme, target, flag, age, number, _version):  # type: ignore[no-untyped-def]
        return render(_filter_of(district, programme, target, flag, age), int(number or 0))

    @app.callback(Output(MESSAGE, "children"), Output(MESSAGE, "className"), Output(VERSION, "data"),
                  Input({"type": ACT, "id": ALL, "d": ALL}, "n_clicks"), State({"type": REASON, "id": ALL}, "value"),
                  State({"type": REASON, "id": ALL}, "id"), State(VERSION, "data"), prevent_initial_call=True)
    def _decide(clicks, reasons, reason_ids, version):  # type: ignore[no-untyped-def]
        found = clicked_row(clicks, reasons, reason_ids)
        if found is None:
            return dash.no_update, dash.no_update, dash.no_update
        hit, reason = found
        outcome = decide(int(hit["id"]), str(hit["d"]), reason)
        return outcome.text, outcome.css, redrawn(outcome, version)

    @app.callback(Output(MESSAGE, "children", allow_duplicate=True), Output(MESSAGE, "className", allow_duplicate=True),
                  Output(VERSION, "data", allow_duplicate=True), Input(BULK, "n_clicks"),
                  State({"type": PICK, "id": ALL}, "value"), State(BULK_REASON, "value"), State(VERSION, "data"),
                  prevent_initial_call=True)
    def _bulk(_n, picked, reason, version):  # type: ignore[no-untyped-def]
        outcome = bulk([i for chosen in picked for i in (chosen or [])], reason)
        return outcome.text, outcome.css, redrawn(outcome, version)

    @app.callback(Output(PREVIEW, "children"), Input({"type": SHOW, "id": ALL}, "n_clicks"),
                  prevent_initial_call=True)
    def _preview(clicks):  # type: ignore[no-untyped-def]
        hit = ctx.triggered_id
        if not isinstance(hit, dict) or not any(clicks):
            return dash.no_update
        return preview(int(hit["id"]))
