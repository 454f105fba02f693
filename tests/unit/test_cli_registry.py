"""The command registry (tracker/cli/registry.py) lists commands without importing them, so it
must say what the commands themselves say: every command is in it, at the path given, with the
short help its own docstring gives."""
from __future__ import annotations

import importlib
import pkgutil

import click
import pytest

import tracker.cli
from tracker.cli import main
from tracker.cli.lazy import Lazy
from tracker.cli.registry import COMMANDS, SUBCOMMANDS

ENTRIES = [((), name, entry) for name, entry in COMMANDS.items()] + [
    ((group,), name, entry) for group, table in SUBCOMMANDS.items() for name, entry in table.items()]


def shown(command: click.Command) -> str:
    return command.get_short_help_str(limit=10_000)


@pytest.mark.parametrize("parents, name, entry", ENTRIES, ids=lambda v: v if isinstance(v, str) else None)
def test_each_entry_names_its_command_and_repeats_its_help(parents, name, entry):
    command = entry.load()
    assert shown(command) == shown(click.Command(name, help=entry.help))
    # the group resolves the name to that very object, under that name
    group = main
    for parent in parents:
        group = group.get_command(click.Context(main), parent)
    assert group.get_command(click.Context(group), name) is command
    assert command.name == name


def cli_modules() -> list[str]:
    return [f"tracker.cli.{m.name}" for m in pkgutil.iter_modules(tracker.cli.__path__)]


def test_every_command_the_modules_define_is_registered():
    defined, nested = {}, set()
    for module_name in cli_modules():
        for attribute, value in vars(importlib.import_module(module_name)).items():
            if isinstance(value, click.Command):
                defined[id(value)] = f"{module_name}:{attribute}"
                if isinstance(value, click.Group):
                    nested |= {id(c) for c in value.commands.values()}
    registered = {id(entry.load()) for _, _, entry in ENTRIES}
    unlisted = sorted(path for key, path in defined.items() if key not in registered and key not in nested)
    assert unlisted == []


def test_a_wrong_entry_is_caught():
    with pytest.raises(TypeError):
        Lazy("tracker.cli.common:DATE", "不是命令").load()
    status = COMMANDS["status"].load()
    assert shown(status) != shown(click.Command("status", help="另一段说明。"))
