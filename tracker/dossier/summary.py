"""The dossier's printable summary: one HTML file that prints cleanly on A4 from any browser
(Chinese fonts named, sections on their own pages, table headers repeated on each page)."""
from __future__ import annotations

from html import escape
from typing import Any, Iterable, Sequence

from tracker.catalogue import label, labels, money_label
from tracker.catalogue.changes import field_label
from tracker.dossier.contents import Dossier, evidence_entry, statement_entry
from tracker.dossier.words import w
from tracker.vocab import (AchievementStatus, Finding, InspectionConclusion, InspectionKind, MoneyFigure,
                           ProjectFlag, ProjectState, RecallFlag, RecordFlag, RecallGround, RecallState, ReviewConclusion,
                           ReviewFlag, RiskLevel, RiskReason)

PRINT_CSS = """
@page { size: A4; margin: 18mm 15mm 18mm 15mm; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", "SimSun", sans-serif; font-size: 10.5pt; line-height: 1.5; color: #111; margin: 0 auto;
       max-width: 180mm; }
h1 { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; border-bottom: 1px solid #333; padding-bottom: 1mm; margin: 0 0 3mm; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
section { margin-bottom: 8mm; }
section + section { break-before: page; page-break-before: always; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; }
th, td { border: 1px solid #888; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
dl { display: grid; grid-template-columns: 40mm 1fr; gap: 1mm 4mm; margin: 0; }
dt { font-weight: bold; } dd { margin: 0; }
.flag { color: #a40000; }
@media print { a { color: inherit; text-decoration: none; } }
"""


