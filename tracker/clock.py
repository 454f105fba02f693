"""Today, as the bureau counts days: in Suzhou (Asia/Shanghai), whatever the server's timezone.
Only entry points read the clock; rules and services are given `today`."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SUZHOU = ZoneInfo("Asia/Shanghai")


def today_in_suzhou() -> dt.date:
    return dt.datetime.now(SUZHOU).date()
