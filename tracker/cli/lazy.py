"""Commands loaded only when named: a group lists its commands from a registry of
"module:attribute" paths with their short help, and imports a command's module the first time
it is called. `tracker --help` then imports no command module at all, and `tracker status`
imports the modules status needs and nothing else (not the dossier's spreadsheets, not Alembic)."""
from __future__ import annotations

import gc
from dataclasses import dataclass
from importlib import import_module
from typing import Mapping

import click

freeze_after_loading = False  # set by the program's entry point (tracker/cli/process.py)


@dataclass(frozen=True)
class Lazy:
    """Where a command lives ("package.module:attribute") and the short help `--help` shows."""
    target: str
    help: str

    def load(self) -> click.Command:
        module, _, attribute = self.target.partition(":")
        command = getattr(import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.target} is not a click command")
        if freeze_after_loading:
            gc.freeze()  # everything imported so far stays to the end: the collector skips it
        return command


class LazyGroup(click.Group):
    """A group whose commands (beyond those added to it directly) come from `lazy`."""

    def __init__(self, *args: object, lazy: Mapping[str, Lazy] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy: dict[str, Lazy] = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.lazy:
            self.add_command(self.lazy[name].load(), name)
        return self.commands.get(name)

    def help_rows(self, ctx: click.Context, formatter: click.HelpFormatter) -> list[tuple[str, str]]:
        """(name, short help) of every command, without importing those not loaded yet; the
        registry's text is shortened exactly as click shortens a loaded command's help."""
        names = self.list_commands(ctx)
        if not names:
            return []
        limit = formatter.width - 6 - max(map(len, names))
        rows = []
        for name in names:
            command = self.commands.get(name) or self.stand_in(name)
            if not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        return rows

    def stand_in(self, name: str) -> click.Command:
        """A command carrying only the help of one not loaded yet."""
        return click.Command(name, help=self.lazy[name].help)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = self.help_rows(ctx, formatter)
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
