"""The status served from the read model (stored evaluations, standing computed for the day)
equals the status computed from the records, on both databases, after random writes and for
random days; a stale read model is never used; `status --json` streams the same bytes."""
import datetime as dt
import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select, update

from support.files import write_csv
from support.shapes import FIVE, two_shapes
from tracker.db import read_session, write_session
from tracker.models import ProjectEvaluation, ProjectSnapshot, SnapshotState
from tracker.principal import Principal
from tracker.queries import served
from tracker.queries.read_model_version import read_model_current
from tracker.queries.served import served_statuses, statuses_for
from tracker.queries.status import portfolio_status
from tracker.queries.status_text import status_text
from tracker.services.programmes import load_programmes
from tracker.services.snapshots import advance_day, snapshot_day

BUREAU = Principal.bureau("test")
HEADER = ["project_code", "indicator", "date", "title", "quantity", "level", "source_type", "reference"]
INDICATORS = {"SZIPS": ("certified_staff", "university_patents", "converted_standards"),
              FIVE: ("pct_filings", "drafted_standards", "trained_staff")}
counter = itertools.count(1)

writes = st.lists(st.one_of(
    st.tuples(st.just("claim"), st.integers(0, 400), st.integers(0, 2), st.sampled_from(("2024-06-01", "2025-03-02", "2027-01-01")),
              st.integers(0, 5), st.booleans()),
    st.tuples(st.just("review"), st.integers(0, 10_000), st.sampled_from(("--verify", "--reject", "--return"))),
    st.tuples(st.just("disburse"), st.integers(0, 400), st.sampled_from(("0.50", "3.00")))),
    min_size=1, max_size=6)
days = st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2029, 12, 31)), min_size=1, max_size=3)


@pytest.fixture
def portfolio(new_db_url, tmp_path, monkeypatch):
    """Both programme shapes (the five-target one included), and a demo portfolio holding
    every closing stage (reviews, rectification, recall cases, amendments, inspections) and
    fund movements, on the backend under test."""
    t = two_shapes(tmp_path, monkeypatch, new_db_url())
    t("demo", "--projects", "400", "--seed", "7", "--today", "2026-11-25")
    return t


def codes(t):
    engine = t.engine()
    with read_session(engine) as s:
        found = [x.bundle.code for x in portfolio_status(s, BUREAU, dt.date(2026, 11, 25))]
    engine.dispose()
    return found


def apply(t, tmp_path, write, all_codes):
    kind = write[0]
    if kind == "claim":  # shared references: the same small set of items across projects
        _, n, which, day, item, verified = write
        code = all_codes[n % len(all_codes)]
        family = INDICATORS[FIVE] if code.startswith("5T") else INDICATORS["SZIPS"]
        row = [code, family[which], day, f"成果{next(counter)}", "", "national" if which == 2 else "",
               "university" if which == 1 else "", f"REF-{item}"]
        path = write_csv(tmp_path / f"w{next(counter)}.csv", [HEADER, row])
        t("achievements", "import", str(path), *(["--verified-by", "市局"] if verified else []))
    elif kind == "review":
        _, n, how = write
        code = all_codes[n % len(all_codes)]
        claimed = [r for r in t.json("achievements", "list", "--project", code) if r["status"] == "claimed"]
        if claimed:
            record = claimed[n % len(claimed)]
            t("achievements", "review", str(record["id"]), how, "--by", "市局",
              *(["--reason", "不符"] if how != "--verify" else []), expect=None)
    else:
        _, n, amount = write
        t("funds", "disburse", all_codes[n % len(all_codes)], amount, "--on", "2025-01-10", "--by", "市局",
          expect=None)


def served_and_computed(t, day, principal=BUREAU):
    engine = t.engine()
    with read_session(engine) as s:
        assert read_model_current(s)
        # `status --json` writes each served status with status_text: the same text as json.dumps
        got = [(x.to_json(), x.shared_references, status_text(x, 1))
               for x in served_statuses(s, principal, day, slice_size=7)]
        want = [(x.to_json(), x.shared_references,
                 json.dumps(x.to_json(), ensure_ascii=False, indent=2).replace("\n", "\n  "))
                for x in portfolio_status(s, principal, day)]
    engine.dispose()
    return got, want


