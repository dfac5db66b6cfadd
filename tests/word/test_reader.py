"""The document as read: tracked changes accepted, tables and text boxes in order, formatting resolved."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from assistant.contract import to_jsonable
from assistant.corpus.reader import read_document_file
from assistant.evaluation.docx_fixtures import (
    SAMPLE,
    Layout,
    build_docx,
    reviewer_revisions,
    table_with_defect,
    text_box,
)
from assistant.word.check import check_docx
from assistant.word.reader import read_docx_bytes


def test_lines_are_paragraphs_and_runs_cover_the_text() -> None:
    document = read_docx_bytes(build_docx())
    assert document.text.split("\n") == [text for _, text in SAMPLE]
    for paragraph in document.paragraphs:
        assert document.text.split("\n")[paragraph.number - 1] == paragraph.text
        covered = "".join(paragraph.text[run.start : run.end] for run in paragraph.runs)
        assert covered == paragraph.text
    assert len(document.paragraphs[1].runs) > 1  # the fixtures split runs


def test_pending_changes_are_read_accepted() -> None:
    data = build_docx(extras=reviewer_revisions)
    naive = docx.Document(io.BytesIO(data)).paragraphs[2].text
    assert naive == "主要工作成效"  # python-docx drops the inserted 一、
    document = read_docx_bytes(data)
    assert document.pending_changes
    assert document.paragraph(3).text == "一、主要工作成效"
    assert "草稿" not in document.text
    result = check_docx(data)
    assert to_jsonable(result.report())["document"] == {
        "paragraphs": len(SAMPLE),
        "pending_changes": True,
    }
    assert not [d for d in result.result.diagnostics if d.rule.startswith("heading-")]


def test_ingest_reads_docx_with_changes_accepted(tmp_path: Path) -> None:
    path = tmp_path / "总结.docx"
    path.write_bytes(build_docx(extras=reviewer_revisions))
    assert read_document_file(path).split("\n")[2] == "一、主要工作成效"


def test_table_cells_are_lines_in_reading_order() -> None:
    document = read_docx_bytes(build_docx(extras=table_with_defect))
    assert [p.text for p in document.paragraphs[2:6]] == [
        "指标",
        "完成情况",
        "技术合同",
        "46项,成交额1860万元",
    ]
    assert {p.location for p in document.paragraphs[2:6]} == {"table"}
    assert document.paragraph(7).text == SAMPLE[2][1]


def test_text_box_is_read_once_after_its_paragraph() -> None:
    document = read_docx_bytes(build_docx(extras=text_box))
    assert document.paragraph(3).text == "图文框中的说明文字,需要检查。"
    assert document.paragraph(3).location == "textbox"
    assert document.text.count("图文框") == 1


def test_formatting_is_resolved_through_styles() -> None:
    direct = read_docx_bytes(build_docx())
    styled = read_docx_bytes(build_docx(layout=Layout(use_styles=True)))
    for document in (direct, styled):
        title = document.paragraph(1)
        assert {run.format.east_asia for run in title.runs} == {"方正小标宋简体"}
        assert {run.format.size_pt for run in title.runs} == {22}
        assert document.paragraph(3).runs[0].format.east_asia == "黑体"
        assert document.paragraph(2).format.line_rule == "exact"
    assert not styled.paragraph(2).runs[0].element.xpath("./w:rPr/w:rFonts")


def test_page_setup_and_page_numbers() -> None:
    document = read_docx_bytes(build_docx())
    page = document.pages[0]
    assert page.top is not None and page.left is not None
    assert (round(page.top / 56.7), round(page.left / 56.7)) == (37, 28)  # twips -> mm
    assert document.even_and_odd_footers
    kinds = {number.kind: number for number in document.page_numbers}
    assert set(kinds) == {"default", "even"}
    assert kinds["default"].before == "— " and kinds["default"].after == " —"
    assert kinds["default"].alignment == "right" and kinds["even"].alignment == "left"
