"""Evidence judged by its structure: disguised programs, macro documents and archive bombs
are refused; an enterprise never learns that another project holds a reference."""
from __future__ import annotations

import io
import zipfile

import pytest

from support.files import minimal_pdf
from tracker.evidence_checks import Refused, check_office, check_pdf

URL = "/api/projects/SZIPS-2024-001/achievements"
FIELDS = {"indicator": "patent_pool", "date": "2025-08-01", "title": "专利池"}
ELF = b"\x7fELF\x02\x01\x01" + bytes(200)


def docx(extra: dict[str, bytes] | None = None, types: str = "<Types/>", compress=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("content", [
    b"%PDF-1.7\n" + ELF,                                    # a PDF header on a program
    b"%PDF-1.4\n%%EOF\n",                                   # no objects, no cross-reference
    minimal_pdf().replace(b"startxref\n", b"startxref\n9"),  # the table is not where it says
    minimal_pdf().replace(b"/Title", b"/OpenAction << /S /Launch /F (calc.exe) >> /Title"),
])
def test_a_pdf_must_hold_together_as_a_pdf(content):
    with pytest.raises(Refused):
        check_pdf(content)


def test_a_real_pdf_passes():
    check_pdf(minimal_pdf())


@pytest.mark.parametrize("content", [
    docx({"word/payload.exe": ELF}),
    docx({"word/media/image1.png": b"MZ\x90\x00" + bytes(100)}),        # a program under an image's name
    docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
    docx(types='<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'),
    docx({"word/media/huge.xml": b"\x00" * (30 * 1024 * 1024)}),         # unpacks 1000 times its size
])
def test_office_archives_with_programs_macros_or_bombs_are_refused(content):
    with pytest.raises(Refused):
        check_office(content)


def test_an_office_archive_with_very_many_parts_is_refused_quickly():
    import time
    content = docx({f"word/p{i}.xml": b"" for i in range(3000)}, compress=zipfile.ZIP_STORED)
    started = time.monotonic()
    with pytest.raises(Refused):
        check_office(content)
    assert time.monotonic() - started < 2


def test_disguised_programs_are_415_over_http_and_nothing_is_stored(sqlite_server, sqlite_portfolio, tmp_path):
    c = sqlite_server.client("ent1")
    for content in (b"%PDF-1.7\n" + ELF, docx({"word/payload.exe": ELF})):
        r = c.post(sqlite_server.base + URL, data=FIELDS, files={"file": ("report.pdf", content)})
        assert r.status_code == 415, r.text
    assert not any(r["evidence_sha256"] for r in sqlite_portfolio.json("achievements", "list"))
    assert c.post(sqlite_server.base + URL, data=FIELDS,
                  files={"file": ("report.pdf", minimal_pdf())}).status_code == 201


def test_the_evidence_quota_of_an_enterprise_is_enforced(sqlite_server, monkeypatch):
    monkeypatch.setenv("TRACKER_EVIDENCE_QUOTA_MB", "0.01")  # 10 KB
    c = sqlite_server.client("ent1")
    first = c.post(sqlite_server.base + URL, data=FIELDS, files={"file": ("a.pdf", minimal_pdf("a" * 6000))})
    assert first.status_code == 201
    second = c.post(sqlite_server.base + URL, data={**FIELDS, "title": "二"},
                    files={"file": ("b.pdf", minimal_pdf("b" * 6000))})
    assert second.status_code == 413 and "上限" in second.json()["message"]


def test_an_enterprise_is_not_told_that_another_project_holds_its_reference(sqlite_server, sqlite_portfolio):
    # CERT-B-1 is held by SZIPS-2024-002 (another enterprise's project).
    ent = sqlite_server.client("ent1")
    r = ent.post(sqlite_server.base + URL, json={"indicator": "certified_staff", "date": "2025-10-01",
                                                "title": "证书", "reference": "CERT-B-1"})
    assert r.status_code == 201
    assert "claimed_by_other_project" not in r.text
    sqlite_portfolio("scan", "--today", "2026-11-26")
    for path in ("/api/projects/SZIPS-2024-001/achievements", "/api/projects/SZIPS-2024-001", "/api/projects",
                 "/api/alerts"):
        assert "claimed_by_other_project" not in ent.get(sqlite_server.base + path).text, path
    bureau = sqlite_server.client("bureau")
    mine = [a for a in bureau.get(sqlite_server.base + "/api/projects/SZIPS-2024-001/achievements").json()
            if a["reference"] == "CERT-B-1"]
    assert mine and "claimed_by_other_project" in mine[0]["flags"]  # the bureau sees the flag
