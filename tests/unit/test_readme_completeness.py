"""The README is where an operator looks: every `TRACKER_*` setting the code reads is in its
Settings table, and every `tracker` command and subcommand is named in it."""
import re
from pathlib import Path

import click

from tracker.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETTING = re.compile(r"TRACKER_[A-Z][A-Z0-9_]*[A-Z0-9]")


def settings_read_by_the_code() -> dict[str, str]:
    found: dict[str, str] = {}
    for package in ("tracker", "dashboards", "schedules"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for name in SETTING.findall(path.read_text(encoding="utf-8")):
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def settings_table() -> set[str]:
    section = README.split("\n## Settings", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `TRACKER_")]
    return {name for cell in rows for name in SETTING.findall(cell)}


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    ctx = click.Context(group)
    paths = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


def documented_commands() -> set[tuple[str, ...]]:
    """Command paths named in code spans: `tracker funds disburse/recall CODE` names two."""
    paths: set[tuple[str, ...]] = set()
    for span in re.findall(r"`tracker ([^`]+)`", README):
        words = span.split()
        for length in range(1, len(words) + 1):
            prefixes = [()]
            for word in words[:length]:
                prefixes = [(*p, alt) for p in prefixes for alt in word.split("/")]
            paths.update(prefixes)
    return paths


def test_the_readme_parsers_see_what_they_should():
    assert {"TRACKER_DATABASE_URL", "TRACKER_SMTP_USER", "TRACKER_SMTP_PASSWORD"} <= settings_table()
    assert {("funds", "disburse"), ("funds", "recall"), ("init",)} <= documented_commands()
    assert ("users", "add") in command_paths(main) and ("init",) in command_paths(main)


def test_every_tracker_setting_read_by_the_code_is_in_the_readme_settings_table():
    table = settings_table()
    missing = {name: where for name, where in settings_read_by_the_code().items() if name not in table}
    assert not missing, f"add a row to README.md's Settings table for each of: {missing}"


def test_every_command_and_subcommand_is_named_in_the_readme():
    documented = documented_commands()
    missing = [" ".join(p) for p in command_paths(main) if p not in documented]
    assert not missing, f"name these in README.md (e.g. in the Commands table): {missing}"
