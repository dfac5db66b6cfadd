"""The heading parser: the text of a summary -> a `DocumentTree`.

One pass over the lines with regexes compiled at import; it never raises. Irregular numbering is
tolerated and recorded as a `Defect`. Heading numbers are read by `assistant.genre.numbering`,
roles by `assistant.corpus.roles`; the glued-title lexicon is ``data/heading_parser.yaml``.

Headings start a line (after any indentation): level 1 ``一、`` (一 to 九十九); level 2
``（一）``/``(一)``; level 3 ``1.``/``1．``/``1、`` (``2.5`` is text); level 4 ``（1）``/``(1)``.
A number followed by another of its kind (``2、3月份``, ``二、三产业``) is a heading only if it
is the next number at its level. A heading nests under the closest open heading of a smaller
level; skipping levels (``一、`` then ``1.``) is fine. ``一是…`` is never a heading: ``一是``,
``二是``… at the start of a paragraph or after punctuation become the section's `Enumeration`s.

Title: from the number to the first ``。！？`` (excluded) or the end of the line; the rest of the
line is the section's first paragraph. Glued body: when that title is over 40 characters, it is
cut before a body-start word (``我局``, ``以开展``…) found 4-40 characters in and
directly after a Chinese character (``落实综治措施我局把……``); failing that, a title with no
``。`` is cut after its second ``，``-clause (or first) within 40 characters, and a title that
ends in ``。`` is kept whole.

Defect kinds:

- ``missing-dunhao``: a line such as ``一加强队伍建设`` whose leading numeral is the next level-1
  ordinal, followed by a Chinese character that does not make a common word (``一是``, ``一年``,
  ``十分``…), at most 30 characters, with no ``。！？；``. Parsed as a level-1 heading whose
  number is the bare numeral.
- ``run-together``: inside a line, right after a Chinese character or ``。！？；`` (not a numeral
  or ``第``) and before a Chinese character other than a numeral or a year (``2025年``):
  ``N、`` where N is the next level-1 ordinal, or ``（N）`` where N is the next level-2 ordinal
  in the current part; N must be at least 二, except for the first level-2 number glued to a
  level-1 title (``一、主要工作开展情况（一）持续优化营商环境``). The line is split there and the
  heading opened; the defect spans the number and the title.
- ``half-width-parens``: ``(一)``, ``(1)``. ``level3-dunhao``: ``1、``.
- ``orphan-number``: the first number at a level under one parent is not 1 (``（三）`` with no
  ``（一）``/``（二）`` before it). The heading stays where it is.
- ``number-gap``: a number skips ahead (``一、`` then ``三、``).
- ``number-repeat``: a number not above the previous one at its level under the same parent:
  a repeat (``三、`` twice), a restart (``一、`` again after ``五、``) or a step back. A restart
  right after a short lead-in (`is_list_intro`: ``下一月的计划如下：``) is a new list instead.
- ``level-skip-up``: a top-level heading deeper than the document's highest heading level, i.e.
  one that comes before any heading of that level (``（一）`` or ``1.`` before ``一、``).

Title line: the first line when `roles.reads_like_title` says so. Opening: paragraphs before the
first heading. Closing: among the last section's paragraphs (never its first), skip trailing
short lines with no ``。`` (signatures, dates), then take the run of paragraphs before them that
`roles.reads_like_closing`; that run and everything after it is the closing. Otherwise trailing
text stays in the last section.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from pydantic import Field

from assistant.corpus.roles import (
    alternation,
    assign_role,
    child_role,
    lead_in_role,
    reads_like_closing,
    reads_like_title,
)
from assistant.corpus.tree import (
    Defect,
    DocumentTree,
    Enumeration,
    Heading,
    Paragraph,
    Position,
    Section,
)
from assistant.genre.numbering import (
    NUMBER_AT,
    SPACE,
    HeadingNumber,
    RunTogetherSpans,
    enumeration_markers,
    format_number,
    line_number,
    run_together_number,
)
from assistant.genre.table import Role
from assistant.resources import package_file
from assistant.tables import Table, load_table

DATA_FILE = package_file("assistant.corpus", "data", "heading_parser.yaml")


class ParserTable(Table):
    """``data/heading_parser.yaml``: glued body text, and lead-ins that start a new list."""

    glued_title_chars: int = Field(gt=0)
    glued_min_clause_chars: int = Field(ge=0)
    body_starts: tuple[str, ...] = Field(min_length=1)
    list_intro_max_chars: int = Field(gt=0)


@dataclass(frozen=True)
class _GluedTitles:
    """The parser table, compiled."""

    title_chars: int
    min_clause_chars: int
    body_starts: re.Pattern[str]


@cache
def parser_table() -> ParserTable:
    """The parser's lexicon, validated (once per process)."""
    return load_table(DATA_FILE, ParserTable)


