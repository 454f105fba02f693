"""Small building blocks the pages share."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import quote

from dash import ctx, html

from dashboards.i18n import language, t
from dashboards.sessions import current_principal, reading, settings
from tracker.catalogue import label, labels, options
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


def code_label(code: str, of: type[StrEnum] | None = None, honours: Mapping[str, str] | None = None) -> str:
    """A code in words, in the page's language, from the one catalogue (`of` names its set;
    bare reason, note and flag codes need none)."""
    return label(code, language(), of, honours)


def code_labels(codes: Iterable[str], of: type[StrEnum] | None = None,
                honours: Mapping[str, str] | None = None) -> str:
    return labels(codes, language(), of, honours)


def code_options(of: type[StrEnum], only: Iterable[str] | None = None) -> list[dict[str, str]]:
    return options(of, language(), only)


def card(label_key: str, value: Any, warn: bool = False) -> html.Div:
    return html.Div(className="card warn" if warn else "card",
                    children=[html.Div(t(label_key), className="label"), html.Div(str(value), className="value")])


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], table_id: str | None = None) -> html.Table:
    head = html.Thead(html.Tr([html.Th(h) for h in headers]))
    body = html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows])
    return html.Table([head, body], className="plain", **({"id": table_id} if table_id else {}))


def clicked_row(clicks: list[Any], texts: list[Any], text_ids: list[dict[str, Any]]
                ) -> tuple[dict[str, Any], str | None] | None:
    """For a row button (pattern-matching ids): the clicked button's id and the text typed in the
    same row's input, or None when the callback fired for rows being drawn, not for a click."""
    hit = ctx.triggered_id
    if not isinstance(hit, dict) or not any(clicks):
        return None
    return hit, dict(zip([i["id"] for i in text_ids], texts)).get(hit["id"])


def labelled(key: str, control: Any) -> html.Label:
    """A filter control with its phrase above it."""
    return html.Label([html.Span(t(key)), control], className="filter")


def panel(*children: Any, title: str | None = None) -> html.Div:
    return html.Div(className="panel", children=([html.H3(title)] if title else []) + list(children))


def forbidden() -> html.Div:
    return html.Div(t("error.forbidden"), className="message error")


def missing_words(kind: str, name: str, unit: str, required: int, verified: int) -> str:
    """What an indicator still lacks, in words (in Chinese: 还需 3 件 + the indicator's name)."""
    key = {"count": "work.need_count", "text": "work.need_text", "trend": "work.need_trend"}.get(kind, "work.need_flag")
    return t(key).format(need=t("work.need"), gap=max(required - verified, 0), unit=unit, name=name)


def dossier_link(code: str, element_id: str) -> html.A:
    """The project dossier (DOMAIN.md 13), a ZIP the API serves to whoever may see the project."""
    return html.A(t("project.dossier"), href=f"/api/projects/{quote(code)}/dossier.zip?lang={language()}",
                  id=element_id, className="download")
