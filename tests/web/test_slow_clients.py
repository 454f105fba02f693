"""A slow or stuck client never holds the database: bodies are read before any write
transaction opens, and a write that still cannot get the lock answers 503 with Retry-After."""
from __future__ import annotations

import socket
import sqlite3
import threading
import time

from support.files import minimal_pdf
from support.web import Server

BOUNDARY = "----trickle"


def multipart_claim(title: str, size: int) -> bytes:
    fields = {"indicator": "certified_staff", "date": "2025-10-01", "title": title, "reference": f"SLOW-{title}"}
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()]
    body = "".join(parts).encode()
    pdf = minimal_pdf("x" * size)
    body += (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
             f"Content-Type: application/pdf\r\n\r\n").encode() + pdf + f"\r\n--{BOUNDARY}--\r\n".encode()
    return body


def trickle(server: Server, cookie: str, body: bytes, per_second: int, answer: list[bytes]) -> None:
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as s:
        s.sendall((f"POST /api/projects/SZIPS-2024-001/achievements HTTP/1.1\r\nHost: {host}:{port}\r\n"
                   f"Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
                   f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode())
        step = max(1, per_second // 10)
        try:
            for i in range(0, len(body), step):
                s.sendall(body[i:i + step])
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered before the body was complete
        s.settimeout(30)
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
        except ConnectionResetError:
            pass
        answer.append(data)


def test_a_second_writer_finishes_while_an_upload_trickles_in(sqlite_server):
    ent, bureau = sqlite_server.client("ent1"), sqlite_server.client("bureau")
    cookie = "; ".join(f"{k}={v}" for k, v in ent.cookies.items())
    answer: list[bytes] = []
    slow = threading.Thread(target=trickle, args=(sqlite_server, cookie, multipart_claim("slow", 40_000),
                                                   8_000, answer))
    slow.start()
    time.sleep(1.5)  # the body is now half sent
    assert slow.is_alive()
    started = time.monotonic()
    review = bureau.post(f"{sqlite_server.base}/api/achievements/1/review", json={"decision": "verified"})
    other = sqlite_server.client().post(f"{sqlite_server.base}/api/login",
                                        json={"username": "sip", "password": "wrong-password-1"})
    elapsed = time.monotonic() - started
    slow.join(30)
    assert review.status_code == 200 and other.status_code == 401
    assert elapsed < 2, f"a review and a sign-in waited {elapsed:.1f} s behind a trickling upload"
    assert answer and answer[0].startswith(b"HTTP/1.1 201"), answer[:1]


def test_a_body_slower_than_the_upload_limit_is_refused_and_nothing_is_written(sqlite_portfolio, tmp_path):
    server = Server(sqlite_portfolio.url, tmp_path / "evidence", upload_seconds=1.0)
    try:
        ent = server.client("ent1")
        cookie = "; ".join(f"{k}={v}" for k, v in ent.cookies.items())
        before = sqlite_portfolio.json("achievements", "list")
        answer: list[bytes] = []
        trickle(server, cookie, multipart_claim("slower", 30_000), 8_000, answer)
        assert answer[0].startswith(b"HTTP/1.1 408"), answer[0][:200]
        assert sqlite_portfolio.json("achievements", "list") == before
    finally:
        server.close()


def test_a_write_that_cannot_get_the_lock_answers_503_with_retry_after(sqlite_portfolio, tmp_path):
    server = Server(sqlite_portfolio.url, tmp_path / "evidence", lock_timeout_s=0.5)
    try:
        bureau = server.client("bureau")
        holder = sqlite3.connect(sqlite_portfolio.url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process holding the write lock
        try:
            r = bureau.post(f"{server.base}/api/achievements/1/review", json={"decision": "verified"})
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert r.status_code == 503, r.text
        assert int(r.headers["Retry-After"]) > 0 and r.json()["error"] == "busy"
        assert bureau.post(f"{server.base}/api/achievements/1/review",
                           json={"decision": "verified"}).status_code == 200
    finally:
        server.close()


def test_a_validly_signed_but_undecodable_session_cookie_is_401_not_500(sqlite_server):
    import requests
    from itsdangerous import URLSafeSerializer
    serializer = URLSafeSerializer("test-secret", salt="tracker-session")
    signer = serializer.make_signer("tracker-session")
    for value in (signer.sign(b"!!not-base64!!").decode(), signer.sign(b"e30").decode(),  # {} is no token
                  serializer.dumps({"not": "a token"}), "forged.value"):
        r = requests.get(f"{sqlite_server.base}/api/me", cookies={"tracker_session": value})
        assert r.status_code == 401, (value, r.status_code, r.text[:200])
