"""A GB/T 9704 document from blocks: title, headings at their levels, body, signature, date.

Every value (page, margins, fonts, sizes, spacing, indents, page numbers) comes from the
layout profile the checker uses, so an exported document passes the layout rules. Slots such
as ``〔数字〕`` are highlighted for the writer to fill in; a block's note becomes a comment.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import docx
from docx.enum.text import WD_COLOR_INDEX, WD_LINE_SPACING
from docx.shared import Mm, Pt

from assistant.corpus.text import SLOT
from assistant.word.footers import write_page_numbers
from assistant.word.formatting import ALIGNMENTS
from assistant.word.ooxml import w, xml_safe
from assistant.word.profile import ElementStyle, Profile
from assistant.word.revisions import AUTHOR, INITIALS
from assistant.word.units import TWIPS_PER_POINT

BODY = "body"


@dataclass(frozen=True)
class Block:
    """One paragraph to write: ``kind`` is a profile element (``heading-2``, ``body``...).

    For a heading, its first ``heading_end`` characters are the heading and the rest of the
    line is body text (``1.加强领导。全年召开……``); 0 means the whole line.
    """

    kind: str
    text: str
    heading_end: int = 0
    note: str | None = None


def _font(run: Any, style: ElementStyle, bold: bool) -> None:
    run.font.size = Pt(style.size_pt or 16)
    run.font.bold = bold
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    if style.font:
        fonts.set(w("eastAsia"), style.font)
        fonts.set(w("hint"), "eastAsia")
    fonts.set(w("ascii"), "Times New Roman")
    fonts.set(w("hAnsi"), "Times New Roman")


def _write_text(paragraph: Any, text: str, style: ElementStyle) -> list[Any]:
    """Runs for ``text`` in ``style``; slots get a highlight of their own."""
    text = xml_safe(text)
    runs = []
    cursor = 0
    pieces: list[tuple[str, bool]] = []
    for match in SLOT.finditer(text):
        pieces += [(text[cursor : match.start()], False), (match.group(), True)]
        cursor = match.end()
    pieces.append((text[cursor:], False))
    for piece, slot in pieces:
        if not piece:
            continue
        run = paragraph.add_run(piece)
        _font(run, style, bool(style.bold))
        if slot:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        runs.append(run)
    return runs


def _settings(paragraph: Any, style: ElementStyle, profile: Profile) -> None:
    settings = paragraph.paragraph_format
    settings.alignment = ALIGNMENTS[style.alignment or "both"]
    settings.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    settings.line_spacing = Pt(profile.line_spacing.exact_pt)
    settings.space_before = settings.space_after = Pt(0)
    size = style.size_pt or 16
    indent = paragraph._p.get_or_add_pPr().get_or_add_ind()
    if style.first_line_indent_chars:
        indent.set(w("firstLineChars"), str(round(style.first_line_indent_chars * 100)))
        indent.set(
            w("firstLine"), str(round(style.first_line_indent_chars * size * TWIPS_PER_POINT))
        )
    if style.right_indent_chars:
        indent.set(w("rightChars"), str(round(style.right_indent_chars * 100)))
        indent.set(w("right"), str(round(style.right_indent_chars * size * TWIPS_PER_POINT)))


def _page(document: Any, profile: Profile) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(profile.page.width_mm), Mm(profile.page.height_mm)
    margins = profile.margins
    section.top_margin, section.bottom_margin = Mm(margins.top_mm), Mm(margins.bottom_mm)
    section.left_margin, section.right_margin = Mm(margins.left_mm), Mm(margins.right_mm)
    body = profile.element(BODY)
    normal = document.styles["Normal"]
    normal.font.size = Pt(body.size_pt or 16)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    if body.font:
        fonts.set(w("eastAsia"), body.font)
    write_page_numbers(document, profile)


def _style_of(kind: str, profile: Profile) -> ElementStyle:
    """The element's style; one without fonts (signature, date) is body text placed its way."""
    style = profile.element(kind)
    if style.font is not None:
        return style
    placement = {
        "alignment": style.alignment,
        "right_indent_chars": style.right_indent_chars,
        "first_line_indent_chars": style.first_line_indent_chars,
    }
    return profile.element(BODY).model_copy(update=placement)


def build_document(blocks: Sequence[Block], profile: Profile) -> bytes:
    """The .docx of ``blocks``."""
    document = docx.Document()
    _page(document, profile)
    body_style = profile.element(BODY)
    for block in blocks:
        style = _style_of(block.kind, profile)
        paragraph = document.add_paragraph()
        _settings(paragraph, style, profile)
        if block.kind.startswith("heading") and block.heading_end:
            runs = _write_text(paragraph, block.text[: block.heading_end], style)
            runs += _write_text(paragraph, block.text[block.heading_end :], body_style)
        else:
            runs = _write_text(paragraph, block.text, style)
        if block.note and runs:
            document.add_comment(
                [runs[0], runs[-1]], text=xml_safe(block.note), author=AUTHOR, initials=INITIALS
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
