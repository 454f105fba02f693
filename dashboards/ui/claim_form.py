"""The enterprise's claim form, built from the programme: each indicator kind shows the fields
it needs (count: quantity, and source or level where the indicator asks; flag; trend: year
and value; text: pasted or uploaded text with a live character count against the
requirement), the indicator's help on what evidence counts, and the chosen file's name.
Plain functions here; the workbench page wires them to callbacks."""
from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from typing import Any

from dash import dcc, html

from dashboards.i18n import t
from dashboards.ui.parts import code_options
from tracker.programme import Indicator, Programme
from tracker.vocab import SourceType, StandardLevel

IDS = {k: f"claim-{k}" for k in (
    "project", "indicator", "date", "title", "quantity", "source_type", "level", "reference", "year",
    "value", "text", "text-upload", "text-count", "need", "upload", "file-name", "help", "submit",
    "message", "key", "editing", "banner", "cancel", "quantity-label")}
GROUPS = ("quantity", "source_type", "level", "reference", "trend", "text")
SHOWN, HIDDEN = {"display": "block"}, {"display": "none"}
# Fields the form sends, named as in the achievements file (INTERFACES.md 2.3).
FIELDS = ("indicator", "date", "title", "quantity", "source_type", "level", "reference", "year", "value", "text")


def new_key() -> str:
    """A fresh idempotency key each time the form is shown or cleared."""
    return uuid.uuid4().hex


def indicator_options(programme: Programme) -> list[dict[str, str]]:
    targets = {tg.id: tg.name for tg in programme.targets}
    return [{"label": f"{i.target_id} {targets.get(i.target_id, '')} · {i.name}", "value": i.id}
            for i in programme.indicators]


def _asks_for_level(programme: Programme, indicator: Indicator) -> bool:
    """A standard's level matters when this indicator, or one counting its records, asks for one."""
    return bool(indicator.levels) or any(i.levels and i.counts_from == indicator.id for i in programme.indicators)


@dataclass(frozen=True)
class Shape:
    """What the form shows for one indicator."""
    groups: dict[str, bool]
    help: str
    quantity_label: str
    need: int  # characters required for a text indicator, else 0


def shape(programme: Programme | None, indicator_id: str | None) -> Shape:
    indicator = programme.indicator(indicator_id) if programme and indicator_id else None
    if indicator is None:
        return Shape({g: False for g in GROUPS}, "", t("claim.quantity"), 0)
    kind = indicator.kind
    groups = {"quantity": kind == "count", "source_type": bool(indicator.source_types),
              "level": _asks_for_level(programme, indicator), "reference": kind in ("count", "flag"),  # type: ignore[arg-type]
              "trend": kind == "trend", "text": kind == "text"}
    unit = f"（{indicator.unit}）" if indicator.unit and kind == "count" else ""
    return Shape(groups, indicator.help, t("claim.quantity") + unit, indicator.required if kind == "text" else 0)


def count_text(text: str | None, need: int) -> str:
    """The live count under the text box (the browser runs the same rule: no whitespace)."""
    n = sum(1 for ch in (text or "") if not ch.isspace())
    return t("claim.count_ok" if n >= need else "claim.count").format(n=n, need=need)


def file_name_text(filename: str | None) -> str:
    return t("claim.file_chosen").format(name=filename) if filename else t("claim.file_none")


def decode_upload(contents: str | None) -> bytes | None:
    """The bytes of a dcc.Upload's data URL; ValueError when it is not one."""
    if not contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, binascii.Error):
        raise ValueError("not a data URL") from None


def read_text_file(contents: str | None) -> str:
    """An uploaded .txt as text: UTF-8 (with or without BOM) or GB18030, what Chinese Windows saves."""
    raw = decode_upload(contents) or b""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("undecodable text")


