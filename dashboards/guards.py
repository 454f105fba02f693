"""Checks every request passes before any view runs: cross-site writes refused, the whole
body read (within a time limit) before any transaction can open, the client's address."""
from __future__ import annotations

import hmac
import hashlib
import ipaddress
import re
import threading
import time
from urllib.parse import urlsplit

from flask import Response, current_app, jsonify, request
from werkzeug.exceptions import BadRequest, NotFound, RequestTimeout, ServiceUnavailable

from dashboards.settings import WebSettings

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
MAX_JSON_DEPTH = 64
# Big bodies (uploads) are held in memory while checked: a few at a time per worker, so
# parallel uploads cannot exhaust it; the others wait a little, then get 503.
LARGE_BODY = 1024 * 1024
LARGE_BODY_WAIT_S = 10
_large_bodies = threading.BoundedSemaphore(4)
BODY_CHUNK = 4096  # small reads, so a trickling client meets the deadline between them


def _settings() -> WebSettings:
    return current_app.extensions["tracker.settings"]


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    default = {"http": 80, "https": 443}[parts.scheme]
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def allowed_origins() -> set[str]:
    configured = _settings().public_origins
    found = {_origin_of(o) for o in configured} if configured else {_origin_of(request.host_url)}
    return {o for o in found if o}


def _refuse(message: str) -> Response:
    response = jsonify({"error": "forbidden", "message": message})
    response.status_code = 403
    return response


def check_origin() -> Response | None:
    """A state-changing request from a browser page must come from one of our own pages:
    browsers send Origin on every cross-origin POST (Referer is the fallback). A request with
    neither comes from no page: a script with its own cookie, which keeps working."""
    if request.method in SAFE_METHODS:
        return None
    if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        return _refuse("拒绝来自其他站点页面的请求")
    origin = request.headers.get("Origin")
    if origin is None:
        referer = request.headers.get("Referer")
        if referer is None:
            return None
        origin = _origin_of(referer) or "null"
    if origin == "null" or _origin_of(origin) not in allowed_origins():
        return _refuse("拒绝来自其他来源页面的请求")
    return None


def read_body_first() -> None:
    """Read the whole body now, at most upload_seconds long: no view (and so no write
    transaction) ever waits on a slow client. Size is bounded by MAX_CONTENT_LENGTH (413)."""
    if request.method in SAFE_METHODS:
        return
    large = (request.content_length or 0) > LARGE_BODY or request.content_length is None
    if large and not _large_bodies.acquire(timeout=LARGE_BODY_WAIT_S):
        raise ServiceUnavailable("上传繁忙，请稍后重试", retry_after=LARGE_BODY_WAIT_S)
    try:
        _take_body()
    finally:
        if large:
            _large_bodies.release()


def _take_body() -> None:
    deadline = time.monotonic() + _settings().upload_seconds
    stream, chunks = request.stream, []
    while True:
        if time.monotonic() > deadline:
            raise RequestTimeout("请求体发送过慢")
        chunk = stream.read(BODY_CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
    body = b"".join(chunks)
    if request.mimetype == "application/json" or request.path == "/_dash-update-component":
        if json_depth(body) > MAX_JSON_DEPTH:
            raise BadRequest(f"JSON 嵌套超过 {MAX_JSON_DEPTH} 层")
    # Werkzeug parses the form and JSON from this cache instead of the consumed stream.
    request._cached_data = body  # noqa: SLF001


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(rb"[^\[\]{}]")


def json_depth(body: bytes) -> int:
    """How deeply a JSON text nests (strings ignored), without parsing it: the parser would
    recurse once per level and 100,000 brackets overflow its stack."""
    openings = body.count(b"[") + body.count(b"{")
    if openings <= MAX_JSON_DEPTH:
        return openings  # cannot nest deeper than it opens: the usual small body stops here
    brackets = _NOT_BRACKET.sub(b"", _JSON_STRING.sub(b"", body))
    deepest = depth = 0
    for opening in brackets.translate(bytes.maketrans(b"[{]}", b"\x01\x01\x00\x00")):
        depth = depth + 1 if opening else depth - 1
        deepest = max(deepest, depth)
    return deepest


def api_paths_only() -> None:
    """An /api/ path no API route serves is a JSON 404, not the pages' catch-all."""
    if request.path.startswith("/api/") and (request.url_rule is None
                                             or not request.url_rule.rule.startswith("/api/")):
        raise NotFound()


def client_address() -> str:
    """The peer's address; behind a configured trusted proxy, the nearest address in
    X-Forwarded-For that is not itself a trusted proxy."""
    peer = request.remote_addr or ""
    trusted = _networks(_settings().trusted_proxies)
    if not trusted or not _within(peer, trusted):
        return peer
    hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _within(hop, trusted):
            return hop[:64]
    return peer


def check_settings(settings: WebSettings) -> None:
    """Refuse to start on a malformed setting rather than fail on every request."""
    try:
        _networks(settings.trusted_proxies)
    except ValueError as exc:
        raise SystemExit(f"TRACKER_TRUSTED_PROXIES: {exc}") from None
    for origin in settings.public_origins:
        if _origin_of(origin) is None:
            raise SystemExit(f"TRACKER_PUBLIC_ORIGIN: not an http(s) origin: {origin!r}")


def _networks(values: tuple[str, ...]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(v, strict=False) for v in values]


def _within(address: str, networks: list) -> bool:  # type: ignore[type-arg]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in n for n in networks)


def form_token(session_token: str) -> str:
    """The token an HTML form of this session carries: tied to the session, unguessable."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"form:" + session_token.encode(), hashlib.sha256).hexdigest()


def form_token_ok(session_token: str | None, submitted: str | None) -> bool:
    return bool(session_token and submitted) and hmac.compare_digest(form_token(session_token), submitted)
