"""The project dossier (DOMAIN.md section 13) unzipped and read part by part: a project taken
through claims with evidence, reviews, an amendment, an inspection, termination and a recall
with a statement, then `tracker dossier CODE --out FILE`."""
from __future__ import annotations

import datetime as dt
import io
import json
import struct
import zipfile
import zlib

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from support.files import minimal_pdf
from tracker.dossier import build_dossier
from tracker.errors import NotFound
from tracker.principal import Principal
from tracker.services.achievements import review_achievement
from tracker.services.claims import claim_from_fields

CODE = "SZIPS-2024-001"  # 苏州示例精密机械有限公司, 吴中区, 2025-01-01..2026-12-31
ENT1 = Principal("企业一", "enterprise", uscc="91320506301104144E")
ENT2 = Principal("企业二", "enterprise", uscc="91320571231669536Q")
BUREAU = Principal("市局审核员", "bureau")
PDF = minimal_pdf("certificate scan")
STATEMENT_PDF = minimal_pdf("statement of the enterprise")


def tiny_png() -> bytes:
    """A one-pixel grey PNG whose chunks and checksums hold together."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


PNG = tiny_png()
PANEL = "张教授、李研究员、王高工"


def step(engine, call):
    with Session(engine, expire_on_commit=False) as s, s.begin():
        return call(s)


@pytest.fixture
def taken_through(tracker, examples, tmp_path, monkeypatch):
    """SZIPS-2024-001 with a verified claim (PDF), a rejected one (PNG, a title that looks like a
    formula), an extension, an inspection asking for rectification, termination and a decided
    recall whose statement carries a PDF."""
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path / "data"))
    t = tracker
    t("applications", "import", "--programme", "SZIPS-2024", str(examples / "applicants.csv"))
    t("projects", "import", "--programme", "SZIPS-2024", str(examples / "projects.csv"))
    engine = t.engine()
    fields = {"indicator": "certified_staff", "date": "2025-08-01", "title": "三人通过知识产权标准化培训认证",
              "quantity": "3", "reference": "CERT-2025-01"}
    verified = step(engine, lambda s: claim_from_fields(s, ENT1, CODE, fields, evidence=PDF, filename="证书.pdf",
                                                        on=dt.date(2025, 8, 2))).id
    rejected = step(engine, lambda s: claim_from_fields(
        s, ENT1, CODE, fields | {"title": "=HYPERLINK(\"http://x\")", "reference": "CERT-2025-02"},
        evidence=PNG, filename="照片.png", on=dt.date(2025, 8, 3))).id
    step(engine, lambda s: review_achievement(s, verified, "verified", actor=BUREAU, on=dt.date(2025, 8, 10)))
    step(engine, lambda s: review_achievement(s, rejected, "rejected", actor=BUREAU, on=dt.date(2025, 8, 10),
                                              reason="证书编号与名单不符"))
    engine.dispose()
    t("funds", "disburse", CODE, "30", "--on", "2025-02-01", "--by", "市局财务")
    t("projects", "amend", CODE, "--on", "2025-09-01", "--by", "市局", "--reason", "疫情影响，延长实施期",
      "--end", "2027-03-31")
    t("inspections", "record", CODE, "--on", "2025-11-03", "--kind", "midterm", "--panel", PANEL,
      "--conclusion", "rectify", "--due", "2025-12-31", "--by", "市局", "--findings", "台账资料不全")
    t("projects", "transition", CODE, "terminated", "--on", "2026-01-05")
    t("recall", "propose", CODE, "--on", "2026-01-12", "--by", "市局")
    statement = tmp_path / "申辩.pdf"
    statement.write_bytes(STATEMENT_PDF)
    t("recall", "respond", CODE, "--on", "2026-01-15", "--statement", "已完成部分培训，请求酌情减免",
      "--evidence", str(statement))
    t("recall", "decide", CODE, "--on", "2026-01-20", "--amount", "20", "--by", "市局", "--reason", "考虑已完成部分")
    t.ids = (verified, rejected)
    t.tmp = tmp_path
    return t


def unzip(t, *extra: str) -> zipfile.ZipFile:
    out = t.tmp / "dossier.zip"
    t("dossier", CODE, "--out", str(out), "--today", "2026-02-01", *extra)
    return zipfile.ZipFile(out)


def test_the_dossier_holds_a_summary_the_ledger_the_decisions_the_audit_trail_and_every_evidence_file(taken_through):
    t = taken_through
    verified, rejected = t.ids
    z = unzip(t)
    assert sorted(z.namelist()) == sorted([
        "summary.html", "ledger.xlsx", "decisions.json", "audit.xlsx", "audit.csv",
        f"evidence/{verified}-certified_staff.pdf", f"evidence/{rejected}-certified_staff.png",
        "evidence/recall-1-statement.pdf"])
    assert z.read(f"evidence/{verified}-certified_staff.pdf") == PDF
    assert z.read(f"evidence/{rejected}-certified_staff.png") == PNG
    assert z.read("evidence/recall-1-statement.pdf") == STATEMENT_PDF


def test_the_ledger_has_one_row_a_record_with_status_and_flags_in_words_and_formulas_made_harmless(taken_through):
    t = taken_through
    verified, rejected = t.ids
    sheet = load_workbook(io.BytesIO(unzip(t).read("ledger.xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert ("记录编号", "指标", "状态", "标记", "佐证文件", "审核理由") == tuple(
        h for h in header if h in ("记录编号", "指标", "状态", "标记", "佐证文件", "审核理由"))
    assert set(body) == {verified, rejected}
    assert body[verified]["状态"] == "已核实" and body[rejected]["状态"] == "已驳回"
    assert body[verified]["佐证文件"] == f"evidence/{verified}-certified_staff.pdf"
    assert body[rejected]["审核理由"] == "证书编号与名单不符"
    assert body[rejected]["名称"] == "'=HYPERLINK(\"http://x\")"
    assert body[verified]["指标"] != "certified_staff"  # the programme's name, not the id
    assert not any(v in ("verified", "rejected", "certified_staff") for r in rows for v in r)


def test_the_summary_prints_on_a4_in_chinese_with_every_decision_and_no_codes(taken_through):
    html = unzip(taken_through).read("summary.html").decode("utf-8")
    assert "@page { size: A4" in html and '"Noto Sans CJK SC"' in html and '"Noto Serif CJK SC"' in html
    assert "page-break-before: always" in html
    for words in ("项目档案", "苏州示例精密机械有限公司", "91320506301104144E", "2027-03-31", "疫情影响，延长实施期",
                  "中期检查", "台账资料不全", "限期整改", "已终止", "已决定收回", "已完成部分培训，请求酌情减免",
                  "20.00", "30.00", "证书编号与名单不符", "evidence/recall-1-statement.pdf"):
        assert words in html, words
    visible = html.split("</style>", 1)[1]
    for code in ("terminated", "midterm", "rectify", "decided", "in_progress", "rejected", "ground",
                 "amount_differs", "project.amended"):
        assert code not in visible, code


def test_the_decisions_and_the_audit_trail_are_all_there(taken_through):
    t = taken_through
    z = unzip(t)
    decisions = json.loads(z.read("decisions.json"))
    assert [r["status"] for r in decisions["record_reviews"]] == ["verified", "rejected"]
    assert decisions["recall_cases"][0]["decided_amount_wan"] == "20.00"
    assert (decisions["recall_cases"][0]["proposed_amount_wan"], decisions["recall_cases"][0]["decision_reason"]) == (
        "30.00", "考虑已完成部分")
    assert decisions["inspections"][0]["conclusion"] == "rectify"
    assert decisions["amendments"][0]["changes"] == {"end_date": ["2026-12-31", "2027-03-31"]}
    assert [h["kind"] for h in decisions["history"]] == [
        "amendment", "inspection", "recall_proposed", "recall_statement", "recall_decided"]
    trail = z.read("audit.csv").decode("utf-8-sig")
    for words in ("申报成果", "审核成果", "项目变更", "记录检查", "提出资金收回", "陈述申辩", "资金收回决定"):
        assert words in trail, words
    assert "achievement.claimed" not in trail and "recall.decided" not in trail
    audit = list(load_workbook(io.BytesIO(z.read("audit.xlsx"))).active.iter_rows(values_only=True))
    assert len(audit) == trail.count("\n")  # the same events, header included


def test_a_dossier_is_only_made_for_whoever_may_see_the_project(taken_through):
    engine = taken_through.engine()
    today = dt.date(2026, 2, 1)
    with Session(engine) as s:
        assert build_dossier(s, ENT1, CODE, today)[:2] == b"PK"
        assert build_dossier(s, Principal("吴中", "district", district="吴中区"), CODE, today)[:2] == b"PK"
        for outsider in (ENT2, Principal("园区", "district", district="苏州工业园区")):
            with pytest.raises(NotFound):
                build_dossier(s, outsider, CODE, today)
    engine.dispose()
    missing = taken_through("dossier", "NOPE", "--out", str(taken_through.tmp / "x.zip"), expect=None)
    assert missing.exit_code != 0 and "NOPE" in missing.stderr
    assert not (taken_through.tmp / "x.zip").exists()


def test_the_dossier_can_be_made_in_english(taken_through):
    html = unzip(taken_through, "--lang", "en").read("summary.html").decode("utf-8")
    assert "Project dossier" in html and "Terminated" in html and "Mid-term inspection" in html
    assert "中期检查" not in html and "已终止" not in html
