"""A .docx whose text part is enormous once unpacked is refused before python-docx parses it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from assistant.corpus.reader import MAX_DOCX_PARAGRAPHS, read_document_file, read_docx
from assistant.errors import InputError, TooLargeError


def docx_with_body(tmp_path: Path, body: bytes) -> bytes:
    """A real .docx whose word/document.xml body is replaced by ``body``."""
    path = tmp_path / "base.docx"
    docx.Document().save(path)
    source = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                head, _, rest = data.partition(b"<w:body>")
                data = head + b"<w:body>" + body + b"</w:body>" + rest.partition(b"</w:body>")[2]
            target.writestr(item, data)
    return out.getvalue()


def test_two_million_empty_paragraphs_in_a_small_file_are_refused_at_once(tmp_path: Path) -> None:
    """Issue 11.11: 240 KB of .docx took python-docx 59 s and 1.7 GB before being refused."""
    data = docx_with_body(tmp_path, b"<w:p/>" * 2_000_000)
    assert len(data) < 1_000_000
    with pytest.raises(TooLargeError, match="段落"):
        read_docx(data, "bomb.docx")


def test_an_ordinary_docx_is_read(tmp_path: Path) -> None:
    paragraph = b"<w:p><w:r><w:t>\xe4\xbb\x8a\xe5\xb9\xb4\xe4\xbb\xa5\xe6\x9d\xa5</w:t></w:r></w:p>"
    data = docx_with_body(tmp_path, paragraph * (MAX_DOCX_PARAGRAPHS // 100))
    assert read_docx(data, "ok.docx").splitlines()[0] == "今年以来"


def test_a_docx_that_is_not_a_zip_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"不是有效的 \.docx"):
        read_document_file(path)
