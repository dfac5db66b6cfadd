"""Outlines and drafts exported as GB/T 9704 documents pass the layout rules they were built by."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_COLOR_INDEX

from assistant.evaluation.docx_fixtures import SAMPLE
from assistant.genre.table import Role
from assistant.outline.model import Block, Outline, OutlineSection, SourceRef
from assistant.word.check import check_docx
from assistant.word.export import draft_blocks, draft_docx, outline_docx
from assistant.word.reader import read_docx_bytes

OUTLINE = Outline(
    office_type="县农机局",
    matched_office_type="农机局",
    period="上半年",
    title="XX县农机局2026年上半年工作总结",
    opening=Block(["今年以来，我局认真贯彻落实上级部署，全力推进农机化工作。"], ["S1"]),
    sections=[
        OutlineSection(
            "一、",
            1,
            Role.ACHIEVEMENTS,
            "主要工作成效",
            ["全年完成农机购置补贴〔数字〕万元。"],
            ["S1"],
            [
                OutlineSection(
                    "（一）",
                    2,
                    Role.ACHIEVEMENTS,
                    "农机购置补贴落实到位",
                    ["惠及农户〔数字〕户。"],
                    ["S2"],
                )
            ],
        ),
        OutlineSection("二、", 1, Role.PROBLEMS, "存在的问题", ["一是〔问题〕。"], ["S2"]),
        OutlineSection("三、", 1, Role.PLANS, "下一步工作打算", ["加强安全监管。"], ["S1"]),
    ],
    sources={
        "S1": SourceRef("seed-08", "和田县农机局年度工作总结", "农机局", "全年完成"),
        "S2": SourceRef("seed-04", "某县农机局上半年工作总结", "农机局", "补贴资金"),
    },
)


def test_outline_docx_has_title_headings_phrasing_and_sources() -> None:
    data = outline_docx(OUTLINE)
    document = read_docx_bytes(data)
    lines = document.text.split("\n")
    assert lines[0] == OUTLINE.title
    assert "一、主要工作成效" in lines and "（一）农机购置补贴落实到位" in lines
    assert "全年完成农机购置补贴〔数字〕万元。" in lines
    assert (
        document.paragraph(lines.index("（一）农机购置补贴落实到位") + 1).runs[0].format.east_asia
        == "楷体_GB2312"
    )
    comments = list(docx.Document(io.BytesIO(data)).comments)
    assert comments and "和田县农机局年度工作总结" in "".join(c.text for c in comments)
    layout = [d for d in check_docx(data).result.diagnostics if d.rule.startswith("layout-")]
    assert layout == []


def test_slots_are_highlighted() -> None:
    paragraphs = docx.Document(io.BytesIO(outline_docx(OUTLINE))).paragraphs
    slots = [run for p in paragraphs for run in p.runs if run.text.startswith("〔")]
    assert slots and all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for run in slots)
    plain = [run for p in paragraphs for run in p.runs if "〔" not in run.text]
    assert all(run.font.highlight_color is None for run in plain)


def test_draft_text_gets_levels_signature_and_date() -> None:
    text = "\n".join(line for _, line in SAMPLE)
    blocks = draft_blocks(text)
    assert [b.kind for b in blocks] == [element for element, _ in SAMPLE]
    data = draft_docx(text)
    assert check_docx(data).result.diagnostics == ()


def test_markdown_draft_with_a_given_title() -> None:
    text = "## 一、主要成绩\n\n- 完成项目〔数字〕个。\n\n## 二、存在问题\n\n投入不足。\n\n## 三、下一步打算\n\n加大投入。"
    blocks = draft_blocks(text, title="平安县科技局2026年上半年工作总结")
    assert [(b.kind, b.text) for b in blocks[:3]] == [
        ("title", "平安县科技局2026年上半年工作总结"),
        ("heading-1", "一、主要成绩"),
        ("body", "完成项目〔数字〕个。"),
    ]
    result = check_docx(draft_docx(text, title="平安县科技局2026年上半年工作总结")).result
    # layout and text are clean; only the slot the writer has yet to fill is flagged
    assert [(d.rule, d.excerpt) for d in result.diagnostics] == [("placeholder", "〔数字〕")]
