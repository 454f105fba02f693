"""The `tracker` command line (INTERFACES.md section 1)."""
from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

import click

from tracker.cli.achievements import achievements
from tracker.cli.applications import applications
from tracker.cli.backup import backup, restore
from tracker.cli.closing import acceptance, amend, history, inspections, recall
from tracker.cli.common import DB_HELP
from tracker.cli.demo import demo
from tracker.cli.dossier import acceptance_export, dossier, recall_export
from tracker.cli.funds import funds
from tracker.cli.monitor import alerts, calendar, scan, scans
from tracker.cli.notifications import contacts, notifications
from tracker.cli.projects import projects
from tracker.cli.setup_cmds import init, programmes
from tracker.cli.snapshots import snapshots
from tracker.cli.status import status
from tracker.cli.users import users


class _Commands(click.Group):
    """The core's commands, plus those other packages plug in through the `tracker.commands`
    entry point (the web service's `serve`), so that this core never imports them. Plugged-in
    commands load only when named: importing Dash for `tracker status` would cost more than
    the command itself."""

    def _plugged(self) -> dict[str, EntryPoint]:
        return {e.name: e for e in entry_points(group="tracker.commands") if e.name not in self.commands}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self._plugged()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:
            return self.commands[name]
        entry = self._plugged().get(name)
        return entry.load() if entry else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help lists plugged-in commands by name alone, so `--help` imports none of them.
        rows = [(name, self.commands[name].get_short_help_str(formatter.width - 6 - len(name)))
                for name in sorted(self.commands)]
        rows += [(name, f"（由 {entry.module} 提供）") for name, entry in self._plugged().items()]
        with formatter.section("Commands"):
            formatter.write_dl(sorted(rows))


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_url", default=None, metavar="URL", help=DB_HELP)
def main(db_url: str | None) -> None:
    """苏州市知识产权和标准融合计划 项目跟踪系统。"""


for command in (init, programmes, applications, projects, achievements, status, funds, demo, scan,
                alerts, scans, calendar, contacts, notifications, users, snapshots, backup, restore, acceptance,
                recall, inspections, dossier):
    main.add_command(command)
projects.add_command(amend)
projects.add_command(history)
acceptance.add_command(acceptance_export)
recall.add_command(recall_export)
