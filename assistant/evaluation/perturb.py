"""Known defects injected into clean text at known places, with a seeded RNG.

Inline kinds (several per text, never on heading lines): a half-width ``, ; :`` for its
full-width mark between Chinese characters, a figure replaced by a template placeholder
(``20xx年``, ``xx.x%``, ``xx亿元``), a character typed twice (``在在``), a space between two
Chinese characters. Heading kinds (one per group of sibling headings, so that no edit hides
another): a level-1 number without ``、`` (``二2025年…``), a level-2 number in half-width
parentheses (``(三)``), the last number of a level-2 group skipping ahead (``（十一）`` after
``（九）``), and a level-2 heading (the second or later of its group) glued to the end of the
previous paragraph. The usage kinds of `assistant.evaluation.perturb_usage` (words, numbers,
marks, repetitions, a heading's year contradicted) are injected the same way.

Every `Injection` names the rule that should report it and its span in the perturbed text.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.evaluation.edits import Edit, Injection, apply_edits
from assistant.evaluation.perturb_usage import USAGE_KINDS, year_mismatch_edits
from assistant.genre.numbering import LINE_NUMBERS, format_number, number_from_match
from assistant.style.catalogue import load_rules

__all__ = ["Edit", "HeadingLine", "Injection", "Perturbed", "apply_edits", "perturb"]

HAN = r"\u4e00-\u9fff"
HALF_WIDTH = {"，": ",", "；": ";", "：": ":"}
INLINE_PER_KIND = 3
MIN_DISTANCE = 6  # characters between two inline edits

_PUNCT_RE = re.compile(rf"(?<=[{HAN}])[，；：](?=[{HAN}])")
_FIGURE_RE = re.compile(rf"(?<=[{HAN}])(\d+)(\.\d+)?(?=[%{HAN}])")
_GAP_RE = re.compile(rf"(?<=[{HAN}])(?=[{HAN}])")


@dataclass(frozen=True)
class Perturbed:
    """A clean text with defects injected."""

    name: str
    original: str
    text: str
    injections: tuple[Injection, ...]


@dataclass(frozen=True)
class HeadingLine:
    """A ``一、`` or ``（一）`` heading at a line start."""

    start: int
    number: str
    level: int
    ordinal: int
    group: int  # index of its sibling group


def find_headings(text: str) -> list[HeadingLine]:
    """Level-1 and level-2 headings at line starts, with sibling groups (level 1 is group 0)."""
    headings: list[HeadingLine] = []
    group = 0
    for match in LINE_NUMBERS.finditer(text):
        number = number_from_match(match)
        if number is None or number.level > 2 or number.half_width:
            continue
        if number.level == 1:
            group += 1
        written = text[number.start : number.end]
        level, ordinal = number.level, number.ordinal
        headings.append(
            HeadingLine(number.start, written, level, ordinal, 0 if level == 1 else group)
        )
    return headings


def heading_lines(text: str, headings: Sequence[HeadingLine]) -> list[tuple[int, int]]:
    """The spans of the heading lines."""
    spans = []
    for heading in headings:
        end = text.find("\n", heading.start)
        spans.append((heading.start, len(text) if end < 0 else end))
    return spans


# ---- inline candidates ----------------------------------------------------------------------


def punctuation_edits(text: str) -> list[Edit]:
    """Full-width ``，；：`` between Chinese characters -> half-width."""
    return [
        Edit(
            m.start(),
            m.end(),
            HALF_WIDTH[m.group()],
            "half-width-punctuation",
            "half-width-punctuation",
            (0, 1),
        )
        for m in _PUNCT_RE.finditer(text)
    ]


def placeholder_edits(text: str) -> list[Edit]:
    """Figures after a Chinese character -> ``20xx`` (years), ``xx.x`` or ``xx``."""
    edits = []
    for match in _FIGURE_RE.finditer(text):
        whole, fraction = match.group(1), match.group(2)
        if len(whole) == 4 and not fraction and text.startswith("年", match.end()):
            replacement = "20xx"
        else:
            replacement = "xx" + (".x" if fraction else "")
        edits.append(
            Edit(
                match.start(),
                match.end(),
                replacement,
                "placeholder",
                "placeholder",
                (0, len(replacement)),
            )
        )
    return edits


@functools.cache
def _doubling_candidates() -> re.Pattern[str]:
    """A Chinese character between two others that the doubled-char rule would see doubled.

    Not one it skips, nor one whose doubling it allows as a word (``周周``, ``月月``).
    """
    rule = next(rule for rule in load_rules() if rule.id == "doubled-char")
    words = [str(word) for word in rule.options.get("allow", [])]
    pairs = "".join(word[0] for word in words if len(word) == 2 and word[0] == word[1])
    skipped = re.escape(str(rule.options["skip_chars"]) + pairs)
    return re.compile(rf"(?<=[{HAN}])[{HAN}](?<![{skipped}])(?=[{HAN}])")


def doubled_edits(text: str) -> list[Edit]:
    """A Chinese character (not a numeral) typed twice (``正在加快`` -> ``正在在加快``)."""
    return [
        Edit(m.start(), m.end(), m.group() * 2, "doubled-char", "doubled-char", (0, 2))
        for m in _doubling_candidates().finditer(text)
        if text[m.start() - 1] != m.group() and text[m.end()] != m.group()
    ]


def space_edits(text: str) -> list[Edit]:
    """A space between two Chinese characters."""
    return [
        Edit(m.start(), m.start(), " ", "stray-space", "stray-space", (0, 1))
        for m in _GAP_RE.finditer(text)
    ]


INLINE_KINDS: tuple[Callable[[str], list[Edit]], ...] = (
    punctuation_edits,
    placeholder_edits,
    doubled_edits,
    space_edits,
    *USAGE_KINDS,
)


# ---- heading candidates ---------------------------------------------------------------------


def renumber_edit(heading: HeadingLine, replacement: str, rule: str) -> Edit:
    """The heading's number written as ``replacement``; the defect is the new number."""
    end = heading.start + len(heading.number)
    return Edit(heading.start, end, replacement, rule, rule, (0, len(replacement)))