def is_list_intro(text: str, level: int) -> bool:
    """Whether a paragraph is a short lead-in after which numbering at ``level`` starts anew.

    Level 1 restarts only after a lead-in naming plans (``下一月的计划如下：``); deeper levels
    after any short lead-in ending in ``：`` (``目前主要改进如下：``).
    """
    if len(text) > parser_table().list_intro_max_chars:
        return False
    role = lead_in_role(text)
    return role is Role.PLANS if level == 1 else text.rstrip().endswith(("：", ":"))


@cache
def _glued_titles() -> _GluedTitles:
    table = parser_table()
    starts = alternation(table.body_starts)
    return _GluedTitles(table.glued_title_chars, table.glued_min_clause_chars, starts)


_TERMINATOR_RE = re.compile(r"[。！？!?]")
_COMMA_RE = re.compile(r"[，,；;]")
_CLOSING_SIGNATURE_MAX = 60
_TITLE_STRIP = SPACE + "，,；;"


class NumberSequence:
    """Which number each level expects next under the headings open so far.

    A heading nests under the closest open heading of a smaller level; numbers count per level
    under their parent.
    """

    def __init__(self) -> None:
        self._open: list[tuple[int, int]] = []  # (level, serial) of open headings, outermost first
        self._last: dict[tuple[int, int], int] = {}  # (parent serial, level) -> last ordinal
        self._serial = 0

    def expected(self, level: int) -> int:
        """The next ordinal at ``level`` under the heading such a number would nest in."""
        parent = 0
        for open_level, serial in reversed(self._open):
            if open_level < level:
                parent = serial
                break
        return self._last.get((parent, level), 0) + 1

    def open(self, level: int, ordinal: int) -> tuple[int, bool]:
        """Open a heading; return the previous ordinal of its level under its parent.

        Also whether the heading is top-level (no open heading of a smaller level).
        """
        opened = self._open
        while opened and opened[-1][0] >= level:
            opened.pop()
        parent = opened[-1][1] if opened else 0
        key = (parent, level)
        previous = self._last.get(key, 0)
        self._last[key] = ordinal
        self._serial += 1
        opened.append((level, self._serial))
        return previous, parent == 0


def sequence_defect(
    level: int, ordinal: int, previous: int, written: str, intro: str | None
) -> tuple[str, str] | None:
    """The gap, repeat, restart or orphan defect (kind, detail) of a number, if any.

    ``previous`` is the last ordinal of its level under its parent (0 for none) and ``intro``
    the paragraph right before the heading, if any.
    """
    if ordinal == previous + 1:
        return None
    if ordinal == 1 and previous >= 1 and intro and is_list_intro(intro, level):
        return None  # a new list after a lead-in (……计划如下：), not a restart
    if previous == 0:
        return "orphan-number", f"“{written}”之前没有同级的“{format_number(level, 1)}”"
    if ordinal > previous + 1:
        return "number-gap", f"“{written}”之前缺少“{format_number(level, previous + 1)}”"
    if ordinal == previous:
        return "number-repeat", f"编号“{written}”与上一个同级编号重复"
    how = "重新从头编号" if ordinal == 1 else "顺序倒退"
    last = format_number(level, previous)
    return "number-repeat", f"编号“{written}”出现在“{last}”之后，{how}"


