"""The review queue for thousands of claims, on a real database: filters and paging in SQL,
flags in the rows, the age of a claim in Beijing days, and bulk verification of clean records
that refuses the whole batch (writing nothing) when one record is flagged."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from support.db import Tracker
from support.examples_db import examples_tracker, two_programmes_claiming_t2
from support.files import write_csv
from tracker.clock import SUZHOU
from tracker.errors import InputError, NotFound
from tracker.models import Achievement, AuditEvent
from tracker.principal import Principal
from tracker.queries.review_queue import CLEAN, FLAGGED, QueueFilter, review_queue_page
from tracker.services.bulk_review import verify_clean

BUREAU = Principal("市局审核员", "bureau")
WUZHONG = Principal("吴中", "district", district="吴中区")
TODAY = dt.datetime.now(SUZHOU).date()  # the claims are made now; ages count from today


def examples_with_claims(folder, examples, extra: list[str]) -> Tracker:
    """The examples' projects and claims, and one more claim of SZIPS-2024-002 (`extra`)."""
    t = examples_tracker(folder, examples)
    t("achievements", "import", str(examples / "achievements.csv"))
    t("achievements", "import", str(write_csv(folder / "extra.csv", [
        ["project_code", "indicator", "date", "title", "reference"], extra])))
    return t


@pytest.fixture(scope="module")
def engine(tmp_path_factory, examples):
    e = examples_with_claims(tmp_path_factory.mktemp("queue"), examples,
                             ["SZIPS-2024-002", "certified_staff", "2024-01-05", "实施期前的证书", "CERT-EARLY-1"]).engine()
    yield e
    e.dispose()


def page(engine, f: QueueFilter = QueueFilter(), who: Principal = BUREAU, number: int = 0, size: int = 25,
         today: dt.date = TODAY):
    with Session(engine) as s:
        return review_queue_page(s, who, f, today, number, size)


def all_ids(engine, f: QueueFilter = QueueFilter(), who: Principal = BUREAU, today: dt.date = TODAY) -> list[int]:
    return [r["id"] for r in page(engine, f, who, size=1000, today=today).rows]


def claimed_count(engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).where(Achievement.status == "claimed"))


def test_pages_cover_every_pending_claim_once_oldest_first(engine):
    first = page(engine, size=4)
    assert first.total == claimed_count(engine) > 8
    assert first.pages == -(-first.total // 4)
    seen = [r["id"] for n in range(first.pages) for r in page(engine, number=n, size=4).rows]
    assert sorted(seen) == sorted(all_ids(engine)) and len(seen) == len(set(seen)) == first.total
    assert page(engine, number=99, size=4).page == first.pages - 1  # past the end: the last page


def test_a_district_office_sees_its_district_only_and_the_bureau_can_filter_to_it(engine):
    own = page(engine, who=WUZHONG, size=1000).rows
    assert own and {r["district"] for r in own} == {"吴中区"}
    assert sorted(all_ids(engine, QueueFilter(district="吴中区"))) == sorted(r["id"] for r in own)
    assert len(all_ids(engine)) > len(own)


def test_target_filter_keeps_the_indicators_of_that_target(engine):
    t2 = page(engine, QueueFilter(programme="SZIPS-2024", target="T2"), size=1000).rows
    assert t2 and {r["indicator"] for r in t2} <= {"university_patents", "patent_intensive_products",
                                                     "stock_patent_system"}
    assert not page(engine, QueueFilter(programme="NO-SUCH", target="T2")).rows


def test_flags_show_in_rows_and_split_the_queue(engine):
    flagged = page(engine, QueueFilter(flag=FLAGGED), size=1000).rows
    clean = page(engine, QueueFilter(flag=CLEAN), size=1000).rows
    outside = page(engine, QueueFilter(flag="outside_window"), size=1000).rows
    assert any(r["title"] == "实施期前的证书" for r in outside)
    assert all(r["flags"] for r in flagged) and not any(r["flags"] for r in clean)
    assert len(flagged) + len(clean) == claimed_count(engine)
    assert {r["id"] for r in outside} <= {r["id"] for r in flagged}


def test_age_counts_beijing_days_since_the_claim(engine):
    later = TODAY + dt.timedelta(days=10)
    assert {r["age_days"] for r in page(engine, today=later, size=1000).rows} == {10}
    assert len(all_ids(engine, QueueFilter(min_age_days=10), today=later)) == claimed_count(engine)
    assert all_ids(engine, QueueFilter(min_age_days=11), today=later) == []


def test_bulk_verify_refuses_a_batch_with_a_flagged_record_and_writes_nothing(engine):
    flagged = all_ids(engine, QueueFilter(flag=FLAGGED))
    clean = all_ids(engine, QueueFilter(flag=CLEAN))
    with Session(engine) as s:
        events = s.scalar(select(func.count(AuditEvent.id)))
        with pytest.raises(InputError) as refused:
            verify_clean(s, clean[:2] + flagged[:1], actor=BUREAU, on=TODAY, reason="批量")
        assert str(flagged[0]) in str(refused.value)
        s.rollback()
        assert s.scalar(select(func.count(AuditEvent.id))) == events
        with pytest.raises(InputError):
            verify_clean(s, [], actor=BUREAU, on=TODAY, reason=None)


def test_bulk_verify_verifies_clean_records_with_one_reason_and_audits_each(tmp_path, examples):
    engine = examples_with_claims(tmp_path, examples,
                                  ["SZIPS-2024-002", "certified_staff", "2025-10-01", "证书", "CERT-B-1"]).engine()
    try:
        clean = all_ids(engine, QueueFilter(flag=CLEAN))[:3]
        with Session(engine) as s:
            with pytest.raises(NotFound):  # a district office cannot verify outside its district
                elsewhere = set(all_ids(engine)) - set(all_ids(engine, who=WUZHONG))
                verify_clean(s, sorted(elsewhere), actor=WUZHONG, on=TODAY, reason=None)
            s.rollback()
            assert verify_clean(s, clean, actor=BUREAU, on=TODAY, reason="材料齐全") == 3
            s.commit()
        with Session(engine) as s:
            rows = s.scalars(select(Achievement).where(Achievement.id.in_(clean))).all()
            assert {(a.status, a.reviewed_by, a.review_reason) for a in rows} == {("verified", "市局审核员", "材料齐全")}
            audited = s.scalars(select(AuditEvent.entity_key).where(AuditEvent.action == "achievement.reviewed")).all()
            assert sorted(map(int, audited)) == sorted(clean)
        assert not set(clean) & set(all_ids(engine))
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def two_years(tmp_path_factory, examples):
    e = two_programmes_claiming_t2(tmp_path_factory.mktemp("two-years"), examples).engine()
    yield e
    e.dispose()


def test_a_target_is_one_programmes_target_even_where_two_programmes_share_its_id(two_years):
    def projects(f: QueueFilter) -> set[str]:
        return {r["project_code"] for r in page(two_years, f, size=1000).rows}
    assert projects(QueueFilter(target="T2", target_programme="SZIPS-2024")) == {"SZIPS-2024-001"}
    assert projects(QueueFilter(target="T2", target_programme="SZIPS-2025")) == {"SZIPS-2025-001"}
    assert projects(QueueFilter(programme="SZIPS-2025", target="T2", target_programme="SZIPS-2025")) == {"SZIPS-2025-001"}
    assert projects(QueueFilter(programme="SZIPS-2024", target="T2", target_programme="SZIPS-2025")) == set()
    assert projects(QueueFilter(target="T2")) == {"SZIPS-2024-001", "SZIPS-2025-001"}  # T2 of each
