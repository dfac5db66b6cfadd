"""Reading user files into text, with clear messages for what cannot be read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from assistant.errors import InputError, NotFoundError, TooLargeError

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx")
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024  # word/document.xml, uncompressed
MAX_DOCX_PARAGRAPHS = 100_000  # a 200,000-character summary has a few thousand
PARAGRAPH_TAGS = (b"<w:p>", b"<w:p ", b"<w:p/>")


def decode_text(data: bytes, name: str = "输入") -> str:
    """Decode UTF-8 text (a BOM is allowed); reject binary, invalid or empty input."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} 看起来是二进制文件，不是文本。请提供 UTF-8 编码的文本。")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name} 不是有效的 UTF-8 文本（第 {error.start} 字节处无法解码）。"
            "请先转换为 UTF-8 编码。"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name} 是空的，没有可处理的文字。")
    return text


def _check_docx_size(data: bytes, name: str) -> None:
    """Refuse a .docx whose text part is huge once unpacked, before python-docx parses it.

    240 KB of zip can hold two million empty paragraphs, which took python-docx a minute and
    1.7 GB; counting paragraph tags in the unpacked XML takes milliseconds.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("word/document.xml") as xml:
            body = xml.read(MAX_DOCX_XML_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
        raise InputError(f"{name} 不是有效的 .docx 文件，无法读取。") from None
    if len(body) > MAX_DOCX_XML_BYTES:
        raise TooLargeError(f"{name} 解压后的正文超过 {MAX_DOCX_XML_BYTES // 2**20} MB，无法处理。")
    paragraphs = sum(body.count(tag) for tag in PARAGRAPH_TAGS)
    if paragraphs > MAX_DOCX_PARAGRAPHS:
        raise TooLargeError(
            f"{name} 有 {paragraphs} 个段落，超过上限 {MAX_DOCX_PARAGRAPHS}。请拆分后再处理。"
        )


def read_docx(data: bytes, name: str) -> str:
    """The paragraphs of a .docx file, one per line."""
    import docx

    _check_docx_size(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several unrelated types for broken files
        raise InputError(f"{name} 不是有效的 .docx 文件，无法读取。") from None
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    if not text.strip():
        raise InputError(f"{name} 是空的，没有可处理的文字。")
    return text


def read_document_file(path: Path) -> str:
    """Text of a .txt, .md or .docx file."""
    if not path.exists():
        raise NotFoundError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = "、".join(SUPPORTED_SUFFIXES)
        raise InputError(f"不支持的文件类型：{path.name}（支持 {supported}）。")
    data = path.read_bytes()
    if suffix == ".docx":
        return read_docx(data, path.name)
    return decode_text(data, path.name)
