"""Small building blocks the pages share."""
from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from dash import html

from dashboards.i18n import language, t
from dashboards.sessions import current_principal, reading, settings
from tracker.labels import label as zh_label
from tracker.principal import Principal
from tracker.services.snapshots import snapshot_day


def who() -> Principal:
    principal = current_principal()
    assert principal is not None, "pages are reached signed in only (the guard redirects first)"
    return principal


def today() -> dt.date:
    return settings().today()


def snapshot_notice() -> html.Div | None:
    """The portfolio views read the snapshots as they are; when they were computed for an
    earlier day (the daily job has not run yet) the page says so rather than rebuilding."""
    with reading() as s:
        day = snapshot_day(s)
    if day == today():
        return None
    text = t("snapshots.none") if day is None else t("snapshots.as_of").format(day=day.isoformat(),
                                                                              today=today().isoformat())
    return html.Div(text, id="snapshot-notice", className="message")


def code_label(code: str) -> str:
    """A rule code in words: Chinese from the core's labels; English keeps the code, readable."""
    return zh_label(code) if language() == "zh" else code.replace("_", " ")


def card(label_key: str, value: Any, warn: bool = False) -> html.Div:
    return html.Div(className="card warn" if warn else "card",
                    children=[html.Div(t(label_key), className="label"), html.Div(str(value), className="value")])


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], table_id: str | None = None) -> html.Table:
    head = html.Thead(html.Tr([html.Th(h) for h in headers]))
    body = html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows])
    return html.Table([head, body], className="plain", **({"id": table_id} if table_id else {}))


def panel(*children: Any, title: str | None = None) -> html.Div:
    return html.Div(className="panel", children=([html.H3(title)] if title else []) + list(children))


def forbidden() -> html.Div:
    return html.Div(t("error.forbidden"), className="message error")


def missing_words(kind: str, name: str, unit: str, required: int, verified: int) -> str:
    """What an indicator still lacks, in words: 还需 3 件从高校科研院所获得创新技术专利."""
    if kind == "count":
        gap = required - verified
        return f"{t('work.need')} {gap} {unit}{name}" if language() == "zh" else f"{t('work.need')}: {gap} × {name}"
    if kind == "text":
        gap = required - verified
        return f"{t('work.need')} {gap} 字" if language() == "zh" else f"{t('work.need')}: {gap} characters"
    if kind == "trend":
        return (f"{t('work.need')} {max(required - verified, 0)} 个年度数值，且逐年递增" if language() == "zh"
                else f"{t('work.need')}: yearly values rising every year")
    return f"{t('work.need')}：{name}" if language() == "zh" else f"{t('work.need')}: {name}"
