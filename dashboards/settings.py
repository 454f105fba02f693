"""Web settings: the secret key from configuration or a generated owner-only file under data/."""
from __future__ import annotations

import datetime as dt
import os
import secrets
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from tracker.clock import today_in_suzhou
from tracker.paths import data_dir, private_dir


def secret_key(path: Path | None = None) -> str:
    """TRACKER_SECRET_KEY, else the key in data/secret_key, created (mode 0600) on first use."""
    configured = os.environ.get("TRACKER_SECRET_KEY")
    if configured:
        return configured
    path = path or data_dir() / "secret_key"
    try:
        key = path.read_text(encoding="ascii").strip()
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, 0o600)  # a key others can read is no secret: narrow it
        if len(key) >= 32:
            return key
        path.unlink()  # too short to sign with: replace it
    except FileNotFoundError:
        pass
    private_dir(path.parent)
    key = secrets.token_urlsafe(48)
    fd, tmp = tempfile.mkstemp(dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(key)
        os.link(tmp, path)  # atomic, and fails if another worker was first: then use its key
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    finally:
        os.unlink(tmp)
    return key


@dataclass
class WebSettings:
    database_url: str | None = None
    secret_key: str | None = None
    https: bool = field(default_factory=lambda: os.environ.get("TRACKER_HTTPS", "") in ("1", "true", "yes"))
    today: Callable[[], dt.date] = today_in_suzhou
    evidence_root: Path | None = None
    with_pages: bool = True  # the Dash pages; the JSON API alone without them
    # The origin(s) browsers address the service by, e.g. https://tracker.amr.example; by
    # default the origin each request was addressed to.
    public_origins: tuple[str, ...] = field(default_factory=lambda: _words("TRACKER_PUBLIC_ORIGIN"))
    # Reverse proxies whose X-Forwarded-For is believed (addresses or networks).
    trusted_proxies: tuple[str, ...] = field(default_factory=lambda: _words("TRACKER_TRUSTED_PROXIES"))
    lock_timeout_s: float = 10  # a write waits this long for another; then 503 with Retry-After
    upload_seconds: float = field(default_factory=lambda: float(os.environ.get("TRACKER_UPLOAD_SECONDS") or 120))


def _words(name: str) -> tuple[str, ...]:
    return tuple(w for w in os.environ.get(name, "").replace(",", " ").split() if w)