def skip_up_detail(number: str, top_level: int) -> str:
    """The detail of a level-skip-up defect."""
    return f"“{number}”出现在上级标题“{format_number(top_level, 1)}”之前"


@dataclass
class _Parser:
    """State of one parse; `run` walks the lines once, then finishes the tree."""

    text: str
    glued: _GluedTitles = field(default_factory=_glued_titles)
    tree: DocumentTree = field(init=False)
    line_starts: list[int] = field(default_factory=list)
    stack: list[Section] = field(default_factory=list)
    numbers: NumberSequence = field(default_factory=NumberSequence)
    lead_ins: dict[int, Role] = field(default_factory=dict)
    pending_lead_in: Role | None = None
    intro: str | None = None  # the paragraph right before the next heading, if any
    seen_content: bool = False
    enumerations: bool = True  # collect 一是/二是 markers (the style checker needs none)
    run_spans: RunTogetherSpans = field(init=False)

    def __post_init__(self) -> None:
        self.tree = DocumentTree(text=self.text)
        self.run_spans = RunTogetherSpans(self.text)

    # ---- positions -------------------------------------------------------------------------

    def position(self, offset: int) -> Position:
        """Map an offset to (offset, 1-based line, 1-based column)."""
        index = bisect_right(self.line_starts, offset) - 1
        return Position(offset, index + 1, offset - self.line_starts[index] + 1)

    def defect(self, kind: str, start: int, end: int, detail: str) -> None:
        """Record a tolerated irregularity."""
        self.tree.defects.append(Defect(kind, self.position(start), end - start, detail))

    # ---- the pass --------------------------------------------------------------------------

    def run(self) -> DocumentTree:
        """Parse the whole text."""
        text = self.text
        start = 0
        while True:
            self.line_starts.append(start)
            newline = text.find("\n", start)
            end = len(text) if newline < 0 else newline
            if end > start and not (end - start == 1 and text[start] == "\r"):
                self.line(start, end)
            if newline < 0:
                break
            start = newline + 1
        self.finish()
        return self.tree

    def line(self, start: int, end: int) -> None:
        """Handle one line: headings (possibly several run together) and body text."""
        text = self.text
        start, end = _trimmed(text, start, end)
        if start >= end:
            return
        if not self.seen_content:
            self.seen_content = True
            if reads_like_title(text[start:end]) and not NUMBER_AT.match(text, start, end):
                self.tree.title = text[start:end]
                return
        number = self.heading_number(start, end)
        while True:
            if number is None:
                following = self.run_together(start, end, None)
                stop = following.start if following is not None else end
                self.paragraph(start, stop)
            else:
                parent = self.enter(number)
                following = self.run_together(number.end, end, number.level)
                stop = following.start if following is not None else end
                section, body = self.add_section(number, parent, stop)
                if number.run_together:
                    self.glued_heading(section, number)
                self.paragraph(body, stop)
            if following is None:
                return
            number = following

    def heading_number(self, start: int, end: int) -> HeadingNumber | None:
        """Find the heading number at the start of a line, including a bare ``一加强…``."""
        return line_number(self.text, start, end, self.expected)

    def run_together(self, start: int, end: int, level: int | None) -> HeadingNumber | None:
        """Find a heading number glued inside a line that continues a numbering sequence.

        ``level`` is that of the heading the line started with, if any: its first child may be
        glued to its title.
        """
        if not self.run_spans.possible(start, end):  # most lines: no candidate at all
            return None
        return run_together_number(self.text, start, end, self.expected, level)

    def glued_heading(self, section: Section, number: HeadingNumber) -> None:
        """Record a heading run into the text before it, spanning its number and title."""
        written = self.text[number.start : number.end]
        end = max(section.heading.title_end, number.end)
        detail = f"标题“{written}”与前文连在同一行，应另起一行"
        self.defect("run-together", number.start, end, detail)

    # ---- numbering -------------------------------------------------------------------------

    def expected(self, level: int) -> int:
        """Return the next ordinal at ``level`` under the parent such a heading would get."""
        return self.numbers.expected(level)

    def check_number(self, number: HeadingNumber, written: str) -> None:
        """Record style and sequence defects of a heading number."""
        start, end = number.start, number.end
        if number.missing_dunhao:
            self.defect("missing-dunhao", start, end, f"标题编号“{written}”后缺少顿号“、”")
        if number.half_width:
            good = number.canonical
            self.defect("half-width-parens", start, end, f"“{written}”应使用全角括号：“{good}”")
        if number.dunhao:
            good = number.canonical
            self.defect("level3-dunhao", start, end, f"三级标题“{written}”应写作“{good}”")
        previous, _ = self.numbers.open(number.level, number.ordinal)
        found = sequence_defect(number.level, number.ordinal, previous, written, self.intro)
        if found is not None:
            self.defect(found[0], start, end, found[1])

    # ---- building --------------------------------------------------------------------------

    def enter(self, number: HeadingNumber) -> Section | None:
        """Close the sections at the number's level or deeper, check the number; the parent."""
        stack = self.stack
        level = number.level
        while stack and stack[-1].level >= level:
            stack.pop()
        self.check_number(number, self.text[number.start : number.end])
        return stack[-1] if stack else None

    def add_section(
        self, number: HeadingNumber, parent: Section | None, stop: int
    ) -> tuple[Section, int]:
        """Open the section whose title runs from the number to at most ``stop``.

        Returns the section and where its body text starts.
        """
        title, title_end, body = self.title(number.end, stop)
        heading = Heading(
            style=number.style,
            level=number.level,
            ordinal=number.ordinal,
            number=self.text[number.start : number.end],
            title=title,
            position=self.position(number.start),
            title_end=title_end,
        )
        section = Section(heading=heading, role=Role.ACHIEVEMENTS, start=number.start)
        if parent is None:
            self.tree.sections.append(section)
        else:
            parent.children.append(section)
        self.stack.append(section)
        if self.pending_lead_in is not None:
            self.lead_ins[id(section)] = self.pending_lead_in
        self.pending_lead_in = None
        self.intro = None
        return section, body

    def title(self, start: int, stop: int) -> tuple[str, int, int]:
        """The title after a number ending at ``start``: (title, its end, where the body starts)."""
        text = self.text
        while start < stop and text[start] in SPACE:
            start += 1
        terminator = _TERMINATOR_RE.search(text, start, stop)
        title_stop = terminator.start() if terminator is not None else stop
        title_end = body = title_stop + 1 if terminator is not None else title_stop
        if title_stop - start > self.glued.title_chars:
            cut = self.glued_cut(start, sentence=terminator is not None)
            if cut is not None:
                title_stop, body = cut
                title_end = title_stop
        return text[start:title_stop].strip(_TITLE_STRIP), title_end, body

    def glued_cut(self, start: int, *, sentence: bool) -> tuple[int, int] | None:
        """Split a too-long title from glued body text: (title stop, body start), or None."""
        text, glued = self.text, self.glued
        limit = start + glued.title_chars
        first_allowed = start + glued.min_clause_chars
        for marker in glued.body_starts.finditer(text, first_allowed, limit):
            if _is_han(text[marker.start() - 1]):  # no punctuation between title and body
                return marker.start(), marker.start()
        if sentence:
            return None  # a long heading sentence ending in 。 stays whole
        first = _COMMA_RE.search(text, start, limit)
        if first is None:
            return None
        second = _COMMA_RE.search(text, first.end(), limit)
        cut = second if second is not None else first
        return cut.start(), cut.end()

    def paragraph(self, start: int, end: int) -> None:
        """Add body text ``[start, end)`` (trimmed) to the open section or the opening."""
        text = self.text
        start, end = _trimmed(text, start, end)
        if start >= end:
            return
        body = text[start:end]
        paragraph = Paragraph(body, self.position(start))
        self.pending_lead_in = lead_in_role(body)
        self.intro = body
        if not self.stack:
            self.tree.opening.append(paragraph)
            return
        section = self.stack[-1]
        section.paragraphs.append(paragraph)
        if not self.enumerations:
            return
        for marker in enumeration_markers(body):
            position = self.position(start + marker.start)
            written = body[marker.start : marker.end]
            section.enumerations.append(Enumeration(written, marker.ordinal, position))

    # ---- after the pass --------------------------------------------------------------------

    def finish(self) -> None:
        """Split off the closing, set section ends, check level-skip-up, assign roles."""
        self.split_closing()
        for section in self.tree.sections:
            _set_end(section)
        self.check_skip_up()
        self.assign_roles()

    def split_closing(self) -> None:
        """Move closing paragraphs from the end of the last section (or the opening)."""
        owner = _last_section(self.tree.sections)
        candidates = owner.paragraphs[1:] if owner is not None else self.tree.opening[1:]
        first = _closing_start(candidates)
        if first is None:
            return
        closing = candidates[first:]
        cut = closing[0].position.offset
        self.tree.closing = closing
        if owner is not None:
            owner.paragraphs = owner.paragraphs[: len(owner.paragraphs) - len(closing)]
            owner.enumerations = [e for e in owner.enumerations if e.position.offset < cut]
        else:
            self.tree.opening = self.tree.opening[: len(self.tree.opening) - len(closing)]

    def check_skip_up(self) -> None:
        """Record top-level headings deeper than the document's highest heading level."""
        sections = self.tree.sections
        if not sections:
            return
        top = min(section.level for section in sections)
        for section in sections:
            if section.level > top:
                heading = section.heading
                self.defect(
                    "level-skip-up",
                    heading.position.offset,
                    heading.position.offset + len(heading.number),
                    skip_up_detail(heading.number, top),
                )
        self.tree.defects.sort(key=lambda defect: defect.position.offset)

    def assign_roles(self) -> None:
        """Assign top-level roles (wording, lead-in, order), then the children's."""
        sections = self.tree.sections
        previous: Role | None = None
        for index, section in enumerate(sections):
            hint = self.lead_ins.get(id(section))
            section.role = assign_role(
                section.heading.title, index, len(sections), previous=previous, hint=hint
            )
            previous = section.role
            _assign_children(section)


