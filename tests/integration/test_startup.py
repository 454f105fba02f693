"""Start-up cost: a command that serves no pages imports no web code and hashes nothing."""
from __future__ import annotations

import json
import subprocess
import sys

WEB_PACKAGES = ("dash", "dash_ag_grid", "flask", "plotly", "werkzeug", "dashboards")

# Runs in a fresh interpreter: counts argon2 hashes, runs `tracker --help` in-process, then
# reports which web packages ended up imported.
PROBE = f"""
import json, sys
import argon2
hashes = []
original = argon2.PasswordHasher.hash
argon2.PasswordHasher.hash = lambda self, *a, **k: hashes.append(1) or original(self, *a, **k)
import tracker.cli
try:
    tracker.cli.main(sys.argv[1:], prog_name="tracker")
except SystemExit:
    pass
web = sorted(name for name in sys.modules if name.split(".")[0] in {WEB_PACKAGES!r})
print(json.dumps({{"web": web, "hashes": len(hashes)}}))
"""


def probe(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True,
                          timeout=120)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_imports_no_web_module_and_computes_no_hash():
    found = probe("--help")
    assert found == {"web": [], "hashes": 0}


def test_a_core_command_imports_no_web_module(tmp_path):
    found = probe("--db", f"sqlite:///{tmp_path / 't.sqlite3'}", "init")
    assert found == {"web": [], "hashes": 0}


def test_the_serve_command_still_loads_when_named():
    found = probe("serve", "--help")
    assert "dashboards.cli" in found["web"]