@settings(max_examples=5, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(writes, days)
def test_the_served_status_equals_the_status_computed_from_records(portfolio, tmp_path, ops, some_days):
    t = portfolio
    all_codes = codes(t)
    for write in ops:
        apply(t, tmp_path, write, all_codes)
    for day in some_days:
        got, want = served_and_computed(t, day)
        assert len(got) == len(want) == len(all_codes)
        assert got == want
    enterprise = Principal(name="e", role="enterprise", uscc="91320506301104144E")
    got, want = served_and_computed(t, some_days[0], enterprise)
    assert got == want and got  # what an enterprise is not told is left out alike


def test_the_change_of_day_rewrites_standings_only_and_agrees_with_a_rebuild(portfolio):
    t = portfolio
    engine = t.engine()
    day = dt.date(2026, 11, 25) + dt.timedelta(days=400)  # deadlines pass: risks change
    with read_session(engine) as s:
        before = dict(s.execute(select(ProjectEvaluation.project_id, ProjectEvaluation.evaluation)).all())
    transactions: list[float] = []
    changed = advance_day(engine, day, chunk=50, transactions=transactions)
    assert changed > 0 and len(transactions) >= 2
    with read_session(engine) as s:
        assert snapshot_day(s) == day
        stepped = s.execute(select(ProjectSnapshot).order_by(ProjectSnapshot.project_id)).scalars().all()
        stepped = [(p.project_id, p.risk, p.risk_reasons, p.days_left, p.elapsed, p.funds_at_risk_wan)
                   for p in stepped]
        assert dict(s.execute(select(ProjectEvaluation.project_id, ProjectEvaluation.evaluation)).all()) == before
    assert before and set(before) == {p[0] for p in stepped}  # the evaluations are untouched, one per snapshot
    t("snapshots", "rebuild", "--today", day.isoformat())
    with read_session(engine) as s:
        rebuilt = [(p.project_id, p.risk, p.risk_reasons, p.days_left, p.elapsed, p.funds_at_risk_wan)
                   for p in s.execute(select(ProjectSnapshot).order_by(ProjectSnapshot.project_id)).scalars()]
        assert dict(s.execute(select(ProjectEvaluation.project_id, ProjectEvaluation.evaluation)).all()) == before
    assert stepped == rebuilt
    engine.dispose()


def test_a_stale_read_model_is_not_used_and_the_cli_says_so(tracker, examples):
    t = tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("achievements", "import", str(examples / "achievements.csv"), "--verified-by", "市局")
    engine = t.engine()
    with read_session(engine) as s:
        assert read_model_current(s)
        right = [x.to_json() for x in portfolio_status(s, BUREAU, dt.date(2026, 11, 25))]
    # one project's evaluation stored for all, under a fingerprint that is not this code's:
    # wrong for the others, and never served
    with write_session(engine) as s:
        one = s.scalars(select(ProjectEvaluation.evaluation).order_by(ProjectEvaluation.project_id.desc())).first()
        s.execute(update(ProjectEvaluation).values(evaluation=one))
        s.execute(update(SnapshotState).values(fingerprint="0" * 64))
    with read_session(engine) as s:
        assert not read_model_current(s)
        found, was_served = statuses_for(s, BUREAU, dt.date(2026, 11, 25))
        assert not was_served and [x.to_json() for x in found] == right
    result = t("status", "--json", "--today", "2026-11-25")
    assert json.loads(result.stdout) == right
    assert "tracker snapshots rebuild" in result.stderr
    t("snapshots", "rebuild", "--today", "2026-11-25")
    with read_session(engine) as s:
        assert read_model_current(s)
    assert "tracker snapshots rebuild" not in t("status", "--json", "--today", "2026-11-25").stderr
    engine.dispose()


def test_a_changed_programme_definition_makes_the_read_model_stale_until_init(tmp_path, monkeypatch, new_db_url):
    t = two_shapes(tmp_path, monkeypatch, new_db_url())
    engine = t.engine()
    with read_session(engine) as s:
        assert read_model_current(s)
    path = tmp_path / "data" / "programmes" / "five-targets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("behind_schedule_factor = 0.5",
                                                              "behind_schedule_factor = 0.6"), encoding="utf-8")
    with write_session(engine) as s:  # loaded without recomputing anything
        assert load_programmes(s, [path])
    with read_session(engine) as s:
        assert not read_model_current(s)
    t("init")  # init loads it again and rebuilds under the new definition
    with read_session(engine) as s:
        assert read_model_current(s)
    engine.dispose()


def test_status_json_streams_the_same_bytes_holding_one_slice_at_a_time(tracker, examples, monkeypatch):
    t = tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    t("achievements", "import", str(examples / "achievements.csv"), "--verified-by", "市局")
    engine = t.engine()
    with read_session(engine) as s:
        whole = [x.to_json() for x in portfolio_status(s, BUREAU, dt.date(2026, 11, 25))]
    engine.dispose()
    assert len(whole) >= 2
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    # slices of one: each project must be written before the next one is read
    read_so_far: list[int] = []
    original = served.served_statuses

    def watched(*args, **kwargs):
        for n, status in enumerate(original(*args, **{**kwargs, "slice_size": 1})):
            read_so_far.append(n)
            yield status
    monkeypatch.setattr(served, "served_statuses", watched)
    written: list[tuple[int, bytes]] = []
    import tracker.cli.common as common
    binary = common._binary

    class Watched:
        def __init__(self, stream):
            self.stream = stream

        def write(self, data: bytes) -> int:
            written.append((len(read_so_far), data))
            return self.stream.write(data)

        def flush(self) -> None:
            self.stream.flush()
    monkeypatch.setattr(common, "_binary", lambda out: Watched(binary(out)))
    monkeypatch.setattr(common, "_BLOCK", 1)  # written a project at a time
    result = t("status", "--json", "--today", "2026-11-25")
    assert result.stdout == expected
    # each project was written as soon as it was produced, before the next one was read
    assert [n for n, _ in written[:-1]] == list(range(1, len(whole) + 1))


@pytest.mark.parametrize("databases", ["postgresql"], indirect=True)  # a PostgreSQL planner setting
def test_each_slice_is_read_without_parallel_workers_and_the_setting_comes_back(tracker, examples):
    t = tracker
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    engine = t.engine()
    assert engine.dialect.name == "postgresql"
    from sqlalchemy import event, text
    seen: list[str] = []
    with read_session(engine) as s:
        before = s.execute(text("SHOW max_parallel_workers_per_gather")).scalar()

        def note(conn, cursor, statement, *_args):  # the setting as each slice's query starts
            if statement.lstrip().upper().startswith("SELECT") and "project_evaluations" in statement:
                seen.append(conn.exec_driver_sql("SHOW max_parallel_workers_per_gather").scalar())
        event.listen(engine, "before_cursor_execute", note)
        try:
            served_count = sum(1 for _ in served_statuses(s, BUREAU, dt.date(2026, 11, 25), slice_size=1))
        finally:
            event.remove(engine, "before_cursor_execute", note)
        after = s.execute(text("SHOW max_parallel_workers_per_gather")).scalar()
    engine.dispose()
    assert served_count >= 2 and seen == ["0"] * (served_count + 1)  # one more slice finds the end
    assert after == before != "0"
