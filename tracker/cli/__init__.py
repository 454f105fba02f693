"""The `tracker` command line (INTERFACES.md section 1)."""
from __future__ import annotations

from importlib.metadata import entry_points

import click

from tracker.cli.achievements import achievements
from tracker.cli.applications import applications
from tracker.cli.backup import backup, restore
from tracker.cli.closing import acceptance, amend, history, inspections, recall
from tracker.cli.common import DB_HELP
from tracker.cli.demo import demo
from tracker.cli.funds import funds
from tracker.cli.monitor import alerts, calendar, scan, scans
from tracker.cli.notifications import contacts, notifications
from tracker.cli.projects import projects
from tracker.cli.setup_cmds import init, programmes
from tracker.cli.snapshots import snapshots
from tracker.cli.status import status
from tracker.cli.users import users


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_url", default=None, metavar="URL", help=DB_HELP)
def main(db_url: str | None) -> None:
    """苏州市知识产权和标准融合计划 项目跟踪系统。"""


for command in (init, programmes, applications, projects, achievements, status, funds, demo, scan,
                alerts, scans, calendar, contacts, notifications, users, snapshots, backup, restore, acceptance,
                recall, inspections):
    main.add_command(command)
projects.add_command(amend)
projects.add_command(history)

# Commands of other packages (the web service's `serve`) plug in through an entry point,
# so that this core never imports them.
for entry in entry_points(group="tracker.commands"):
    main.add_command(entry.load(), entry.name)
