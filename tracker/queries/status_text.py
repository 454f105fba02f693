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


_INT_TEXT = int.__repr__
_FLOAT_TEXT = float.__repr__  # json's own text of a finite float
_INFINITY = float("inf")
_key_heads: dict[str, str] = {}  # a key's JSON text and ": " (the status has a few dozen keys)


def _head(key: str) -> str:
    head = _key_heads.get(key)
    if head is None:
        head = encode_basestring(key) + ": "
        if len(_key_heads) < 256:
            _key_heads[key] = head
    return head


def status_text(s: ProjectStatus, level: int = 0) -> str:
    inner, items = "\n" + "  " * (level + 1), []
    append = items.append
    for key, value in s.to_json(targets=False).items():
        kind = type(value)
        # the common kinds written here, without a call of the general writer per value
        if kind is str:
            text = encode_basestring(value)
        elif key == "targets":  # its place holds None: the text is made here, per distinct target
            deeper = "\n" + "  " * (level + 2)
            text = ("[" + deeper + ("," + deeper).join(_target_text(t, level + 2) for t in s.targets)
                    + inner + "]") if s.targets else "[]"
        elif value is None:
            text = "null"
        elif kind is int:
            text = _INT_TEXT(value)
        elif kind is float and -_INFINITY < value < _INFINITY:
            text = _FLOAT_TEXT(value)
        elif kind is list and not value:
            text = "[]"
        else:
            text = dumps_indented(value, level + 1)
        append(_head(key) + text)
    return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
