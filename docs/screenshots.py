"""Regenerate the README's screenshots (docs/screenshots/) from the current pages.

    python docs/screenshots.py            # after the browser walks, which photograph their steps

Two sources, both real Chromium through Playwright at 1400 px:
- the pages of a 400-project demo portfolio (built here in a temporary folder with `tracker
  demo`, served on a loopback port for 25 Nov 2026, signed into with the demo accounts);
- the steps of the browser walks (tests/web/test_enterprise_day.py, test_bureau_day.py,
  test_closing_browser.py, test_phone.py), which save theirs under tests/web/screenshots/ on
  the tests' three-project portfolio: copied here under the README's names."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import logging  # noqa: E402

from werkzeug.serving import make_server  # noqa: E402

from dashboards.app import create_app  # noqa: E402
from dashboards.settings import WebSettings  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WALKS = ROOT / "tests" / "web" / "screenshots"
TODAY = dt.date(2026, 11, 25)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PROJECT = "DEMO-2024-000001"  # a demo project with an amendment, claims and funds
# README name <- the demo page photographed: (account, path)
DEMO_PAGES = {
    "bureau-home": ("demo-bureau", "/"),
    "bureau-projects": ("demo-bureau", "/projects"),
    "bureau-project": ("demo-bureau", f"/project/{PROJECT}"),
    "bureau-reviews": ("demo-bureau", "/reviews"),
    "bureau-applications": ("demo-bureau", "/applications"),
    "auditor-risk": ("demo-auditor", "/risk"),
    "enterprise-home": ("demo-enterprise", "/"),
}
# README name <- the walk's own screenshot
WALK_SHOTS = {
    "enterprise-correcting": "ent1-day-correcting",
    "enterprise-acceptance-confirm": "ent1-day-acceptance-confirm",
    "bureau-day-queue": "bureau-day-1-filtered",
    "bureau-day-preview": "bureau-day-2-preview",
    "bureau-day-alerts": "bureau-day-8-alert-acknowledged",
    "bureau-day-funds": "bureau-day-9-payment-recorded",
    "auditor-day-audit": "auditor-day-6-audit-filtered",
    "bureau-closing-review": "bureau-closing-review",
    "ent2-closing-statement": "ent2-closing-statement",
    "auditor-closing": "auditor-closing-filtered",
    "phone-bureau": "phone-bureau",
}
# Dash idle and every figure drawn (as tests/support/browser.py waits before its screenshots)
SETTLED = """() => (window.dash_stores || []).length > 0
    && window.dash_stores.every(s => !s.getState().isLoading)
    && !document.querySelector('[data-dash-is-loading="true"], .figures-pending')
    && [...document.querySelectorAll('.dash-graph')].every(g => g.querySelector('.main-svg'))"""


def tracker(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", "from tracker.cli import main; main()", *args], cwd=ROOT,
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return done.stdout


def demo_portfolio(folder: Path) -> tuple[str, dict[str, str]]:
    """A 400-project demo database and its accounts' passwords (printed once by `tracker demo`)."""
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    tracker("init", "--db", url)
    printed = tracker("demo", "--projects", "400", "--seed", "2024", "--today", TODAY.isoformat(), "--db", url)
    passwords = dict(re.findall(r"^(demo-[a-z]+)\s.*?(\S+)\s*$", printed, re.MULTILINE))
    return url, passwords


def photograph_demo(url: str, passwords: dict[str, str], evidence: Path) -> None:
    from playwright.sync_api import sync_playwright
    app = create_app(WebSettings(database_url=url, secret_key="screenshots", today=lambda: TODAY,
                                 evidence_root=evidence))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for name, (account, path) in DEMO_PAGES.items():
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
                page = context.new_page()
                page.goto(base + "/login")
                page.get_by_label("用户名").fill(account)
                page.get_by_label("密码").fill(passwords[account])
                page.get_by_role("button", name="登录").click()
                page.wait_for_url(base + "/")
                page.goto(base + path)
                page.wait_for_function(SETTLED)
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
                print(f"{name}.png: {account} {path}")
                context.close()
            browser.close()
    finally:
        server.shutdown()
        app.extensions["tracker.engine"].dispose()


def copy_walk_shots() -> None:
    missing = [shot for shot in WALK_SHOTS.values() if not (WALKS / f"{shot}.png").exists()]
    if missing:
        raise SystemExit(f"run the browser walks first (pytest tests/web): missing {', '.join(missing)}")
    for name, shot in WALK_SHOTS.items():
        shutil.copyfile(WALKS / f"{shot}.png", OUT / f"{name}.png")
        print(f"{name}.png: tests/web/screenshots/{shot}.png")


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not one line per request
    OUT.mkdir(parents=True, exist_ok=True)
    copy_walk_shots()
    with tempfile.TemporaryDirectory() as folder:
        url, passwords = demo_portfolio(Path(folder))
        photograph_demo(url, passwords, Path(folder) / "evidence")


if __name__ == "__main__":
    main()
