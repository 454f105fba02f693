"""Downloads of whole files about projects: the project dossier (DOMAIN.md section 13).
Whoever may see the project may download it; for anyone else it does not exist (404)."""
from __future__ import annotations

from typing import Any, Callable

from flask import Blueprint, Response, request

from dashboards.api.auth import signed_in
from dashboards.sessions import current_principal, reading, settings
from tracker.dossier import build_dossier, dossier_name

bp = Blueprint("dossier", __name__)


@bp.get("/api/projects/<code>/dossier.zip")
@signed_in
def dossier(code: str):  # type: ignore[no-untyped-def]
    lang = "en" if request.args.get("lang") == "en" else "zh"
    with reading() as session:
        body = build_dossier(session, current_principal(), code, settings().today(),
                             settings().evidence_root, lang)
    return Response(body, mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{dossier_name(code)}"',
                             "Cache-Control": "no-store"})


def paths(errors: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """This module's routes in the OpenAPI description."""
    code = {"name": "code", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 60}}
    lang = {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": ["zh", "en"]}}
    return {"/api/projects/{code}/dossier.zip": {"get": {
        "summary": "项目档案（ZIP：可打印摘要、成果台账、佐证材料、决定、审计记录）", "parameters": [code, lang],
        "responses": {"200": {"description": "ZIP", "content": {"application/zip": {}}}, **errors(401, 404)}}}}
