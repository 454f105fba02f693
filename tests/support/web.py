"""The web application served on a loopback port, signed into over real HTTP."""
from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import requests
from werkzeug.serving import make_server

from dashboards.app import create_app
from dashboards.settings import WebSettings

TODAY = dt.date(2026, 11, 25)
ENTERPRISE_1, ENTERPRISE_2 = "91320506301104144E", "91320571231669536Q"  # 吴中区, 苏州工业园区
PASSWORD = "correct-horse-battery"
USERS = {
    "bureau": ["--role", "bureau"],
    "wuzhong": ["--role", "district", "--district", "吴中区"],
    "sip": ["--role", "district", "--district", "园区"],
    "ent1": ["--role", "enterprise", "--uscc", ENTERPRISE_1],
    "ent2": ["--role", "enterprise", "--uscc", ENTERPRISE_2],
    "auditor": ["--role", "auditor"],
}


class Server:
    def __init__(self, url: str, evidence_root: Path, **settings):  # type: ignore[no-untyped-def]
        self.app = create_app(WebSettings(database_url=url, secret_key="test-secret", today=lambda: TODAY,
                                          evidence_root=evidence_root, **settings))
        self.http = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.base = f"http://127.0.0.1:{self.http.server_port}"
        # shutdown() waits for the serving loop to look up: every 0.5 s by default, per test
        self.thread = threading.Thread(target=self.http.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.http.shutdown()
        self.app.extensions["tracker.engine"].dispose()

    def client(self, username: str | None = None, password: str = PASSWORD) -> requests.Session:
        s = requests.Session()
        s.base = self.base  # type: ignore[attr-defined]
        if username:
            r = s.post(f"{self.base}/api/login", json={"username": username, "password": password})
            assert r.status_code == 200, r.text
        return s
