"""What a page says when an action is refused: the problem in words, named by the label of its
column when it has one, never by a field's id."""
from __future__ import annotations

from dashboards.ui.actions import error_text
from tracker.errors import InputError, NotFound, Problem


def test_a_refusal_shows_labels_and_messages_never_field_ids():
    exc = InputError([Problem("驳回或退回修改时必须填写理由", field="reason"),
                      Problem("不是有效日期", column="日期", field="date")])
    text = error_text(exc)
    assert text == "驳回或退回修改时必须填写理由；日期：不是有效日期"
    assert "reason" not in text and "date" not in text


def test_other_errors_say_their_own_message():
    assert error_text(NotFound("项目 X 不存在")) == "项目 X 不存在"
