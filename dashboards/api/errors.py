"""JSON answers for every error under /api: 400 with the problems, 401, 403, 404, 405, 409, 413,
415, and never an HTML page or a 500 for bad input."""
from __future__ import annotations

import logging
from typing import Any

from dash.exceptions import CallbackException
from flask import Flask, jsonify, request
from sqlalchemy.exc import DataError, DBAPIError, OperationalError, ProgrammingError, StatementError
from werkzeug.exceptions import HTTPException

from tracker.errors import InputError, NotFound, StateError, TrackerError

log = logging.getLogger("tracker.web")
NOT_FOUND_MESSAGE = "不存在，或您无权查看"


def answer(status: int, error: str, message: str, **extra: Any):  # type: ignore[no-untyped-def]
    response = jsonify({"error": error, "message": message, **extra})
    response.status_code = status
    return response


def bad_request(problems: list[tuple[str | None, str]]):  # type: ignore[no-untyped-def]
    return answer(400, "bad_request", "请求有误", errors=[{"field": f, "message": m} for f, m in problems])


RETRY_AFTER_BUSY = 5
# SQLite's "database is locked"; PostgreSQL's lock_not_available, serialization and deadlock.
_LOCK_CODES = {"55P03", "40001", "40P01", "57014"}


def _is_lock_timeout(exc: OperationalError) -> bool:
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in _LOCK_CODES or "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)


def _unbindable_value(exc: Exception) -> bool:
    """A browser-sent value of a type the driver cannot bind (a dict where a text belongs)."""
    text = str(getattr(exc, "orig", exc))
    return isinstance(exc, ProgrammingError) and ("binding parameter" in text or "cannot adapt" in text)


def _malformed(exc: Exception) -> bool:
    if _unbindable_value(exc):
        return True
    if isinstance(exc, StatementError) and not isinstance(exc, DBAPIError):
        exc = exc.orig if isinstance(exc.orig, Exception) else exc  # a value the driver could not bind
    return isinstance(exc, (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError,
                            RecursionError, ArithmeticError, DataError, CallbackException))


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(TrackerError)
    def _tracker(exc: TrackerError):  # type: ignore[no-untyped-def]
        """Every domain error in one place: its class carries the status and the error code."""
        if isinstance(exc, NotFound):
            # One body for "missing" and "not yours": nothing in it may tell the two apart.
            return answer(exc.http_status, exc.code, NOT_FOUND_MESSAGE)
        if isinstance(exc, InputError) and exc.http_status == 400:
            return bad_request([(p.field, p.message) for p in exc.problems])
        response = answer(exc.http_status, exc.code, str(exc),
                          **(exc.details() if isinstance(exc, StateError) else {}))
        retry_after = getattr(exc, "retry_after", None)  # a sign-in delay says how long it runs
        if retry_after:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(OperationalError)
    def _busy(exc: OperationalError):  # type: ignore[no-untyped-def]
        if not _is_lock_timeout(exc):
            return _unexpected(exc)
        log.warning("busy on %s %s: %s", request.method, request.path, exc.orig)
        response = answer(503, "busy", "系统繁忙，请稍后重试；未做任何更改")
        response.headers["Retry-After"] = str(RETRY_AFTER_BUSY)
        return response

    @app.errorhandler(StatementError)
    def _unbindable(exc: StatementError):  # type: ignore[no-untyped-def]
        if isinstance(exc, DBAPIError) or not isinstance(exc.orig, (OverflowError, ValueError)):
            return _unexpected(exc)
        return bad_request([(None, "输入的值超出允许范围")])  # e.g. an id the driver cannot bind

    @app.errorhandler(DataError)
    def _unstorable(exc: DataError):  # type: ignore[no-untyped-def]
        # A value the database cannot hold that no check caught first: still the caller's input.
        log.warning("value refused by the database on %s %s: %s", request.method, request.path, exc.orig)
        return bad_request([(None, "输入的值超出允许范围")])

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):  # type: ignore[no-untyped-def]
        if not request.path.startswith("/api/"):
            return exc
        messages = {404: "没有这个地址", 405: "该地址不支持此方法", 413: "请求过大（佐证材料不超过 20 MB）"}
        response = answer(exc.code or 500, (exc.name or "error").lower().replace(" ", "_"),
                          messages.get(exc.code or 0, exc.description or ""))
        retry_after = dict(exc.get_headers()).get("Retry-After")
        if retry_after:
            response.headers["Retry-After"] = retry_after
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):  # type: ignore[no-untyped-def]
        if request.path == "/_dash-update-component" and _malformed(exc):
            # Dash raises these for a request that names no known callback or is malformed, and
            # callbacks for inputs no page could send (a start row of 10^30, a NaN filter).
            return answer(400, "bad_request", "无效的回调请求")
        log.exception("unexpected error on %s %s", request.method, request.path)
        return answer(500, "internal_error", "服务器内部错误，已记录")
