"""Evidence files: the type decided from the content, stored by SHA-256 under data/evidence/.
A client's filename is kept for display only and never used as a path."""
from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import TooLarge, UnsupportedType
from tracker.evidence_checks import CHECKS, Refused
from tracker.paths import data_dir

MAX_BYTES = 20 * 1024 * 1024
MEDIA_TYPES = {
    "pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "docx": ".docx", "xlsx": ".xlsx"}


class EvidenceTooLarge(TooLarge, ValueError):
    """An evidence file over MAX_BYTES (HTTP 413)."""


class EvidenceTypeRefused(UnsupportedType, ValueError):
    """Evidence whose content is none of MEDIA_TYPES, or does not hold together (HTTP 415)."""


def enterprise_quota() -> int:
    """Bytes of evidence one enterprise may keep: TRACKER_EVIDENCE_QUOTA_MB (default 500)."""
    return int(float(os.environ.get("TRACKER_EVIDENCE_QUOTA_MB") or 500) * 1024 * 1024)


@dataclass(frozen=True)
class StoredEvidence:
    sha256: str
    kind: str
    size: int


def sniff(content: bytes) -> str | None:
    """pdf, jpeg, png, docx or xlsx, judged from the bytes; None for anything else."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def evidence_root() -> Path:
    return data_dir() / "evidence"


def path_for(sha256: str, root: Path | None = None) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 digest")
    return (root or evidence_root()) / sha256[:2] / sha256[2:4] / sha256


def store(content: bytes, root: Path | None = None) -> StoredEvidence:
    """Check and keep the file; the same content is stored once."""
    if len(content) > MAX_BYTES:
        raise EvidenceTooLarge(f"佐证材料超过 {MAX_BYTES // 1024 // 1024} MB")
    kind = sniff(content)
    if kind is None:
        raise EvidenceTypeRefused("佐证材料只接受 PDF、JPEG、PNG、DOCX 或 XLSX 文件（按文件内容判断）")
    try:
        CHECKS[kind](content)  # the structure, not only the first bytes
    except Refused as exc:
        raise EvidenceTypeRefused(str(exc)) from None
    digest = hashlib.sha256(content).hexdigest()
    target = path_for(digest, root)
    if not target.exists():
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent)  # mode 0600
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.replace(tmp, target)  # atomic: a reader never sees half a file
    return StoredEvidence(digest, kind, len(content))
