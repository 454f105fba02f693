"""The enterprise's changes to its own claims: edit or correct-and-resubmit, and withdraw."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from dashboards.api.auth import signed_in
from dashboards.api.params import json_object, scalar_fields
from dashboards.sessions import current_principal, reading, settings, writing
from tracker.access import visible_achievement
from tracker.errors import InputError, Problem
from tracker.models import Project
from tracker.queries.achievements import list_achievements
from tracker.services.claim_changes import amend_claim, withdraw_claim
from tracker.services.claims import prepare_amendment

bp = Blueprint("claims", __name__)


def parse_version(raw: Any) -> int | None:
    """The record version the client last saw (optional): a change made since is a 409."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not (isinstance(raw, int) or (isinstance(raw, str) and raw.isdigit())):
        raise InputError(Problem("version 应为正整数", field="version"))
    value = int(raw)
    if not 1 <= value <= 2**31 - 1:
        raise InputError(Problem("version 应为正整数", field="version"))
    return value


def _record(session, achievement_id: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    achievement, project = visible_achievement(session, current_principal(), achievement_id)
    return next(r for r in list_achievements(session, current_principal(), project.code)
                if r["id"] == achievement.id)


@bp.put("/api/achievements/<id:achievement_id>")
@signed_in
def amend(achievement_id: int):  # type: ignore[no-untyped-def]
    """Edit a claim awaiting review, or correct and resubmit a returned or rejected one."""
    principal = current_principal()
    with reading() as session:
        visible_achievement(session, principal, achievement_id)  # 404 whatever the body
        if request.mimetype == "multipart/form-data":
            values, upload = request.form.to_dict(), request.files.get("file")
        else:
            values, upload = scalar_fields(json_object()), None
        version = parse_version(values.pop("version", None))
        item = prepare_amendment(session, principal, achievement_id, values,
                                 evidence=upload.read() if upload is not None else None,
                                 filename=upload.filename if upload is not None else None,
                                 evidence_root=settings().evidence_root)
    with writing() as session:
        amend_claim(session, principal, achievement_id, item, on=settings().today(), version=version)
        session.flush()
        return jsonify(_record(session, achievement_id))


@bp.post("/api/achievements/<id:achievement_id>/withdraw")
@signed_in
def withdraw(achievement_id: int):  # type: ignore[no-untyped-def]
    """Withdraw a claim that is not verified; it leaves the ledger and stays in the audit trail."""
    principal = current_principal()
    body = request.get_json(silent=True) if request.content_length else None
    version = parse_version(body.get("version")) if isinstance(body, dict) else None
    with writing() as session:
        achievement = withdraw_claim(session, principal, achievement_id, on=settings().today(),
                                     version=version)
        code = session.get(Project, achievement.project_id).code
        return jsonify({"id": achievement_id, "project_code": code, "status": achievement.status,
                        "version": achievement.version})
