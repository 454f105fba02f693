"""Labels live in one place. The words for a code are written only in tracker/catalogue/, and
the pages' phrases only in dashboards/i18n.py: a scan of the Python sources of tracker/ and
dashboards/ fails on a code's label written anywhere else, on a code -> Chinese table kept beside
the catalogue, and on any Chinese text at all in the pages (dashboards/ui). Sentences around
labels (error messages, CLI help, import column headers, notification wording, demo names) are
phrases, not labels, and may stay where they are used."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tracker.catalogue import LABELS
from tracker.vocab import CLOSED_SETS

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = {*(ROOT / "tracker" / "catalogue").glob("*.py"), ROOT / "dashboards" / "i18n.py"}
CJK = re.compile(r"[\u4e00-\u9fff]")
ALL_CODES = {m.value for enum in CLOSED_SETS for m in enum}
# Words of one or two characters (高, 项目, 企业, 数量) are everyday words in headers and help
# texts, not a telling sign of a copied label.
SPECIFIC = 3


def sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py") if p not in CATALOGUES)


def literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string constant except docstrings, f-string pieces included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def code_tables(path: Path) -> list[int]:
    """Lines of dict literals mapping codes of closed sets to Chinese words (a second catalogue).
    A table of import column headers whose ids happen to share a few codes is not one."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Dict) or len(node.keys) < 2:
            continue
        pairs = [(k.value, v.value) for k, v in zip(node.keys, node.values)
                 if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
                 and isinstance(k.value, str) and isinstance(v.value, str)]
        coded = sum(k in ALL_CODES and bool(CJK.search(v)) for k, v in pairs)
        if coded >= 2 and 2 * coded >= len(pairs):  # mostly codes: not a table of column headers
            found.append(node.lineno)
    return found


def zh_labels() -> set[str]:
    return {words[0] for table in LABELS.values() for words in table.values()}


def written_labels(text: str, labels: set[str]) -> set[str]:
    """The labels a literal is, once the punctuation around it is stripped."""
    return {w for w in labels if len(w) >= SPECIFIC and text.strip(" ：:，,。（）()【】「」") == w}


def test_the_scan_catches_a_label_and_a_code_table(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('RISK = {"low": "低", "high": "高"}\nMSG = f"状态：{1}，验收未通过。"\nOK = "项目编号"\n',
                   encoding="utf-8")
    assert code_tables(bad) == [1]
    found = {line: written_labels(text, zh_labels()) for line, text in literals(bad)}
    assert found[2] == {"验收未通过"} and not found[3]


@pytest.mark.parametrize("path", sources("tracker", "dashboards", "schedules"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_code_label_is_written_outside_the_catalogue(path):
    labels = zh_labels()
    assert code_tables(path) == []
    assert [(line, text) for line, text in literals(path) if written_labels(text, labels)] == []


def test_the_pages_hold_no_chinese_text():
    shown = [(str(p.relative_to(ROOT)), line, text) for p in sources("dashboards/ui")
             for line, text in literals(p) if CJK.search(text)]
    assert shown == []
