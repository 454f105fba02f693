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


def test_every_state_risk_status_and_verdict_has_a_label_in_both_languages():
    from tracker.rules.states import APPLICATION_STATES, PROJECT_STATES
    keys = ([f"state.{s}" for s in PROJECT_STATES] + [f"appstate.{s}" for s in APPLICATION_STATES]
            + [f"risk.{r}" for r in ("low", "medium", "high", "closed")]
            + [f"status.{s}" for s in ("claimed", "verified", "rejected", "returned", "withdrawn")]
            + [f"verdict.{v}" for v in ("eligible", "needs_review", "ineligible")])
    for lang in ("zh", "en"):
        assert [k for k in keys if k not in MESSAGES[lang]] == [], lang