def missing_dunhao_edit(heading: HeadingLine) -> Edit:
    """``二、`` -> ``二``."""
    return renumber_edit(heading, heading.number[:-1], "heading-missing-dunhao")


def parens_edit(heading: HeadingLine) -> Edit:
    """``（三）`` -> ``(三)``."""
    return renumber_edit(heading, f"({heading.number[1:-1]})", "heading-half-width-parens")


def gap_edit(heading: HeadingLine) -> Edit:
    """The number one above its own: ``（九）`` -> ``（十）`` after ``（八）``."""
    replacement = format_number(2, heading.ordinal + 1)
    return renumber_edit(heading, replacement, "heading-number-gap")


def run_together_edit(text: str, heading: HeadingLine) -> Edit:
    """The line break (and blank lines) before the heading removed."""
    start = heading.start
    while start > 0 and text[start - 1] in "\n \t":
        start -= 1
    return Edit(
        start,
        heading.start,
        "",
        "heading-run-together",
        "heading-run-together",
        (0, len(heading.number)),
    )


def heading_edits(text: str, headings: Sequence[HeadingLine], rng: random.Random) -> list[Edit]:
    """HeadingLine edits that cannot hide one another.

    One sequence edit per sibling group (level 1: a missing ``、``; level 2: a gap or a
    run-together heading, alternating), plus a half-width-parentheses edit in each level-2 group
    on a heading not next to the one the sequence edit touched. Level-2 groups of fewer than
    three headings, or not numbered 1, 2, 3..., are left alone.
    """
    edits: list[Edit] = []
    level1 = [h for h in headings if h.level == 1]
    if level1:
        edits.append(missing_dunhao_edit(rng.choice(level1)))
    groups = sorted({h.group for h in headings if h.level == 2})
    sequence = ["gap", "run-together"]
    rng.shuffle(sequence)
    for index, group in enumerate(groups):
        members = [h for h in headings if h.group == group]
        if len(members) < 3 or [h.ordinal for h in members] != list(range(1, len(members) + 1)):
            continue
        if sequence[index % 2] == "gap":
            target = members[-1]
            edits.append(gap_edit(target))
        else:
            target = rng.choice(members[1:-1])
            edits.append(run_together_edit(text, target))
        others = [h for h in members if abs(h.ordinal - target.ordinal) > 1]
        if others:
            edits.append(parens_edit(rng.choice(others)))
    return edits


# ---- assembling -------------------------------------------------------------------------------


def _clear_of(edit: Edit, taken: Sequence[tuple[int, int] | Edit], margin: int) -> bool:
    spans = [(t.start, t.end) if isinstance(t, Edit) else t for t in taken]
    return all(edit.end + margin <= start or end + margin <= edit.start for start, end in spans)


def perturb(name: str, text: str, seed: int, per_kind: int = INLINE_PER_KIND) -> Perturbed:
    """Inject heading defects and ``per_kind`` of each inline defect into ``text``."""
    rng = random.Random(f"{seed}:{name}")
    headings = find_headings(text)
    edits = heading_edits(text, headings, rng)
    edits += [e for e in year_mismatch_edits(text) if _clear_of(e, edits, MIN_DISTANCE)]
    taken = [(e.start, e.end) for e in edits] + heading_lines(text, headings)
    for kind in INLINE_KINDS:
        candidates = kind(text)
        rng.shuffle(candidates)
        chosen = 0
        for edit in candidates:
            if chosen == per_kind:
                break
            if _clear_of(edit, taken, MIN_DISTANCE):
                edits.append(edit)
                taken.append((edit.start, edit.end))
                chosen += 1
    perturbed, injections = apply_edits(text, edits)
    return Perturbed(name, text, perturbed, tuple(injections))
