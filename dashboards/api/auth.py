"""Sign-in, sign-out, and who am I."""
from __future__ import annotations

from functools import wraps
from typing import Any, Callable

from flask import Blueprint, g, jsonify, request

from dashboards.api.errors import answer, bad_request
from dashboards.sessions import clear_session_cookie, current_principal, set_session_cookie, sign_in, writing
from tracker.importers.values import CONTROL
from tracker.services.accounts import close_session

bp = Blueprint("auth", __name__)


def signed_in(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_principal() is None:
            return answer(401, "unauthorized", "请先登录")
        return view(*args, **kwargs)
    return wrapper


def me_json() -> dict[str, Any]:
    p = current_principal()
    assert p is not None
    return {"username": p.name, "role": p.role, "district": p.district, "uscc": p.uscc}


@bp.post("/api/login")
def login():  # type: ignore[no-untyped-def]
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return bad_request([(None, "请求体应为 JSON 对象：{\"username\", \"password\"}")])
    username, password = body.get("username"), body.get("password")
    problems = [(f, "必填，且应为文本") for f, v in (("username", username), ("password", password))
                if not isinstance(v, str) or not v]
    if problems:
        return bad_request(problems)
    if len(username) > 200 or len(password) > 1024 or CONTROL.search(username):
        return answer(401, "unauthorized", "用户名或密码错误")  # no account has such a name or password
    user, token = sign_in(username, password)
    if user is None or token is None:
        return answer(401, "unauthorized", "用户名或密码错误")
    me = {"username": user.username, "role": user.role, "district": user.district, "uscc": user.uscc}
    response = jsonify(me)
    set_session_cookie(response, token)
    return response


@bp.post("/api/logout")
@signed_in
def logout():  # type: ignore[no-untyped-def]
    with writing() as session:
        close_session(session, g.session_token)
    response = jsonify({"signed_out": True})
    clear_session_cookie(response)
    return response


@bp.get("/api/me")
@signed_in
def me():  # type: ignore[no-untyped-def]
    return jsonify(me_json())
