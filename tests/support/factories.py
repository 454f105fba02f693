"""Factories for service-level tests: rows made through the real services, in the test's session.

Programmes are not made here: they come from the programme files that `tracker init` loaded.
Every argument has a plain default, so a test names only what it is about:
`make_project(grant_wan="80")`, `make_achievement(project, status="verified")`."""
from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.cli.users import known_districts
from tracker.commands import AchievementInput
from tracker.models import Achievement, Enterprise, Project, ProgrammeRow, User
from tracker.principal import Principal
from tracker.programme import Programme
from tracker.rules.uscc import check_character
from tracker.services.accounts import add_user
from tracker.services.achievements import import_achievements, review_achievement
from tracker.services.enterprises import upsert_enterprise
from tracker.services.programmes import programme_of
from tracker.services.projects import create_project

BUREAU = Principal.bureau("factory")
PASSWORD = "correct-horse-battery"


def make_uscc(serial: int, district_code: str = "320506") -> str:
    """A valid unified social credit code, different for every serial."""
    first17 = f"91{district_code}{serial:09d}"
    return first17 + check_character(first17)


class Factory:
    """Makes rows in one session; numbers them so that codes never collide within a test."""

    def __init__(self, session: Session):
        self.session = session
        self.serial = itertools.count(1)

    def programme(self, code: str = "SZIPS-2024") -> tuple[ProgrammeRow, Programme]:
        row = self.session.scalar(select(ProgrammeRow).where(ProgrammeRow.code == code))
        assert row is not None, f"programme {code} is not loaded from data/programmes/"
        return row, programme_of(row)

    def enterprise(self, *, uscc: str | None = None, name: str | None = None, district: str = "吴中区",
                   industry_cluster: str = "高端装备") -> Enterprise:
        n = next(self.serial)
        enterprise = upsert_enterprise(self.session, {}, uscc=uscc or make_uscc(n),
                                       name=name or f"苏州测试企业{n}有限公司", district=district,
                                       industry_cluster=industry_cluster, actor=BUREAU.name)
        self.session.flush()
        return enterprise

    def project(self, *, code: str | None = None, enterprise: Enterprise | None = None,
                programme: str = "SZIPS-2024", title: str = "测试项目", grant_wan: Decimal | str = "50",
                start_date: dt.date = dt.date(2025, 1, 1), end_date: dt.date = dt.date(2026, 12, 31),
                extension_reason: str | None = None, required: dict[str, int] | None = None) -> Project:
        row, definition = self.programme(programme)
        project = create_project(
            self.session, row, definition, enterprise or self.enterprise(),
            code=code or f"{programme}-T{next(self.serial):03d}", title=title, grant_wan=Decimal(grant_wan),
            start_date=start_date, end_date=end_date, extension_reason=extension_reason, actor=BUREAU,
            required=required)
        self.session.flush()
        return project

    def achievement(self, project: Project, *, indicator: str = "certified_staff",
                    date: dt.date = dt.date(2025, 6, 1), title: str = "证书", status: str = "claimed",
                    **fields: object) -> Achievement:
        """A record imported by the bureau (`status` "claimed"), then reviewed when asked for
        ("verified" or "rejected")."""
        item = AchievementInput(project_code=project.code, indicator=indicator, date=date, title=title,
                                **fields)  # type: ignore[arg-type]
        record = import_achievements(self.session, [item], BUREAU, on=date)[0]
        if status != "claimed":
            review_achievement(self.session, record.id, status, actor=BUREAU, on=date,
                               reason=None if status == "verified" else "测试驳回")
        self.session.flush()
        return record

    def user(self, *, username: str | None = None, role: str = "bureau", district: str | None = None,
             uscc: str | None = None, password: str = PASSWORD) -> User:
        user = add_user(self.session, username=username or f"user{next(self.serial)}", password=password,
                        role=role, district=district, uscc=uscc, actor=BUREAU.name,
                        known_districts=known_districts(self.session))
        self.session.flush()
        return user


@pytest.fixture
def factory(db_session) -> Factory:
    return Factory(db_session)


@pytest.fixture
def make_enterprise(factory):
    return factory.enterprise


@pytest.fixture
def make_project(factory):
    return factory.project


@pytest.fixture
def make_achievement(factory):
    return factory.achievement


@pytest.fixture
def make_user(factory):
    return factory.user
