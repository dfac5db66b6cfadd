"""Opening an uploaded .docx safely, with a Chinese message for everything that is not one.

Every check runs on the zip's central directory or on magic bytes before anything is inflated:
an old binary .doc or a password-protected document (both OLE2 compound files), a file that is
no zip at all, a zip that is not a Word document (an Excel or PowerPoint file, an archive), an
encrypted zip, and zip bombs (declared sizes, compression ratios and member counts over the
limits below; ``zipfile`` itself refuses a member that inflates past its declared size).
The main part is then inflated and its paragraphs counted on the raw bytes, so a small file
holding millions of empty paragraphs is refused before any XML is parsed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from assistant.errors import InputError, TooLargeError

MAX_MEMBERS = 2_000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_XML_PART = 40 * 1024 * 1024  # any one XML part, inflated
MAX_RATIO = 200  # inflated / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_PARAGRAPHS = 20_000

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
MAIN_PART = "word/document.xml"
PARAGRAPH_TAGS = (b"<w:p>", b"<w:p ", b"<w:p/>")


@dataclass(frozen=True)
class DocxPackage:
    """A validated upload: its bytes and the inflated main part."""

    data: bytes
    document_xml: bytes
    paragraphs: int  # paragraph elements in the main part, counted on the raw XML


def _ole2_message(data: bytes, name: str) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
        return (
            f"{name} 设置了打开密码（已加密），无法读取。"
            "请在 Word 或 WPS 中取消密码后另存为 .docx 再上传。"
        )
    return (
        f"{name} 是旧版 Word 二进制文档（.doc），不支持。"
        "请在 Word 或 WPS 中“另存为”Word 文档（.docx）后再上传。"
    )


def _not_docx_message(data: bytes, name: str) -> str:
    head = data[:16]
    if head.startswith(b"%PDF"):
        kind = "PDF 文件"
    elif head.startswith(b"{\\rtf"):
        kind = "RTF 文档"
    elif head.lstrip().startswith(b"<"):
        kind = "网页或 XML 文件"
    else:
        kind = "无法识别的文件"
    return f"{name} 不是 Word 文档（.docx），而是{kind}。请在 Word 或 WPS 中另存为 .docx 后再上传。"


def _zip_kind(names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "Excel 表格（.xlsx）"
    if "ppt/presentation.xml" in names:
        return "PowerPoint 演示文稿（.pptx）"
    if "content.xml" in names and "mimetype" in names:
        return "OpenDocument 文档（.odt 等）"
    return "普通 zip 压缩包"


def _check_members(archive: zipfile.ZipFile, name: str) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{name} 包含 {len(members)} 个部件，超过上限，不像正常的 Word 文档。")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise InputError(f"{name} 是加密的压缩包，无法读取。请上传未加密的 .docx。")
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise TooLargeError(
                f"{name} 中的 {member.filename} 压缩比异常（{ratio:.0f} 倍），"
                "疑似压缩炸弹，已拒绝。"
            )
        if member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_XML_PART:
            raise TooLargeError(
                f"{name} 中的 {member.filename} 解压后有 {member.file_size} 字节，超过上限。"
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise TooLargeError(f"{name} 解压后共 {total} 字节，超过上限，已拒绝。")


def open_package(data: bytes, name: str = "文档") -> DocxPackage:
    """Validate ``data`` as a .docx and inflate its main part; InputError otherwise."""
    if not data:
        raise InputError(f"{name} 是空文件。")
    if data.startswith(OLE2_MAGIC):
        raise InputError(_ole2_message(data, name))
    if not data.startswith(ZIP_MAGICS):
        raise InputError(_not_docx_message(data, name))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(f"{name} 已损坏，无法作为 .docx 打开。") from None
    with archive:
        _check_members(archive, name)
        names = set(archive.namelist())
        if MAIN_PART not in names or "[Content_Types].xml" not in names:
            raise InputError(
                f"{name} 是{_zip_kind(names)}，不是 Word 文档（.docx）。请上传 .docx 文件。"
            )
        try:
            document_xml = archive.read(MAIN_PART)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise InputError(f"{name} 已损坏（正文部分无法解压），无法读取。") from None
    paragraphs = sum(document_xml.count(tag) for tag in PARAGRAPH_TAGS)
    if paragraphs > MAX_PARAGRAPHS:
        raise TooLargeError(
            f"{name} 有 {paragraphs} 个段落，超过上限 {MAX_PARAGRAPHS}。请拆分后分别检查。"
        )
    return DocxPackage(data, document_xml, paragraphs)


def load_document(package: DocxPackage, name: str = "文档") -> Any:
    """The python-docx ``Document`` of a validated package."""
    import docx

    try:
        return docx.Document(io.BytesIO(package.data))
    except Exception:  # python-docx and lxml raise many unrelated types for broken parts
        raise InputError(f"{name} 已损坏或格式不正确，无法作为 .docx 打开。") from None
