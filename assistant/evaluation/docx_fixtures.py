"""Word fixtures built by code, for the tests and the side-by-side measure in ``eval/``.

A short 工作总结 laid out by hand to GB/T 9704 (values written here, not read from the
assistant's profile, so the checker is measured against an independent page), and the ways to
spoil it: ten layout-defect kinds with four variants each, planted text defects, a reviewer's
pending tracked changes, an existing comment, a table and a text box. Runs are split at seeded
random places so that no check can rely on one run per paragraph.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

SAMPLE: tuple[tuple[str, str], ...] = (
    ("title", "平安县科学技术局2026年上半年工作总结"),
    (
        "body",
        "今年以来，我局在县委、县政府的坚强领导下，坚持创新驱动发展战略，围绕全县中心工作，"
        "扎实推进科技创新各项任务，取得了阶段性成效。现将上半年工作总结如下：",
    ),
    ("heading-1", "一、主要工作成效"),
    ("heading-2", "（一）科技创新平台建设稳步推进"),
    (
        "body",
        "新认定县级工程技术研究中心3家，累计达到21家；推荐申报市级重点实验室2家，平台支撑能力进一步增强。",
    ),
    ("heading-2", "（二）科技成果转化持续加快"),
    ("heading-3", "1.技术合同登记量明显增长"),
    ("body", "上半年登记技术合同46项，成交额1860万元，同比增长23.5%。"),
    ("heading-3", "2.科技特派员服务覆盖全县"),
    ("body", "选派科技特派员58名，深入12个乡镇开展技术指导，培训农民2300人次。"),
    ("heading-1", "二、存在的问题"),
    (
        "body",
        "一是企业研发投入总体偏低，创新主体作用发挥不够充分；二是科技人才引进难、留住难的问题依然存在。",
    ),
    ("heading-1", "三、下一步工作打算"),
    ("heading-2", "（一）加大创新主体培育力度"),
    ("body", "围绕主导产业，梳理一批高新技术企业后备名单，实行分类指导、精准服务。"),
    ("heading-2", "（二）强化科技人才支撑"),
    ("body", "落实人才引进政策，完善科技人才评价激励机制，营造尊重知识、尊重人才的良好氛围。"),
    ("signature", "平安县科学技术局"),
    ("date", "2026年7月5日"),
)

# (line, text as written, text planted, rule expected) - lines are 1-based paragraph numbers
TEXT_DEFECTS: tuple[tuple[int, str, str, str], ...] = (
    (2, "今年以来，", "今年以来,", "half-width-punctuation"),
    (6, "（二）科技成果", "(二)科技成果", "heading-half-width-parens"),
    (7, "1.技术合同", "1、技术合同", "heading-level3-dunhao"),
    (8, "成交额1860万元", "成交额xx万元", "placeholder"),
    (13, "三、下一步", "三下一步", "heading-missing-dunhao"),
    (15, "围绕主导产业", "围绕绕主导产业", "doubled-char"),
    (17, "科技人才评价", "科技人才 评价", "stray-space"),
    (19, "2026年7月5日", "2026年07月05日", "zero-padded-date"),
)


@dataclass(frozen=True)
class Look:
    """How one kind of paragraph is set."""

    font: str
    size_pt: float
    alignment: str = "both"
    indent_chars: float = 2
    bold: bool = False


STANDARD_LOOKS: dict[str, Look] = {
    "title": Look("方正小标宋简体", 22, "center", 0),
    "heading-1": Look("黑体", 16),
    "heading-2": Look("楷体_GB2312", 16),
    "heading-3": Look("仿宋_GB2312", 16),
    "body": Look("仿宋_GB2312", 16),
    "signature": Look("仿宋_GB2312", 16, "right", 0),
    "date": Look("仿宋_GB2312", 16, "right", 0),
}


@dataclass(frozen=True)
class Layout:
    """Everything a fixture's page can vary; the defaults are GB/T 9704."""

    looks: dict[str, Look] = field(default_factory=lambda: dict(STANDARD_LOOKS))
    page_mm: tuple[float, float] = (210, 297)
    margins_mm: tuple[float, float, float, float] = (37, 35, 28, 26)  # top, bottom, left, right
    line: tuple[str, float] = ("exact", 28.95)  # ("exact", pt) / ("multiple", factor)
    page_numbers: str = "standard"  # standard, missing, plain, centred, small
    title_bold: str = "none"  # none, all, first-run, style
    use_styles: bool = False  # formatting in paragraph styles rather than on the runs

    def look(self, element: str, **changes: Any) -> Layout:
        """A copy with one element's look changed."""
        looks = dict(self.looks)
        looks[element] = replace(looks[element], **changes)
        return replace(self, looks=looks)


Spoil = Callable[[Layout], Layout]


def _look(element: str, **changes: Any) -> Spoil:
    return lambda layout: layout.look(element, **changes)


def _with(**changes: Any) -> Spoil:
    return lambda layout: replace(layout, **changes)


