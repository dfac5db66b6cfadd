"""Bad uploads get a clear Chinese message (InputError: exit 2 / 4xx), never a traceback."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from assistant.errors import InputError, TooLargeError
from assistant.evaluation.docx_fixtures import build_docx
from assistant.word.package import MAX_PARAGRAPHS, OLE2_MAGIC, open_package
from assistant.word.reader import read_docx_bytes

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _zip(members: dict[str, bytes], level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _main_part(paragraphs: str) -> bytes:
    return (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{paragraphs}</w:body></w:document>"
    ).encode()


def test_text_file_is_not_a_docx() -> None:
    with pytest.raises(InputError, match="不是 Word 文档"):
        open_package("一、总结".encode(), "草稿.docx")


def test_pdf_is_named() -> None:
    with pytest.raises(InputError, match="PDF"):
        open_package(b"%PDF-1.7\n...", "草稿.docx")


def test_old_doc_asks_for_docx() -> None:
    with pytest.raises(InputError, match=r"\.doc.*另存为.*\.docx"):
        open_package(OLE2_MAGIC + b"\x00" * 600, "草稿.doc")


def test_password_protected_document_says_so() -> None:
    data = OLE2_MAGIC + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    with pytest.raises(InputError, match="密码"):
        open_package(data, "草稿.docx")


def test_zip_that_is_not_word() -> None:
    data = _zip({"[Content_Types].xml": CONTENT_TYPES.encode(), "xl/workbook.xml": b"<x/>"})
    with pytest.raises(InputError, match="Excel"):
        open_package(data, "表.docx")


def test_broken_zip() -> None:
    data = build_docx()[:2000]
    with pytest.raises(InputError, match="损坏"):
        open_package(data, "坏.docx")


def test_zip_bomb_is_refused_before_inflating() -> None:
    bomb = _zip(
        {"[Content_Types].xml": CONTENT_TYPES.encode(), "word/document.xml": b"\x00" * 30_000_000},
        9,
    )
    assert len(bomb) < 100_000
    with pytest.raises(TooLargeError, match="压缩炸弹"):
        open_package(bomb, "炸弹.docx")


def test_two_million_empty_paragraphs_are_refused() -> None:
    data = _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.encode(),
            "word/document.xml": _main_part("<w:p/>" * 2_000_000),
        }
    )
    with pytest.raises(TooLargeError):
        open_package(data, "段落.docx")


def test_too_many_paragraphs_are_counted_before_parsing() -> None:
    rng = random.Random(3)
    paragraphs = "".join(
        f"<w:p><w:r><w:t>{rng.getrandbits(64):x}</w:t></w:r></w:p>"
        for _ in range(MAX_PARAGRAPHS + 10)
    )
    data = _zip(
        {"[Content_Types].xml": CONTENT_TYPES.encode(), "word/document.xml": _main_part(paragraphs)}
    )
    with pytest.raises(TooLargeError, match="段落"):
        open_package(data, "长.docx")


def test_encrypted_zip_member_is_refused() -> None:
    data = bytearray(
        _zip({"[Content_Types].xml": CONTENT_TYPES.encode(), "word/document.xml": _main_part("")})
    )
    # set the "encrypted" flag bit in every central-directory entry
    index = data.find(b"PK\x01\x02")
    while index != -1:
        data[index + 8] |= 0x1
        index = data.find(b"PK\x01\x02", index + 4)
    with pytest.raises(InputError, match="加密"):
        open_package(bytes(data), "密.docx")


def test_document_without_text() -> None:
    with pytest.raises(InputError, match="没有文字"):
        read_docx_bytes(build_docx([("body", "   ")]), "空.docx")


def test_empty_upload() -> None:
    with pytest.raises(InputError, match="空文件"):
        open_package(b"", "空.docx")
