"""Splitting a compilation of summaries into documents, and cleaning away web-page noise.

Template sites publish several summaries one after another with no titles between them. A new
summary shows itself by its level-1 numbering restarting at ``一、`` (sometimes written ``一``
without the ``、``), usually after an opening paragraph; a restart that follows a short paragraph
announcing a plan list (``……计划如下：``) stays inside the same summary. A short line that reads
like a title (``……工作总结``) also starts a document. Site boilerplate lines are dropped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.corpus.numerals import NUMERAL_CHARS, numeral_value

DATA_DIR = Path(__file__).parent / "data"

INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
HAN = re.compile(r"[\u4e00-\u9fff]")
LEVEL1 = re.compile(rf"^([{NUMERAL_CHARS}]{{1,3}})、")
# A level-1 number written without its 、 (``一加强队伍建设``): only on short heading-like lines.
BARE_LEVEL1 = re.compile(
    rf"^([{NUMERAL_CHARS}]{{1,3}})(?![是些批直般切定方年个道起项来则种次样分多足余])"
)
NUMBERED = re.compile(
    rf"^(?:[{NUMERAL_CHARS}]{{1,3}}[、是]|[（(][{NUMERAL_CHARS}\d]{{1,3}}[)）]|\d{{1,2}}[.．、])"
)
TITLE = re.compile(r"(工作总结|工作汇报|总结报告|工作报告|述职报告)$")
PLAN_CUES = re.compile(r"(计划|打算|展望|下一步|明年|今后|安排|思路)")
MAX_HEADING_CHARS = 40
MAX_LIST_INTRO_CHARS = 60


@dataclass(frozen=True)
class SplitDocument:
    """One summary found in a source text: its cleaned text and where it started."""

    text: str
    first_line: int  # 1-based line in the source where the document starts


@functools.cache
def _noise_rules() -> tuple[tuple[str, ...], int]:
    data = yaml.safe_load((DATA_DIR / "noise.yaml").read_text(encoding="utf-8"))
    return tuple(data["phrases"]), int(data["min_han_chars"])


def clean_line(line: str) -> str:
    """A source line without invisible characters and surrounding whitespace."""
    return INVISIBLE.sub("", line).strip().strip("\u3000").strip()


def is_noise(line: str) -> bool:
    """Whether a cleaned line is site boilerplate rather than summary text."""
    phrases, min_han = _noise_rules()
    if len(HAN.findall(line)) < min_han:
        return True
    return any(phrase in line for phrase in phrases)


def level1_ordinal(line: str) -> int | None:
    """The level-1 number a line starts with, tolerating a missing 、 on heading-like lines."""
    match = LEVEL1.match(line)
    if match is None:
        bare = BARE_LEVEL1.match(line)
        if bare is None or len(line) > MAX_HEADING_CHARS or "。" in line:
            return None
        match = bare
    return numeral_value(match.group(1))


def is_title(line: str) -> bool:
    """Whether a line reads like a summary title."""
    return len(line) <= MAX_HEADING_CHARS and not NUMBERED.match(line) and bool(TITLE.search(line))


def _is_plan_list_intro(line: str) -> bool:
    return (
        len(line) <= MAX_LIST_INTRO_CHARS
        and line.endswith((":", "："))
        and bool(PLAN_CUES.search(line))
    )


def _take_opening(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Remove and return the trailing opening paragraph (and title) of the previous document."""
    if not lines or NUMBERED.match(lines[-1][1]):
        return []
    taken = [lines.pop()]
    if lines and is_title(lines[-1][1]):
        taken.insert(0, lines.pop())
    return taken


def split_compilation(text: str) -> list[SplitDocument]:
    """Split a source text into cleaned summaries (one, for a single document)."""
    documents: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    last_ordinal = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_line(raw)
        if not line or is_noise(line):
            continue
        ordinal = level1_ordinal(line)
        previous = current[-1][1] if current else ""
        # A bare ``一`` without its 、 only restarts after a full opening paragraph.
        written_out = bool(LEVEL1.match(line)) or len(previous) > MAX_LIST_INTRO_CHARS
        restart = (
            ordinal == 1 and last_ordinal >= 1 and written_out and not _is_plan_list_intro(previous)
        )
        titled = is_title(line) and last_ordinal >= 1
        if restart or titled:
            opening = [] if titled else _take_opening(current)
            if current:
                documents.append(current)
            current = opening
            last_ordinal = 0
        if ordinal is not None and (ordinal == last_ordinal + 1 or LEVEL1.match(line)):
            last_ordinal = ordinal
        current.append((number, line))
    if current:
        documents.append(current)
    return [
        SplitDocument(text="\n".join(line for _, line in lines) + "\n", first_line=lines[0][0])
        for lines in documents
    ]
