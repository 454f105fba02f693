"""One demo account per role, with passwords generated now and shown once (never fixed in code)."""
from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import Enterprise, Project, User
from tracker.services.accounts import add_user

DEMO_USERS = ("demo-bureau", "demo-district", "demo-enterprise", "demo-auditor")


def create_demo_accounts(session: Session, known_districts: set[str]) -> list[tuple[str, str, str, str]]:
    """(username, role, scope, password) of each account created; existing ones are left alone."""
    first = session.execute(select(Enterprise.uscc, Enterprise.district).join(
        Project, Project.enterprise_id == Enterprise.id).order_by(Project.code).limit(1)).first()
    if first is None:
        return []
    uscc, district = first
    plan = [("demo-bureau", "bureau", None, None), ("demo-district", "district", district, None),
            ("demo-enterprise", "enterprise", None, uscc), ("demo-auditor", "auditor", None, None)]
    taken = set(session.scalars(select(User.username).where(User.username.in_(DEMO_USERS))))
    created = []
    for username, role, d, u in plan:
        if username in taken:
            continue
        password = secrets.token_urlsafe(12)
        add_user(session, username=username, password=password, role=role, district=d, uscc=u,
                 actor="demo", known_districts=known_districts)
        created.append((username, role, d or u or "", password))
    return created
