"""The closing stage in the JSON API (issue 11, item 7): a project's acceptance reviews, recall
case and history for whoever may see the project, and the enterprise's statement (陈述申辩)
on its own project's recall proposal, as JSON or multipart with an evidence file."""
from __future__ import annotations

from typing import Any, Callable

from flask import Blueprint, jsonify, request

from dashboards.api.auth import signed_in
from dashboards.api.params import json_object, scalar_fields
from dashboards.sessions import current_principal, reading, settings, writing
from tracker.access import visible_project
from tracker.errors import InputError, NotFound, Problem
from tracker.queries.closing import case_json, history_json, project_closing, review_json
from tracker.services.recalls import respond

bp = Blueprint("closing", __name__)


def _facts(code: str):  # type: ignore[no-untyped-def]
    with reading() as session:
        facts = project_closing(session, current_principal(), code)
    if facts is None:
        raise NotFound(f"项目 {code} 不存在")
    return facts


@bp.get("/api/projects/<code>/reviews")
@signed_in
def reviews(code: str):  # type: ignore[no-untyped-def]
    return jsonify([review_json(code, r) for r in _facts(code).reviews])


@bp.get("/api/projects/<code>/recall")
@signed_in
def recall(code: str):  # type: ignore[no-untyped-def]
    case = _facts(code).case
    return jsonify(case_json(code, case) if case else None)


@bp.get("/api/projects/<code>/history")
@signed_in
def history(code: str):  # type: ignore[no-untyped-def]
    return jsonify(history_json(code, _facts(code)))


def _statement_input() -> tuple[str, Any]:
    if request.mimetype == "multipart/form-data":
        return request.form.get("statement", ""), request.files.get("file")
    values = scalar_fields(json_object())
    text = values.get("statement")
    return (text if isinstance(text, str) else ""), None


@bp.post("/api/projects/<code>/recall/statement")
@signed_in
def statement(code: str):  # type: ignore[no-untyped-def]
    principal = current_principal()
    with writing() as session:
        visible_project(session, principal, code)  # 404 before the body is even read
        text, upload = _statement_input()
        if not text.strip():
            raise InputError(Problem("陈述申辩的内容不能为空", field="statement"))
        case = respond(session, principal, code, on=settings().today(), statement=text,
                       evidence=upload.read() if upload is not None else None,
                       filename=upload.filename if upload is not None else None,
                       evidence_root=settings().evidence_root)
        body = case_json(code, case)
    return jsonify(body), 201


# --- the OpenAPI description of these routes (merged into /api/openapi.json) ---------------

_DATE = {"type": "string", "format": "date"}
_NULL_DATE = {"type": ["string", "null"], "format": "date"}
_FLAGS = {"type": "array", "items": {"type": "string"}}
_CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 60}}
SCHEMAS: dict[str, Any] = {
    "AcceptanceReview": {"type": "object", "properties": {
        "project_code": {"type": "string"}, "reviewed_on": _DATE, "panel": {"type": "array", "items": {"type": "string"}},
        "findings": {"type": "object", "additionalProperties": {"type": "string", "enum": ["met", "unmet"]}},
        "targets_met": {"type": "integer"},
        "rule_conclusion": {"type": "string", "enum": ["passed", "rectify", "failed"]},
        "conclusion": {"type": "string", "enum": ["passed", "rectify", "failed"]},
        "rectification_deadline": _NULL_DATE, "rectification_effective_deadline": _NULL_DATE,
        "flags": _FLAGS, "by": {"type": "string"}, "reason": {"type": ["string", "null"]}}},
    "RecallCase": {"type": "object", "properties": {
        "project_code": {"type": "string"}, "state": {"type": "string", "enum": ["proposed", "decided", "waived"]},
        "proposed_on": _DATE, "rule_amount_wan": {"type": "string"}, "proposed_amount_wan": {"type": "string"},
        "response_deadline": _DATE, "response_effective_deadline": _DATE, "statement_on": _NULL_DATE,
        "decided_on": _NULL_DATE, "decided_amount_wan": {"type": ["string", "null"]}, "flags": _FLAGS}},
    "HistoryItem": {"type": "object", "required": ["on", "kind"], "properties": {
        "on": _DATE, "kind": {"type": "string", "enum": [
            "amendment", "acceptance_review", "inspection", "inspection_resolved", "recall_proposed",
            "recall_statement", "recall_decided"]},
        "by": {"type": ["string", "null"]}, "reason": {"type": ["string", "null"]}, "flags": _FLAGS,
        "changes": {"type": "object"}}},
}


def paths(ref: Callable[[str], dict[str, str]], answer: Callable[..., dict[str, Any]],
          errors: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The routes above, described with the OpenAPI module's own helpers."""
    return {
        "/api/projects/{code}/reviews": {"get": {
            "summary": "项目的验收评审（含整改后复审）", "parameters": [_CODE],
            "responses": {"200": answer({"type": "array", "items": ref("AcceptanceReview")}), **errors(401, 404)}}},
        "/api/projects/{code}/recall": {"get": {
            "summary": "项目的资金收回案件（待决定的，否则最近的；没有则为 null）", "parameters": [_CODE],
            "responses": {"200": answer({"oneOf": [ref("RecallCase"), {"type": "null"}]}), **errors(401, 404)}}},
        "/api/projects/{code}/history": {"get": {
            "summary": "项目的变更、验收评审、检查与资金收回记录（按时间先后）", "parameters": [_CODE],
            "responses": {"200": answer({"type": "array", "items": ref("HistoryItem")}), **errors(401, 404)}}},
        "/api/projects/{code}/recall/statement": {"post": {
            "summary": "就资金收回提议提交陈述申辩（项目承担单位，一次；可附佐证材料）", "parameters": [_CODE],
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": {"type": "object", "required": ["statement"],
                                                "properties": {"statement": {"type": "string"}}}},
                "multipart/form-data": {"schema": {"type": "object", "required": ["statement"], "properties": {
                    "statement": {"type": "string"}, "file": {"type": "string", "format": "binary"}}}}}},
            "responses": {"201": answer(ref("RecallCase"), "已记录"),
                          **errors(400, 401, 403, 404, 409, 413, 415)}}},
    }
