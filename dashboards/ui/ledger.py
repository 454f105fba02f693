"""The enterprise's ledger on its workbench: each claim with its status, reviewer, date and
reason; edit and withdraw until it is reviewed; correct and resubmit a returned or rejected one."""
from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboards.i18n import t
from tracker.programme import Indicator, Programme

EDIT, WITHDRAW = "ledger-edit", "ledger-withdraw"
OPEN = ("claimed",)                    # may be edited or withdrawn
CORRECTABLE = ("returned", "rejected")  # may be corrected and resubmitted, or withdrawn


def what(record: dict[str, Any], indicator: Indicator | None) -> str:
    """The claim's substance in a few words, by the indicator's kind."""
    kind = indicator.kind if indicator else ""
    if kind == "trend":
        return t("ledger.year_value").format(year=record["year"], value=record["value"])
    if kind == "text":
        return t("ledger.chars").format(n=record["text_chars"])
    parts = [f"{record['quantity']} {indicator.unit}".strip()] if kind == "count" and indicator else []
    if record.get("reference"):
        parts.append(record["reference"])
    return " · ".join(parts)


def _actions(record: dict[str, Any]) -> list[Any]:
    status, rid = record["status"], record["id"]
    if status == "verified":
        return [html.Span(t("ledger.settled"), className="muted")]
    label = t("ledger.correct") if status in CORRECTABLE else t("ledger.edit")
    return [
        html.Button(label, id={"type": EDIT, "id": rid}, className="small"),
        dcc.ConfirmDialogProvider(
            html.Button(t("ledger.withdraw"), className="small danger"), id={"type": WITHDRAW, "id": rid},
            message=t("ledger.confirm_withdraw").format(title=record["title"])),
    ]


def ledger_table(records: list[dict[str, Any]], programmes: dict[str, Programme]) -> Any:
    """Rows newest first, so a claim just filed is at the top."""
    if not records:
        return html.P(t("ledger.none"), id="ledger-empty")
    headers = ["id", "indicator", "what", "claimed_on", "status", "reviewer", "reviewed_on", "reason", "file",
               "actions"]
    rows = []
    for r in sorted(records, key=lambda r: r["id"], reverse=True):
        programme = programmes[r["project_code"]]
        ind = programme.indicator(r["indicator"])
        name = f"{ind.target_id} {ind.name}" if ind else r["indicator"]
        evidence = (html.A(r.get("evidence_name") or "⬇", href=f"/api/achievements/{r['id']}/evidence")
                    if r.get("evidence_sha256") else (r.get("evidence") or ""))
        rows.append(html.Tr(id=f"ledger-row-{r['id']}", className=f"status-{r['status']}", children=[
            html.Td(r["id"]), html.Td([html.Div(r["title"], className="strong"), html.Div(name, className="muted")]),
            html.Td(what(r, ind)), html.Td(r.get("claimed_on") or r["date"]),
            html.Td(html.Span(t(f"status.{r['status']}"), className=f"badge {r['status']}")),
            html.Td(r.get("reviewed_by") or ""), html.Td(r.get("reviewed_on") or ""),
            html.Td(r.get("review_reason") or "", className="reason"), html.Td(evidence),
            html.Td(_actions(r), className="actions")]))
    return html.Div(className="table-scroll", children=html.Table(
        [html.Thead(html.Tr([html.Th(t(f"ledger.{h}")) for h in headers])), html.Tbody(rows)],
        className="plain ledger", id="ledger-table"))
