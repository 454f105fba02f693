"""Evidence judged by its structure, not its first bytes: a PDF must hold together as a PDF,
an image must end where its format ends, and an Office file's archive may hold no program,
no macro and nothing that unpacks beyond the limits. Pure functions of the bytes."""
from __future__ import annotations

import io
import re
import zipfile

MAX_ENTRIES = 2_000
MAX_UNPACKED = 100 * 1024 * 1024   # all entries together, counted while unpacking
MAX_RATIO = 100                    # unpacked / packed: beyond this it is a bomb, not a document
EXECUTABLE_NAMES = re.compile(
    r"\.(exe|dll|com|scr|bat|cmd|ps1|vbs|vbe|js|jse|wsf|msi|jar|sh|elf|so|dylib|app|lnk|hta|cpl)$", re.I)
MACRO_PARTS = re.compile(r"(vbaProject|vbaData|activeX|/macros?/|/embeddings/.*\.(bin|exe)$)", re.I)
MACRO_TYPES = (b"macroEnabled", b"vbaProject", b"ms-office.activeX")
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
PDF_ACTIONS = (b"/Launch", b"/JavaScript", b"/EmbeddedFile")


class Refused(ValueError):
    """Why the file is not accepted as evidence (in Chinese, for the person uploading)."""


def check_pdf(content: bytes) -> None:
    tail = content[-2048:]
    found = _STARTXREF.search(tail)
    if not re.match(rb"%PDF-[12]\.\d", content) or found is None:
        raise Refused("PDF 文件结构不完整（缺少 startxref 或 %%EOF），无法作为 PDF 打开")
    offset = int(found.group(1))
    at = content[offset:offset + 32] if 0 < offset < len(content) else b""
    if not (at.startswith(b"xref") or _OBJECT.match(at)):
        raise Refused("PDF 文件的交叉引用表位置不正确，无法作为 PDF 打开")
    if not _OBJECT.search(content, 0, offset + 32):
        raise Refused("PDF 文件不含任何对象")
    if any(action in content for action in PDF_ACTIONS):
        raise Refused("PDF 文件含有可执行动作、脚本或附件，不能作为佐证材料")


def check_png(content: bytes) -> None:
    if content[12:16] != b"IHDR" or not content.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82"):
        raise Refused("PNG 图片结构不完整（或其后附带了其他数据）")


def check_jpeg(content: bytes) -> None:
    if not content.rstrip(b"\x00")[-2:] == b"\xff\xd9":
        raise Refused("JPEG 图片结构不完整（或其后附带了其他数据）")


def check_office(content: bytes) -> None:
    """An Office archive: entry count, no executable or macro part, and the unpacked size
    and ratio counted while actually unpacking (the sizes a header declares may lie)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise Refused(f"Office 文件包含 {len(entries)} 个部件，超过上限 {MAX_ENTRIES}")
            for entry in entries:
                if EXECUTABLE_NAMES.search(entry.filename) or MACRO_PARTS.search("/" + entry.filename):
                    raise Refused(f"Office 文件含有程序或宏部件「{entry.filename[:80]}」，不能作为佐证材料")
            if any(kind in archive.read("[Content_Types].xml") for kind in MACRO_TYPES):
                raise Refused("Office 文件声明了宏或控件内容，不能作为佐证材料")
            _unpack_within_limits(archive, entries, len(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, NotImplementedError,
            EOFError, OSError, RuntimeError) as exc:
        if isinstance(exc, Refused):
            raise
        raise Refused("Office 文件已损坏，无法解开") from None


def _unpack_within_limits(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], packed: int) -> None:
    limit = min(MAX_UNPACKED, max(packed, 1) * MAX_RATIO)
    total = 0
    for entry in entries:
        with archive.open(entry) as part:
            first = True
            while chunk := part.read(64 * 1024):
                if first and chunk.startswith(EXECUTABLE_MAGIC):
                    raise Refused(f"Office 文件的部件「{entry.filename[:80]}」是可执行程序")
                first = False
                total += len(chunk)
                if total > limit:
                    raise Refused("Office 文件解压后过大（疑似压缩炸弹），不能作为佐证材料")


CHECKS = {"pdf": check_pdf, "png": check_png, "jpeg": check_jpeg, "docx": check_office, "xlsx": check_office}