def _assign_children(section: Section) -> None:
    """Give every descendant its role from its own wording or its parent's."""
    for child in section.children:
        child.role = child_role(child.heading.title, section.role)
        _assign_children(child)


def _last_section(sections: list[Section]) -> Section | None:
    """The last section in document order: the last child of the last child ..., if any."""
    last = sections[-1] if sections else None
    while last is not None and last.children:
        last = last.children[-1]
    return last


def _set_end(section: Section) -> int:
    """Compute ``section.end`` (children included) and return it."""
    end = section.heading.title_end
    if section.paragraphs:
        last = section.paragraphs[-1]
        end = max(end, last.position.offset + len(last.text))
    for child in section.children:
        end = max(end, _set_end(child))
    section.end = end
    return end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces."""
    while start < end and text[start] in SPACE:
        start += 1
    while end > start and text[end - 1] in SPACE:
        end -= 1
    return start, end


def _is_han(char: str) -> bool:
    """Tell a CJK unified ideograph."""
    return "\u4e00" <= char <= "\u9fff"


def _is_signature(paragraph: Paragraph) -> bool:
    """Tell a short trailing line with no 。 (signature, date, contact line)."""
    return len(paragraph.text) <= _CLOSING_SIGNATURE_MAX and "。" not in paragraph.text


def _closing_start(candidates: list[Paragraph]) -> int | None:
    """Return the index of the first closing paragraph among the candidates, or None."""
    index = len(candidates)
    while index > 0 and _is_signature(candidates[index - 1]):
        if reads_like_closing(candidates[index - 1].text):
            break
        index -= 1
    first: int | None = None
    while index > 0 and reads_like_closing(candidates[index - 1].text):
        index -= 1
        first = index
    return first


def parse_document(text: str, *, enumerations: bool = True) -> DocumentTree:
    """Parse a summary into title, opening, numbered sections, closing and defects.

    Without ``enumerations`` the sections' ``一是``/``二是`` markers are not collected.
    """
    return _Parser(text, enumerations=enumerations).run()
