"""Projects, their achievements and alerts, the acceptance request, the calendar."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Blueprint, Response, jsonify, request

from dashboards.api.auth import signed_in
from dashboards.api.params import json_object, programme_param, scalar_fields, today_param
from dashboards.sessions import current_principal, reading, settings, writing
from tracker.access import visible_project
from tracker.exports.ical import deadlines_calendar
from tracker.queries.achievements import achievement_json, list_achievements
from tracker.queries.disclosure import flags_for
from tracker.queries.alerts import list_alerts
from tracker.errors import NotFound
from tracker.queries.served import statuses_for
from tracker.queries.status import portfolio_status
from tracker.services.achievements import claim_achievement
from tracker.services.claims import prepare_claim
from tracker.services.submission_keys import parse_key
from tracker.services.programmes import programme_of
from tracker.services.projects import request_acceptance
from tracker.services.snapshots import recomputed_record_flags

bp = Blueprint("projects", __name__)
def _one_status(code: str, today: dt.date) -> dict[str, Any]:
    with reading() as session:
        found = portfolio_status(session, current_principal(), today, code)
    if not found:
        raise NotFound(f"项目 {code} 不存在")
    return found[0].to_json()


@bp.get("/api/projects")
@signed_in
def projects():  # type: ignore[no-untyped-def]
    today = today_param()
    with reading() as session:
        programme = programme_param(session)  # an unknown code: 400, before any work
        found, _served = statuses_for(session, current_principal(), today, programme)  # the read model when current
        return jsonify([s.to_json() for s in found])


@bp.get("/api/projects/<code>")
@signed_in
def project(code: str):  # type: ignore[no-untyped-def]
    return jsonify(_one_status(code, today_param()))


@bp.get("/api/projects/<code>/achievements")
@signed_in
def achievements(code: str):  # type: ignore[no-untyped-def]
    with reading() as session:
        visible_project(session, current_principal(), code)
        return jsonify(list_achievements(session, current_principal(), code))


def _claim_input() -> tuple[dict[str, Any], Any]:
    if request.mimetype == "multipart/form-data":
        return request.form.to_dict(), request.files.get("file")
    return scalar_fields(json_object()), None


@bp.post("/api/projects/<code>/achievements")
@signed_in
def claim(code: str):  # type: ignore[no-untyped-def]
    principal = current_principal()
    with reading() as session:  # every check, the body and the file before the write transaction
        visible_project(session, principal, code)  # 404 before the body is even read
        values, upload = _claim_input()
        key = parse_key(values.pop("idempotency_key", None) or request.headers.get("Idempotency-Key"))
        item = prepare_claim(session, principal, code, values,
                             evidence=upload.read() if upload is not None else None,
                             filename=upload.filename if upload is not None else None,
                             evidence_root=settings().evidence_root)
    with writing() as session:
        created = claim_achievement(session, item, principal, on=settings().today(), key=key)
    # The refresh before the commit computed the record's flags: the answer reuses them rather
    # than load the project a third time. Without a read model yet, the record is read again.
    flags = recomputed_record_flags(session).get(created.id)
    if flags is not None:
        return jsonify(achievement_json(created, code, flags_for(principal, flags))), 201
    with reading() as session:
        return jsonify(next(r for r in list_achievements(session, principal, code) if r["id"] == created.id)), 201


@bp.post("/api/projects/<code>/acceptance-request")
@signed_in
def acceptance_request(code: str):  # type: ignore[no-untyped-def]
    today = settings().today()
    with writing() as session:
        request_acceptance(session, current_principal(), code, on=today, programme_of=programme_of)
    return jsonify(_one_status(code, today))


@bp.get("/api/alerts")
@signed_in
def alerts():  # type: ignore[no-untyped-def]
    with reading() as session:
        return jsonify(list_alerts(session, current_principal()))


@bp.get("/api/projects/<code>/calendar.ics")
@signed_in
def calendar(code: str):  # type: ignore[no-untyped-def]
    with reading() as session:
        found = portfolio_status(session, current_principal(), settings().today(), code)
    if not found:
        raise NotFound(f"项目 {code} 不存在")
    body = deadlines_calendar(found, dt.datetime.now(dt.timezone.utc))
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", code)
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{safe}.ics"'})