# the ten layout-defect kinds of the side-by-side measure: rule expected, four variants each
LAYOUT_DEFECTS: dict[str, tuple[str, tuple[Spoil, ...]]] = {
    "title-font": (
        "layout-title-font",
        tuple(_look("title", font=f) for f in ("宋体", "黑体", "仿宋_GB2312", "微软雅黑")),
    ),
    "title-size": ("layout-title-size", tuple(_look("title", size_pt=s) for s in (16, 18, 24, 26))),
    "title-bold": (
        "layout-title-bold",
        tuple(_with(title_bold=b) for b in ("all", "first-run", "style", "all")),
    ),
    "heading-1-font": (
        "layout-heading-font",
        tuple(
            _look("heading-1", font=f) for f in ("宋体", "仿宋_GB2312", "楷体_GB2312", "微软雅黑")
        ),
    ),
    "heading-2-font": (
        "layout-heading-font",
        tuple(_look("heading-2", font=f) for f in ("仿宋_GB2312", "黑体", "宋体", "微软雅黑")),
    ),
    "body-font": (
        "layout-body-font",
        tuple(_look("body", font=f) for f in ("宋体", "黑体", "楷体_GB2312", "微软雅黑")),
    ),
    "body-size": ("layout-body-size", tuple(_look("body", size_pt=s) for s in (14, 15, 12, 18))),
    "line-spacing": (
        "layout-line-spacing",
        tuple(
            _with(line=v)
            for v in (("multiple", 1.0), ("multiple", 1.5), ("exact", 20.0), ("exact", 35.0))
        ),
    ),
    "margins": (
        "layout-margins",
        tuple(
            _with(margins_mm=m)
            for m in (
                (25.4, 25.4, 31.8, 31.8),
                (30, 35, 28, 26),
                (37, 35, 25, 26),
                (28, 28, 27, 27),
            )
        ),
    ),
    "page-number": (
        "layout-page-number",
        tuple(_with(page_numbers=p) for p in ("missing", "plain", "centred", "small")),
    ),
}


def spoiled(kinds: Sequence[str], variant: int, base: Layout | None = None) -> Layout:
    """The standard layout with the given defect kinds, each in its ``variant`` (0-3)."""
    layout = base or Layout()
    for kind in kinds:
        layout = LAYOUT_DEFECTS[kind][1][variant](layout)
    return layout


def planted_text(lines: Sequence[tuple[str, str]] = SAMPLE) -> list[tuple[str, str]]:
    """The sample with every text defect of `TEXT_DEFECTS` planted."""
    planted = list(lines)
    for line, written, spoiled_text, _rule in TEXT_DEFECTS:
        element, text = planted[line - 1]
        if written not in text:
            raise ValueError(f"line {line} does not hold {written!r}")
        planted[line - 1] = (element, text.replace(written, spoiled_text, 1))
    return planted


# ---- building ------------------------------------------------------------------------------

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _set_fonts(r_pr: Any, look: Look) -> None:
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), look.font)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")
    size = r_pr.get_or_add_sz()
    size.set(qn("w:val"), str(round(look.size_pt * 2)))


def _set_paragraph(paragraph: Any, look: Look, layout: Layout) -> None:
    settings = paragraph.paragraph_format
    settings.alignment = ALIGN[look.alignment]
    kind, value = layout.line
    if kind == "exact":
        settings.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        settings.line_spacing = Pt(value)
    else:
        settings.line_spacing = value
    if look.indent_chars:
        indent = paragraph._p.get_or_add_pPr().get_or_add_ind()
        indent.set(qn("w:firstLineChars"), str(round(look.indent_chars * 100)))
        indent.set(qn("w:firstLine"), str(round(look.indent_chars * look.size_pt * 20)))


def _styles(document: Any, layout: Layout) -> dict[str, Any]:
    styles = {}
    for element, look in layout.looks.items():
        style = document.styles.add_style(f"GW {element}", 1)
        style.base_style = document.styles["Normal"]
        r_pr = style.element.get_or_add_rPr()
        _set_fonts(r_pr, look)
        if element == "title" and layout.title_bold == "style":
            style.font.bold = True
        styles[element] = style
    return styles


def _runs(text: str, rng: random.Random | None) -> list[str]:
    if rng is None or len(text) < 4:
        return [text]
    cuts = sorted(rng.sample(range(1, len(text)), k=min(3, len(text) - 1)))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if b > a]


def _add_paragraph(
    document: Any,
    element: str,
    text: str,
    layout: Layout,
    styles: dict[str, Any],
    rng: random.Random | None,
) -> Any:
    look = layout.looks[element]
    paragraph = document.add_paragraph(style=styles.get(element))
    _set_paragraph(paragraph, look, layout)
    pieces = (
        _runs(text, rng)
        if element != "title" or layout.title_bold != "first-run"
        else [text[:4], text[4:]]
    )
    for index, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        if not layout.use_styles:
            _set_fonts(run._r.get_or_add_rPr(), look)
        if element == "title" and (
            layout.title_bold == "all" or (layout.title_bold == "first-run" and index == 0)
        ):
            run.bold = True
    return paragraph


