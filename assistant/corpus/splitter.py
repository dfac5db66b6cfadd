"""Splitting a compilation of summaries into documents, and cleaning away web-page noise.

Template sites publish several summaries one after another with no titles between them. A new
summary shows itself by its level-1 numbering restarting at ``一、`` (sometimes written ``一``
without the ``、``), usually after an opening paragraph. Whether a line opens a heading is
decided by the heading parser's own rules (`assistant.genre.numbering.line_number`), with the
count the parser keeps: within a summary the next level-1 number, and for a restart the first
number of a new summary; so ``一把手亲自抓落实`` or ``一线职工……`` never restarts anything. A
restart right after a short lead-in that announces plans (``……计划如下：``, the parser's
`is_list_intro`) stays inside the same summary. A short line that reads like a title
(``……工作总结``) also starts a document. Site boilerplate lines are dropped. The cues are data
(``data/splitter.yaml``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pydantic import Field

from assistant.corpus.heading_parser import is_list_intro, parser_table
from assistant.genre.numbering import (
    NUMERAL_CHARS,
    HeadingNumber,
    line_number,
    numeral_text,
    starts_numbered,
)
from assistant.resources import package_file
from assistant.tables import Table, load_table

DATA_FILE = package_file("assistant.corpus", "data", "splitter.yaml")

FIRST_NUMERAL = numeral_text(1)  # a restart opens with it
INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
HAN_CHARS = "\u4e00-\u9fff"


class SplitterTable(Table):
    """``data/splitter.yaml``."""

    noise_phrases: tuple[str, ...]
    min_han_chars: int = Field(ge=0)
    title_endings: tuple[str, ...] = Field(min_length=1)
    title_max_chars: int = Field(gt=0)


@functools.cache
def splitter_table() -> SplitterTable:
    """The splitter's cues, validated (once per process)."""
    return load_table(DATA_FILE, SplitterTable)


@dataclass(frozen=True)
class SplitDocument:
    """One summary found in a source text: its cleaned text and where it started."""

    text: str
    first_line: int  # 1-based line in the source where the document starts


def clean_line(line: str) -> str:
    """A source line without invisible characters and surrounding whitespace."""
    if INVISIBLE.search(line) is not None:
        line = INVISIBLE.sub("", line)
    return _trimmed(line)


def _trimmed(line: str) -> str:
    """A line without surrounding whitespace: `clean_line` of a line with no invisible character."""
    return line.strip().strip("\u3000").strip()


@dataclass(frozen=True)
class _NoiseTest:
    """The noise cues compiled: enough Chinese characters, and the boilerplate phrases."""

    enough_han: re.Pattern[str]
    phrases: re.Pattern[str] | None


@functools.cache
def _noise_test() -> _NoiseTest:
    table = splitter_table()
    enough = re.compile(rf"(?:[^{HAN_CHARS}]*[{HAN_CHARS}]){{{table.min_han_chars}}}")
    phrases = table.noise_phrases
    return _NoiseTest(enough, re.compile("|".join(map(re.escape, phrases))) if phrases else None)


def is_noise(line: str) -> bool:
    """Whether a cleaned line is site boilerplate rather than summary text."""
    test = _noise_test()
    if test.enough_han.match(line) is None:
        return True
    return test.phrases is not None and test.phrases.search(line) is not None


def level1_number(line: str, expected: int) -> HeadingNumber | None:
    """The level-1 number a cleaned line opens with, read as the parser reads it.

    ``expected`` is the next level-1 number; a bare ``一`` counts only when it is expected.
    """
    if not line or line[0] not in NUMERAL_CHARS:  # every level-1 number opens with a numeral
        return None
    number = line_number(line, 0, len(line), lambda level: expected if level == 1 else 1)
    return number if number is not None and number.level == 1 else None


def is_title(line: str) -> bool:
    """Whether a line reads like a summary title."""
    table = splitter_table()
    return (
        len(line) <= table.title_max_chars
        and line.endswith(table.title_endings)  # before the numbering regexes: rarely true
        and not starts_numbered(line)
    )


def _take_opening(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Remove and return the trailing opening paragraph (and title) of the previous document."""
    if not lines or starts_numbered(lines[-1][1]):
        return []
    taken = [lines.pop()]
    if lines and is_title(lines[-1][1]):
        taken.insert(0, lines.pop())
    return taken


def _restarts(line: str, previous: str, last_ordinal: int) -> bool:
    """Whether a line restarts the level-1 numbering of the summary so far (a new summary)."""
    if last_ordinal < 1 or not line.startswith(FIRST_NUMERAL):
        return False
    first = level1_number(line, 1)
    if first is None or first.ordinal != 1 or is_list_intro(previous, 1):
        return False
    # A bare ``一`` without its 、 only restarts after a full opening paragraph.
    return not first.missing_dunhao or len(previous) > parser_table().list_intro_max_chars


def split_compilation(text: str) -> list[SplitDocument]:
    """Split a source text into cleaned summaries (one, for a single document)."""
    return [
        SplitDocument(text="\n".join(line for _, line in lines) + "\n", first_line=lines[0][0])
        for lines in _documents(text)
    ]


def document_first_lines(text: str) -> list[int]:
    """The 1-based source lines where the summaries of ``text`` start (one for a document)."""
    return [lines[0][0] for lines in _documents(text)]


def _documents(text: str) -> list[list[tuple[int, str]]]:
    """The cleaned, numbered lines of each summary, noise dropped."""
    documents: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    last_ordinal = 0
    # one look at the whole text spares a search of every line for invisible characters
    clean = clean_line if any(char in text for char in INVISIBLE_CHARS) else _trimmed
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean(raw)
        if not line or is_noise(line):
            continue
        previous = current[-1][1] if current else ""
        restart = _restarts(line, previous, last_ordinal)
        titled = is_title(line) and last_ordinal >= 1
        if restart or titled:
            opening = [] if titled else _take_opening(current)
            if current:
                documents.append(current)
            current = opening
            last_ordinal = 0
        heading = level1_number(line, last_ordinal + 1)
        if heading is not None:
            last_ordinal = heading.ordinal
        current.append((number, line))
    if current:
        documents.append(current)
    return documents
