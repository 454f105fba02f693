"""JSON text exactly as `json.dumps(value, ensure_ascii=False, indent=2)` writes it, several
times faster: with `indent` the standard library falls back to its pure-Python encoder, which
costs more than everything else in `status --json` once the status is served from the read
model. Strings go through the standard library's C string encoder; any value of a type JSON
has no plain form for is handed to `json.dumps` itself, so the text is always the same."""
from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_FLOAT_REPR = float.__repr__
_INT_REPR = int.__repr__
_SCALARS = frozenset({str, int, float, bool, type(None)})
_flat_encoders: dict[int, Any] = {}


def _flat(value: Any, depth: int) -> str:
    """A non-empty list or dict of plain scalars in one call of the C encoder: its items
    separated by a newline and the next level's indent, the brackets then opened and closed
    on lines of their own (no string can hold a raw newline or sit at either end)."""
    encode = _flat_encoders.get(depth)
    if encode is None:
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",\n" + "  " * (depth + 1), ": ")).encode
        _flat_encoders[depth] = encode
    text = encode(value)
    return text[0] + "\n" + "  " * (depth + 1) + text[1:-1] + "\n" + "  " * depth + text[-1]


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return _FLOAT_REPR(value)


class _Unusual(Exception):
    """A value this writer does not format itself (left to json.dumps)."""


def _text(value: Any, depth: int) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _INT_REPR(value)
    if isinstance(value, float):
        return _float(value)
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if all(type(v) in _SCALARS for v in value):
            return _flat(value, depth)
        return "[" + inner + ("," + inner).join(_text(v, depth + 1) for v in value) + "\n" + "  " * depth + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        if all(type(v) in _SCALARS for v in value.values()) and all(type(k) is str for k in value):
            return _flat(value, depth)
        parts = []
        for k, v in value.items():
            if not isinstance(k, str):
                raise _Unusual
            parts.append(encode_basestring(k) + ": " + _text(v, depth + 1))
        return "{" + inner + ("," + inner).join(parts) + "\n" + "  " * depth + "}"
    raise _Unusual


def dumps_indented(value: Any, level: int = 0) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2), as nested `level` deep (each line after
    the first indented by two spaces per level)."""
    try:
        return _text(value, level)
    except (_Unusual, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
