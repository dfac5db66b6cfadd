"""The ``duplicate`` kind: a sentence written twice (a paste repeated, a paragraph copied).

A sentence is the text up to ``。！？`` (a line without one is a heading or a list line and is
not counted; nor is one without a Chinese character, such as a web address). A sentence of at
least ``min_chars`` characters, spaces aside, that equals an earlier one is reported, with the
line of the first; the fix, deleting the repetition, is offered (``fix_safe`` false by
default: a refrain may be meant).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from assistant.literals import code_points, is_any_of
from assistant.style.catalogue import Rule
from assistant.style.checks.base import Finding, Options

DUPLICATE_OPTIONS = frozenset({"min_chars", "fix_safe"})
_ENDS = "。！？!?"
# A run of text with its end mark if it has one: never fails once started, so the scan is
# linear even on a long line without an end mark (a pattern requiring the mark backtracks
# through the rest of the line from every character).
_SEGMENT = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_BLANKS = re.compile(r"[ \t\u3000]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


class DuplicateCheck:
    """Flags every sentence that repeats an earlier one word for word."""

    def __init__(self, rule: Rule) -> None:
        options = Options(rule, DUPLICATE_OPTIONS)
        self.rule = rule
        self.min_chars = options.integer("min_chars", 15)
        self.fix_safe = options.boolean("fix_safe", False)

    def find(self, text: str) -> Iterator[Finding]:
        """Every repetition of an earlier sentence."""
        minimum = self.min_chars
        # the common case first, mostly in C: no long sentence occurs twice
        bare = text.replace(" ", "").replace("\t", "").replace("\u3000", "")
        sentences = long_sentences(bare, minimum)
        if len(set(sentences)) == len(sentences):
            return
        first_seen: dict[str, int] = {}
        for match in _SEGMENT.finditer(text):
            start, end = match.span()
            if end - start <= minimum or text[end - 1] not in _ENDS:
                continue
            key = match.group()
            if " " in key or "\t" in key or "\u3000" in key:
                key = _BLANKS.sub("", key)
                if len(key) <= minimum:
                    continue
            earlier = first_seen.setdefault(key, start)
            if earlier == start or not _HAN.search(key):
                continue
            sentence = match.group()
            start += len(sentence) - len(sentence.lstrip(" \t\u3000"))
            line = text.count("\n", 0, earlier) + 1
            yield start, end, "", f"第{line}行"


def long_sentences(text: str, minimum: int) -> list[str]:
    """The `_SEGMENT` matches of ``text`` that end in a mark and are longer than ``minimum``.

    Found from where the marks and line breaks are (a comparison of code points): a sentence
    runs from just after the break before its mark to the mark, and holds one character more.
    """
    points = code_points(text)
    marked = is_any_of(points, _ENDS)
    breaks = np.flatnonzero(marked | (points == ord("\n")))
    before = np.concatenate(([-1], breaks[:-1]))
    long = (breaks - before > max(minimum, 1)) & marked[breaks]
    return [
        text[start + 1 : end + 1]
        for start, end in zip(before[long].tolist(), breaks[long].tolist(), strict=True)
    ]
