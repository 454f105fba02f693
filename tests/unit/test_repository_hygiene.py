"""Nothing secret or uploaded is ever tracked by git: every clone would share it."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET_NAMES = re.compile(r"(^|/)(secret[_-]?key|.*\.pem|.*\.key|id_rsa|id_ed25519|\.env)$", re.I)
EVIDENCE_NAME = re.compile(r"(^|/)[0-9a-f]{64}$")  # how the evidence store names its files
PEM_MARK = b"PRIVATE " + b"KEY-----"  # split, so this file does not match itself
LONE_TOKEN = re.compile(rb"\s*[A-Za-z0-9_\-+/=]{32,}\s*")


def tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [p for p in out.decode().split("\0") if p]


def looks_secret_or_evidence(path: str, content: bytes) -> str | None:
    if path.startswith("data/evidence/") or EVIDENCE_NAME.search(path):
        return "an uploaded evidence file"
    if SECRET_NAMES.search(path):
        return "a key file by its name"
    if PEM_MARK in content:
        return "a private key"
    if LONE_TOKEN.fullmatch(content):
        return "a file holding nothing but a token"
    return None


def test_the_checker_recognises_keys_and_evidence():
    assert looks_secret_or_evidence("data/secret_key", b"abc")
    assert looks_secret_or_evidence("data/evidence/9d/63/" + "9d" * 32, b"%PDF-1.4")
    assert looks_secret_or_evidence("notes/token.txt", b"Zq3v9Yx0_Qk2lW8rT5uP1oN6mJ4hG7fD3sA0bC9eE2\n")
    assert looks_secret_or_evidence("config/server.txt", b"-----BEGIN RSA " + PEM_MARK + b"\n...")
    assert looks_secret_or_evidence("tracker/cli/users.py", b"import click\n") is None


def test_no_tracked_file_looks_like_a_key_or_evidence():
    found = []
    for path in tracked_files():
        file = ROOT / path
        if not file.is_file():
            continue
        reason = looks_secret_or_evidence(path, file.read_bytes()[:1_000_000])
        if reason:
            found.append(f"{path}: {reason}")
    assert found == []
