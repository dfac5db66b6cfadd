"""Layout fixes applied as tracked formatting changes.

Each change keeps the old properties in ``w:rPrChange``/``w:pPrChange``/``w:sectPrChange`` (by
the assistant, with a timestamp), so Word shows "formatted" and rejecting it restores them.
Only the runs, paragraphs and sections a remedy names are touched; styles are left alone.
Page numbers are written into the footers directly.
"""

from __future__ import annotations

import copy
from typing import Any, cast

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.section import Section
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from assistant.word.footers import write_page_numbers
from assistant.word.ooxml import DEL, PPR, RPR, SECT_PR, make, w
from assistant.word.profile import Profile
from assistant.word.remedies import (
    PageNumberRemedy,
    PageRemedy,
    ParagraphRemedy,
    Remedy,
    RunRemedy,
)
from assistant.word.revisions import AUTHOR, RevisionWriter
from assistant.word.units import TWIPS_PER_POINT

ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
CHANGE_TAGS = {RPR: w("rPrChange"), PPR: w("pPrChange"), SECT_PR: w("sectPrChange")}
NOT_IN_OLD_PPR = frozenset({w("rPr"), w("sectPr"), w("pPrChange")})
NOT_IN_OLD_SECT_PR = frozenset({w("headerReference"), w("footerReference"), w("sectPrChange")})
BODY_SIZE_PT = 16.0


def _set_complex_size(properties: Any, points: float) -> None:
    """``w:szCs`` beside ``w:sz`` (Word sizes some punctuation by it)."""
    size = properties.find(w("szCs"))
    if size is None:
        size = make("szCs")
        properties.find(w("sz")).addnext(size)
    size.set(w("val"), str(round(points * 2)))


class Formatter:
    """Applies remedies through one revision writer (sharing its ids, date and split runs)."""

    def __init__(self, writer: RevisionWriter, profile: Profile) -> None:
        self.writer = writer
        self.profile = profile
        self.applied = 0

    def _track(self, properties: Any, excluded: frozenset[str] = frozenset()) -> None:
        """Record ``properties`` as they are now, once, in their ``*Change`` child."""
        tag = CHANGE_TAGS[properties.tag]
        mine = properties.find(tag)
        if (
            mine is not None
            and mine.get(w("author")) == AUTHOR
            and mine.get(w("date")) == self.writer.date
        ):
            return
        old = make(etree.QName(properties).localname)
        for node in properties:
            if node.tag != tag and node.tag not in excluded:
                old.append(copy.deepcopy(node))
        for stale in properties.findall(tag):
            properties.remove(stale)
        change = self.writer.revision(tag)
        change.append(old)
        properties.append(change)

    def apply(self, remedy: Remedy) -> None:
        """Apply one remedy."""
        if isinstance(remedy, RunRemedy):
            self._run(remedy)
        elif isinstance(remedy, ParagraphRemedy):
            self._paragraph(remedy)
        elif isinstance(remedy, PageRemedy):
            self._page(remedy)
        elif isinstance(remedy, PageNumberRemedy):
            write_page_numbers(self.writer.document.document, self.profile)
        self.applied += 1

    def _run(self, remedy: RunRemedy) -> None:
        runs = self.writer.runs_between(remedy.paragraph, remedy.start, remedy.end)
        for live in runs:
            element = live.element
            if element.getparent() is not None and element.getparent().tag == DEL:
                continue
            properties = element.get_or_add_rPr()
            self._track(properties)
            font = Run(element, cast(Any, None)).font
            if remedy.font is not None:
                fonts = properties.get_or_add_rFonts()
                fonts.set(w("eastAsia"), remedy.font)
                fonts.attrib.pop(w("eastAsiaTheme"), None)
                fonts.set(w("hint"), "eastAsia")
            if remedy.size_pt is not None:
                font.size = Pt(remedy.size_pt)
                _set_complex_size(properties, remedy.size_pt)
            if remedy.bold is not None:
                font.bold = remedy.bold
                font.cs_bold = remedy.bold
            properties.append(properties.find(w("rPrChange")))

    def _paragraph(self, remedy: ParagraphRemedy) -> None:
        element = remedy.paragraph.element
        properties = element.get_or_add_pPr()
        self._track(properties, NOT_IN_OLD_PPR)
        paragraph = Paragraph(element, cast(Any, None))
        settings = paragraph.paragraph_format
        if remedy.alignment is not None:
            settings.alignment = ALIGNMENTS[remedy.alignment]
        if remedy.line_exact_pt is not None:
            settings.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            settings.line_spacing = Pt(remedy.line_exact_pt)
        indent = properties.get_or_add_ind()
        if remedy.first_line_chars is not None:
            for name in ("hanging", "hangingChars"):
                indent.attrib.pop(w(name), None)
            indent.set(w("firstLineChars"), str(round(remedy.first_line_chars * 100)))
            twips = round(remedy.first_line_chars * BODY_SIZE_PT * TWIPS_PER_POINT)
            indent.set(w("firstLine"), str(twips))
        if remedy.right_indent_chars is not None:
            chars = remedy.right_indent_chars
            indent.set(w("rightChars"), str(round(chars * 100)))
            indent.set(w("right"), str(round(chars * BODY_SIZE_PT * TWIPS_PER_POINT)))
        if not len(indent.attrib):
            properties.remove(indent)
        properties.append(properties.find(w("pPrChange")))

    def _page(self, remedy: PageRemedy) -> None:
        properties = remedy.page.element
        self._track(properties, NOT_IN_OLD_SECT_PR)
        section = Section(properties, self.writer.document.document.part)
        if remedy.width_mm is not None and remedy.height_mm is not None:
            section.page_width = Mm(remedy.width_mm)
            section.page_height = Mm(remedy.height_mm)
        if remedy.margins_mm is not None:
            top, bottom, left, right = remedy.margins_mm
            section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
            section.left_margin, section.right_margin = Mm(left), Mm(right)
        properties.append(properties.find(w("sectPrChange")))
