"""GB/T 9704 page numbers: ``— 1 —`` in the footer, odd pages right and even pages left.

Used by the fixer (replacing whatever footers a document had) and by the exporter.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from assistant.word.ooxml import XML_SPACE, make, w
from assistant.word.profile import Profile

ALIGNMENTS = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}


def _field_runs(paragraph: Any) -> None:
    """Append the runs of a PAGE field (begin, instruction, separate, result, end)."""
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind is not None:
            char = make("fldChar", run._r)
            char.set(w("fldCharType"), kind)
        elif text == " PAGE ":
            instruction = make("instrText", run._r)
            instruction.text = text
            instruction.set(XML_SPACE, "preserve")
        else:
            run.text = text


def _style_runs(paragraph: Any, profile: Profile) -> None:
    style = profile.page_number
    for run in paragraph.runs:
        run.font.size = Pt(style.size_pt)
        run.font.name = style.font
        fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(w("eastAsia"), style.font)


def _write_footer(footer: Any, side: str, profile: Profile) -> None:
    footer.is_linked_to_previous = False
    paragraphs = footer.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for table in footer.tables:
        table._tbl.getparent().remove(table._tbl)
    paragraph = paragraphs[0] if paragraphs else footer.add_paragraph()
    for node in list(paragraph._p):
        if node.tag != w("pPr"):
            paragraph._p.remove(node)
    style = profile.page_number
    paragraph.alignment = ALIGNMENTS[side]
    indent = Pt(style.size_pt * style.edge_indent_chars)
    paragraph.paragraph_format.first_line_indent = None
    if side == "right":
        paragraph.paragraph_format.right_indent = indent
        paragraph.paragraph_format.left_indent = None
    else:
        paragraph.paragraph_format.left_indent = indent
        paragraph.paragraph_format.right_indent = None
    paragraph.add_run(style.before)
    _field_runs(paragraph)
    paragraph.add_run(style.after)
    _style_runs(paragraph, profile)


def write_page_numbers(document: Any, profile: Profile) -> None:
    """Give every section the profile's page numbers (python-docx ``Document``)."""
    outside = profile.page_number.outside
    document.settings.odd_and_even_pages_header_footer = outside
    for index, section in enumerate(document.sections):
        if index:
            section.footer.is_linked_to_previous = True
            section.even_page_footer.is_linked_to_previous = True
            continue
        _write_footer(section.footer, "right", profile)
        if outside:
            _write_footer(section.even_page_footer, "left", profile)
        if section.different_first_page_header_footer:
            _write_footer(section.first_page_footer, "right", profile)
