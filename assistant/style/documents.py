"""The heading trees a check reads: the whole text, and each summary of a compilation.

A compilation (several summaries pasted one after another, like the seed) restarts its level-1
numbering; numbering-form checks that depend on the expected next number (``一加强`` written
without 、, a heading run into the text) and the missing-part checks then look at each summary
on its own, split where ``assistant.corpus.splitter`` splits it. Offsets stay those of the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.corpus.heading_parser import parse_document
from assistant.corpus.splitter import split_compilation
from assistant.corpus.tree import DocumentTree


@dataclass(frozen=True)
class Part:
    """A parsed stretch of the text starting at ``offset``."""

    offset: int
    tree: DocumentTree


@dataclass(frozen=True)
class ParsedText:
    """The whole text's tree, and the trees of its summaries (just the whole for one)."""

    whole: DocumentTree
    documents: tuple[Part, ...]


def parse_text(text: str) -> ParsedText:
    """Parse ``text``; split and parse again only when its level-1 numbering restarts."""
    whole = parse_document(text)
    single = ParsedText(whole, (Part(0, whole),))
    if not _restarts_level1(whole):
        return single
    starts = _document_starts(text)
    if len(starts) < 2:
        return single
    ends = [*starts[1:], len(text)]
    parts = tuple(
        Part(start, parse_document(text[start:end]))
        for start, end in zip(starts, ends, strict=True)
    )
    return ParsedText(whole, parts)


def _restarts_level1(tree: DocumentTree) -> bool:
    """Whether a level-1 ``一、`` follows another level-1 heading."""
    seen_level1 = False
    for section in tree.sections:
        if section.level != 1:
            continue
        if seen_level1 and section.heading.ordinal == 1:
            return True
        seen_level1 = True
    return False


def _document_starts(text: str) -> list[int]:
    """Character offsets where the splitter's documents begin (the first at 0)."""
    lines = {document.first_line for document in split_compilation(text)}
    starts = [0]
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if number in lines and offset > 0:
            starts.append(offset)
        offset += len(line)
    return starts