def _cell(value: Any) -> str:
    return "" if value is None else escape(str(value))


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], table_id: str = "") -> str:
    rows = list(rows)
    ident = f' id="{table_id}"' if table_id else ""
    head = "".join(f"<th>{_cell(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _facts(pairs: Iterable[tuple[str, Any]]) -> str:
    return "<dl>" + "".join(f"<dt>{_cell(k)}</dt><dd>{_cell(v)}</dd>" for k, v in pairs) + "</dl>"


def _section(ident: str, title: str, *parts: str) -> str:
    return f'<section id="{ident}"><h2>{escape(title)}</h2>{"".join(parts)}</section>'


def _none(lang: str) -> str:
    return f"<p>{escape(w('none', lang))}</p>"


def _project(d: Dossier, lang: str) -> str:
    s, b = d.status, d.status.bundle
    money = [(money_label(f, lang, unit=True), v) for f, v in (
        (MoneyFigure.GRANTED, b.grant_wan), (MoneyFigure.DISBURSED, b.disbursed),
        (MoneyFigure.RECALLED, b.recalled), (MoneyFigure.NET_DISBURSED, b.net_disbursed))]
    return _section("project", w("s.project", lang), _facts([
        (w("code", lang), b.code), (w("project_title", lang), b.title), (w("enterprise", lang), b.enterprise_name),
        (w("uscc", lang), b.uscc), (w("district", lang), b.district), (w("cluster", lang), b.industry_cluster),
        (w("programme", lang), b.programme.name), (w("state", lang), label(b.state, lang, ProjectState)),
        (w("risk", lang), f"{label(s.risk.level, lang, RiskLevel)} {labels(s.risk.reasons, lang, RiskReason)}".strip()),
        (w("flags", lang), labels(s.flags, lang, ProjectFlag) or w("none", lang)), *money]))


def _amendment_changes(changes: dict[str, Any], names: dict[str, str], lang: str) -> str:
    parts = []
    for field in ("end_date", "grant_wan"):
        if field in changes:
            old, new = changes[field]
            parts.append(f"{field_label(field, lang)}：{old} → {new}")
    for indicator, (old, new) in (changes.get("required") or {}).items():
        parts.append(f"{names.get(indicator, indicator)}：{old} → {new}")
    return "；".join(parts)


def _window(d: Dossier, lang: str) -> str:
    s, b, facts = d.status, d.status.bundle, d.status.bundle.closing
    rect = facts.rectification
    pairs = [(w("start", lang), b.start_date), (w("end", lang), b.end_date), (w("deadline", lang), s.deadline),
             (w("effective", lang), s.effective_deadline),
             (w("requested", lang), b.acceptance_requested_on or w("none", lang))]
    if rect is not None:
        pairs.append((w("rect_deadline", lang), f"{rect.rectification_deadline}"
                      + (f"（{w('effective', lang)} {rect.rectification_effective_deadline}）"
                         if rect.rectification_effective_deadline != rect.rectification_deadline else "")))
    names = d.names()
    amendments = _table([w(k, lang) for k in ("date", "by", "changes", "reason", "flags")],
                        [[a.on_date, a.by, _amendment_changes(a.changes, names, lang), a.reason,
                          labels(a.flags, lang, ProjectFlag)] for a in facts.amendments], "dossier-amendments")
    return _section("window", w("s.window", lang), _facts(pairs), f"<h3>{escape(w('amendments', lang))}</h3>",
                    amendments if facts.amendments else _none(lang))


def _targets(d: Dossier, lang: str) -> str:
    names, yes_no = d.names(), ("✓", "✗")
    by_indicator: dict[str, list[dict[str, Any]]] = {}
    for r in d.records:
        if r["status"] == AchievementStatus.VERIFIED:
            by_indicator.setdefault(r["indicator"], []).append(r)
    parts = []
    for target in d.status.targets:
        parts.append(f"<h3>{escape(names.get(target.id, target.id))} {yes_no[0] if target.achieved else yes_no[1]}</h3>")
        parts.append(_table([w(k, lang) for k in ("indicator", "required", "claimed", "verified", "achieved")],
                            [[names.get(i.id, i.id), i.required, i.claimed, i.verified,
                              yes_no[0] if i.achieved else yes_no[1]] for i in target.indicators]))
        behind = [r for i in target.indicators for r in by_indicator.get(i.id, [])]
        if behind:
            parts.append(_table([w(k, lang) for k in ("id", "indicator", "date", "record_title", "quantity",
                                                      "reference", "flags", "evidence_file")],
                                [[r["id"], names.get(r["indicator"], r["indicator"]), r["date"], r["title"],
                                  r["quantity"], r["reference"] or "", labels(r["flags"], lang, RecordFlag),
                                  evidence_entry(r) or ""] for r in behind]))
    return _section("targets", w("s.targets", lang), *parts)


def _record_reviews(d: Dossier, lang: str) -> str:
    names = d.names()
    reviewed = [r for r in d.records if r["reviewed_on"]]
    return _section("record-reviews", w("s.record_reviews", lang), _table(
        [w(k, lang) for k in ("id", "indicator", "record_title", "status", "reviewed_by", "reviewed_on",
                              "review_reason")],
        [[r["id"], names.get(r["indicator"], r["indicator"]), r["title"], label(r["status"], lang, AchievementStatus),
          r["reviewed_by"], r["reviewed_on"], r["review_reason"] or ""] for r in reviewed])
        if reviewed else _none(lang))


def _acceptance(d: Dossier, lang: str) -> str:
    names, parts = d.names(), []
    for r in d.status.bundle.closing.reviews:
        parts.append(_facts([
            (w("date", lang), r.reviewed_on), (w("re_review", lang), "✓" if r.re_review else ""),
            (w("panel", lang), "、".join(r.panel) or w("none", lang)),
            (w("findings", lang), "；".join(f"{names.get(t, t)}：{label(v, lang, Finding)}" for t, v in r.findings.items())),
            (w("targets_met", lang), r.targets_met),
            (w("rule_conclusion", lang), label(r.rule_conclusion, lang, ReviewConclusion)),
            (w("conclusion", lang), label(r.conclusion, lang, ReviewConclusion)),
            (w("rect_deadline", lang), r.rectification_deadline or ""),
            (w("flags", lang), labels(r.flags, lang, ReviewFlag)), (w("by", lang), r.by),
            (w("reason", lang), r.reason or "")]))
    return _section("acceptance", w("s.acceptance", lang), *(parts or [_none(lang)]))


def _inspections(d: Dossier, lang: str) -> str:
    rows = [[i.inspected_on, label(i.kind, lang, InspectionKind), "、".join(i.panel), i.findings,
             label(i.conclusion, lang, InspectionConclusion), i.due or "",
             f"{i.resolved_on} {i.resolved_by}" if i.resolved_on else "", i.by]
            for i in d.status.bundle.closing.inspections]
    return _section("inspections", w("s.inspections", lang), _table(
        [w(k, lang) for k in ("date", "kind", "panel", "findings", "conclusion", "due", "resolved", "by")], rows)
        if rows else _none(lang))


def _recall(d: Dossier, lang: str) -> str:
    parts = []
    for c in d.status.bundle.closing.cases:
        statement = (f"{c.statement_on} {c.statement_by}：{c.statement_text or ''}"
                     + (f"（{statement_entry(c.id, c.evidence_type)}）" if c.evidence_sha256 else "")
                     if c.statement_on else w("none", lang))
        parts.append(_facts([
            (w("state", lang), label(c.state, lang, RecallState)), (w("ground", lang), label(c.ground, lang, RecallGround)),
            (w("proposed_on", lang), f"{c.proposed_on} {c.proposed_by}"),
            (w("rule_amount", lang), f"{c.rule_amount_wan:.2f}"), (w("proposed_amount", lang), f"{c.proposed_amount_wan:.2f}"),
            (w("reason", lang), c.proposal_reason or ""),
            (w("response_deadline", lang), f"{c.response_deadline}"
             + (f"（{w('effective', lang)} {c.response_effective_deadline}）"
                if c.response_effective_deadline != c.response_deadline else "")),
            (w("statement", lang), statement),
            (w("decided_on", lang), f"{c.decided_on} {c.decided_by}" if c.decided_on else ""),
            (w("decided_amount", lang), f"{c.decided_amount_wan:.2f}" if c.decided_amount_wan is not None else ""),
            (w("decision_reason", lang), c.decision_reason or ""), (w("flags", lang), labels(c.flags, lang, RecallFlag))]))
    return _section("recall", w("s.recall", lang), *(parts or [_none(lang)]))


def _files(entries: Sequence[tuple[str, str]], lang: str) -> str:
    return _section("files", w("s.files", lang), _table(["", ""], [[n, what] for n, what in entries], "dossier-files"))


def summary_html(d: Dossier, files: Sequence[tuple[str, str]], lang: str = "zh") -> str:
    """The whole summary; `files` lists (name in the archive, what it is)."""
    b = d.status.bundle
    title = f"{w('title', lang)} {b.code} {b.title}"
    body = "".join(part(d, lang) for part in (_project, _window, _targets, _record_reviews, _acceptance,
                                              _inspections, _recall))
    return (f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{PRINT_CSS}</style></head><body>"
            f"<h1>{escape(title)}</h1><p>{escape(w('made', lang).format(on=d.made_on, by=d.made_by))}</p>"
            f"{body}{_files(files, lang)}</body></html>")
