"""The workbench's callbacks: thin wiring of the browser's events to the plain functions of
dashboards/ui/pages/workbench.py and dashboards/ui/claim_form.py. Every action answers with
the re-rendered checklist and ledger and a message in words."""
from __future__ import annotations

from typing import Any

import dash
from dash import ALL, MATCH, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from dashboards.i18n import t
from dashboards.ui import claim_form as form
from dashboards.ui.acceptance import CANCEL, CONFIRM, DIALOG, OPEN
from dashboards.ui.claim_form import FIELDS, GROUPS, HIDDEN, IDS, SHOWN
from dashboards.ui.ledger import EDIT, WITHDRAW
from dashboards.ui import workbench_actions as wb

CLEARED = {"indicator": None, "title": "", "quantity": 1, "source_type": None, "level": None, "reference": "",
           "year": None, "value": None, "text": ""}
COUNT_JS = """function(text, need, words) {
    const n = [...(text || '')].filter(c => !/\\s/.test(c)).length;
    const template = (n >= need ? words.ok : words.count);
    return template.replace('{n}', n).replace('{need}', need);
}"""


def _css(ok: bool) -> str:
    return "message" if ok else "message error"


def _clicked() -> Any:
    """The pattern id whose button was really clicked (re-rendered buttons also fire, unclicked)."""
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    return ctx.triggered_id


def _form_outputs() -> list[Output]:
    return [Output(IDS[f], "value", allow_duplicate=True) for f in FIELDS if f != "date"]


