"""The claim form is built from the programme: each indicator kind shows its own fields, the
help text comes from the programme file, and a text's count ignores whitespace as the rule does."""
from __future__ import annotations

import base64

import pytest

from dashboards.ui import claim_form as form


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    monkeypatch.setattr("dashboards.i18n.has_request_context", lambda: False)


def shown(programme, indicator_id):
    return {g for g, on in form.shape(programme, indicator_id).groups.items() if on}


def test_each_indicator_kind_shows_the_fields_it_needs(programme):
    assert shown(programme, "certified_staff") == {"quantity", "reference"}
    assert shown(programme, "university_patents") == {"quantity", "reference", "source_type"}
    assert shown(programme, "converted_standards") == {"quantity", "reference", "level"}  # its public part asks
    assert shown(programme, "converted_standards_public") == {"quantity", "reference", "level"}
    assert shown(programme, "patent_pool") == {"reference"}
    assert shown(programme, "ipstd_spend_ratio") == {"trend"}
    assert shown(programme, "market_share") == {"trend"}
    assert shown(programme, "work_summary") == {"text"}
    assert shown(programme, None) == set()


def test_every_indicator_of_the_programme_is_offered_with_its_target(programme):
    options = form.indicator_options(programme)
    assert [o["value"] for o in options] == [i.id for i in programme.indicators]
    assert options[0]["label"].startswith("T1 ")


def test_help_and_the_text_requirement_come_from_the_programme(programme):
    summary = form.shape(programme, "work_summary")
    assert summary.need == 5000 and "5000" in summary.help
    assert form.shape(programme, "certified_staff").quantity_label == "数量（人）"
    assert all(form.shape(programme, i.id).help for i in programme.indicators)


def test_the_character_count_ignores_whitespace_and_says_when_the_requirement_is_met():
    assert form.count_text("一 二\n三\u3000四", 5) == "已输入 4 / 5 字（不计空白）"
    assert form.count_text("五个字够了", 5) == "已输入 5 字（不计空白），已达到 5 字要求"


def test_only_the_fields_of_the_kind_are_sent(programme):
    values = {"indicator": "ipstd_spend_ratio", "date": "2025-01-31", "title": "比例", "quantity": 7,
              "reference": "stale", "year": 2025, "value": 3.2, "text": ""}
    assert form.form_values(values, form.shape(programme, "ipstd_spend_ratio")) == {
        "indicator": "ipstd_spend_ratio", "date": "2025-01-31", "title": "比例", "year": 2025, "value": 3.2}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_an_uploaded_text_file_is_read_in_the_encodings_chinese_offices_save(encoding):
    text = "知识产权与标准融合工作总结"
    url = "data:text/plain;base64," + base64.b64encode(text.encode(encoding)).decode()
    assert form.read_text_file(url) == text


def test_a_broken_upload_is_refused():
    with pytest.raises(ValueError):
        form.decode_upload("no comma here")


def test_every_phrase_of_the_claim_screens_exists_in_both_languages():
    from dashboards.i18n_claims import WORDS
    assert set(WORDS["zh"]) == set(WORDS["en"])
    import re
    for key, zh in WORDS["zh"].items():  # the pages fill the same fields in either language
        assert set(re.findall(r"{\w+}", zh)) == set(re.findall(r"{\w+}", WORDS["en"][key])), key
