"""Delivery settings from the environment (secrets never in the repository)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

SECURITY = ("none", "starttls", "tls")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str
    user: str | None
    password: str | None
    sender: str
    timeout: float = 20.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "MailSettings | None":
        """TRACKER_SMTP_HOST, _PORT, _SECURITY (none|starttls|tls), _USER, _PASSWORD, _SENDER;
        None when no host is configured (e-mails then wait in the outbox)."""
        env = os.environ if env is None else env
        host = env.get("TRACKER_SMTP_HOST", "").strip()
        if not host:
            return None
        security = env.get("TRACKER_SMTP_SECURITY", "starttls").strip().lower()
        if security not in SECURITY:
            raise ValueError(f"TRACKER_SMTP_SECURITY 应为 {'/'.join(SECURITY)}，收到「{security}」")
        port = int(env.get("TRACKER_SMTP_PORT") or DEFAULT_PORTS[security])
        sender = env.get("TRACKER_SMTP_SENDER", "").strip() or f"tracker@{host}"
        return cls(host=host, port=port, security=security, user=env.get("TRACKER_SMTP_USER") or None,
                   password=env.get("TRACKER_SMTP_PASSWORD") or None, sender=sender,
                   timeout=float(env.get("TRACKER_SMTP_TIMEOUT") or 20))
