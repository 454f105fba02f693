"""Start-up cost: a command that serves no pages imports no web code and hashes nothing."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

WEB_PACKAGES = ("dash", "dash_ag_grid", "flask", "plotly", "werkzeug", "dashboards")
# What a command that neither serves pages, migrates, nor reads or writes spreadsheets must not
# pay for at start-up (each costs from a tenth to more than a second).
HEAVY_PACKAGES = ("openpyxl", "alembic", "pandas", "numpy", "dash", "plotly", "flask")

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
heavy = sorted({{name.split(".")[0] for name in sys.modules}} & set({HEAVY_PACKAGES!r}))
commands = sorted(name for name in sys.modules if name.startswith("tracker.cli."))
print(json.dumps({{"web": web, "hashes": len(hashes), "heavy": heavy, "commands": commands}}))
"""


def probe(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True,
                          timeout=120)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_imports_no_web_module_no_command_and_computes_no_hash():
    found = probe("--help")
    assert (found["web"], found["hashes"], found["heavy"]) == ([], 0, [])
    # the listing comes from the registry: no command module is imported to print it
    assert found["commands"] == ["tracker.cli.lazy", "tracker.cli.registry"]


def test_a_core_command_imports_no_web_module(tmp_path):
    found = probe("--db", f"sqlite:///{tmp_path / 't.sqlite3'}", "init")
    assert (found["web"], found["hashes"]) == ([], 0)


@pytest.mark.parametrize("command", [["status", "--json"], ["status", "--summary"], ["alerts", "--json"],
                                     ["programmes"], ["scans"]], ids=" ".join)
def test_a_reading_command_imports_no_heavy_library(templates, tmp_path, command):
    url = templates.sqlite_copy(tmp_path / "t.sqlite3", "small-demo",
                                lambda t: t("demo", "--projects", "12", "--seed", "4", "--today", "2026-06-01"))
    found = probe("--db", url, *command)
    assert (found["web"], found["hashes"], found["heavy"]) == ([], 0, [])
    assert "tracker.cli.dossier" not in found["commands"]


def test_the_serve_command_still_loads_when_named():
    found = probe("serve", "--help")
    assert "dashboards.cli" in found["web"]


# Reports, once the command is done, how many objects the collector was told to leave alone.
FROZEN = """
import atexit, gc, sys
atexit.register(lambda: print("frozen", gc.get_freeze_count(), file=sys.stderr))
entry = sys.argv.pop(1)
if entry == "program":
    from tracker.cli.process import run
    sys.argv[0] = "tracker"
    run()
else:
    from tracker.cli import main
    main(sys.argv[1:], prog_name="tracker")
"""


def frozen_after(entry: str, *args: str) -> int:
    done = subprocess.run([sys.executable, "-c", FROZEN, entry, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return int(done.stderr.split("frozen")[-1])


def test_the_program_freezes_what_its_command_imported_and_the_group_called_in_process_does_not(tmp_path):
    url = f"sqlite:///{tmp_path / 't.sqlite3'}"
    assert frozen_after("group", "--db", url, "init") == 0  # as tests call it: garbage must stay collectable
    assert frozen_after("program", "--db", url, "init") > 10_000  # SQLAlchemy, the models, the command
