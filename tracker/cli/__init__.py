"""The `tracker` command line (INTERFACES.md section 1).

Commands load only when named (tracker/cli/registry.py): importing every command module for each
call cost most of a second (Alembic, openpyxl and numpy, the dossier, the importers) before the
command did anything."""
from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker.cli.lazy import LazyGroup
from tracker.cli.registry import COMMANDS, DB_HELP

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint


class _Commands(LazyGroup):
    """The core's commands, plus those other packages plug in through the `tracker.commands`
    entry point (the web service's `serve`), so that this core never imports them. Plugged-in
    commands load only when named: importing Dash for `tracker status` would cost more than
    the command itself."""

    def _plugged(self) -> dict[str, EntryPoint]:
        from importlib.metadata import entry_points  # reading installed metadata: only when asked
        return {e.name: e for e in entry_points(group="tracker.commands")
                if e.name not in self.commands and e.name not in self.lazy}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._plugged()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands or name in self.lazy:
            return super().get_command(ctx, name)
        entry = self._plugged().get(name)  # read only for a name the core does not know
        return entry.load() if entry else None

    def stand_in(self, name: str) -> click.Command:
        # Help names a plugged-in command's package alone, so `--help` imports none of them.
        if name in self.lazy:
            return super().stand_in(name)
        return click.Command(name, short_help=f"（由 {self._plugged()[name].module} 提供）")


@click.group(cls=_Commands, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_url", default=None, metavar="URL", help=DB_HELP)
def main(db_url: str | None) -> None:
    """苏州市知识产权和标准融合计划 项目跟踪系统。"""
