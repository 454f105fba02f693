"""Property: random records of one item (spellings, dates inside and outside the window,
statuses, sources and levels, orders) count at most once, the counted record is never
flagged, and the order the records were entered in changes nothing."""
import dataclasses
import datetime as dt
from collections import Counter

from hypothesis import given, settings, strategies as st

from tracker.rules.evidence import Record, evaluate_indicators, fold_reference, in_window, qualifies, record_flags

START, END = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
FAMILIES = {  # indicators sharing records, with the sources or levels a record may carry
    "university_patents": (("university_patents",), "source_type",
                           (None, "university", "research_institute", "enterprise")),
    "converted_standards": (("converted_standards", "converted_standards_public"), "level",
                            (None, "national", "group", "enterprise")),
    "certified_staff": (("certified_staff",), None, (None,)),
}
SPELLINGS = ("ZL202110000001.1", "zl202110000001.1", "ＺＬ2021 1000 0001.1", " zl 2021 1000 0001.1 ", "Zl２０２１１００００００１．１")
DAYS = (START - dt.timedelta(days=1), START, dt.date(2025, 6, 1), dt.date(2025, 6, 2), END,
        END + dt.timedelta(days=1))


@st.composite
def one_item(draw):
    family = draw(st.sampled_from(sorted(FAMILIES)))
    indicators, attribute, values = FAMILIES[family]
    records = []
    for n in range(draw(st.integers(1, 6))):
        written = draw(st.sampled_from(SPELLINGS))
        extra = {attribute: draw(st.sampled_from(values))} if attribute else {}
        records.append(Record(id=n + 1, indicator=draw(st.sampled_from(indicators)),
                              date=draw(st.sampled_from(DAYS)),
                              status=draw(st.sampled_from(("claimed", "verified", "rejected"))),
                              reference=fold_reference(written), written_reference=written, **extra))
    order = draw(st.permutations(range(len(records))))
    return family, records, order


def content(r):
    return dataclasses.replace(r, id=0)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(one_item())
def test_one_item_counts_once_the_counted_record_is_unflagged_and_order_changes_nothing(programme, case):
    family, records, order = case
    indicators = {i.id: i for i in programme.indicators}
    figures = {r.id: r for r in evaluate_indicators(records, list(programme.indicators), START, END)}
    flags = record_flags(records, indicators, START, END, set())
    for indicator_id in FAMILIES[family][0]:
        ind = indicators[indicator_id]
        assert figures[indicator_id].verified <= 1 and figures[indicator_id].claimed <= 1
        eligible = [r for r in records if r.status != "rejected" and in_window(r, ind.kind, START, END)
                    and qualifies(r, ind)]
        assert figures[indicator_id].claimed == (1 if eligible else 0)
        if eligible:
            # the earliest, a verified one first on the same day: one of those counts, unflagged
            first = min((r.date, r.status != "verified") for r in eligible)
            counted = [r for r in eligible if (r.date, r.status != "verified") == first]
            assert any("duplicate_in_project" not in flags[r.id] for r in counted)
            assert figures[indicator_id].verified == (1 if counted[0].status == "verified" else 0)
    if len(FAMILIES[family][0]) == 1 and figures[family].claimed:
        unflagged = [r for r in records if r.status != "rejected" and "duplicate_in_project" not in flags[r.id]]
        assert len(unflagged) == 1  # every other non-rejected record is flagged
    assert all("duplicate_in_project" not in flags[r.id] for r in records if r.status == "rejected")
    # entered in another order (other ids): the same figures, the same flags on the same records
    reordered = [dataclasses.replace(records[j], id=i + 1) for i, j in enumerate(order)]
    assert evaluate_indicators(reordered, list(programme.indicators), START, END) == list(figures.values())
    again = record_flags(reordered, indicators, START, END, set())
    assert Counter((content(r), tuple(flags[r.id])) for r in records) == Counter(
        (content(r), tuple(again[r.id])) for r in reordered)
