"""Every label comes from the catalogue; both languages have every key the code uses."""
import re
from pathlib import Path

from dashboards.i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[2] / "dashboards"


def test_both_languages_have_the_same_keys():
    assert set(MESSAGES["zh"]) == set(MESSAGES["en"])


def test_every_key_the_pages_use_is_in_the_catalogue():
    used = set()
    for path in ROOT.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']\s*[),]""", path.read_text(encoding="utf-8")))
    assert used, "the pages must use the catalogue"
    for lang in ("zh", "en"):
        assert sorted(used - set(MESSAGES[lang])) == [], lang


def test_no_empty_label():
    assert all(v.strip() for lang in MESSAGES.values() for v in lang.values())


def test_keys_naming_a_code_take_its_words_from_the_catalogue():
    from dashboards.i18n import t
    assert t("risk.high", "zh") == "高" and t("state.in_progress", "en") == "In progress"
    assert not any(k.startswith(("state.", "appstate.", "verdict.", "status.")) for k in MESSAGES["zh"])
