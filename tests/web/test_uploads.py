"""Evidence uploads: up to 20 MB, type from the content, and field-by-field errors."""
import io
import zipfile

import pytest

from tracker.evidence import MAX_BYTES
from support.files import minimal_pdf

URL = "/api/projects/SZIPS-2024-001/achievements"
FIELDS = {"indicator": "patent_pool", "date": "2025-08-01", "title": "专利池"}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(13) + b"\x00" * 4 + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def office(kind):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize("content, kind", [
    (minimal_pdf(), "pdf"), (b"\xff\xd8\xff\xe0JFIF....\xff\xd9", "jpeg"), (PNG, "png"),
    (office("docx"), "docx"), (office("xlsx"), "xlsx")])
def test_each_accepted_type_is_recognised_from_its_content(sqlite_server, content, kind):
    r = sqlite_server.client("ent1").post(sqlite_server.base + URL, data=FIELDS,
                                          files={"file": ("whatever.bin", content)})
    assert r.status_code == 201 and r.json()["evidence_type"] == kind


@pytest.mark.parametrize("content", [b"MZ\x90\x00 an executable", b"<html>", b"PK\x03\x04 not a zip",
                                     b"GIF89a"])
def test_other_content_is_415_whatever_its_name(sqlite_server, sqlite_portfolio, content):
    before = len(sqlite_portfolio.json("achievements", "list"))
    r = sqlite_server.client("ent1").post(sqlite_server.base + URL, data=FIELDS,
                                          files={"file": ("report.pdf", content, "application/pdf")})
    assert r.status_code == 415
    assert len(sqlite_portfolio.json("achievements", "list")) == before


def test_a_file_over_20_mb_is_413_and_a_request_far_over_is_413_too(sqlite_server, sqlite_portfolio):
    c = sqlite_server.client("ent1")
    just_over = b"%PDF-1.4\n" + b"0" * (MAX_BYTES - 8)
    assert c.post(sqlite_server.base + URL, data=FIELDS, files={"file": ("a.pdf", just_over)}).status_code == 413
    far_over = b"%PDF-1.4\n" + b"0" * (MAX_BYTES + 2 * 1024 * 1024)
    assert c.post(sqlite_server.base + URL, data=FIELDS, files={"file": ("a.pdf", far_over)}).status_code == 413
    assert not any(r["evidence_sha256"] for r in sqlite_portfolio.json("achievements", "list"))


def test_bad_fields_are_400_with_each_field_named(sqlite_server):
    r = sqlite_server.client("ent1").post(sqlite_server.base + URL, json={
        "indicator": "happiness", "date": "someday", "title": "", "quantity": 0})
    assert r.status_code == 400
    fields = {e["field"] for e in r.json()["errors"]}
    assert {"indicator", "date", "title", "quantity"} <= fields


@pytest.mark.parametrize("body", [[1, 2], "text", {"indicator": ["a"], "date": "2025-01-01", "title": "x"},
                                  {"indicator": "patent_pool", "date": {"y": 1}, "title": "x"}])
def test_malformed_bodies_are_400(sqlite_server, body):
    r = sqlite_server.client("ent1").post(sqlite_server.base + URL, json=body)
    assert r.status_code == 400 and r.json()["errors"]
