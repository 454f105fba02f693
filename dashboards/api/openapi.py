"""The OpenAPI 3 description of the JSON API (INTERFACES.md section 4), served at /api/openapi.json."""
from __future__ import annotations

from enum import StrEnum
from typing import Any

from flask import Blueprint, jsonify

from dashboards.api.closing import SCHEMAS as CLOSING_SCHEMAS
from dashboards.api.closing import paths as closing_paths
from dashboards.api.dossier import paths as dossier_paths
from tracker.catalogue import ALIASES, label
from tracker.vocab import (AchievementStatus, AlertKind, IndicatorKind, ProjectFlag, ProjectState, RecordFlag,
                           ReviewDecision, RiskLevel, RiskReason, Role, SourceType, StandardLevel)

bp = Blueprint("openapi", __name__)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {400: "输入有误", 401: "未登录", 403: "角色无权执行", 404: "不存在或无权查看（两者不可区分）",
            409: "状态不允许或并发冲突", 413: "佐证材料超过 20 MB", 415: "佐证材料类型不支持",
            429: "登录失败次数过多"}
    return {str(c): _json(_ref("Error"), text[c]) for c in codes}


def _described(of: type[StrEnum], only: tuple[str, ...] | None = None) -> str:
    """The codes of a set with their labels, from the catalogue."""
    return "; ".join(f"{c}: {label(c, 'zh', of)} / {label(c, 'en', of)}" for c in (only or [m.value for m in of]))


