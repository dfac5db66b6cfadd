"""Markdown drafts: the checker reads the text without its markup, and reports on the source.

``## 一、主要成绩`` is a level-1 heading to the heading parser only once ``## `` is gone; ``**``
around a phrase is no part of the sentence. `strip_markdown` removes heading markers, quote
marks, list bullets, rules, code fences (and the code inside), emphasis and inline-code marks,
and link targets, keeping every line (so line numbers stay) and a map from each kept character
back to its offset in the source. Ordered-list numbers are kept: ``1.`` is a GB/T level-3 heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.style.checks.branches import BranchedRegex

# At a line start (the text is searched with a newline put before it: a pattern starting with a
# literal is scanned for fast) or anywhere for ** __ ](.
HINT = re.compile(r"\n {0,3}(?:#{1,6}[ \t]|[-*+][ \t]|>|```)|\*\*|__|\]\(")
_HINTS = BranchedRegex(HINT)  # each hint scanned for as a literal, not the alternation
_FENCE = re.compile(r" {0,3}(```|~~~)")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_PREFIX = re.compile(r" {0,3}(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+)?")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_INLINE = re.compile(
    r"(?P<strong>\*\*|__)(?=\S)(?P<strong_text>.+?)(?<=\S)(?P=strong)"
    r"|(?<![*\w])\*(?=[^\s*])(?P<em_text>[^*\n]+?)(?<=\S)\*(?!\*)"
    r"|`(?P<code_text>[^`\n]+)`"
    r"|!?\[(?P<link_text>[^\]\n]*)\]\([^)\n]*\)"
)


@dataclass(frozen=True)
class Stripped:
    """Text without markup, and where each of its characters sits in the source."""

    text: str
    sources: tuple[int, ...]  # source offset of each character of ``text``
    source_length: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of characters ``start``..``end`` of the stripped text."""
        if start >= len(self.sources):
            return self.source_length, self.source_length
        source_start = self.sources[start]
        if end <= start:
            return source_start, source_start
        return source_start, self.sources[min(end, len(self.sources)) - 1] + 1


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` carries Markdown markup the checker should look through."""
    return next(_HINTS.finditer("\n" + text), None) is not None


def _kept_ranges(line: str) -> list[tuple[int, int]]:
    """Character ranges of one line that remain once its markup is removed."""
    if _RULE.fullmatch(line):
        return []
    start = _PREFIX.match(line)
    begin = start.end() if start else 0
    end = len(line)
    closing = _CLOSING_HASHES.search(line, begin) if line[:begin].rstrip().endswith("#") else None
    if closing is not None:
        end = closing.start()
    ranges: list[tuple[int, int]] = []
    cursor = begin
    for match in _INLINE.finditer(line, begin, end):
        group = next(
            g
            for g in ("strong_text", "em_text", "code_text", "link_text")
            if match.group(g) is not None
        )
        ranges.append((cursor, match.start()))
        ranges.append(match.span(group))
        cursor = match.end()
    ranges.append((cursor, end))
    return [(a, b) for a, b in ranges if b > a]


def strip_markdown(text: str) -> Stripped:
    """``text`` without Markdown markup, line for line."""
    pieces: list[str] = []
    sources: list[int] = []
    offset = 0
    in_code = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            kept: list[tuple[int, int]] = []
        elif in_code:
            kept = []
        else:
            kept = _kept_ranges(line)
        for a, b in kept:
            pieces.append(line[a:b])
            sources.extend(range(offset + a, offset + b))
        pieces.append("\n")
        sources.append(offset + len(line))
        offset += len(line) + 1
    plain = "".join(pieces)[:-1]
    return Stripped(plain, tuple(sources[:-1]), len(text))
