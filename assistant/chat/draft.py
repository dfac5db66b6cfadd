"""A first draft with blanks: the outline written out part by part in the official register.

The draft keeps the outline's title, parts and numbers. Each part's phrasing becomes its
paragraph; the problems and plans parts are enumerated (``一是……。二是……。``) after the genre's
lead sentences; the opening ends with the genre's ``现将……总结如下：`` and the draft with its
closing paragraph and signature (`assistant.genre.connectives`). Nothing is invented: the
phrasing's facts are already slots, a part without phrasing gets the slot for the writer's own
account, and the unit's place in the title becomes a slot. The draft is held to the style
checker: a phrasing pattern the checker flags outside its slots (a slip carried over from a
source summary, such as ``乡乡``) is left out and the draft composed again.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence

from assistant.chat.facts import ChatRequest, office_profile
from assistant.genre.connectives import Connectives, connectives, period_fields
from assistant.genre.numbering import enumeration_marker, leading_enumeration
from assistant.genre.phrasing import SLOT
from assistant.outline.model import Outline, OutlineSection
from assistant.outline.settings import outline_settings
from assistant.style.engine import check_text

CLIPPED = re.compile(r"[，、；：,]?……$")
CLAUSE_END = re.compile(r"[；;，,：:]$")
CHECK_ROUNDS = 2  # recompositions after leaving flawed patterns out


def sentence(pattern: str) -> str:
    """A phrasing pattern as a finished sentence: a clipped or clause-ending one ends in 。."""
    text = CLIPPED.sub("", pattern.strip())
    text = CLAUSE_END.sub("", text)
    return text if text.endswith(("。", "！", "？")) else f"{text}。"


def _fields(outline: Outline, request: ChatRequest | None) -> dict[str, str]:
    table = connectives()
    profile = office_profile(request) if request else None
    own = profile.self_references[0] if profile else table.self_default
    return {"self": own, **period_fields(outline.period)}


def leads_in(pattern: str) -> bool:
    """Whether a pattern only leads into what follows (``……如下：``, ``……以下工作。``)."""
    return pattern.rstrip().endswith(connectives().lead_in_ends)


def _paragraph(phrasing: Sequence[str], enumerated: bool) -> str:
    """Phrasing as one paragraph; enumerated: lead-ins (``……如下：``) dropped, ``一是`` added."""
    if not enumerated:
        return "".join(sentence(p) for p in phrasing)
    kept = [p for p in phrasing if not leads_in(p)]
    if len(kept) == 1:
        return sentence(kept[0])
    items = [_unmarked(p) for p in kept]
    return "".join(f"{enumeration_marker(i)}{sentence(p)}" for i, p in enumerate(items, start=1))


def _unmarked(pattern: str) -> str:
    """A pattern without the ``一是`` it may already start with."""
    marker = leading_enumeration(pattern.strip())
    return pattern.strip()[marker.end :] if marker else pattern.strip()


def _section(
    section: OutlineSection,
    table: Connectives,
    fields: dict[str, str],
    enumerated: bool,
    led: bool = False,
) -> list[str]:
    """A part as Markdown; ``led``: the genre's lead sentence for its role comes first."""
    marks = "#" * (section.level + 1)
    lines = [f"{marks} {section.number}{section.heading}", ""]
    lead = table.leads.get(section.role, "") if led else ""
    body = _paragraph(section.phrasing, enumerated)
    if lead:
        body = lead.format(**fields, heading=section.heading) + body
    if not body and not section.children:
        body = table.empty_part.format(**fields, heading=section.heading)
    if body:
        lines += [body, ""]
    for child in section.children:
        lines += _section(child, table, fields, enumerated)
    return lines


def draft_title(outline: Outline) -> str:
    """The outline's title, its place placeholder (``XX``) made a slot."""
    placeholder = outline_settings().unit_placeholder
    return outline.title.replace(placeholder, connectives().title_slot)


def compose_draft(outline: Outline, request: ChatRequest | None = None) -> str:
    """The first draft of an outline, as Markdown (``#`` title, ``##`` parts).

    Patterns the style checker flags outside their slots are left out (see the module).
    """
    left_out: set[str] = set()
    text = _composed(outline, request, left_out)
    for _ in range(CHECK_ROUNDS):
        flawed = _flawed_patterns(text, outline) - left_out
        if not flawed:
            break
        left_out |= flawed
        text = _composed(outline, request, left_out)
    return text


def _composed(outline: Outline, request: ChatRequest | None, left_out: set[str]) -> str:
    table = connectives()
    fields = _fields(outline, request)
    kept = _without(outline, left_out) if left_out else outline
    opening = "".join(sentence(p) for p in kept.opening.phrasing if not leads_in(p))
    opening = opening or table.opening_empty.format(**fields)
    lines = [f"# {draft_title(kept)}", "", opening + table.opening_close.format(**fields), ""]
    last_of_role = {section.role: section for section in kept.sections}  # the one led in
    for section in kept.sections:
        enumerated = section.role in table.enumerated
        led = last_of_role[section.role] is section
        lines += _section(section, table, fields, enumerated, led)
    lines += [table.closing.format(**fields), ""]
    lines += [*table.signature]
    return "\n".join(lines).strip() + "\n"


def _patterns(outline: Outline) -> list[str]:
    found = list(outline.opening.phrasing)
    stack = list(outline.sections)
    while stack:
        section = stack.pop()
        found += section.phrasing
        stack += section.children
    return found


def _flawed_patterns(text: str, outline: Outline) -> set[str]:
    """The outline's patterns under a style diagnostic of the draft that is not a slot."""
    slots = [match.span() for match in SLOT.finditer(text)]
    offsets = [
        d.offset
        for d in check_text(text, markdown=True).diagnostics
        if not any(start <= d.offset and d.offset + d.length <= end for start, end in slots)
    ]
    flawed: set[str] = set()
    for pattern in dict.fromkeys(_patterns(outline)):
        written = sentence(_unmarked(pattern))[:-1]
        for match in re.finditer(re.escape(written), text):
            if any(match.start() <= offset <= match.end() for offset in offsets):
                flawed.add(pattern)
    return flawed


def _without(outline: Outline, left_out: set[str]) -> Outline:
    """A copy of the outline without the given patterns."""
    kept = copy.deepcopy(outline)
    kept.opening.phrasing[:] = [p for p in kept.opening.phrasing if p not in left_out]
    stack = list(kept.sections)
    while stack:
        section = stack.pop()
        section.phrasing[:] = [p for p in section.phrasing if p not in left_out]
        stack += section.children
    return kept