def form_values(values: dict[str, Any], kinds: Shape) -> dict[str, Any]:
    """The fields to send for the indicator's kind: a hidden field never sends a stale value."""
    keep = {"indicator", "date", "title"}
    for group, shown in kinds.groups.items():
        if shown:
            keep |= {"year", "value"} if group == "trend" else {group}
    return {k: v for k, v in values.items() if k in keep and v not in (None, "")}


def evidence_upload() -> dcc.Upload:
    """A fresh upload box: replaced after each claim, because a browser does not report the
    same file chosen twice in one file input."""
    return dcc.Upload(id=IDS["upload"], children=html.Div(t("claim.file_drop")), className="upload",
                      accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx")


def _group(name: str, *children: Any) -> html.Div:
    return html.Div(list(children), id=f"claim-group-{name}", style=HIDDEN, className="field-group")


def _field(label: str, component: Any) -> html.Label:
    return html.Label([html.Span(label, className="field-label"), component], className="field")


def claim_form(projects: list[tuple[str, str]], programme: Programme, today_iso: str) -> html.Div:
    """The form for the enterprise's projects [(code, title)], showing the first one's programme."""
    first = projects[0][0]
    return html.Div(className="panel claim-form", id="claim-panel", children=[
        html.H3(t("work.claim")),
        html.Div(id=IDS["banner"], className="banner"),
        dcc.Store(id=IDS["key"], data=new_key()), dcc.Store(id=IDS["editing"], data=None),
        dcc.Store(id=IDS["need"], data=0),
        dcc.Store(id="claim-count-words", data={"count": t("claim.count"), "ok": t("claim.count_ok")}),
        _field(t("claim.project"), dcc.Dropdown(id=IDS["project"], options=[
            {"label": f"{code} {title}", "value": code} for code, title in projects], value=first, clearable=False)),
        _field(t("claim.indicator"), dcc.Dropdown(id=IDS["indicator"], options=indicator_options(programme),
                                                  placeholder=t("claim.choose"), optionHeight=48)),
        html.Div(id=IDS["help"], className="help"),
        _field(t("claim.date"), dcc.Input(id=IDS["date"], type="date", value=today_iso)),
        _field(t("claim.title"), dcc.Input(id=IDS["title"], type="text", maxLength=300, className="wide")),
        _group("quantity", html.Label([html.Span(t("claim.quantity"), id=IDS["quantity-label"], className="field-label"),
                                       dcc.Input(id=IDS["quantity"], type="number", min=1, step=1, value=1)],
                                      className="field")),
        _group("source_type", _field(t("claim.source_type"), dcc.Dropdown(id=IDS["source_type"], options=code_options(SourceType)))),
        _group("level", _field(t("claim.level"), dcc.Dropdown(id=IDS["level"], options=code_options(StandardLevel)))),
        _group("reference", _field(t("claim.reference"), dcc.Input(id=IDS["reference"], type="text", maxLength=120))),
        _group("trend",
               _field(t("claim.year"), dcc.Input(id=IDS["year"], type="number", step=1, min=2000, max=2100)),
               _field(t("claim.value"), dcc.Input(id=IDS["value"], type="number", step="any"))),
        _group("text",
               _field(t("claim.text"), dcc.Textarea(id=IDS["text"], className="wide", style={"height": "12rem"})),
               html.Div(id=IDS["text-count"], className="count", **{"aria-live": "polite"}),
               dcc.Upload(id=IDS["text-upload"], children=html.Div(t("claim.text_upload")), className="upload",
                          accept=".txt,text/plain")),
        html.Span(t("work.file"), className="field-label"),
        html.Div(evidence_upload(), id="claim-upload-box"),
        html.Div(t("claim.file_none"), id=IDS["file-name"], className="file-name"),
        html.Div([html.Button(t("claim.submit"), id=IDS["submit"], className="primary"),
                  html.Button(t("claim.cancel_edit"), id=IDS["cancel"], style=HIDDEN)], className="buttons"),
        html.Div(id=IDS["message"], className="message", role="status"),
    ])
