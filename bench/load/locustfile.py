"""Users of every role working the tracker at once (locust). Accounts come from the JSON file
named by TRACKER_LOAD_ACCOUNTS, written by bench/load/run.py: {"bureau": [[name, password]],
"district": [...], "enterprise": [[name, password, project_code]], "auditor": [...]}.

Each simulated user signs in once, then does what that role does on the pages and the API,
with a think time of one to three seconds between actions."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import threading
import time
from typing import Any

from locust import HttpUser, between, task

from bench.callbacks import grid, grid_rows, overview_figures, page

ACCOUNTS: dict[str, list[list[str]]] = json.loads(open(os.environ["TRACKER_LOAD_ACCOUNTS"], encoding="utf-8").read())
_turns = {role: itertools.cycle(accounts) for role, accounts in ACCOUNTS.items()}
_lock = threading.Lock()


_addresses = itertools.count(1)


def next_account(role: str) -> list[str]:
    with _lock:
        return next(_turns[role])


def next_address() -> str:
    """Each simulated user its own client address, as a reverse proxy reports it (the
    deployment trusts 127.0.0.1 as that proxy): throttling is per client, as in production."""
    with _lock:
        n = next(_addresses)
    return f"10.0.{n // 250}.{n % 250 + 1}"


class Role(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self) -> None:
        account = next_account(self.role)
        self.username, self.project = account[0], (account[2] if len(account) > 2 else None)
        # A browser's fetch always sends Origin; the callbacks are posted as a browser would.
        self.client.headers["Origin"] = self.host
        self.client.headers["X-Forwarded-For"] = next_address()
        for _ in range(5):  # a person told to wait (429) signs in again after the delay given
            with self.client.post("/api/login", json={"username": account[0], "password": account[1]},
                                  name="POST /api/login", catch_response=True) as answer:
                if answer.status_code == 200:
                    return
                if answer.status_code != 429:
                    answer.failure(f"sign-in as {account[0]}: {answer.status_code}")
                    return
                answer.success()  # told to wait: counted as an answer, not an error
                delay = float(answer.headers.get("Retry-After") or 5)
            time.sleep(min(delay, 30))
        raise RuntimeError(f"sign-in as {account[0]} still refused after five tries")

    def callback(self, body: dict[str, Any], name: str) -> None:
        self.client.post("/_dash-update-component", json=body, name=name)

    def visible_code(self) -> str | None:
        answer = self.client.post("/_dash-update-component", json=grid(random.randrange(0, 500), []),
                                  name="callback: project list page")
        rows = grid_rows(answer.json())["rowData"] if answer.ok else []
        if not rows:
            return None
        return random.choice(rows)["project_code"].split("]")[0].lstrip("[")


class Bureau(Role):
    weight = 10
    role = "bureau"

    @task(4)
    def overview(self) -> None:
        self.callback(page("/"), "callback: overview page")
        self.callback(overview_figures(), "callback: overview figures")

    @task(4)
    def list_by_risk(self) -> None:
        self.callback(grid(0, [{"colId": "risk", "sort": "desc"}]), "callback: project list by risk")

    @task(2)
    def list_deep(self) -> None:
        self.callback(grid(random.randrange(0, 9_900), [{"colId": "pace", "sort": "asc"}]),
                      "callback: project list page")

    @task(2)
    def one_project(self) -> None:
        code = self.visible_code()
        if code:
            self.client.get(f"/api/projects/{code}", name="GET /api/projects/CODE")

    @task(1)
    def alerts(self) -> None:
        self.client.get("/api/alerts", name="GET /api/alerts")


class Auditor(Bureau):
    weight = 8
    role = "auditor"


class District(Role):
    weight = 12
    role = "district"

    @task(4)
    def overview(self) -> None:
        self.callback(page("/"), "callback: overview page")
        self.callback(overview_figures(), "callback: overview figures")

    @task(4)
    def list_page(self) -> None:
        self.callback(grid(0, [{"colId": "risk", "sort": "desc"}]), "callback: project list by risk")

    @task(2)
    def one_project(self) -> None:
        code = self.visible_code()
        if code:
            self.client.get(f"/api/projects/{code}", name="GET /api/projects/CODE")
            self.client.get(f"/api/projects/{code}/achievements", name="GET /api/projects/CODE/achievements")

    @task(1)
    def alerts(self) -> None:
        self.client.get("/api/alerts", name="GET /api/alerts")


class Enterprise(Role):
    weight = 20
    role = "enterprise"

    @task(3)
    def workbench(self) -> None:
        self.callback(page("/"), "callback: enterprise workbench")

    @task(3)
    def own_project(self) -> None:
        self.client.get("/api/projects", name="GET /api/projects")
        self.client.get(f"/api/projects/{self.project}", name="GET /api/projects/CODE")

    @task(2)
    def records(self) -> None:
        self.client.get(f"/api/projects/{self.project}/achievements", name="GET /api/projects/CODE/achievements")

    @task(1)
    def calendar(self) -> None:
        self.client.get(f"/api/projects/{self.project}/calendar.ics", name="GET /api/projects/CODE/calendar.ics")

    @task(1)
    def claim(self) -> None:
        with self.client.post(f"/api/projects/{self.project}/achievements", name="POST /api/projects/CODE/achievements",
                              json={"indicator": "university_patents", "title": "受让发明专利",
                                    "date": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
                                    "source_type": "高校", "reference": f"ZL-LOAD-{random.getrandbits(48):x}"},
                              catch_response=True) as answer:
            if answer.status_code != 201:
                answer.failure(f"claim answered {answer.status_code}: {answer.text[:200]}")
