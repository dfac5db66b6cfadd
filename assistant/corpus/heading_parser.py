"""The heading parser: the text of a summary -> a `DocumentTree`.

One pass over the lines with regexes compiled at import; it never raises. Irregular numbering is
tolerated and recorded as a `Defect`. Lexical lists live in ``data/roles.yaml``.

Headings start a line (after any indentation): level 1 ``一、`` (一 to 九十九); level 2
``（一）``/``(一)``; level 3 ``1.``/``1．``/``1、`` (``2.5`` is text); level 4 ``（1）``/``(1)``.
A number followed by another of its kind (``2、3月份``, ``二、三产业``) is a heading only if it
is the next number at its level. A heading nests under the closest open heading of a smaller
level; skipping levels (``一、`` then ``1.``) is fine. ``一是…`` is never a heading: ``一是``,
``二是``… at the start of a paragraph or after punctuation become the section's `Enumeration`s.

Title: from the number to the first ``。！？`` (excluded) or the end of the line; the rest of the
line is the section's first paragraph. Glued body: when that title is over 40 characters, it is
cut before a body-start word (``我局``, ``以开展``… in roles.yaml) found 4-40 characters in and
directly after a Chinese character (``落实综治措施我局把……``); failing that, a title with no
``。`` is cut after its second ``，``-clause (or first) within 40 characters, and a title that
ends in ``。`` is kept whole.

Defect kinds:

- ``missing-dunhao``: a line such as ``一加强队伍建设`` whose leading numeral is the next level-1
  ordinal, followed by a Chinese character that does not make a common word (``一是``, ``一年``,
  ``十分``…), at most 30 characters, with no ``。！？；``. Parsed as a level-1 heading whose
  number is the bare numeral.
- ``run-together``: inside a line, right after a Chinese character or ``。！？；`` (not a numeral
  or ``第``) and before a Chinese character other than a numeral: ``N、`` where N is the next
  level-1 ordinal, or ``（N）`` where N is the next level-2 ordinal in the current part; N must
  be at least 二. The line is split there and the heading opened.
- ``half-width-parens``: ``(一)``, ``(1)``. ``level3-dunhao``: ``1、``.
- ``orphan-number``: the first number at a level under one parent is not 1 (``（三）`` with no
  ``（一）``/``（二）`` before it). The heading stays where it is.
- ``number-gap``: a number skips ahead (``一、`` then ``三、``).
- ``number-repeat``: a number not above the previous one at its level under the same parent:
  a repeat (``三、`` twice), a restart (``一、`` again after ``五、``) or a step back.
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
from dataclasses import dataclass, field, replace

from assistant.corpus.numerals import NUMERAL_CHARS, numeral_text
from assistant.corpus.roles import (
    Lexicon,
    assign_role,
    child_role,
    lead_in_role,
    load_lexicon,
    reads_like_closing,
    reads_like_title,
)
from assistant.corpus.tree import (
    LEVEL_OF_STYLE,
    Defect,
    DocumentTree,
    Enumeration,
    Heading,
    NumberStyle,
    Paragraph,
    Position,
    Role,
    Section,
)

_CN = NUMERAL_CHARS
_HAN = "\u4e00-\u9fff"
_SPACE = " \t\r\f\v\u3000\u00a0\u200b\ufeff"


# 一 .. 九十九 -> value; a dict lookup is much faster than parsing each time.
_NUMERALS: dict[str, int] = {numeral_text(value): value for value in range(1, 100)}

_HEADING_RE = re.compile(
    rf"(?P<l1>[{_CN}]{{1,3}})、"
    rf"|(?P<l2o>[（(])(?P<l2>[{_CN}]{{1,3}})(?P<l2c>[）)])"
    r"|(?P<l3>[0-9０-９]{1,3})(?:(?P<l3s>[.．])(?![0-9０-９])|(?P<l3d>、))"
    r"|(?P<l4o>[（(])(?P<l4>[0-9０-９]{1,3})(?P<l4c>[）)])"
)
_BARE_NUMERAL_RE = re.compile(rf"[{_CN}]{{1,3}}(?=[{_HAN}0-9“《])")
_RUN_TOGETHER_RE = re.compile(
    rf"(?<![{_CN}第])(?<=[{_HAN}。！？；!?;])"
    rf"(?:(?P<l1>[{_CN}]{{1,3}})、|(?P<l2o>[（(])(?P<l2>[{_CN}]{{1,3}})(?P<l2c>[）)]))"
    rf"(?![{_CN}])(?=[{_HAN}])"
)
# Cheap prefilters (a leading character class lets the regex engine skip ahead fast).
_RUN_CANDIDATE_RE = re.compile(rf"[{_CN}（(][{_CN}]{{0,3}}[、）)]")
_ENUM_RE = re.compile(rf"[{_CN}]{{1,3}}是")
_ENUM_AFTER = set("。；，、：！？;,:!?" + _SPACE)
_TERMINATOR_RE = re.compile(r"[。！？!?]")
_DIGITS = "0123456789０１２３４５６７８９"
_SENTENCE_PUNCT_RE = re.compile(r"[。！？；!?;]")
_COMMA_RE = re.compile(r"[，,；;]")
_CLOSING_SIGNATURE_MAX = 60
_CHINESE_STYLES = (NumberStyle.CHINESE_DUNHAO, NumberStyle.CHINESE_PAREN)
_ARABIC_STYLES = (NumberStyle.ARABIC_DOT, NumberStyle.ARABIC_PAREN)


@dataclass(frozen=True)
class _Number:
    """A heading number found in the text, before its title is known."""

    style: NumberStyle
    ordinal: int
    start: int
    end: int
    half_width: bool = False
    dunhao: bool = False  # 1、 at level 3
    missing_dunhao: bool = False
    run_together: bool = False

    @property
    def level(self) -> int:
        return LEVEL_OF_STYLE[self.style]


def _number_from_match(match: re.Match[str], **flags: bool) -> _Number | None:
    """Turn a heading-regex match into a `_Number` (None for an invalid numeral)."""
    groups = match.groupdict()
    if groups.get("l1"):
        style, raw = NumberStyle.CHINESE_DUNHAO, groups["l1"]
    elif groups.get("l2"):
        style, raw = NumberStyle.CHINESE_PAREN, groups["l2"]
        flags["half_width"] = "(" in (groups["l2o"] + groups["l2c"])
    elif groups.get("l3"):
        style, raw = NumberStyle.ARABIC_DOT, groups["l3"]
        flags["dunhao"] = groups["l3d"] is not None
    else:
        style, raw = NumberStyle.ARABIC_PAREN, groups["l4"]
        flags["half_width"] = "(" in (groups["l4o"] + groups["l4c"])
    ordinal = _NUMERALS.get(raw) if style in _CHINESE_STYLES else int(raw)
    if not ordinal:
        return None
    return _Number(style, ordinal, match.start(), match.end(), **flags)


def _format_number(style: NumberStyle, ordinal: int) -> str:
    """Write a number the way GB/T 9704 writes it at ``style``."""
    chinese = numeral_text(ordinal) if 1 <= ordinal <= 99 else str(ordinal)
    if style is NumberStyle.CHINESE_DUNHAO:
        return chinese + "、"
    if style is NumberStyle.CHINESE_PAREN:
        return f"（{chinese}）"
    if style is NumberStyle.ARABIC_DOT:
        return f"{ordinal}."
    return f"（{ordinal}）"


@dataclass
class _Parser:
    """State of one parse; `run` walks the lines once, then finishes the tree."""

    text: str
    lexicon: Lexicon = field(default_factory=load_lexicon)
    tree: DocumentTree = field(init=False)
    line_starts: list[int] = field(default_factory=list)
    stack: list[Section] = field(default_factory=list)
    last_ordinal: dict[tuple[int, int], int] = field(default_factory=dict)
    lead_ins: dict[int, Role] = field(default_factory=dict)
    pending_lead_in: Role | None = None
    seen_content: bool = False

    def __post_init__(self) -> None:
        self.tree = DocumentTree(text=self.text)

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
            if reads_like_title(text[start:end]) and not _HEADING_RE.match(text, start, end):
                self.tree.title = text[start:end]
                return
        number = self.heading_number(start, end)
        while True:
            section = self.open_section(number) if number is not None else None
            search_from = number.end if number is not None else start
            following = self.run_together(search_from, end)
            stop = following.start if following is not None else end
            body = self.finish_heading(section, stop) if section is not None else start
            self.paragraph(body, stop)
            if following is None:
                return
            number = following

    def heading_number(self, start: int, end: int) -> _Number | None:
        """Find the heading number at the start of a line, including a bare ``一加强…``."""
        match = _HEADING_RE.match(self.text, start, end)
        if match is None:
            return self.missing_dunhao(start, end)
        number = _number_from_match(match)
        if number is not None and self.starts_list(number, end):
            return None
        return number

    def starts_list(self, number: _Number, end: int) -> bool:
        """Tell ``2、3月份`` / ``二、三产业`` (a list of numbers) from a heading ``3、4月份……``.

        A number followed by another number of its own kind is a heading only where it is the
        next number at its level.
        """
        following = self.text[number.end] if number.end < end else ""
        kind = _DIGITS if number.style in _ARABIC_STYLES else _CN
        return (
            bool(following) and following in kind and number.ordinal != self.expected(number.level)
        )

    def missing_dunhao(self, start: int, end: int) -> _Number | None:
        """Detect a short line opening with the next level-1 numeral but no 、 (``一加强…``)."""
        text, lexicon = self.text, self.lexicon
        match = _BARE_NUMERAL_RE.match(text, start, end)
        if match is None or end - start > lexicon.missing_dunhao_max_chars:
            return None
        if _NUMERALS.get(match.group()) != self.expected(1):
            return None
        if text[match.end()] in lexicon.numeral_followers:
            return None
        if text.startswith(lexicon.numeral_words, start):
            return None
        if _SENTENCE_PUNCT_RE.search(text, start, end):
            return None
        ordinal = _NUMERALS[match.group()]
        return _Number(
            NumberStyle.CHINESE_DUNHAO, ordinal, match.start(), match.end(), missing_dunhao=True
        )

    def run_together(self, start: int, end: int) -> _Number | None:
        """Find a heading number glued inside a line that continues a numbering sequence."""
        for candidate in _RUN_CANDIDATE_RE.finditer(self.text, start, end):
            match = _RUN_TOGETHER_RE.match(self.text, candidate.start(), end)
            if match is None:
                continue
            number = _number_from_match(match, run_together=True)
            if number is None:
                continue
            expected = self.expected(number.level)
            if expected >= 2 and number.ordinal == expected:
                return number
        return None

    # ---- numbering -------------------------------------------------------------------------

    def parent_for(self, level: int) -> Section | None:
        """Return the closest open section of a smaller level."""
        for section in reversed(self.stack):
            if section.level < level:
                return section
        return None

    def expected(self, level: int) -> int:
        """Return the next ordinal at ``level`` under the parent such a heading would get."""
        parent = self.parent_for(level)
        return self.last_ordinal.get((id(parent), level), 0) + 1

    def check_number(self, number: _Number, parent: Section | None) -> None:
        """Record style and sequence defects of a heading number."""
        start, end = number.start, number.end
        written = self.text[start:end]
        if number.missing_dunhao:
            self.defect("missing-dunhao", start, end, f"标题编号“{written}”后缺少顿号“、”")
        if number.run_together:
            self.defect("run-together", start, end, f"标题“{written}”与前文连在同一行，应另起一行")
        if number.half_width:
            good = _format_number(number.style, number.ordinal)
            self.defect("half-width-parens", start, end, f"“{written}”应使用全角括号：“{good}”")
        if number.dunhao:
            good = _format_number(number.style, number.ordinal)
            self.defect("level3-dunhao", start, end, f"三级标题“{written}”应写作“{good}”")
        key = (id(parent), number.level)
        previous = self.last_ordinal.get(key, 0)
        self.last_ordinal[key] = number.ordinal
        self.check_sequence(number, previous, written)

    def check_sequence(self, number: _Number, previous: int, written: str) -> None:
        """Gap, repeat, restart and orphan checks against the previous sibling number."""
        start, end, ordinal = number.start, number.end, number.ordinal
        expected = _format_number(number.style, previous + 1)
        if previous == 0 and ordinal > 1:
            first = _format_number(number.style, 1)
            self.defect("orphan-number", start, end, f"“{written}”之前没有同级的“{first}”")
        elif ordinal > previous + 1:
            self.defect("number-gap", start, end, f"“{written}”之前缺少“{expected}”")
        elif ordinal == previous:
            self.defect("number-repeat", start, end, f"编号“{written}”与上一个同级编号重复")
        elif ordinal < previous:
            last = _format_number(number.style, previous)
            how = "重新从头编号" if ordinal == 1 else "顺序倒退"
            self.defect("number-repeat", start, end, f"编号“{written}”出现在“{last}”之后，{how}")

    # ---- building --------------------------------------------------------------------------

    def open_section(self, number: _Number) -> Section:
        """Close deeper sections, check the number and push a new section (title pending)."""
        while self.stack and self.stack[-1].level >= number.level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        self.check_number(number, parent)
        heading = Heading(
            style=number.style,
            level=number.level,
            ordinal=number.ordinal,
            number=self.text[number.start : number.end],
            title="",
            position=self.position(number.start),
            title_end=number.end,
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
        return section

    def finish_heading(self, section: Section, stop: int) -> int:
        """Set the section's title (from its number to ``stop``); return where the body starts."""
        text = self.text
        start = section.heading.position.offset + len(section.heading.number)
        while start < stop and text[start] in _SPACE:
            start += 1
        terminator = _TERMINATOR_RE.search(text, start, stop)
        title_stop = terminator.start() if terminator is not None else stop
        title_end = body = title_stop + 1 if terminator is not None else title_stop
        if title_stop - start > self.lexicon.glued_title_chars:
            cut = self.glued_cut(start, sentence=terminator is not None)
            if cut is not None:
                title_stop, body = cut
                title_end = title_stop
        title = text[start:title_stop].strip(_SPACE + "，,；;")
        section.heading = replace(section.heading, title=title, title_end=title_end)
        return body

    def glued_cut(self, start: int, *, sentence: bool) -> tuple[int, int] | None:
        """Split a too-long title from glued body text: (title stop, body start), or None."""
        text, lexicon = self.text, self.lexicon
        limit = start + lexicon.glued_title_chars
        first_allowed = start + lexicon.glued_min_clause_chars
        for marker in lexicon.body_starts.finditer(text, first_allowed, limit):
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
        if not self.stack:
            self.tree.opening.append(paragraph)
            return
        section = self.stack[-1]
        section.paragraphs.append(paragraph)
        for match in _ENUM_RE.finditer(body):
            at = match.start()
            ordinal = _NUMERALS.get(match.group()[:-1])
            if ordinal is not None and (at == 0 or body[at - 1] in _ENUM_AFTER):
                position = self.position(start + at)
                section.enumerations.append(Enumeration(match.group(), ordinal, position))

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
        sections = list(self.tree.walk())
        if sections:
            owner = sections[-1]
            candidates = owner.paragraphs[1:]
        else:
            candidates = self.tree.opening[1:]
        first = _closing_start(candidates)
        if first is None:
            return
        closing = candidates[first:]
        cut = closing[0].position.offset
        self.tree.closing = closing
        if sections:
            owner.paragraphs = owner.paragraphs[: len(owner.paragraphs) - len(closing)]
            owner.enumerations = [e for e in owner.enumerations if e.position.offset < cut]
        else:
            self.tree.opening = self.tree.opening[: len(self.tree.opening) - len(closing)]

    def check_skip_up(self) -> None:
        """Record top-level headings deeper than the document's highest heading level."""
        sections = self.tree.sections
        if not sections:
            return
        top = min(sections, key=lambda section: section.level)
        higher = _format_number(top.heading.style, 1)
        for section in sections:
            if section.level > top.level:
                heading = section.heading
                self.defect(
                    "level-skip-up",
                    heading.position.offset,
                    heading.position.offset + len(heading.number),
                    f"“{heading.number}”出现在上级标题“{higher}”之前",
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
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
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


def parse_document(text: str) -> DocumentTree:
    """Parse a summary into title, opening, numbered sections, closing and defects."""
    return _Parser(text).run()
