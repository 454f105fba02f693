"""Cross-site request forgery: a page on another port of the same host, or on another host,
cannot make a signed-in browser write anything; scripts with no Origin keep working."""
from __future__ import annotations

import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from support.web import PASSWORD

CLAIM = {"indicator": "certified_staff", "date": "2025-10-01", "title": "伪造", "reference": "CSRF-1"}


def volatile_free(snapshot):
    for table in ("web_sessions", "sign_in_counters"):
        snapshot.pop(table, None)
    return snapshot


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1"])
def test_a_write_from_another_origin_is_refused_and_changes_nothing(sqlite_server, sqlite_portfolio, origin):
    ent = sqlite_server.client("ent1")
    before = volatile_free(sqlite_portfolio.snapshot())
    b = sqlite_server.base
    for path, body in (("/api/projects/SZIPS-2024-001/achievements", CLAIM),
                       ("/api/projects/SZIPS-2024-001/acceptance-request", {}), ("/api/logout", {})):
        r = ent.post(b + path, json=body, headers={"Origin": origin})
        assert r.status_code == 403, (path, r.status_code)
    r = ent.post(b + "/api/projects/SZIPS-2024-001/achievements", json=CLAIM,
                 headers={"Referer": "http://127.0.0.1:1/attack.html"})
    assert r.status_code == 403
    assert volatile_free(sqlite_portfolio.snapshot()) == before
    assert ent.get(b + "/api/me").status_code == 200  # still signed in: the logout was refused too


def test_same_origin_pages_and_scripts_without_origin_may_write(sqlite_server):
    ent = sqlite_server.client("ent1")
    b = sqlite_server.base
    same = ent.post(b + "/api/projects/SZIPS-2024-001/achievements", json=CLAIM, headers={"Origin": b})
    assert same.status_code == 201
    script = ent.post(b + "/api/projects/SZIPS-2024-001/achievements", json={**CLAIM, "reference": "CSRF-2"})
    assert script.status_code == 201


def test_the_configured_public_origin_is_the_one_accepted(sqlite_portfolio, tmp_path):
    from support.web import Server
    server = Server(sqlite_portfolio.url, tmp_path / "ev", public_origins=("https://tracker.example",))
    try:
        ent = server.client("ent1")
        path = server.base + "/api/projects/SZIPS-2024-001/achievements"
        assert ent.post(path, json=CLAIM, headers={"Origin": server.base}).status_code == 403
        assert ent.post(path, json=CLAIM, headers={"Origin": "https://tracker.example"}).status_code == 201
    finally:
        server.close()


def test_signing_out_is_a_post_with_the_form_token(sqlite_server):
    c = requests.Session()
    page = c.get(sqlite_server.base + "/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = c.post(sqlite_server.base + "/login", data={"username": "ent1", "password": PASSWORD, "csrf_token": token},
               allow_redirects=False)
    assert r.status_code == 302
    assert c.get(sqlite_server.base + "/logout").status_code == 200  # a page with a button, nothing ended
    assert c.get(sqlite_server.base + "/api/me").status_code == 200
    assert c.post(sqlite_server.base + "/logout", data={}, allow_redirects=False).status_code == 403
    assert c.get(sqlite_server.base + "/api/me").status_code == 200
    confirm = c.get(sqlite_server.base + "/logout").text
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', confirm).group(1)
    assert c.post(sqlite_server.base + "/logout", data={"csrf_token": form_token},
                  allow_redirects=False).status_code == 302
    assert c.get(sqlite_server.base + "/api/me").status_code == 401


def test_a_sign_in_form_posted_without_this_browsers_token_is_refused(sqlite_server):
    """Login CSRF: another site's form would sign the victim in as the attacker."""
    r = requests.post(sqlite_server.base + "/login", data={"username": "ent1", "password": PASSWORD},
                      allow_redirects=False)
    assert r.status_code == 403 and "tracker_session" not in r.headers.get("Set-Cookie", "")


# ---- the same attacks from a real browser ----------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

ATTACK = """<!doctype html><html><body><h1>free prizes</h1>
<form id="f" method="post" action="{base}/api/projects/SZIPS-2024-001/acceptance-request" target="sink"></form>
<form id="g" method="post" action="{base}/logout" target="sink2"></form>
<iframe name="sink"></iframe><iframe name="sink2"></iframe>
<script>
const fd = new FormData();
fd.append("indicator", "certified_staff"); fd.append("date", "2025-10-01");
fd.append("title", "forged"); fd.append("reference", "CSRF-B");
fd.append("file", new Blob(["%PDF-1.4\\n%%EOF\\n"], {{type: "application/pdf"}}), "x.pdf");
const hits = [
  fetch("{base}/api/projects/SZIPS-2024-001/achievements", {{method: "POST", body: fd, mode: "no-cors", credentials: "include"}}),
  fetch("{base}/api/projects/SZIPS-2024-001/achievements", {{method: "POST", mode: "no-cors", credentials: "include",
        headers: {{"Content-Type": "text/plain"}}, body: JSON.stringify({{"indicator": "certified_staff",
        "date": "2025-10-01", "title": "forged2", "reference": "CSRF-C"}})}}),
  fetch("{base}/_dash-update-component", {{method: "POST", mode: "no-cors", credentials: "include",
        headers: {{"Content-Type": "text/plain"}}, body: "{{}}"}}),
];
Promise.allSettled(hits).then(() => {{
  document.getElementById("f").submit(); document.getElementById("g").submit();
  setTimeout(() => document.title = "done", 1500);
}});
</script></body></html>"""


class AttackSite:
    def __init__(self, host: str, target: str):
        page = ATTACK.format(base=target).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no system Chromium")
@pytest.mark.parametrize("attacker_host", ["127.0.0.1", "localhost"], ids=["same-host-other-port", "other-host"])
def test_chromium_signed_in_visiting_an_attack_page_writes_nothing(sqlite_server, sqlite_portfolio, attacker_host):
    from playwright.sync_api import sync_playwright
    site = AttackSite(attacker_host, sqlite_server.base)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            page = browser.new_context().new_page()
            page.goto(sqlite_server.base + "/login")
            page.get_by_label("用户名").fill("ent1")
            page.get_by_label("密码").fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(sqlite_server.base + "/")
            before = volatile_free(sqlite_portfolio.snapshot())
            attack = page.context.new_page()
            attack.goto(site.url)
            attack.wait_for_function("document.title === 'done'", timeout=15000)
            attack.wait_for_timeout(1000)
            after = volatile_free(sqlite_portfolio.snapshot())
            still_in = page.evaluate("fetch('/api/me').then(r => r.status)")
            browser.close()
    finally:
        site.close()
    assert after == before
    assert still_in == 200  # the forged sign-out did nothing either


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no system Chromium")
def test_the_sign_out_button_of_the_pages_signs_out_with_a_post(sqlite_server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_context().new_page()
        page.goto(sqlite_server.base + "/login")
        page.get_by_label("用户名").fill("bureau")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(sqlite_server.base + "/")
        page.get_by_role("button", name="退出").click()
        page.wait_for_url(sqlite_server.base + "/login")
        status = page.evaluate("fetch('/api/me').then(r => r.status)")
        browser.close()
    assert status == 401
