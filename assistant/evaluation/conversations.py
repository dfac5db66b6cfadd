"""Playing the chat cases turn by turn: each turn's effect on the outline, checked.

A conversation is played as a client plays it: every reply goes back into the message list
(state marker included), so the service rebuilds the outline from the conversation each turn.
Each turn is one output: its expectations (`TurnExpect`, against the outline before and after
the turn), the structure invariants of the outline after it, its latency, and the reply as the
canonical output a second run must reproduce.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection
from typing import Any

from assistant.chat.dialogue import Turn
from assistant.chat.edits import section_at, walk_paths
from assistant.chat.state import without_marker
from assistant.config import Settings
from assistant.evaluation.cases import ChatCase, TurnExpect
from assistant.evaluation.invariants import check_outline, walk
from assistant.evaluation.outlines import Produced, check_expectations, phrasing_count
from assistant.genre.table import Role
from assistant.index.catalog import DocumentRecord
from assistant.outline.model import Outline
from assistant.outline.render import outline_markdown
from assistant.runtime import Runtime

CITATION = re.compile(r"\[S\d+\]")


def _texts(outline: Outline) -> list[str]:
    texts = [outline.title, *outline.opening.phrasing]
    for section in walk(outline.sections):
        texts += [section.heading, *section.phrasing]
    return texts


def items_of(outline: Outline, role: str) -> int:
    """Parts, sub-parts and patterns of the level-1 parts with a role."""
    count = 0
    for section in outline.sections:
        if section.role == Role(role):
            count += 1 + len(section.children) + len(section.phrasing)
    return count


def _draft_unmet(reply: str, outline: Outline) -> list[str]:
    unmet = []
    position = 0
    for section in outline.sections:
        line = f"## {section.number}{section.heading}"
        found = reply.find(line, position)
        if found < 0:
            unmet.append(f"draft lacks {line} in order")
        else:
            position = found + len(line)
    draft = reply.split("\n# ", 1)[-1]
    if CITATION.search(draft):
        unmet.append("draft carries source marks")
    if "〔" not in draft:
        unmet.append("draft has no slot")
    return unmet


def _heading_of(outline: Outline | None, part: int) -> str | None:
    if outline is None or not 1 <= part <= len(outline.sections):
        return None
    return outline.sections[part - 1].heading


def _structure_unmet(
    expect: TurnExpect, before: Outline | None, after: Outline | None, history: list[Outline | None]
) -> list[str]:
    unmet: list[str] = []
    if after is None:
        return ["no outline after the turn"] if _needs_outline(expect) else []
    headings = [s.heading for s in after.sections]
    every = [section_at(after, p).heading for p in walk_paths(after.sections)]
    if expect.parts is not None and len(headings) != expect.parts:
        unmet.append(f"{len(headings)} parts, expected {expect.parts}")
    if expect.parts_delta is not None:
        delta = len(headings) - (len(before.sections) if before else 0)
        if delta != expect.parts_delta:
            unmet.append(f"parts changed by {delta}, expected {expect.parts_delta}")
    unmet += [
        f"no heading with {w}" for w in expect.has_heading if not any(w in h for h in headings)
    ]
    unmet += [f"a heading has {w}" for w in expect.lacks_heading if any(w in h for h in every)]
    for part, word in expect.heading.items():
        if word not in (_heading_of(after, part) or ""):
            unmet.append(f"part {part} heading {_heading_of(after, part)!r} lacks {word}")
    for part, role in expect.role.items():
        if part > len(after.sections) or after.sections[part - 1].role != Role(role):
            unmet.append(f"part {part} is not {role}")
    if expect.gone is not None:
        gone = _heading_of(before, expect.gone)
        if gone is None or gone in every:
            unmet.append(f"part {expect.gone} ({gone}) not gone")
    if expect.moved is not None:
        moved = _heading_of(before, expect.moved[0])
        if moved is None or _heading_of(after, expect.moved[1]) != moved:
            unmet.append(f"part {expect.moved[0]} ({moved}) not at {expect.moved[1]}")
    for name, wanted in (("more", expect.more_phrasing), ("fewer", expect.fewer_phrasing)):
        if wanted is None:
            continue
        part = wanted
        was = phrasing_count(before, part - 1) if before else 0
        now = phrasing_count(after, part - 1)
        if (now <= was) if name == "more" else (now >= was):
            unmet.append(f"part {part} not {name} phrasing ({was} -> {now})")
    for name, named in (("more", expect.more_items), ("fewer", expect.fewer_items)):
        if named is None:
            continue
        role = named
        was = items_of(before, role) if before else 0
        now = items_of(after, role)
        if (now <= was) if name == "more" else (now >= was):
            unmet.append(f"{role} not {name} items ({was} -> {now})")
    texts = _texts(after)
    unmet += [f"{w} still present" for w in expect.absent if any(w in t for t in texts)]
    if expect.unchanged and before is not None and before != after:
        unmet.append("outline changed")
    if expect.restored is not None:
        target = history[expect.restored - 1] if expect.restored <= len(history) else None
        if target is None or target != after:
            unmet.append(f"outline is not the one after turn {expect.restored}")
    unmet += [f"title lacks none of {w}" for w in expect.title_lacks if w in after.title]
    return unmet


def _needs_outline(expect: TurnExpect) -> bool:
    return not expect.no_outline and bool(
        expect.parts
        or expect.has_heading
        or expect.heading
        or expect.draft
        or expect.outline.matched
        or expect.outline.period
    )


def turn_unmet(
    expect: TurnExpect,
    turn: Turn,
    reply: str,
    before: Outline | None,
    history: list[Outline | None],
    documents: dict[str, DocumentRecord],
) -> list[str]:
    """The expectations one turn does not meet."""
    after = turn.state.outline if turn.state else None
    unmet: list[str] = []
    if expect.kind and turn.kind not in expect.kind:
        unmet.append(f"turn did {turn.kind}, expected {'/'.join(expect.kind)}")
    if expect.no_outline and after is not None:
        unmet.append("an outline exists")
    unmet += _structure_unmet(expect, before, after, history)
    if after is not None:
        unmet += check_expectations(after, expect.outline, documents)
    unmet += [f"reply lacks {w}" for w in expect.reply_contains if w not in reply]
    unmet += [f"reply has {w}" for w in expect.reply_lacks if w in reply]
    if expect.max_reply_chars is not None and len(reply) > expect.max_reply_chars:
        unmet.append(
            f"reply has {len(reply)} characters, expected at most {expect.max_reply_chars}"
        )
    if expect.draft and after is not None:
        unmet += _draft_unmet(reply, after)
    return unmet


class ChatRunner:
    """Plays conversations through the chat service (composed replies, no LLM)."""

    def __init__(self, runtime: Runtime, settings: Settings) -> None:
        from assistant.chat.service import ChatService, Message

        self.message = Message
        self.service = ChatService(runtime, settings.model_copy(update={"llm_base_url": None}))
        self.documents = runtime.index.catalog.documents

    def run(self, case: ChatCase) -> list[Produced]:
        """Every turn of a conversation, played in order, as one output each."""
        history: list[Any] = []
        outlines: list[Outline | None] = []
        before: Outline | None = None
        produced: list[Produced] = []
        for number, said in enumerate(case.turns, start=1):
            history.append(self.message("user", said.say))
            start = time.perf_counter()
            reply = self.service.reply(history)
            seconds = time.perf_counter() - start
            history.append(self.message("assistant", reply.content))
            visible = without_marker(reply.content)
            outline = reply.outline
            item = Produced(
                "chat", f"{case.name}#{number}", outline, visible, reply.content, seconds
            )
            item.known_issue = case.known_issue
            item.turn_kind = reply.turn.kind
            item.unmet = turn_unmet(
                said.expect, reply.turn, visible, before, outlines, self.documents
            )
            if outline is not None:
                item.problems = check_outline(outline, _shown(outline, visible), self._known())
            produced.append(item)
            outlines.append(outline)
            before = outline
        return produced

    def _known(self) -> Collection[str]:
        return self.documents.keys()


def _shown(outline: Outline, visible: str) -> str:
    """The Markdown the invariants read: the reply when it shows the outline, else its render."""
    return visible if "**来源**" in visible else outline_markdown(outline)