def _page_number_paragraph(footer: Any, side: str, layout: Layout) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.alignment = ALIGN["center" if layout.page_numbers == "centred" else side]
    indent = Pt(14)
    if layout.page_numbers != "centred":
        if side == "right":
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
    size = 21 if layout.page_numbers == "small" else 28
    before, after = ("", "") if layout.page_numbers == "plain" else ("— ", " —")
    run_props = (
        '<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/>'
        f'<w:sz w:val="{size}"/></w:rPr>'
    )
    xml = (
        f'<w:p {nsdecls("w")}><w:r>{run_props}<w:t xml:space="preserve">{before}</w:t></w:r>'
        f'<w:fldSimple w:instr=" PAGE "><w:r>{run_props}<w:t>1</w:t></w:r></w:fldSimple>'
        f'<w:r>{run_props}<w:t xml:space="preserve">{after}</w:t></w:r></w:p>'
    )
    for node in parse_xml(xml):
        paragraph._p.append(node)


def _page(document: Any, layout: Layout) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(layout.page_mm[0]), Mm(layout.page_mm[1])
    top, bottom, left, right = layout.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    if layout.page_numbers == "missing":
        return
    outside = layout.page_numbers != "centred"
    document.settings.odd_and_even_pages_header_footer = outside
    _page_number_paragraph(section.footer, "right", layout)
    if outside:
        _page_number_paragraph(section.even_page_footer, "left", layout)


def build_docx(
    lines: Sequence[tuple[str, str]] = SAMPLE,
    layout: Layout | None = None,
    *,
    seed: int | None = 7,
    extras: Callable[[Any], None] | None = None,
) -> bytes:
    """A .docx of ``lines`` (element, text) laid out as ``layout``; ``extras`` edits it last."""
    layout = layout or Layout()
    document = docx.Document()
    _page(document, layout)
    styles = _styles(document, layout) if layout.use_styles or layout.title_bold == "style" else {}
    if layout.title_bold == "style" and not layout.use_styles:
        styles = {"title": styles["title"]}
    rng = random.Random(seed) if seed is not None else None
    for element, text in lines:
        _add_paragraph(document, element, text, layout, styles, rng)
    if extras is not None:
        extras(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- extras: what offices' documents also carry ---------------------------------------------

REVIEWER = "审核人"
REVIEW_DATE = "2026-07-01T09:00:00Z"


def reviewer_revisions(document: Any) -> None:
    """A reviewer's pending changes: ``一、`` of paragraph 3 inserted, ``（草稿）`` deleted in 2.

    python-docx's ``paragraph.text`` drops the inserted ``一、`` and keeps nothing of the
    deletion; read with the changes accepted, paragraph 3 is ``一、主要工作成效``.
    """
    heading = document.paragraphs[2]._p
    first = heading.findall(qn("w:r"))[0]
    remaining = len("一、")
    for node in heading.iter(qn("w:t")):
        cut = min(remaining, len(node.text))
        node.text, remaining = node.text[cut:], remaining - cut
    inserted = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="901" w:author="{REVIEWER}" w:date="{REVIEW_DATE}">'
        '<w:r><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="32"/></w:rPr>'
        "<w:t>一、</w:t></w:r></w:ins>"
    )
    first.addprevious(inserted)
    opening = document.paragraphs[1]._p
    deleted = parse_xml(
        f'<w:del {nsdecls("w")} w:id="902" w:author="{REVIEWER}" w:date="{REVIEW_DATE}">'
        f'<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr>'
        f"<w:delText>（草稿）</w:delText></w:r></w:del>"
    )
    opening.findall(qn("w:r"))[0].addprevious(deleted)


def existing_comment(document: Any) -> None:
    """A reviewer's comment on the first run of the opening paragraph."""
    run = document.paragraphs[1].runs[0]
    document.add_comment(run, text="请补充上半年总体数据。", author=REVIEWER, initials="审")


def table_with_defect(document: Any) -> None:
    """A two-by-two table after the opening; one cell has a half-width comma (its line: 3)."""
    table = document.add_table(rows=2, cols=2)
    cells = ["指标", "完成情况", "技术合同", "46项,成交额1860万元"]
    for cell, text in zip((c for row in table.rows for c in row.cells), cells, strict=True):
        cell.text = text
    document.paragraphs[1]._p.addnext(table._tbl)


def text_box(document: Any) -> None:
    """A text box anchored in the opening paragraph (DrawingML, with a VML fallback)."""
    box = (
        "<w:txbxContent><w:p><w:r><w:t>图文框中的说明文字,需要检查。</w:t></w:r></w:p>"
        "</w:txbxContent>"
    )
    xml = (
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f"{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    document.paragraphs[1]._p.append(parse_xml(xml))
