"""The text `status --json` prints for one status: what `dumps_indented(status.to_json(), level)`
writes, with each target's text made once per distinct target result and level. Targets are
most of the text, and across thousands of projects the same figures recur, so a portfolio's
output costs little more than reading it."""
from __future__ import annotations

from json.encoder import encode_basestring

from tracker.jsontext import dumps_indented
from tracker.queries.status import ProjectStatus, target_json
from tracker.rules.progress import TargetResult

_MAX_CACHED = 50_000  # distinct target results kept; forgotten all at once beyond (bounded memory)
_target_texts: dict[tuple[TargetResult, int], str] = {}
# By object identity first: served evaluations share one object per distinct target
# (tracker.queries.evaluation), and hashing a nested frozen dataclass costs more than its text.
# Each entry holds its object, so an id is never reused while its entry lives.
_by_identity: dict[tuple[int, int], tuple[TargetResult, str]] = {}


def _target_text(t: TargetResult, depth: int) -> str:
    known = _by_identity.get((id(t), depth))
    if known is not None and known[0] is t:
        return known[1]
    text = _target_texts.get((t, depth))
    if text is None:
        if len(_target_texts) >= _MAX_CACHED:
            _target_texts.clear()
        text = _target_texts[(t, depth)] = dumps_indented(target_json(t), depth)
    if len(_by_identity) >= _MAX_CACHED:
        _by_identity.clear()
    _by_identity[(id(t), depth)] = (t, text)
    return text


def status_text(s: ProjectStatus, level: int = 0) -> str:
    inner, items = "\n" + "  " * (level + 1), []
    for key, value in s.to_json(targets=False).items():
        if key == "targets":
            deeper = "\n" + "  " * (level + 2)
            text = ("[" + deeper + ("," + deeper).join(_target_text(t, level + 2) for t in s.targets)
                    + inner + "]") if s.targets else "[]"
        elif type(value) is str:  # most values: written here without a call per value
            text = encode_basestring(value)
        elif value is None:
            text = "null"
        else:
            text = dumps_indented(value, level + 1)
        items.append(encode_basestring(key) + ": " + text)
    return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
