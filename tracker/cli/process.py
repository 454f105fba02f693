"""The `tracker` program itself (console script and `python -m tracker`), as opposed to the
command group that tests call in-process."""
from __future__ import annotations

import tracker.cli
from tracker.cli import lazy


def run() -> None:
    # A process runs one command: what it imported lives until it exits, so the collector is
    # told to stop re-examining it (lazy.py freezes once the command is loaded). A status of
    # 10,000 projects spent about 7% of its CPU re-scanning SQLAlchemy's and the models'
    # objects. Never in a test process, where frozen garbage would never be freed.
    lazy.freeze_after_loading = True
    tracker.cli.main()
