"""Reading user files into text, with clear messages for what cannot be read."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import InputError, NotFoundError

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx")


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


def read_docx(data: bytes, name: str) -> str:
    """The text of a .docx, a line a paragraph, as the writer sees it (tracked changes accepted).

    `assistant.word.reader` is the one reader of Word files, for ingest and check alike.
    """
    from assistant.word.reader import read_docx_bytes

    return read_docx_bytes(data, name).text


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