def register_callbacks(app: dash.Dash) -> None:
    @app.callback(Output(IDS["indicator"], "options"), Input(IDS["project"], "value"), prevent_initial_call=True)
    def _options(code):  # type: ignore[no-untyped-def]
        programme = wb.programme_for(code)
        return form.indicator_options(programme) if programme else []

    @app.callback(*(Output(f"claim-group-{g}", "style") for g in GROUPS), Output(IDS["help"], "children"),
                  Output(IDS["quantity-label"], "children"), Output(IDS["need"], "data"),
                  Input(IDS["indicator"], "value"), State(IDS["project"], "value"))
    def _shape(indicator, code):  # type: ignore[no-untyped-def]
        kinds = form.shape(wb.programme_for(code), indicator)
        help_text = [html.Strong(t("claim.help") + "："), kinds.help] if kinds.help else []
        return (*(SHOWN if kinds.groups[g] else HIDDEN for g in GROUPS), help_text, kinds.quantity_label, kinds.need)

    app.clientside_callback(COUNT_JS, Output(IDS["text-count"], "children"), Input(IDS["text"], "value"),
                            Input(IDS["need"], "data"), State("claim-count-words", "data"))

    @app.callback(Output(IDS["file-name"], "children", allow_duplicate=True), Input(IDS["upload"], "filename"),
                  prevent_initial_call=True)
    def _file_name(filename):  # type: ignore[no-untyped-def]
        return form.file_name_text(filename)

    @app.callback(Output(IDS["text"], "value", allow_duplicate=True),
                  Output(IDS["message"], "children", allow_duplicate=True),
                  Output(IDS["message"], "className", allow_duplicate=True),
                  Input(IDS["text-upload"], "contents"), prevent_initial_call=True)
    def _text_file(contents):  # type: ignore[no-untyped-def]
        if not contents:
            raise PreventUpdate
        try:
            return form.read_text_file(contents), "", "message"
        except ValueError:
            return no_update, t("claim.text_read_error"), "message error"

    @app.callback(Output(IDS["message"], "children", allow_duplicate=True),
                  Output(IDS["message"], "className", allow_duplicate=True),
                  Output(wb.PROJECTS, "children", allow_duplicate=True),
                  Output(wb.LEDGER, "children", allow_duplicate=True),
                  *_form_outputs(),
                  Output("claim-upload-box", "children", allow_duplicate=True),
                  Output(IDS["file-name"], "children", allow_duplicate=True),
                  Output(IDS["key"], "data"), Output(IDS["editing"], "data", allow_duplicate=True),
                  Input(IDS["submit"], "n_clicks"), State(IDS["project"], "value"),
                  *(State(IDS[f], "value") for f in FIELDS),
                  State(IDS["upload"], "contents"), State(IDS["upload"], "filename"),
                  State(IDS["key"], "data"), State(IDS["editing"], "data"), prevent_initial_call=True)
    def _submit(_n, code, *rest):  # type: ignore[no-untyped-def]
        values = dict(zip(FIELDS, rest[:len(FIELDS)]))
        upload, filename, key, editing = rest[len(FIELDS):]
        text, ok = wb.submit(code, values, upload, filename, key, editing)
        if not ok:
            return (text, _css(False), *([no_update] * (2 + len(FIELDS) - 1 + 4)))
        panels, ledger = wb.fresh()
        return (text, _css(True), panels, ledger, *(CLEARED[f] for f in FIELDS if f != "date"),
                form.evidence_upload(), form.file_name_text(None), form.new_key(), None)

    @app.callback(Output(IDS["project"], "value", allow_duplicate=True), *_form_outputs(),
                  Output(IDS["date"], "value", allow_duplicate=True),
                  Output(IDS["editing"], "data", allow_duplicate=True),
                  Output(IDS["message"], "children", allow_duplicate=True),
                  Output(IDS["message"], "className", allow_duplicate=True),
                  Input({"type": EDIT, "id": ALL}, "n_clicks"), State(IDS["project"], "value"),
                  prevent_initial_call=True)
    def _edit(_clicks, current):  # type: ignore[no-untyped-def]
        loaded = wb.load_for_edit(int(_clicked()["id"]))
        if isinstance(loaded, str):
            return (*([no_update] * (len(FIELDS) + 2)), loaded, _css(False))
        values = loaded["values"]
        project = values["project"] if values["project"] != current else no_update
        return (project, *(values[f] for f in FIELDS if f != "date"), values["date"], loaded["editing"], "",
                "message")

    @app.callback(*_form_outputs(), Output(IDS["editing"], "data", allow_duplicate=True),
                  Input(IDS["cancel"], "n_clicks"), prevent_initial_call=True)
    def _cancel(_n):  # type: ignore[no-untyped-def]
        return (*(CLEARED[f] for f in FIELDS if f != "date"), None)

    @app.callback(Output(IDS["banner"], "children"), Output(IDS["submit"], "children"),
                  Output(IDS["cancel"], "style"), Input(IDS["editing"], "data"))
    def _mode(editing):  # type: ignore[no-untyped-def]
        if not editing:
            return [], t("claim.submit"), HIDDEN
        label = t("claim.resubmit") if editing.get("status") in ("returned", "rejected") else t("claim.save")
        return wb.banner(editing), label, {"display": "inline-block"}

    @app.callback(Output(wb.WORK_MESSAGE, "children", allow_duplicate=True),
                  Output(wb.WORK_MESSAGE, "className", allow_duplicate=True),
                  Output(wb.PROJECTS, "children", allow_duplicate=True),
                  Output(wb.LEDGER, "children", allow_duplicate=True),
                  Input({"type": WITHDRAW, "id": ALL}, "submit_n_clicks"), prevent_initial_call=True)
    def _withdraw(_clicks):  # type: ignore[no-untyped-def]
        text, ok = wb.withdraw(int(_clicked()["id"]))
        panels, ledger = wb.fresh()
        return text, _css(ok) + " sticky", panels, ledger

    @app.callback(Output({"type": DIALOG, "code": MATCH}, "style"),
                  Input({"type": OPEN, "code": MATCH}, "n_clicks"), Input({"type": CANCEL, "code": MATCH}, "n_clicks"),
                  prevent_initial_call=True)
    def _dialog(_open, _cancel):  # type: ignore[no-untyped-def]
        return {"display": "flex"} if ctx.triggered_id and ctx.triggered_id["type"] == OPEN else {"display": "none"}

    @app.callback(Output(wb.WORK_MESSAGE, "children", allow_duplicate=True),
                  Output(wb.WORK_MESSAGE, "className", allow_duplicate=True),
                  Output(wb.PROJECTS, "children", allow_duplicate=True),
                  Input({"type": CONFIRM, "code": ALL}, "n_clicks"), prevent_initial_call=True)
    def _confirm(_clicks):  # type: ignore[no-untyped-def]
        text, ok = wb.request(str(_clicked()["code"]))
        panels, _ledger = wb.fresh()
        return text, _css(ok) + " sticky", panels
