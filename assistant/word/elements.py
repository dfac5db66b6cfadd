"""Which part of the page each paragraph is: title, heading at a level, body, signature, date.

Headings come from the project's heading parser, run on the document's text (line N is
paragraph N); only a heading that starts its paragraph is a layout heading (a heading run into a
sentence is the text rules' concern), and the rest of its paragraph is body. The title is the
first paragraph when the parser reads it as one, or when it is centred and short without a full
stop; centred lines right after it continue it. The date is the last paragraph when it is one
(``2026年7月5日``, ``二〇二六年七月五日``); a short line just before it is the signature.
Only paragraphs of the main text count: tables and text boxes keep their own formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus.tree import DocumentTree
from assistant.word.model import WordDocument, WordParagraph

DATE_LINE = re.compile(
    r"\s*(?:\d{4}|[〇零一二三四五六七八九]{4})年"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日\s*"
)
CENTRED = frozenset({"center"})
TITLE_MAX_CHARS = 60
SIGNATURE_MAX_CHARS = 30
FULL_STOPS = frozenset("。！？；")


@dataclass(frozen=True, slots=True)
class Segment:
    """Characters ``start``..``end`` of a paragraph that play one element."""

    element: str
    paragraph: WordParagraph
    start: int
    end: int

    @property
    def text(self) -> str:
        """The segment's characters."""
        return self.paragraph.text[self.start : self.end]


def _heading_spans(document: WordDocument, tree: DocumentTree) -> dict[int, tuple[int, int, int]]:
    """Paragraph number -> (level, start, end) of a heading that starts the paragraph."""
    spans: dict[int, tuple[int, int, int]] = {}
    for section in tree.walk():
        heading = section.heading
        paragraph = document.paragraph(heading.position.line)
        start = heading.position.column - 1
        if paragraph.text[:start].strip():
            continue
        end = min(heading.title_end - paragraph.offset, len(paragraph.text))
        spans[paragraph.number] = (heading.level, start, max(end, start + 1))
    return spans


def _plain(paragraph: WordParagraph) -> bool:
    return not FULL_STOPS.intersection(paragraph.text)


def _title_lines(
    body: list[WordParagraph], tree: DocumentTree, headings: dict[int, tuple[int, int, int]]
) -> list[WordParagraph]:
    if not body or body[0].number in headings:
        return []
    first = body[0]
    centred = first.format.alignment in CENTRED
    short = len(first.text.strip()) <= TITLE_MAX_CHARS and _plain(first)
    if tree.title is None and not (centred and short):
        return []
    lines = [first]
    if centred:
        for paragraph in body[1:]:
            if (
                paragraph.number in headings
                or paragraph.format.alignment not in CENTRED
                or not _plain(paragraph)
                or len(paragraph.text.strip()) > TITLE_MAX_CHARS
            ):
                break
            lines.append(paragraph)
    return lines


def _closing_lines(
    body: list[WordParagraph], headings: dict[int, tuple[int, int, int]], taken: set[int]
) -> list[tuple[str, WordParagraph]]:
    if not body or not DATE_LINE.fullmatch(body[-1].text):
        return []
    found = [("date", body[-1])]
    if len(body) > 1:
        before = body[-2]
        if (
            before.number not in headings
            and before.number not in taken
            and _plain(before)
            and len(before.text.strip()) <= SIGNATURE_MAX_CHARS
        ):
            found.insert(0, ("signature", before))
    return found


def _trimmed(paragraph: WordParagraph, start: int, end: int) -> tuple[int, int]:
    text = paragraph.text[start:end]
    return start + len(text) - len(text.lstrip()), start + len(text.rstrip())


def classify(document: WordDocument, tree: DocumentTree) -> list[Segment]:
    """The segments of the main text, in document order."""
    body = [p for p in document.paragraphs if p.location == "body" and p.text.strip()]
    headings = _heading_spans(document, tree)
    titles = _title_lines(body, tree, headings)
    taken = {p.number for p in titles}
    closing = _closing_lines(body, headings, taken)
    roles = {p.number: "title" for p in titles}
    roles.update({p.number: element for element, p in closing})
    segments: list[Segment] = []
    for paragraph in body:
        role = roles.get(paragraph.number)
        if role is not None:
            segments.append(Segment(role, paragraph, *_trimmed(paragraph, 0, len(paragraph.text))))
            continue
        heading = headings.get(paragraph.number)
        rest = 0
        if heading is not None:
            level, start, end = heading
            segments.append(Segment(f"heading-{level}", paragraph, start, end))
            rest = end
        if paragraph.text[rest:].strip():
            segments.append(
                Segment("body", paragraph, *_trimmed(paragraph, rest, len(paragraph.text)))
            )
    return segments
