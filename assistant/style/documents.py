"""The heading trees a check reads: each summary of the text, and the whole text.

A compilation (several summaries pasted one after another, like the seed) restarts its level-1
numbering; the checks look at each summary on its own, split where
``assistant.corpus.splitter`` splits it, so a restart where a new summary begins is no defect
and numbering-form checks that depend on the expected next number (``一加强`` written without
、, a heading run into the text) count from that summary's own numbers. A check of the whole
text reads every summary's defects together; only a check that needs the whole text's parts
gets it parsed as one. Offsets stay those of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from assistant.corpus.heading_parser import parse_document
from assistant.corpus.splitter import document_first_lines
from assistant.corpus.tree import Defect, DocumentTree, Position
from assistant.genre.numbering import may_restart_level1


@dataclass(frozen=True)
class Part:
    """A parsed stretch of the text starting at ``offset``."""

    offset: int
    tree: DocumentTree


@dataclass
class ParsedText:
    """The text's summaries (just one for a single summary) and the defects of all of them."""

    text: str
    documents: tuple[Part, ...]
    whole_defects: DocumentTree  # every summary's defects (no sections for a compilation)
    _whole: DocumentTree | None = field(default=None, repr=False)

    @property
    def whole(self) -> DocumentTree:
        """The whole text parsed as one summary (parsed on first use for a compilation)."""
        if self._whole is None:
            self._whole = parse_document(self.text, enumerations=False)
        return self._whole


def parse_text(text: str) -> ParsedText:
    """Parse ``text``, each summary on its own when it is a compilation; never twice."""
    starts = _document_starts(text) if may_restart_level1(text) else [0]
    if len(starts) < 2:
        tree = parse_document(text, enumerations=False)
        return ParsedText(text, (Part(0, tree),), tree, tree)
    ends = [*starts[1:], len(text)]
    parts = tuple(
        Part(start, parse_document(text[start:end], enumerations=False))
        for start, end in zip(starts, ends, strict=True)
    )
    defects: list[Defect] = []
    lines_before = 0
    counted = 0
    for part in parts:
        if part.tree.defects:
            lines_before += text.count("\n", counted, part.offset)
            counted = part.offset
            defects += [_placed(defect, part.offset, lines_before) for defect in part.tree.defects]
    return ParsedText(text, parts, DocumentTree(text=text, defects=defects))


def _placed(defect: Defect, offset: int, lines_before: int) -> Defect:
    """A summary's defect with its position in the whole text."""
    position = defect.position
    moved = Position(position.offset + offset, position.line + lines_before, position.column)
    return Defect(defect.kind, moved, defect.length, defect.detail)


def _document_starts(text: str) -> list[int]:
    """Character offsets where the splitter's documents begin (the first at 0).

    A line's offset is the length of the lines before it, as ``str.splitlines`` cuts them (the
    splitter's line numbers count those lines).
    """
    offsets = [0, *accumulate(map(len, text.splitlines(keepends=True)))]
    return [0, *(offsets[line - 1] for line in document_first_lines(text) if offsets[line - 1])]
