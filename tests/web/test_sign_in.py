"""Sign-in, sessions and the guards around them."""
import os
import stat

from dashboards.settings import secret_key
from support.web import PASSWORD


def test_bad_credentials_are_401_and_repeated_failures_429(sqlite_server):
    c = sqlite_server.client()
    url = f"{sqlite_server.base}/api/login"
    unknown = c.post(url, json={"username": "nobody", "password": "x" * 12})
    wrong = c.post(url, json={"username": "ent1", "password": "x" * 12})
    assert (unknown.status_code, wrong.status_code) == (401, 401)
    assert unknown.json() == wrong.json()  # an unknown user and a wrong password look alike
    for _ in range(4):
        c.post(url, json={"username": "ent1", "password": "wrong-password"})
    throttled = c.post(url, json={"username": "ent1", "password": PASSWORD})
    assert throttled.status_code == 429 and throttled.headers["Retry-After"]
    assert c.post(url, json={"username": "ent2", "password": PASSWORD}).status_code == 200


def test_the_session_cookie_is_httponly_and_samesite_lax(sqlite_server):
    r = sqlite_server.client().post(f"{sqlite_server.base}/api/login",
                                    json={"username": "bureau", "password": PASSWORD})
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert r.json() == {"username": "bureau", "role": "bureau", "district": None, "uscc": None}


def test_signing_out_ends_the_session_even_for_a_copied_cookie(sqlite_server):
    c = sqlite_server.client("ent1")
    copied = dict(c.cookies)
    assert c.post(f"{sqlite_server.base}/api/logout").status_code == 200
    import requests
    again = requests.get(f"{sqlite_server.base}/api/me", cookies=copied)
    assert again.status_code == 401


def test_a_disabled_account_is_signed_out_at_once(sqlite_server, sqlite_portfolio):
    c = sqlite_server.client("ent2")
    sqlite_portfolio("users", "disable", "ent2")
    assert c.get(f"{sqlite_server.base}/api/me").status_code == 401
    assert sqlite_server.client().post(f"{sqlite_server.base}/api/login",
                                       json={"username": "ent2", "password": PASSWORD}).status_code == 401


def test_a_forged_cookie_is_ignored(sqlite_server):
    import requests
    r = requests.get(f"{sqlite_server.base}/api/me", cookies={"tracker_session": "forged.value"})
    assert r.status_code == 401


def test_not_signed_in_is_401_everywhere_but_login_and_the_description(sqlite_server):
    import requests
    b = sqlite_server.base
    for method, path in (("get", "/api/me"), ("get", "/api/projects"), ("get", "/api/alerts"),
                         ("post", "/api/logout"), ("get", "/api/projects/SZIPS-2024-001"),
                         ("post", "/api/projects/SZIPS-2024-001/achievements"),
                         ("post", "/api/achievements/1/review")):
        assert getattr(requests, method)(b + path).status_code == 401, path
    assert requests.get(b + "/api/openapi.json").status_code == 200


def test_security_headers_on_every_answer(sqlite_server):
    import requests
    r = requests.get(f"{sqlite_server.base}/api/openapi.json")
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"


def test_the_generated_secret_key_file_is_readable_only_by_its_owner(tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKER_SECRET_KEY", raising=False)
    path = tmp_path / "secret_key"
    key = secret_key(path)
    assert len(key) > 40 and secret_key(path) == key
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_users_add_refuses_bad_accounts_and_never_stores_the_password(sqlite_portfolio):
    t = sqlite_portfolio
    assert "至少" in t("users", "add", "x", "--role", "bureau", "--password-stdin", input="short\n", expect=2).stderr
    assert "已存在" in t("users", "add", "ent1", "--role", "auditor", "--password-stdin",
                         input=PASSWORD + "\n", expect=2).stderr
    assert "--uscc" in t("users", "add", "y", "--role", "enterprise", "--password-stdin",
                         input=PASSWORD + "\n", expect=2).stderr
    dump = str(t.snapshot())
    assert PASSWORD not in dump and "argon2id" in dump
