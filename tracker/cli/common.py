"""What every command shares: --db, error mapping to exit codes, dates, money, progress, output."""
from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
import os
import re
import sys
import unicodedata
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Sequence

import click

from tracker.jsontext import dumps_indented
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from tracker.cli.registry import DB_HELP
from tracker.db import make_engine
from tracker.errors import InputError, TrackerError
from tracker.importers.values import CONTROL
from tracker.schema_state import is_missing_schema, schema_not_ready


class DateType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"日期应为 YYYY-MM-DD，收到「{value}」", param, ctx)


class WanType(click.ParamType):
    name = "WAN"

    def convert(self, value: Any, param: Any, ctx: Any) -> Decimal:
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            self.fail(f"金额应为以万元计的数字，收到「{value}」", param, ctx)
        if not amount.is_finite():
            self.fail(f"金额应为以万元计的数字，收到「{value}」", param, ctx)
        return amount


DATE = DateType()
WAN = WanType()


def default_actor() -> str:
    try:
        return os.environ.get("TRACKER_ACTOR") or getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _root_db() -> str | None:
    """`tracker --db URL status` works as well as `tracker status --db URL`."""
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().params.get("db_url") if ctx else None


db_option = click.option("--db", "db_url", default=_root_db, metavar="URL", help=DB_HELP)
actor_option = click.option("--actor", default=default_actor, show_default="当前用户",
                            help="记录在审计日志中的操作人")
json_option = click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
today_option = click.option("--today", type=DATE, default=None, help="按哪一天计算（默认今天）")


def fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def handled(command: Callable[..., Any]) -> Callable[..., Any]:
    """The one place the CLI maps the tracker's errors: each says its own exit status (bad input 2,
    with every problem one a line; a refused state change 1), and nothing was changed."""
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except TrackerError as exc:
            lines = [str(p) for p in exc.problems] if isinstance(exc, InputError) else [str(exc)]
            fail("\n".join(lines + ["未做任何更改。"]), exc.exit_code)
    return wrapper


@contextmanager
def engine_for(db_url: str | None) -> Iterator[Engine]:
    engine = make_engine(db_url)
    try:
        yield engine
    except DBAPIError as exc:
        if is_missing_schema(exc):  # before `tracker init`: say so, not the driver's words
            raise schema_not_ready(engine) from exc
        raise
    finally:
        engine.dispose()


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[..., None]]:
    """A progress bar on a terminal; silent when standard error is not one. The callable takes
    the steps done and, optionally, the words for what is under way now."""
    if total < 1 or not sys.stderr.isatty():
        yield lambda _n, _doing=None: None
        return
    # update_min_steps=0: naming a new stage redraws the bar even before it advances
    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True, update_min_steps=0,
                           item_show_func=lambda doing: doing) as bar:
        yield bar.update


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


# Said on stderr, so that the JSON on stdout stays the same.
STALE_READ_MODEL = ("提示：项目快照不是用当前程序和计划定义计算的（或尚未建立），本次按成果记录逐一计算，较慢；"
                    "请运行 tracker snapshots rebuild")


_BLOCK = 50  # items per write: few system calls, little text held (500 cost 12 MB more at no gain)


def _binary(text_stream: Any) -> BinaryIO:
    """The bytes under a text stream (apart, so that a test can watch what is written when)."""
    return text_stream.buffer


def stream_json(items: Iterable[Any], render: Callable[[Any, int], str] = dumps_indented) -> None:
    """A JSON list written item by item, byte for byte what `print_json(list(items))` prints,
    without holding the list: each item indented one level, as json.dumps nests it (`render`
    writes one item's text at a level; given, it must write the same text faster)."""
    out = sys.stdout
    out.flush()  # anything written before comes first
    binary, encoding, errors = _binary(out), out.encoding or "utf-8", out.errors or "strict"
    # Written in blocks through the binary buffer: click.echo per item costs more than its text.
    block: list[str] = []
    opened = False
    for item in items:
        block.append(("[\n  " if not opened else ",\n  ") + render(item, 1))
        opened = True
        if len(block) >= _BLOCK:
            binary.write("".join(block).encode(encoding, errors))
            block.clear()
    block.append("\n]\n" if opened else "[]\n")
    binary.write("".join(block).encode(encoding, errors))
    binary.flush()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _printable(text: str) -> str:
    """A cell as the terminal should show it: control and escape characters (ESC sequences
    could recolour, move or rewrite the operator's screen) replaced by a visible '?'."""
    return CONTROL.sub("?", re.sub(r"\r\n|[\t\r\n]", " ", text))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain text table that lines up Chinese (double-width) characters."""
    cells = [[str(h) for h in headers]] + [["" if v is None else _printable(str(v)) for v in r] for r in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        click.echo("  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths)).rstrip())
        if index == 0:
            click.echo("  ".join("-" * w for w in widths))
