"""The unified social credit code (统一社会信用代码) of GB 32100-2015."""
from __future__ import annotations

from tracker.errors import InputError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


class USCCError(InputError, ValueError):
    """The text is not a valid USCC; the message says why. Still a ValueError, since the value
    parsers of the importers turn any ValueError into a problem at its cell."""


def check_character(first17: str) -> str:
    """The 18th character for the first 17."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(raw: str) -> str:
    """Fold case, strip spaces, and check; raises USCCError naming the problem."""
    code = raw.strip().upper()
    if len(code) != 18:
        raise USCCError(f"统一社会信用代码应为18位，实为{len(code)}位：{raw.strip()!r}")
    bad = [ch for ch in code if ch not in _VALUE]
    if bad:
        raise USCCError(f"统一社会信用代码含非法字符 {bad[0]!r}（不可使用 I、O、Z、S、V）：{code}")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise USCCError(f"统一社会信用代码校验位错误：{code} 的第18位应为 {expected}")
    return code


def is_valid_uscc(raw: str) -> bool:
    try:
        normalize_uscc(raw)
    except USCCError:
        return False
    return True
