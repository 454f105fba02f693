"""Review decisions and evidence downloads of single achievement records."""
from __future__ import annotations

from flask import Blueprint, jsonify, request, send_file

from dashboards.api.auth import signed_in
from dashboards.api.params import json_object
from dashboards.sessions import current_principal, reading, settings, writing
from tracker.access import visible_achievement
from tracker.errors import InputError, NotFound, Problem
from tracker.importers.values import parse_text
from tracker.evidence import EXTENSIONS, MEDIA_TYPES, path_for
from tracker.models import Achievement, Project
from tracker.queries.achievements import list_achievements
from tracker.services.achievements import DECISIONS, review_achievement

bp = Blueprint("reviews", __name__)
PREVIEWABLE = ("pdf", "jpeg", "png")
PREVIEW_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
MAX_REASON = 2000

@bp.post("/api/achievements/<id:achievement_id>/review")
@signed_in
def review(achievement_id: int):  # type: ignore[no-untyped-def]
    body = json_object()
    decision, reason = body.get("decision"), body.get("reason")
    problems = []
    if decision not in DECISIONS:
        problems.append(Problem("decision 应为 verified（核实）、rejected（驳回）或 returned（退回修改）",
                                field="decision"))
    if reason is not None and not isinstance(reason, str):
        problems.append(Problem("reason 应为文本", field="reason"))
    elif reason is not None:
        try:
            reason = parse_text(reason)[:MAX_REASON] or None
        except ValueError as exc:
            problems.append(Problem(str(exc), field="reason"))
    principal = current_principal()
    with writing() as session:
        if problems:  # a record the user may not see is still a 404, whatever the body
            _visible_achievement(session, achievement_id)
            raise InputError(problems)
        achievement = review_achievement(session, achievement_id, decision, actor=principal,
                                         on=settings().today(), reason=reason)
        session.flush()
        code = session.get(Project, achievement.project_id).code
        record = next(r for r in list_achievements(session, principal, code) if r["id"] == achievement_id)
    return jsonify(record)

def _visible_achievement(session, achievement_id: int) -> Achievement:  # type: ignore[no-untyped-def]
    return visible_achievement(session, current_principal(), achievement_id)[0]

@bp.get("/api/achievements/<id:achievement_id>/evidence")
@signed_in
def evidence(achievement_id: int):  # type: ignore[no-untyped-def]
    with reading() as session:
        a = _visible_achievement(session, achievement_id)
        sha, kind = a.evidence_sha256, a.evidence_type
    if not sha or not kind:
        raise NotFound(f"成果记录 {achievement_id} 没有上传佐证材料")
    path = path_for(sha, settings().evidence_root)
    if not path.exists():
        raise NotFound(f"成果记录 {achievement_id} 的佐证材料文件缺失")
    # ?inline=1 shows a PDF or an image inside the review queue's preview (same origin only);
    # other kinds, and every plain request, are downloads
    inline = request.args.get("inline") == "1" and kind in PREVIEWABLE
    response = send_file(path, mimetype=MEDIA_TYPES[kind], as_attachment=not inline,
                         download_name=f"evidence-{achievement_id}{EXTENSIONS[kind]}")
    if inline:
        response.headers["Content-Security-Policy"] = PREVIEW_CSP
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
