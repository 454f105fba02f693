"""Property on a real database: random records of one item, imported into two projects in
different orders, give both projects the same figures and flags, count at most once, and a
scan run twice over any days (or after a new spelling of the item) raises nothing new."""
import datetime as dt
import itertools
from collections import Counter

from hypothesis import HealthCheck, given, settings, strategies as st

from support.files import read_rows, write_csv

WINDOW_DAYS = ("2024-12-31", "2025-01-01", "2025-06-01", "2026-12-31", "2027-01-01")
SPELLINGS = ("CERT-{n}", "cert-{n}", "ＣＥＲＴ－{n}", " Cert - {n} ", "cert－{n}")
HEADER = ["project_code", "indicator", "date", "title", "level", "source_type", "reference"]
QUALIFYING = {"certified_staff": ("", ""), "university_patents": ("", "university"),
              "converted_standards": ("group", ""), "converted_standards_public": ("national", "")}
NOT_QUALIFYING = {"certified_staff": ("", ""), "university_patents": ("", "enterprise"),
                  "converted_standards": ("enterprise", ""), "converted_standards_public": ("enterprise", "")}
counter = itertools.count(1)

records = st.lists(st.tuples(st.sampled_from(sorted(QUALIFYING)), st.sampled_from(WINDOW_DAYS),
                             st.sampled_from(SPELLINGS), st.sampled_from(("claimed", "verified", "rejected")),
                             st.booleans()), min_size=1, max_size=5)
scan_days = st.lists(st.dates(dt.date(2025, 5, 1), dt.date(2027, 3, 1)), min_size=1, max_size=3, unique=True)


def add_projects(tracker, examples, tmp_path, codes):
    rows = read_rows(examples / "projects.csv")
    path = write_csv(tmp_path / f"p-{codes[0]}.csv", [rows[0]] + [[code, *rows[1][1:]] for code in codes])
    tracker("projects", "import", "--programme", "SZIPS-2024", str(path))


def enter(tracker, tmp_path, code, item, family_records, order, verified_first):
    """Import the records of `code` in `order`: verified ones with --verified-by, the others
    claimed, and the rejected ones then rejected on review."""
    claimed, verified, rejected = [], [], set()
    for index in order:
        indicator, day, spelling, status, qualifying = family_records[index]
        level, source = (QUALIFYING if qualifying else NOT_QUALIFYING)[indicator]
        row = [code, indicator, day, f"记录{index}", level, source, spelling.format(n=item)]
        (verified if status == "verified" else claimed).append(row)
        if status == "rejected":
            rejected.add(row[3])
    batches = [(verified, True), (claimed, False)]
    for n, (rows, is_verified) in enumerate(batches if verified_first else reversed(batches)):
        if rows:
            path = write_csv(tmp_path / f"{code}-{n}.csv", [HEADER, *rows])
            tracker("achievements", "import", str(path), *(["--verified-by", "市局"] if is_verified else []))
    for r in tracker.json("achievements", "list", "--project", code):
        if r["title"] in rejected:
            tracker("achievements", "review", str(r["id"]), "--reject", "--by", "市局", "--reason", "不符")


def ledger(tracker, code):
    return Counter((r["indicator"], r["date"], r["title"], r["reference"], r["status"], tuple(r["flags"]))
                   for r in tracker.json("achievements", "list", "--project", code))


def figures(tracker, code):
    status = tracker.json("status", "--project", code, "--today", "2027-01-05")[0]
    return {i["id"]: (i["claimed"], i["verified"]) for t in status["targets"] for i in t["indicators"]}


@settings(max_examples=6, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(records, st.data(), scan_days)
def test_an_item_counts_once_whatever_the_order_and_scans_repeat_nothing(sqlite_tracker, examples, tmp_path,
                                                                          family_records, data, days):
    t, item = sqlite_tracker, next(counter)
    a, b = f"P{item}-A", f"P{item}-B"
    add_projects(t, examples, tmp_path, [a, b])
    enter(t, tmp_path, a, item, family_records, list(range(len(family_records))), verified_first=False)
    enter(t, tmp_path, b, item, family_records, data.draw(st.permutations(range(len(family_records)))),
          verified_first=True)
    assert figures(t, a) == figures(t, b)
    assert all(claimed <= 1 and verified <= 1 for claimed, verified in figures(t, a).values())
    assert ledger(t, a) == ledger(t, b)
    for day in days:
        t.json("scan", "--today", day.isoformat())
    for day in reversed(days):
        assert t.json("scan", "--today", day.isoformat()) == []
    # a new spelling of the item, dated earlier, may make it shared, but under its one key
    t("achievements", "import", str(write_csv(tmp_path / f"n{item}.csv", [
        HEADER, [a, "certified_staff", "2025-01-02", "新写法", "", "", f"c e r t－{item}"]])))
    assert {x["key"] for x in t.json("scan", "--today", max(days).isoformat())
            if x["kind"] == "claimed_by_other_project"} <= {f"CERT-{item}"}
