"""One turn of the conversation: the current state and a message -> the next state and notes.

`Dialogue.answer` reads what the message asks (`assistant.chat.reading`) and acts: builds an
outline for a new request, rebuilds it for a changed office, period, year or topic (replaying
the edits made since, by the parts they name), applies an edit, walks back for undo, or marks
the turn as one whose text the service composes (a first draft, a check of a pasted draft, an
explanation, an answer for what needs a model). `Dialogue.current` rebuilds the state before the
latest message from the conversation: the last marker an assistant reply carries, then every
user message after it replayed (clients that drop markers still get a consistent outline).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from assistant.chat.content import ContentSource
from assistant.chat.editing import Editor, Outcome
from assistant.chat.edits import apply_edits
from assistant.chat.facts import ChatRequest, Facts, build_outline
from assistant.chat.reading import EDIT_KINDS, Ask, read_ask
from assistant.chat.replies import say
from assistant.chat.state import State, read_marker
from assistant.runtime import Runtime

Body = Literal["outline", "draft", "check", "explain", "model_only", "none"]
NO_FACTS = Facts()
ANSWERS = ("off_topic", "courtesy", "outline")  # a bare part named after "which part?"


@dataclass
class Turn:
    """What one message did."""

    kind: (
        str  # what was done: outline, change, an edit kind, undo, draft ... or missing/ask/refused
    )
    ask: Ask
    state: State | None  # the state after the turn (None: no outline yet)
    body: Body
    notes: list[str] = field(default_factory=list)
    changed: bool = False
    pending: Facts = field(default_factory=Facts)  # facts given before there was an outline


@dataclass(frozen=True)
class Message:
    """One message of the conversation (role: user, assistant, system ...)."""

    role: str
    content: str


class Dialogue:
    """The chat's turns over the runtime's outline chain and content."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    @property
    def editor(self) -> Editor:
        """Edits over the runtime's current library and index (an ingest replaces them)."""
        return Editor(ContentSource(self.runtime.outlines.library, self.runtime.index))

    # ---- the conversation as state ---------------------------------------------------------

    def current(self, messages: Sequence[Message]) -> tuple[State | None, dict[str, State], Facts]:
        """The state before the latest message, every state seen (by key), facts still pending.

        Pending facts were given before any outline could be built (``上半年的提纲`` without an
        office): the request that names the office uses them.
        """
        known: dict[str, State] = {}
        state: State | None = None
        pending = Facts()
        start = 0
        for index, message in enumerate(messages[:-1]):
            if message.role != "assistant":
                continue
            found = read_marker(message.content)
            if found is not None:
                known[found.key] = state = found
                start = index + 1
        for message in messages[start:-1]:
            if message.role == "user" and message.content.strip():
                turn = self.answer(state, message.content, known, pending)
                pending = turn.pending
                if turn.state is not None:
                    state = turn.state
                    known.setdefault(state.key, state)
        return state, known, pending

    # ---- one turn -----------------------------------------------------------------------

    def answer(
        self,
        state: State | None,
        text: str,
        known: dict[str, State],
        pending: Facts = NO_FACTS,
    ) -> Turn:
        """The turn for one user message."""
        ask = read_ask(text)
        if state is None and pending.any:
            ask = replace(ask, facts=_merged(pending, ask.facts))
        if state is not None and state.waiting and ask.refs and ask.kind in ANSWERS:
            ask = replace(ask, kind=state.waiting)  # 第二部分: the part an edit asked for
        if ask.kind in EDIT_KINDS:
            return self._edit(state, ask)
        if ask.kind == "outline":
            return self._request(state, ask, fresh=True)
        if ask.kind == "change":
            return self._request(state, ask, fresh=False)
        if ask.kind == "undo":
            return self._undo(state, ask, known)
        if ask.kind == "draft":
            return self._draft(state, ask)
        if ask.kind in ("check", "explain", "model_only"):
            return Turn(ask.kind, ask, state, ask.kind)
        if ask.kind == "courtesy":
            return Turn("courtesy", ask, state, "none", [say("courtesy")])
        return Turn("off_topic", ask, state, "none", [say("off_topic")])

    def _request(self, state: State | None, ask: Ask, *, fresh: bool) -> Turn:
        facts = ask.facts
        if state is not None and not facts.any:
            return Turn("outline", ask, state, "outline")
        if state is None or (fresh and facts.office):
            if not facts.office:
                notes = [say("need_office")]
                return Turn("need_office", ask, None, "none", notes, pending=facts)
            request = ChatRequest(facts.office, facts.period, facts.topic, facts.year)
            outline = build_outline(self.runtime, request)
            new = State(request, outline, parent=state.key if state else None)
            return Turn("outline", ask, new, "outline", [_understood(new)], changed=True)
        return self._change(state, ask, facts)

    def _change(self, state: State, ask: Ask, facts: Facts) -> Turn:
        request = state.request.updated(facts)
        changes = state.request.changes(facts)
        if not changes:
            return Turn("unchanged", ask, state, "outline", [_understood(state)])
        base = build_outline(self.runtime, request)
        applied = apply_edits(base, state.log, state.exclusions)
        kept = tuple(edit for edit in state.log if edit not in applied.skipped)
        new = state.child(request=request, outline=applied.outline, log=kept, focus=None)
        what = "、".join(say(f"changed_{name}", value=getattr(request, name)) for name in changes)
        notes = [say("changed", what=what), _understood(new)]
        if kept:
            notes.append(say("replayed"))
        if applied.skipped:
            headings = "、".join(f"“{_edit_heading(edit)}”" for edit in applied.skipped)
            notes.append(say("replay_skipped", headings=headings))
        return Turn("change", ask, new, "outline", notes, changed=True)

    def _edit(self, state: State | None, ask: Ask) -> Turn:
        if state is None:
            return Turn("need_outline", ask, None, "none", [say("need_outline")])
        outcome: Outcome = getattr(self.editor, ask.kind)(state, ask)
        if not outcome.changes:
            waiting = ask.kind if outcome.kind == "ask" else None
            return Turn(outcome.kind, ask, replace(state, waiting=waiting), "none", outcome.notes)
        exclusions = (*state.exclusions, *outcome.exclusions)
        applied = apply_edits(state.outline, outcome.edits, exclusions)
        new = state.child(
            outline=applied.outline,
            log=(*state.log, *outcome.edits),
            exclusions=exclusions,
            focus=outcome.focus,
        )
        return Turn(outcome.kind, ask, new, "outline", outcome.notes, changed=True)

    def _undo(self, state: State | None, ask: Ask, known: dict[str, State]) -> Turn:
        if state is None or state.parent is None or state.parent not in known:
            return Turn("undo_none", ask, state, "none", [say("undo_none")])
        restored = replace(known[state.parent], waiting=None)
        return Turn("undo", ask, restored, "outline", [say("undone")], changed=True)

    def _draft(self, state: State | None, ask: Ask) -> Turn:
        if ask.facts.office or state is None:
            built = self._request(state, ask, fresh=True)
            if built.state is None:
                return built
            state = built.state
            return Turn("draft", ask, state, "draft", built.notes, changed=built.changed)
        if ask.facts.any:
            changed = self._change(state, ask, ask.facts)
            return Turn(
                "draft", ask, changed.state, "draft", changed.notes, changed=changed.changed
            )
        return Turn("draft", ask, state, "draft")


def _merged(earlier: Facts, later: Facts) -> Facts:
    """Facts of two messages, the later one's where both say something."""
    return Facts(
        office=later.office or earlier.office,
        period=later.period or earlier.period,
        topic=later.topic or earlier.topic,
        year=later.year or earlier.year,
    )


def _understood(state: State) -> str:
    request = state.request
    topic = say("topic", topic=request.topic) if request.topic else ""
    return say("understood", office=request.office, period=state.outline.period, topic=topic)


def _edit_heading(edit: object) -> str:
    for name in ("target", "parent"):
        key = getattr(edit, name, None)
        if key is not None:
            return str(key.heading)
    part = getattr(edit, "part", None)
    return str(part.heading) if part is not None else "开头"
