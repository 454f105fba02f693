"""Waiting for another process to reach a state, with a deadline."""
from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")


def wait_for(condition: Callable[[], T], timeout: float = 40.0, what: str = "condition") -> T:
    """The first truthy value of `condition()`, polled every 0.2 s; AssertionError at the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")
