"""Structure invariants every outline (and every chat reply's outline) must keep.

Each checker returns the problems it found (an empty list is a pass):

- ``parts_ordered``: achievements, problems and plans parts present, in that order (measures may
  sit between achievements and problems; nothing goes back to an earlier kind of part);
- ``numbering``: GB/T 9704 numbers (``一、`` ``（一）`` ``1.`` ``（1）``), each level deeper than
  its parent and consecutive from 1 under every parent;
- ``sources``: the opening and every section cite at least one source, every citation is in the
  source map, and every source's document is in the index catalog or is the assistant's own
  data (``profile:<key>``, ``topic:<key>``, ``genre:summary``);
- ``clean_headings``: no raw placeholder (``xx``, ``x月``, ``20xx``) and no figure (any digit)
  in a heading but the outline's own year or the next (``2027年工作思路``);
- ``markdown``: the Markdown shows every section (number and heading, in order) and every
  ``[Sn]`` it cites is listed among its sources with a document of the catalog.

``deterministic`` (identical output on a second run) is checked by `assistant.evaluation.replay`.
Numbers are checked by reading them back (`assistant.genre.numbering.parse_number`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from assistant.genre.numbering import format_number, parse_number
from assistant.genre.table import Role, genre_table
from assistant.outline.model import Outline, OutlineSection
from assistant.outline.sources import known_document

INVARIANTS = (
    "parts_ordered",
    "numbering",
    "sources",
    "clean_headings",
    "markdown",
    "deterministic",
)
PLACEHOLDER_RE = re.compile(r"[xX×]{2,}|(?<![A-Za-z])[xX×](?![A-Za-z])|□")
DIGIT_RE = re.compile(r"[0-9０-９]")
CITATION_RE = re.compile(r"\[(S\d+)\]")
SOURCE_LINE_RE = re.compile(r"^(S\d+)\. .*?（[^（）]*，([^（），]+)）：", re.MULTILINE)


def walk(sections: Sequence[OutlineSection]) -> Iterator[OutlineSection]:
    """Every section at every level, in reading order."""
    for section in sections:
        yield section
        yield from walk(section.children)


def parts_ordered(outline: Outline) -> list[str]:
    """Required parts present and the parts' kinds in order."""
    genre = genre_table()
    roles = [section.role for section in outline.sections]
    required = genre.required_roles
    problems = [f"missing {role} part" for role in required if role not in roles]
    if Role.OPENING in roles:
        problems.append(f"unexpected part role in {roles}")
    order = list(Role)
    ranks = [order.index(role) for role in roles]
    if ranks != sorted(ranks):
        problems.append(f"parts out of order: {roles}")
    return problems


def numbering(outline: Outline) -> list[str]:
    """Numbers valid and consecutive at every level."""
    problems: list[str] = []

    def visit(siblings: Sequence[OutlineSection], parent_level: int) -> None:
        for ordinal, section in enumerate(siblings, start=1):
            if not parent_level < section.level <= 4:
                problems.append(f"{section.number}{section.heading}: level {section.level}")
                continue
            if section.level != siblings[0].level:
                problems.append(f"{section.number}{section.heading}: mixed levels")
            written = parse_number(section.number)
            if (
                written is None
                or (written.level, written.ordinal) != (section.level, ordinal)
                or section.number != written.canonical
            ):
                expected = format_number(section.level, ordinal)
                problems.append(f"{section.number}{section.heading}: expected {expected}")
            visit(section.children, section.level)

    visit(outline.sections, 0)
    return problems


def sources(outline: Outline, documents: Collection[str]) -> list[str]:
    """Every part cites sources that exist, down to the catalog's documents."""
    problems: list[str] = []
    parts: list[tuple[str, list[str]]] = []
    if outline.opening.phrasing:
        parts.append(("opening", outline.opening.sources))
    parts += [(f"{s.number}{s.heading}", s.sources) for s in walk(outline.sections)]
    for label, cited in parts:
        if not cited:
            problems.append(f"{label}: no source")
        for key in cited:
            ref = outline.sources.get(key)
            if ref is None:
                problems.append(f"{label}: {key} not in the source map")
            elif not known_document(ref.document, documents):
                problems.append(f"{label}: {key} cites unknown document {ref.document}")
    return problems


def clean_headings(outline: Outline) -> list[str]:
    """No raw placeholder or figure in any heading."""
    problems = []
    years = {f"{outline.year}年", f"{outline.year + 1}年"}
    for section in walk(outline.sections):
        heading = section.heading
        for year in years:
            heading = heading.replace(year, "")
        if not heading.strip():
            problems.append(f"{section.number}: empty heading")
        elif PLACEHOLDER_RE.search(heading) or DIGIT_RE.search(heading):
            problems.append(f"{section.number}{heading}: placeholder or figure")
    return problems


def markdown(text: str, outline: Outline, documents: Collection[str]) -> list[str]:
    """The Markdown shows the outline's sections in order and resolves its citations."""
    problems: list[str] = []
    position = 0
    for section in walk(outline.sections):
        found = re.compile(
            rf"^#+ {re.escape(section.number + section.heading)}(?: |$)", re.MULTILINE
        ).search(text, position)
        if found is None:
            problems.append(f"{section.number}{section.heading}: not shown in order")
        else:
            position = found.end()
    listed = dict(SOURCE_LINE_RE.findall(text))
    for key in dict.fromkeys(CITATION_RE.findall(text)):
        if key not in listed:
            problems.append(f"[{key}] cited but not listed")
        elif not known_document(listed[key], documents):
            problems.append(f"{key} lists unknown document {listed[key]}")
    if not listed:
        problems.append("no sources listed")
    return problems


def check_outline(outline: Outline, text: str, documents: Collection[str]) -> dict[str, list[str]]:
    """Problems per invariant (all but ``deterministic``) for an outline and its Markdown."""
    return {
        "parts_ordered": parts_ordered(outline),
        "numbering": numbering(outline),
        "sources": sources(outline, documents),
        "clean_headings": clean_headings(outline),
        "markdown": markdown(text, outline, documents),
    }