def _enum(of: type[StrEnum], nullable: bool = False, spellings: bool = False,
          only: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A closed set's schema generated from tracker.vocab, its labels in the description;
    `spellings` also admits the labels and aliases an input accepts."""
    values: list[Any] = list(only or [m.value for m in of])
    if spellings:
        values += [w for m in of for w in (label(m, "zh"), *ALIASES.get(of, {}).get(m, ())) if w not in values]
    return {"type": ["string", "null"] if nullable else "string", "enum": values + ([None] if nullable else []),
            "description": _described(of, only)}


# The statuses a listing shows: withdrawn claims live on only in the audit trail.
LISTED_STATUSES = tuple(s.value for s in AchievementStatus if s != AchievementStatus.WITHDRAWN)


CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 60}}
ACHIEVEMENT_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
TODAY = {"name": "today", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}}
PROGRAMME = {"name": "programme", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "only the projects of the programme with this code (default: every programme); "
                            "an unknown code is a 400 whose message lists the codes loaded"}
NULLABLE_STRING = {"type": ["string", "null"]}
CLAIM_FIELDS = {
    "indicator": {"type": "string"}, "date": {"type": "string", "format": "date"}, "title": {"type": "string"},
    "quantity": {"type": ["integer", "null"], "minimum": 1},
    "level": _enum(StandardLevel, nullable=True, spellings=True),
    "source_type": _enum(SourceType, nullable=True, spellings=True),
    "year": {"type": ["integer", "null"]}, "value": {"type": ["number", "string", "null"]},
    "text": NULLABLE_STRING, "reference": NULLABLE_STRING, "evidence": NULLABLE_STRING,
}
IDEMPOTENCY_KEY = {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$",
                   "description": "optional; a second claim with the same key from the same enterprise is "
                                  "refused with 409 (also accepted as the Idempotency-Key header)"}
VERSION = {"type": ["integer", "null"], "minimum": 1,
           "description": "optional; the record's version the client saw: 409 when it changed since"}

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "知识产权和标准融合计划 项目跟踪 API", "version": "1.0.0",
             "description": "JSON in, JSON out; a session cookie after POST /api/login. A project or record "
                            "the user may not see answers 404, exactly like one that does not exist."},
    "components": {
        "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "tracker_session"}},
        "schemas": {
            "Error": {"type": "object", "required": ["error", "message"], "properties": {
                "error": {"type": "string"}, "message": {"type": "string"},
                "current": {"type": "string", "description": "409 on a refused state change: the state's code"},
                "allowed": {"type": "array", "items": {"type": "string"},
                            "description": "409 on a refused state change: the codes of the allowed next states"},
                "errors": {"type": "array", "items": {"type": "object", "properties": {
                    "field": NULLABLE_STRING, "message": {"type": "string"}}}}}},
            "Me": {"type": "object", "required": ["username", "role"], "properties": {
                "username": {"type": "string"},
                "role": _enum(Role),
                "district": NULLABLE_STRING, "uscc": NULLABLE_STRING}},
            "Indicator": {"type": "object", "properties": {
                "id": {"type": "string"}, "kind": _enum(IndicatorKind),
                "required": {"type": "integer"}, "claimed": {"type": "integer"}, "verified": {"type": "integer"},
                "achieved": {"type": "boolean"}}},
            "ProjectStatus": {"type": "object", "required": ["project_code", "state", "risk"], "properties": {
                "project_code": {"type": "string"}, "state": _enum(ProjectState),
                "start_date": {"type": "string", "format": "date"}, "end_date": {"type": "string", "format": "date"},
                "acceptance_request_deadline": {"type": "string", "format": "date"},
                "acceptance_request_effective_deadline": {"type": "string", "format": "date"},
                "days_to_acceptance_request_deadline": {"type": "integer"},
                "elapsed": {"type": "number"}, "pace": {"type": "number"},
                "programme": {"type": "string", "description": "the code of the project's programme"},
                "targets_achieved": {"type": "integer", "minimum": 0},
                "targets_total": {"type": "integer", "minimum": 1,
                                  "description": "the number of targets of the project's own programme"},
                "targets": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "string"}, "achieved": {"type": "boolean"},
                    "indicators": {"type": "array", "items": _ref("Indicator")}}}},
                "risk": _enum(RiskLevel),
                "risk_reasons": {"type": "array", "items": _enum(RiskReason)},
                "grant_wan": {"type": "string"},
                "disbursed_wan": {"type": "string", "description": "gross: every disbursement, recalls not deducted"},
                "recalled_wan": {"type": "string"},
                "net_disbursed_wan": {"type": "string", "description": "disbursed_wan - recalled_wan"},
                "funds_at_risk_wan": {"type": "string"}, "flags": {"type": "array", "items": _enum(ProjectFlag)}}},
            "Achievement": {"type": "object", "required": ["id", "project_code", "indicator", "status"],
                            "properties": {
                "id": {"type": "integer"}, "project_code": {"type": "string"}, "indicator": {"type": "string"},
                "date": {"type": "string", "format": "date"}, "title": {"type": "string"},
                "quantity": {"type": "integer"}, "level": NULLABLE_STRING, "source_type": NULLABLE_STRING,
                "year": {"type": ["integer", "null"]}, "value": {"type": ["number", "null"]},
                "reference": NULLABLE_STRING,
                "status": {**_enum(AchievementStatus, only=LISTED_STATUSES),
                           "description": _described(AchievementStatus, LISTED_STATUSES)
                           + " (withdrawn records are left out)"},
                "flags": {"type": "array", "items": _enum(RecordFlag)}, "text_chars": {"type": "integer"},
                "reviewed_by": NULLABLE_STRING, "reviewed_on": {"type": ["string", "null"], "format": "date"},
                "review_reason": NULLABLE_STRING, "evidence_name": NULLABLE_STRING,
                "claimed_by": {"type": "string"}, "claimed_on": {"type": "string", "format": "date"},
                "version": {"type": "integer", "description": "raised by every edit; send it back to detect a lost race"}}},
            "Claim": {"type": "object", "required": ["indicator", "date", "title"],
                      "properties": {**CLAIM_FIELDS, "idempotency_key": IDEMPOTENCY_KEY}},
            "ClaimChange": {"type": "object", "required": ["indicator", "date", "title"],
                            "properties": {**CLAIM_FIELDS, "version": VERSION}},
            "Alert": {"type": "object", "properties": {
                "project_code": {"type": "string"}, "kind": _enum(AlertKind), "key": NULLABLE_STRING,
                "raised_on": {"type": "string", "format": "date"},
                "due": {"type": ["string", "null"], "format": "date"}, "days_left": {"type": ["integer", "null"]}}},
        }},
    "security": [{"session": []}],
    "paths": {
        "/api/login": {"post": {
            "summary": "登录", "security": [],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["username", "password"],
                "properties": {"username": {"type": "string"}, "password": {"type": "string"}}}}}},
            "responses": {"200": _json(_ref("Me"), "已登录，并设置会话 Cookie"), **_errors(400, 401, 429)}}},
        "/api/logout": {"post": {"summary": "退出登录",
                                 "responses": {"200": _json({"type": "object"}), **_errors(401)}}},
        "/api/me": {"get": {"summary": "当前用户", "responses": {"200": _json(_ref("Me")), **_errors(401)}}},
        "/api/projects": {"get": {
            "summary": "可见的全部项目", "parameters": [TODAY, PROGRAMME],
            "responses": {"200": _json({"type": "array", "items": _ref("ProjectStatus")}), **_errors(400, 401)}}},
        "/api/projects/{code}": {"get": {
            "summary": "一个项目", "parameters": [CODE, TODAY],
            "responses": {"200": _json(_ref("ProjectStatus")), **_errors(400, 401, 404)}}},
        "/api/projects/{code}/achievements": {
            "get": {"summary": "项目的成果记录", "parameters": [CODE],
                    "responses": {"200": _json({"type": "array", "items": _ref("Achievement")}),
                                  **_errors(401, 404)}},
            "post": {"summary": "申报一条成果（项目承担单位）", "parameters": [CODE],
                     "requestBody": {"required": True, "content": {
                         "application/json": {"schema": _ref("Claim")},
                         "multipart/form-data": {"schema": {"type": "object", "required": ["indicator", "date", "title"],
                                                            "properties": {**CLAIM_FIELDS, "idempotency_key": IDEMPOTENCY_KEY,
                                                                           "file": {"type": "string", "format": "binary"}}}}}},
                     "responses": {"201": _json(_ref("Achievement"), "已记录"),
                                   **_errors(400, 401, 403, 404, 409, 413, 415)}}},
        "/api/achievements/{id}": {"put": {
            "summary": "修改待审核的成果，或改正后重新提交已退回/已驳回的成果（项目承担单位）",
            "description": "The full set of the claim's fields, as for a new claim; the evidence file stays unless "
                           "a new one is sent. The same record goes back to 待审核; the audit trail keeps each version.",
            "parameters": [ACHIEVEMENT_ID],
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": _ref("ClaimChange")},
                "multipart/form-data": {"schema": {"type": "object", "required": ["indicator", "date", "title"],
                                                   "properties": {**CLAIM_FIELDS, "version": VERSION,
                                                                  "file": {"type": "string", "format": "binary"}}}}}},
            "responses": {"200": _json(_ref("Achievement")), **_errors(400, 401, 403, 404, 409, 413, 415)}}},
        "/api/achievements/{id}/withdraw": {"post": {
            "summary": "撤回未核实的成果（项目承担单位）；记录保留在审计日志中", "parameters": [ACHIEVEMENT_ID],
            "requestBody": {"required": False, "content": {"application/json": {"schema": {
                "type": "object", "properties": {"version": VERSION}}}}},
            "responses": {"200": _json({"type": "object", "properties": {
                "id": {"type": "integer"}, "project_code": {"type": "string"},
                "status": {"type": "string", "enum": ["withdrawn"]}, "version": {"type": "integer"}}}),
                **_errors(400, 401, 403, 404, 409)}}},
        "/api/achievements/{id}/review": {"post": {
            "summary": "审核成果（市局；本地区的地区管理部门）", "parameters": [ACHIEVEMENT_ID],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["decision"], "properties": {
                    "decision": {**_enum(ReviewDecision), "description": _described(ReviewDecision)
                                 + " (returned goes back to the enterprise)"},
                    "reason": {"type": ["string", "null"],
                               "description": "required for rejected and returned"}}}}}},
            "responses": {"200": _json(_ref("Achievement")), **_errors(400, 401, 403, 404, 409)}}},
        "/api/achievements/{id}/evidence": {"get": {
            "summary": "下载佐证材料", "parameters": [ACHIEVEMENT_ID],
            "responses": {"200": {"description": "文件", "content": {"application/octet-stream": {}}},
                          **_errors(401, 404)}}},
        "/api/projects/{code}/acceptance-request": {"post": {
            "summary": "提出验收申请（项目承担单位）", "parameters": [CODE],
            "responses": {"200": _json(_ref("ProjectStatus")), **_errors(401, 403, 404, 409)}}},
        "/api/alerts": {"get": {"summary": "可见项目的提醒",
                                "responses": {"200": _json({"type": "array", "items": _ref("Alert")}),
                                              **_errors(401)}}},
        "/api/projects/{code}/calendar.ics": {"get": {
            "summary": "项目截止日（iCalendar）", "parameters": [CODE],
            "responses": {"200": {"description": "iCalendar", "content": {"text/calendar": {}}},
                          **_errors(401, 404)}}},
        "/api/openapi.json": {"get": {"summary": "本说明", "security": [],
                                      "responses": {"200": _json({"type": "object"})}}},
    },
}


# The closing stage's routes describe themselves beside their code.
SPEC["components"]["schemas"].update(CLOSING_SCHEMAS)
SPEC["paths"].update(closing_paths(_ref, _json, _errors))
SPEC["paths"].update(dossier_paths(_errors))


@bp.get("/api/openapi.json")
def openapi():  # type: ignore[no-untyped-def]
    return jsonify(SPEC)
