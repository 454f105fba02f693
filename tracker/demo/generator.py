"""Generate a synthetic portfolio: enterprises across the ten districts and five clusters,
windows started over the last two years, achievements spread over time (claimed,
verified, rejected; a few outside the window or claimed twice), funds disbursed and
recalled, and projects on track, behind, overdue and closed. Rows go in by bulk inserts
(tracker/demo/bulk.py).
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from tracker.demo.bulk import insert_rows
from tracker.demo.names import DISTRICT_CODES, make_name, make_title, make_uscc
from tracker.errors import InputError
from tracker.models import (Achievement, Application, Enterprise, FundMovement, ProgrammeRow, Project,
                            ProjectIndicator)
from tracker.programme import Indicator, Programme
from tracker.rules.calendar import acceptance_request_deadline, add_months
from tracker.rules.evidence import fold_reference
from tracker.services import audit

CODE_PREFIX = "DEMO"
CHUNK = 2000  # projects whose records are generated and inserted together
# Every achievement row carries every column (bulk inserts want the same keys in each row).
BLANK_RECORD: dict[str, Any] = {
    **dict.fromkeys(("indicator", "date", "title", "level", "source_type", "year", "value", "text", "reference",
                     "reference_key", "evidence", "status", "reviewed_by", "reviewed_on", "review_reason")),
    "quantity": 1, "text_chars": 0}
SUMMARY_SENTENCE = ("本项目从管理模式、技术模式、人才模式三个维度研究知识产权与标准融合发展的创新路径，"
                    "建立了研发、知识产权与标准部门的协同机制，推动专利技术转化为团体标准和行业标准。")


@dataclass(frozen=True)
class DemoResult:
    projects: int
    applications: int
    achievements: int
    fund_movements: int


def _ids(session: Session, keyed: Select[tuple[Any, int]], wanted: list[Any]) -> list[int]:
    """The ids of rows just inserted, in the order of `wanted`: `keyed` selects (unique key, id)."""
    found = dict(session.execute(keyed).all())
    return [found[k] for k in wanted]


class _Portfolio:
    """The random choices of one generated portfolio."""

    def __init__(self, rng: random.Random, programme: Programme, today: dt.date, days_back: int = 760):
        self.rng, self.programme, self.today, self.days_back = rng, programme, today, days_back
        # indicator families counted by level (standards): their records carry a level
        self.levelled = {i.family for i in programme.indicators if i.levels}
        self.references: list[str] = []
        self.serial = 0
        self.summary = SUMMARY_SENTENCE * (6000 // len(SUMMARY_SENTENCE) + 1)

    def window(self) -> tuple[dt.date, dt.date, str | None]:
        start = self.today - dt.timedelta(days=self.rng.randint(20, self.days_back))
        months = self.rng.choices([24, 18, 12, 30], weights=[70, 18, 8, 4])[0]
        end = add_months(start, months) - dt.timedelta(days=1)
        return start, end, ("因设备进口延误经批准延期" if months > 24 else None)

    def state(self, end: dt.date) -> tuple[str, dt.date | None, float]:
        """(state, acceptance requested on, diligence) fitting where the window stands."""
        rng, today = self.rng, self.today
        deadline = acceptance_request_deadline(end, self.programme.acceptance_lead_months)
        requested = deadline - dt.timedelta(days=rng.randint(0, 40))
        r = rng.random()
        if today > end:
            if r < 0.55:
                return "accepted", requested, rng.uniform(1.05, 1.4)
            if r < 0.68:
                return "acceptance_failed", requested, rng.uniform(0.3, 0.7)
            if r < 0.76:
                return "funds_recalled", requested, rng.uniform(0.2, 0.6)
            if r < 0.86:
                return "acceptance_requested", requested, rng.uniform(0.8, 1.2)
            return "in_progress", None, rng.uniform(0.3, 0.8)
        if today > deadline:
            if r < 0.75:
                return "acceptance_requested", min(requested, today), rng.uniform(0.8, 1.3)
            if r < 0.93:
                return "in_progress", None, rng.uniform(0.3, 0.9)
            return "terminated", None, rng.uniform(0.1, 0.4)
        if r < 0.02:
            return "terminated", None, rng.uniform(0.1, 0.4)
        return "in_progress", None, rng.choice([rng.uniform(0.2, 0.55), rng.uniform(0.8, 1.4),
                                                 rng.uniform(0.9, 1.3)])

    def reference(self, indicator: Indicator, day: dt.date) -> str | None:
        if self.references and self.rng.random() < 0.004:
            return self.rng.choice(self.references)  # the same item claimed by two projects
        self.serial += 1
        if indicator.source_types:  # patents, whose source decides whether they count
            ref = f"ZL{day.year - self.rng.randint(1, 5)}1{self.serial:07d}.{self.rng.randint(0, 9)}"
        elif indicator.family in self.levelled:  # standards, whose level decides
            ref = f"T/SZIP {self.serial:05d}-{day.year}"
        elif indicator.unit == "人":  # people certified: one certificate each
            ref = f"CERT-{day.year}-{self.serial:06d}"
        else:
            return None
        self.references.append(ref)
        return ref

    def status(self, day: dt.date) -> str:
        weights = [10, 85, 5] if (self.today - day).days > 45 else [80, 20, 0]
        return self.rng.choices(["claimed", "verified", "rejected"], weights=weights)[0]

    def records(self, indicator: Indicator, start: dt.date, end: dt.date, share: float
                ) -> list[dict[str, Any]]:
        """Achievement rows of one indicator for a project that reached `share` of its goals."""
        rng = self.rng
        last = min(self.today, end)
        if last < start:
            return []

        def day() -> dt.date:
            if rng.random() < 0.01:  # a few dated before the window: they must not count
                return start - dt.timedelta(days=rng.randint(5, 90))
            return start + dt.timedelta(days=rng.randint(0, (last - start).days))

        rows: list[dict[str, Any]] = []
        if indicator.kind == "count":
            goal = round(indicator.required * share * rng.uniform(0.8, 1.2))
            got = 0
            while got < goal:
                # a large requirement (attendances) grows by many at a time
                quantity = rng.randint(8, 30) if indicator.required >= 20 else 1
                d = day()
                row = {"date": d, "quantity": quantity, "reference": self.reference(indicator, d)}
                if indicator.source_types:
                    row["source_type"] = rng.choices(
                        ["university", "research_institute", "enterprise"], weights=[6, 3, 1])[0]
                if indicator.family in self.levelled:
                    row["level"] = rng.choices(
                        ["group", "industry", "national", "local", "enterprise"],
                        weights=[4, 2, 1, 1, 2])[0]
                rows.append(row)
                got += quantity
        elif indicator.kind == "flag":
            if rng.random() < min(1.0, share * 1.2):
                rows.append({"date": day()})
        elif indicator.kind == "trend":
            value = Decimal(rng.randint(15, 60)) / 10
            for year in range(start.year - 1, min(self.today.year, end.year + 1)):
                if year > start.year - 1 and rng.random() > share:
                    break
                rising = rng.random() < 0.9 or share >= 1
                value += Decimal(rng.randint(1, 8)) / 10 * (1 if rising else -1)
                rows.append({"date": min(dt.date(year + 1, 1, 31), last), "year": year,
                             "value": value})
        elif share >= 0.85 and (end - self.today).days < 120:
            length = rng.randint(4700, 5600)
            rows.append({"date": last, "text": self.summary[:length], "text_chars": length})
        return [{"indicator": indicator.id, "title": indicator.name,
                 **self.decision(r, self.unfit(r, indicator, start)), **r} for r in rows]

    @staticmethod
    def unfit(row: dict[str, Any], indicator: Indicator, start: dt.date) -> str | None:
        """Why a reviewer could not verify this record (dated before the window, a source or
        level the indicator does not accept), or None."""
        if indicator.kind in ("count", "flag") and row["date"] < start:
            return "成果日期早于实施期开始，不能计入"
        if indicator.source_types and row.get("source_type") not in indicator.source_types:
            return "专利来源不符合指标要求（须来自高校或科研院所）"
        if indicator.levels and row.get("level") not in indicator.levels:
            return "标准级别不符合指标要求"
        return None

    def decision(self, row: dict[str, Any], unfit: str | None) -> dict[str, Any]:
        """A credible review: a record that breaks its indicator's rules is never verified (it
        waits or is rejected with the rule as reason); a fit one is mostly verified once old
        enough, a few rejected for thin evidence."""
        status = self.status(row["date"])
        if unfit is not None and status == "verified":
            return {"status": "rejected", "review_reason": unfit}
        return {"status": status, "review_reason": "佐证材料不足，请补充盖章的证明文件" if status == "rejected" else None}


DAYS_BACK = 760  # the oldest cohort's windows started over the last two years or so
MIN_DAYS_BACK = 20


def cohort_sizes(programmes: Sequence[Programme], projects: int) -> list[int]:
    """Projects per programme, oldest first: each later cohort a quarter of the whole shared
    out among them (its windows started a year later per year of difference), the rest to the
    oldest, so the demo always shows cohorts side by side."""
    if len(programmes) == 1:
        return [projects]
    oldest = programmes[0].year
    later = [p for p in programmes[1:] if DAYS_BACK - 365 * (p.year - oldest) >= MIN_DAYS_BACK]
    each = projects // (4 * len(later)) if later else 0
    sizes = [each if p in later else 0 for p in programmes[1:]]
    return [projects - sum(sizes), *sizes]


def generate_demo(session: Session, programmes: Sequence[tuple[ProgrammeRow, Programme]], *,
                  projects: int, seed: int, today: dt.date, actor: str,
                  progress: Callable[[int], None] | None = None) -> DemoResult:
    """Fill the database with `projects` synthetic projects spread over the programmes given
    (oldest first); the first enterprise of the oldest cohort has a project in every cohort.
    InputError if demo data exists."""
    if projects < 1:
        raise InputError("--projects 至少为 1")
    if not programmes:
        raise InputError("尚未载入任何计划：请先运行 tracker init")
    if session.scalar(select(Project.id).where(Project.code.like(f"{CODE_PREFIX}-%")).limit(1)):
        raise InputError("数据库中已有演示数据（DEMO- 开头的项目）；如需重建，请换一个空数据库")
    step = progress or (lambda _n: None)
    rng = random.Random(seed)
    ordered = sorted(programmes, key=lambda rp: (rp[1].year, rp[1].code))
    sizes = cohort_sizes([p for _, p in ordered], projects)
    totals = DemoResult(0, 0, 0, 0)
    shared: tuple[int, dict[str, Any]] | None = None
    seen: set[str] = set()  # USCCs generated so far, in every cohort
    years = Counter(p.year for _, p in ordered)
    for (row, programme), size in zip(ordered, sizes):
        if size < 1:
            continue
        days_back = DAYS_BACK - 365 * (programme.year - ordered[0][1].year)
        label = str(programme.year) if years[programme.year] == 1 else programme.code  # codes stay unique
        result, first = _cohort(session, rng, row, programme, size, today, days_back, shared, seen, label, step)
        shared = shared or first
        totals = DemoResult(*(a + b for a, b in zip(totals.__dict__.values(), result.__dict__.values())))
        audit.record(session, actor=actor, action="demo.generated", entity="programme",
                     key=row.code, after={**result.__dict__, "seed": seed, "today": today})
    return totals


CLAIM_DELAY = dt.timedelta(days=7)  # an achievement is claimed about a week after it is dated


def _at(day: dt.date) -> dt.datetime:
    """09:00 in Suzhou on `day`, as the UTC instant the database stores."""
    return dt.datetime.combine(day, dt.time(1, 0), tzinfo=dt.timezone.utc)


def _cohort(session: Session, rng: random.Random, programme_row: ProgrammeRow, programme: Programme,
            projects: int, today: dt.date, days_back: int, shared: tuple[int, dict[str, Any]] | None,
            seen: set[str], label: str, step: Callable[[int], None]) -> tuple[DemoResult, tuple[int, dict[str, Any]]]:
    """One programme's applicants, projects, records and funds; `shared` (an enterprise id and
    its row) takes this cohort's first project. Returns the counts and the first enterprise."""
    gen = _Portfolio(rng, programme, today, days_back)
    now = _at(today)  # the demo's day, not the clock's: its ledger shows no claim from the future
    districts, focus = list(DISTRICT_CODES), [c.name for c in programme.clusters]
    extra_applicants = max(1, projects // 4)

    enterprises: list[dict[str, Any]] = []
    while len(enterprises) < projects + extra_applicants - (1 if shared else 0):
        district = rng.choice(districts)
        cluster = rng.choices(focus, weights=[5 if c != "其他" else 1 for c in focus])[0]
        uscc = make_uscc(rng, district)
        if uscc not in seen:
            seen.add(uscc)
            enterprises.append({"uscc": uscc, "name": make_name(rng, district, cluster),
                                "district": district, "industry_cluster": cluster})
    insert_rows(session, Enterprise.__table__, enterprises)
    enterprise_ids = _ids(session, select(Enterprise.uscc, Enterprise.id), [e["uscc"] for e in enterprises])
    if shared:
        enterprise_ids.insert(0, shared[0])
        enterprises.insert(0, shared[1])

    applications = []
    for index, enterprise_id in enumerate(enterprise_ids):
        funded = index < projects
        valid = rng.randint(55 if funded else 30, 400)
        applications.append({
            "programme_id": programme_row.id, "enterprise_id": enterprise_id,
            "state": "approved" if funded else rng.choice(
                ["submitted", "district_recommended", "district_rejected", "under_expert_review",
                 "not_approved"]),
            "independent_legal_person": True, "ip_management_system": True, "ip_department": True,
            "ip_staff": rng.randint(1, 8), "valid_patents": valid,
            "valid_invention_patents": rng.randint(min(20, valid), max(20, valid // 2)),
            "pct_national_phase": rng.randint(0, 5), "enterprise_standard_system": True,
            # funded applicants met every condition (only eligible ones become projects);
            # the others are a mix, as applicants are
            # (the same draws either way, clamped for them, so a seed gives the same portfolio shape)
            "standard_coverage_pct": Decimal(max(rng.randint(78, 100), 80 if funded else 0)),
            "standardization_body": True,
            "standardization_staff": rng.randint(1, 5), "standards_5y": max(rng.randint(1, 8), 2 if funded else 0),
            "qms_certified": True, "registered_trademark": (rng.random() > 0.03) or funded,
            "serious_dishonesty": False, "abnormal_patent_applications": (rng.random() < 0.02) and not funded,
            "revenue_1": Decimal(rng.randint(3000, 50000)), "revenue_2": Decimal(rng.randint(3000, 50000)),
            "revenue_3": Decimal(rng.randint(3000, 50000)),
            **{f"profit_{n}": Decimal(max(rng.randint(low, 3000), 1 if funded else low))
               for n, low in ((1, -500), (2, -300), (3, -100))},
            "honours": rng.sample([h.code for h in programme.honours], rng.choice([0, 0, 1, 1, 2])),
            "imported_at": now,
        })
    insert_rows(session, Application.__table__, applications)
    application_ids = _ids(session, select(Application.enterprise_id, Application.id).where(
        Application.programme_id == programme_row.id), enterprise_ids)

    project_rows, plans = [], []
    for n in range(projects):
        e = enterprises[n]
        start, end, extension = gen.window()
        state, requested, diligence = gen.state(end)
        project_rows.append({
            "code": f"{CODE_PREFIX}-{label}-{n + 1:06d}", "programme_id": programme_row.id,
            "enterprise_id": enterprise_ids[n], "application_id": application_ids[n],
            "title": make_title(rng, e["industry_cluster"]),
            "grant_wan": Decimal(rng.choice([30, 40, 50, 60, 80, 100, 120])),
            "start_date": start, "end_date": end, "extension_reason": extension, "state": state,
            "acceptance_requested_on": requested, "created_at": _at(min(start, today))})
        plans.append((start, end, state, diligence))
    insert_rows(session, Project.__table__, project_rows)
    project_ids = _ids(session, select(Project.code, Project.id).where(Project.programme_id == programme_row.id),
                       [p["code"] for p in project_rows])

    records = funds = 0
    for first in range(0, projects, CHUNK):  # a slice at a time: memory stays flat at 100,000 projects
        indicator_rows, achievement_rows, fund_rows = [], [], []
        for n in range(first, min(first + CHUNK, projects)):
            project_id, row, (start, end, state, diligence) = project_ids[n], project_rows[n], plans[n]
            indicator_rows += [{"project_id": project_id, "indicator_id": i.id, "required": i.required}
                               for i in programme.indicators]
            span = max((end - start).days, 1)
            share = min(1.0, max(0.0, (min(today, end) - start).days / span) * diligence)
            for indicator in programme.indicators:
                if indicator.counts_from:  # counted from its source's records
                    continue
                for record in gen.records(indicator, start, end, share):
                    reviewed = record["status"] != "claimed"
                    achievement_rows.append({
                        **BLANK_RECORD, "project_id": project_id, "claimed_by": "demo",
                        "claimed_at": _at(min(record["date"] + CLAIM_DELAY, today)),
                        "evidence": f"佐证材料-{project_id}-{records + len(achievement_rows)}.pdf",
                        "reviewed_by": "市局审核员" if reviewed else None,
                        "reviewed_on": min(record["date"] + dt.timedelta(days=30), today) if reviewed else None,
                        "reference_key": fold_reference(record.get("reference")),
                        **record})
            fund_rows += _funds(rng, project_id, row, state, today)
        insert_rows(session, ProjectIndicator.__table__, indicator_rows)
        insert_rows(session, Achievement.__table__, achievement_rows)
        insert_rows(session, FundMovement.__table__, fund_rows)
        records, funds = records + len(achievement_rows), funds + len(fund_rows)
        step(min(CHUNK, projects - first))
    return (DemoResult(projects, len(applications), records, funds),
            (enterprise_ids[0], enterprises[0]))


def _funds(rng: random.Random, project_id: int, row: dict[str, Any], state: str,
           today: dt.date) -> list[dict[str, Any]]:
    """Half the grant soon after the start, the rest after acceptance; recalls when recalled."""
    first_day = row["start_date"] + dt.timedelta(days=rng.randint(10, 40))
    if first_day > today:
        return []
    half = (row["grant_wan"] / 2).quantize(Decimal("0.01"))
    base = {"project_id": project_id, "actor": "市局财务"}
    rows = [{**base, "kind": "disbursement", "on_date": first_day, "amount_wan": half,
             "reason": "首期拨付", "recorded_at": _at(first_day)}]
    settle = min(row["end_date"] + dt.timedelta(days=60), today)
    base["recorded_at"] = _at(settle)
    if state == "accepted":
        rows.append({**base, "kind": "disbursement", "on_date": settle,
                     "amount_wan": row["grant_wan"] - half, "reason": "验收后拨付余款"})
    elif state == "funds_recalled":
        rows.append({**base, "kind": "recall", "on_date": settle, "amount_wan": half,
                     "reason": "验收未通过，收回已拨付资金"})
    return rows
