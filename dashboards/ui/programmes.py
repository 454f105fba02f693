"""The programme picker the portfolio pages share: all programmes, or one chosen by its code
in the page's query string (`?programme=SZIPS-2025`). Never "the first" by default."""
from __future__ import annotations

from dash import dcc, html
from sqlalchemy.orm import Session

from dashboards.i18n import t
from tracker.models import ProgrammeRow
from tracker.programme import Programme
from tracker.programme.loaded import loaded_programmes


def chosen_programme(session: Session, code: str | None
                     ) -> tuple[list[tuple[ProgrammeRow, Programme]], str | None, bool]:
    """(every programme loaded, the code chosen or None for all, whether the code was known)."""
    loaded = loaded_programmes(session)
    if not code:
        return loaded, None, True
    known = any(row.code == code for row, _ in loaded)
    return loaded, (code if known else None), known


def picker(path: str, loaded: list[tuple[ProgrammeRow, Programme]], chosen: str | None,
           known: bool = True) -> html.Div:
    """Links to this page for all programmes and for each one; the current choice marked."""
    links = [dcc.Link(t("programme.all"), href=path, className="chosen" if chosen is None else "")]
    links += [dcc.Link(row.name, href=f"{path}?programme={row.code}", title=row.code,
                       className="chosen" if chosen == row.code else "") for row, _ in loaded]
    return html.Div(className="programme-picker", id="programme-picker", children=[
        html.Span(f"{t('col.programme')}："), *links,
        *([] if known else [html.Span(t("programme.unknown"), className="message error")])])
