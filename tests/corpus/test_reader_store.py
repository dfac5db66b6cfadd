from pathlib import Path

import docx
import pytest

from assistant.corpus.reader import decode_text, read_document_file
from assistant.corpus.store import documents_from_files, load_corpus, write_corpus
from assistant.errors import DataDirError, InputError, NotFoundError
from tests.conftest import REPO, SEED


def test_decode_rejects_binary_invalid_and_empty_input() -> None:
    with pytest.raises(InputError, match="二进制"):
        decode_text(b"\x00\x01\x02abc")
    with pytest.raises(InputError, match="UTF-8"):
        decode_text("科技局".encode("gbk"))
    with pytest.raises(InputError, match="空"):
        decode_text(b"  \n\t ")


def test_decode_accepts_bom_and_windows_line_ends() -> None:
    assert decode_text("\ufeff一、总结\r\n正文".encode()) == "一、总结\n正文"


def test_unsupported_and_missing_files_have_clear_errors(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(InputError, match="不支持"):
        read_document_file(pdf)
    with pytest.raises(NotFoundError):
        read_document_file(tmp_path / "missing.txt")


def test_docx_paragraphs_are_read(tmp_path: Path) -> None:
    path = tmp_path / "总结.docx"
    document = docx.Document()
    document.add_paragraph("今年以来，我局认真贯彻落实各项决策部署，各项工作稳步推进。")
    document.add_paragraph("一、主要工作成效")
    document.save(str(path))
    assert read_document_file(path).splitlines()[1] == "一、主要工作成效"
    (only,) = documents_from_files([path])
    assert only.id == "总结"


@pytest.mark.integration
def test_seed_file_becomes_eight_documents_with_ids() -> None:
    documents = documents_from_files([SEED])
    assert [d.id for d in documents] == [f"summaries-seed-{n:02d}" for n in range(1, 9)]


@pytest.mark.integration
def test_corpus_round_trip(tmp_path: Path) -> None:
    documents = documents_from_files([SEED])
    write_corpus(tmp_path, documents)
    assert load_corpus(tmp_path) == documents


def test_builtin_corpus_lists_eight_reviewed_documents() -> None:
    documents = load_corpus(REPO / "corpus")
    assert len(documents) == 8
    assert {d.office_type for d in documents} == {"科技局", "乡镇", "园区", "工作组", "农机局"}


def test_missing_or_broken_manifest_is_a_data_dir_error(tmp_path: Path) -> None:
    with pytest.raises(DataDirError, match="assistant split"):
        load_corpus(tmp_path)
    (tmp_path / "manifest.yaml").write_text("- {id: x}\n", encoding="utf-8")
    with pytest.raises(DataDirError):
        load_corpus(tmp_path)
