"""The funds page's list on a real database: every movement with date, amount, who and why,
newest first, filtered by project and kind, totals over what matches, scoped by principal."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from support.examples_db import examples_tracker
from tracker.principal import Principal
from tracker.queries.payments import fund_movements

BUREAU = Principal("市局", "bureau")
WUZHONG = Principal("吴中", "district", district="吴中区")


def test_movements_with_who_and_why_filtered_and_totalled(tmp_path, examples):
    t = examples_tracker(tmp_path, examples)
    t("funds", "disburse", "SZIPS-2024-001", "25", "--on", "2025-01-20", "--by", "财务处", "--reason", "首期拨付")
    t("funds", "disburse", "SZIPS-2024-002", "20", "--on", "2025-02-01", "--by", "财务处")
    t("funds", "recall", "SZIPS-2024-001", "5.5", "--on", "2026-03-01", "--by", "市局", "--reason", "目标未达成")
    engine = t.engine()
    try:
        with Session(engine) as s:
            rows, sums = fund_movements(s, BUREAU)
            assert [(r["project_code"], r["kind"], r["date"]) for r in rows] == [
                ("SZIPS-2024-001", "recall", "2026-03-01"), ("SZIPS-2024-002", "disbursement", "2025-02-01"),
                ("SZIPS-2024-001", "disbursement", "2025-01-20")]
            assert (rows[0]["actor"], rows[0]["reason"], rows[0]["amount_wan"]) == ("市局", "目标未达成", Decimal("5.50"))
            assert sums == {"movements": 3, "disbursed_wan": Decimal("45.00"), "recalled_wan": Decimal("5.50"),
                            "net_disbursed_wan": Decimal("39.50")}
            first, first_sums = fund_movements(s, BUREAU, limit=1)
            assert len(first) == 1 and first_sums == sums  # the totals count every match, not the rows shown
            one, one_sums = fund_movements(s, BUREAU, code="SZIPS-2024-001", kind="disbursement")
            assert len(one) == 1 and one_sums["disbursed_wan"] == Decimal("25.00") and one_sums["recalled_wan"] == 0
            own, own_sums = fund_movements(s, WUZHONG)
            assert {r["project_code"] for r in own} == {"SZIPS-2024-001"}
            assert own_sums["net_disbursed_wan"] == Decimal("19.50")
    finally:
        engine.dispose()
