"""Downloads of whole files about the closing stage: the project dossier (DOMAIN.md section 13),
for whoever may see the project (for anyone else it does not exist: 404), and the portfolio's
acceptance results and recall cases (XLSX, for the roles that see the portfolio, scoped)."""
from __future__ import annotations

from typing import Any, Callable

from flask import Blueprint, Response, request

from dashboards.api.auth import signed_in
from dashboards.sessions import current_principal, reading, settings
from tracker.access import Action, require
from tracker.dossier import build_dossier, dossier_name
from tracker.exports.closing import acceptance_xlsx, recall_xlsx

bp = Blueprint("dossier", __name__)


@bp.get("/api/projects/<code>/dossier.zip")
@signed_in
def dossier(code: str):  # type: ignore[no-untyped-def]
    with reading() as session:
        body = build_dossier(session, current_principal(), code, settings().today(),
                             settings().evidence_root, _lang())
    return Response(body, mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{dossier_name(code)}"',
                             "Cache-Control": "no-store"})


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTS = {"acceptance": (acceptance_xlsx, "acceptance-results.xlsx"), "recall": (recall_xlsx, "recall-cases.xlsx")}


@bp.get("/api/acceptance/export.xlsx")
@signed_in
def acceptance_export():  # type: ignore[no-untyped-def]
    return _export("acceptance")


@bp.get("/api/recall/export.xlsx")
@signed_in
def recall_export():  # type: ignore[no-untyped-def]
    return _export("recall")


def _export(kind: str) -> Response:
    principal = current_principal()
    require(principal, Action.VIEW_PORTFOLIO)
    make, name = EXPORTS[kind]
    with reading() as session:
        body = make(session, principal, _lang())
    return Response(body, mimetype=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                 "Cache-Control": "no-store"})


def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "zh"


def paths(errors: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """This module's routes in the OpenAPI description."""
    code = {"name": "code", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 60}}
    lang = {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": ["zh", "en"]}}
    return {"/api/projects/{code}/dossier.zip": {"get": {
        "summary": "项目档案（ZIP：可打印摘要、成果台账、佐证材料、决定、审计记录）", "parameters": [code, lang],
        "responses": {"200": {"description": "ZIP", "content": {"application/zip": {}}}, **errors(401, 404)}}},
        **{f"/api/{kind}/export.xlsx": {"get": {
            "summary": summary, "parameters": [lang],
            "responses": {"200": {"description": "XLSX", "content": {XLSX: {}}}, **errors(401, 403)}}}
           for kind, summary in (("acceptance", "验收汇总表（XLSX）"), ("recall", "资金收回案件（XLSX）"))}}
