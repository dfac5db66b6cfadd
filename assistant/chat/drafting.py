"""A first draft written by the configured model, under the same rule as the composed one.

The model gets the outline (headings and phrasing, no source marks) and the composed draft
(`assistant.chat.draft`) through ``prompts/draft_system.md`` and ``prompts/draft_reply.md``,
with the writer's request (``帮我写个初稿``, ``用更正式的语气``). What it writes is held to the
rule: every figure in its body lines becomes a slot (`assistant.corpus.text.slotify`, figures
only), line by line so a streamed draft is checked as it arrives, and a draft that lost the
outline's level-1 parts or numbers is a failure, answered with the composed draft.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.chat.llm import PROMPT_DIR, Prompts, load_template_pair
from assistant.corpus.text import slotify
from assistant.outline.model import Outline, OutlineSection

DRAFT_SYSTEM = "draft_system.md"
DRAFT_REPLY = "draft_reply.md"
DRAFT_VARIABLES = frozenset({"request", "office", "period", "title", "outline", "draft"})
HEADING_LINE = re.compile(r"^\s*#{1,6}\s")


@functools.cache
def load_draft_prompts(folder: Path = PROMPT_DIR) -> Prompts:
    """The draft templates, checked once."""
    return load_template_pair(folder, DRAFT_SYSTEM, DRAFT_REPLY, DRAFT_VARIABLES)


def plain_outline(outline: Outline) -> str:
    """The outline as the model reads it: title, opening and parts with phrasing, no marks."""
    lines = [f"# {outline.title}", "", "开头："] + [f"- {p}" for p in outline.opening.phrasing]

    def visit(section: OutlineSection) -> None:
        lines.append(f"{'#' * (section.level + 1)} {section.number}{section.heading}")
        lines.extend(f"- {phrase}" for phrase in section.phrasing)
        for child in section.children:
            visit(child)

    for section in outline.sections:
        visit(section)
    return "\n".join(lines)


def draft_messages(
    prompts: Prompts, *, request: str, office: str, outline: Outline, composed: str
) -> list[BaseMessage]:
    """The system and user messages for a drafted reply."""
    user = prompts.reply.format(
        request=request,
        office=office,
        period=outline.period,
        title=outline.title,
        outline=plain_outline(outline),
        draft=composed,
    )
    return [SystemMessage(prompts.system), HumanMessage(user)]


def held_to_rule(line: str) -> str:
    """A line of the model's draft with its figures as slots (headings and the title kept)."""
    if HEADING_LINE.match(line):
        return line
    return slotify(line, names=False)


def checked_lines(pieces: Iterator[str]) -> Iterator[str]:
    """The model's pieces regrouped into whole lines, each held to the rule."""
    pending = ""
    for piece in pieces:
        pending += piece
        *done, pending = pending.split("\n")
        for line in done:
            yield held_to_rule(line) + "\n"
    if pending:
        yield held_to_rule(pending)


def keeps_parts(text: str, outline: Outline) -> bool:
    """Whether a draft shows every level-1 number of the outline as a heading, in order."""
    position = 0
    for section in outline.sections:
        found = re.compile(rf"^\s*#*\s*{re.escape(section.number)}", re.MULTILINE).search(
            text, position
        )
        if found is None:
            return False
        position = found.end()
    return True
