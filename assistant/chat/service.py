"""The chat chain: conversation -> intent -> outline (expanded on request) -> Markdown reply.

The reply is the outline with its phrasing, then the numbered sources, framed by a line saying
how the request was understood and a hint on how to refine it. With an LLM configured, the model
rewrites the outline part (`assistant.chat.llm`); the sources are still ours, from retrieval. If
the model fails, the retrieval reply is given with a note saying so. Messages the assistant
cannot act on get a short reply saying what it needs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.chat.expand import Expanded, Expander, resolve_target
from assistant.chat.intent import ChatIntent, ExpandTarget, reply_text, understand
from assistant.chat.llm import LlmError, LlmWriter, WriterInput
from assistant.config import Settings
from assistant.errors import InputError
from assistant.genre.numbering import numeral_text
from assistant.limits import ensure_text_fits
from assistant.outline.model import Outline
from assistant.outline.render import render_outline
from assistant.outline.request import OutlineRequest
from assistant.runtime import Runtime

log = logging.getLogger(__name__)

STREAM_LINES = 4  # lines per streamed piece of a retrieval reply


@dataclass(frozen=True)
class Message:
    """One message of a conversation (role: system, user, assistant ...)."""

    role: str
    content: str


@dataclass(frozen=True)
class Plan:
    """A reply prepared from retrieval, in the parts an LLM reply reuses."""

    intent: ChatIntent
    head: str  # how the request was understood, and what an expansion did
    body: str  # the outline (what an LLM may rewrite)
    tail: str  # sources, the fill-in hint and how to refine
    outline: Outline | None = None
    request: str = ""

    @property
    def text(self) -> str:
        """The whole retrieval reply."""
        return _joined(self.head, self.body, self.tail)


@dataclass(frozen=True)
class ChatReply:
    """A finished reply."""

    content: str
    intent: ChatIntent
    outline: Outline | None = None
    used_llm: bool = False


class ChatService:
    """Answers conversations from the runtime's outline chain, optionally through an LLM."""

    def __init__(
        self, runtime: Runtime, settings: Settings, writer: LlmWriter | None = None
    ) -> None:
        self.runtime = runtime
        self.settings = settings
        if writer is None and settings.llm_base_url:
            writer = LlmWriter.from_settings(settings)
        self.writer = writer

    @property
    def expander(self) -> Expander:
        """Expansion over the runtime's current index (it changes when an ingest commits)."""
        return Expander(self.runtime.outlines.library, self.runtime.index)

    def reply(self, messages: Sequence[Message]) -> ChatReply:
        """The whole reply to the conversation's latest user message."""
        plan = self.plan(messages)
        if plan.outline is None or self.writer is None:
            return ChatReply(plan.text, plan.intent, plan.outline)
        try:
            written = self.writer.write(self._writer_input(plan))
        except LlmError as error:
            note = reply_text("llm_failed", reason=error.reason)
            return ChatReply(
                _joined(plan.head, note, plan.body, plan.tail), plan.intent, plan.outline
            )
        content = _joined(plan.head, written.strip(), plan.tail)
        return ChatReply(content, plan.intent, plan.outline, used_llm=True)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The reply in pieces; bad input raises here, before the first piece."""
        plan = self.plan(messages)
        if plan.outline is None or self.writer is None:
            return _pieces(plan.text)
        return self._stream_written(plan, self.writer)

    def _stream_written(self, plan: Plan, writer: LlmWriter) -> Iterator[str]:
        if plan.head:
            yield plan.head + "\n\n"
        wrote = False
        try:
            for piece in writer.stream(self._writer_input(plan)):
                wrote = True
                yield piece
        except LlmError as error:
            note = reply_text("llm_interrupted" if wrote else "llm_failed", reason=error.reason)
            yield ("\n\n" if wrote else "") + note + "\n\n"
            yield from _pieces(plan.body)
        yield "\n\n"
        yield from _pieces(plan.tail)

    def plan(self, messages: Sequence[Message]) -> Plan:
        """The retrieval reply: intent, outline with expansions, and the Markdown parts."""
        user = self._user_texts(messages)
        intent = understand(user)
        if intent.action != "outline" or intent.office is None:
            needed = intent.action if intent.action != "outline" else "need_office"
            return Plan(intent, "", reply_text(needed), "")  # what is needed, briefly
        outline = self.runtime.outline(OutlineRequest(intent.office, intent.period, intent.topic))
        notes = [self._understood(intent, outline)]
        notes += self._expand(outline, intent)
        rendered = render_outline(outline)
        tail = _joined(rendered.sources.strip(), reply_text("follow_up"))
        return Plan(intent, "\n\n".join(notes), rendered.body.strip(), tail, outline, user[-1])

    def _user_texts(self, messages: Sequence[Message]) -> list[str]:
        """The user messages' texts, checked: at least one, the latest not empty, not too long."""
        texts = [message.content for message in messages if message.role == "user"]
        if not texts:
            raise InputError("对话中没有用户消息，请至少发送一条用户消息。")
        if not texts[-1].strip():
            raise InputError("最后一条用户消息为空，请说明单位类型和时段，例如“县农机局上半年”。")
        ensure_text_fits(sum(len(text) for text in texts), self.settings.max_text_chars, "对话")
        return texts

    def _understood(self, intent: ChatIntent, outline: Outline) -> str:
        topic = reply_text("topic", topic=intent.topic) if intent.topic else ""
        return reply_text("understood", office=intent.office, period=outline.period, topic=topic)

    def _expand(self, outline: Outline, intent: ChatIntent) -> list[str]:
        """Apply the conversation's expansions; one note per expanded part."""
        rounds: dict[int, int] = {}
        notes: list[str] = []
        for target in intent.expansions:
            position = resolve_target(outline, target)
            if position is None:
                notes.append(_missing_note(outline, target))
            else:
                rounds[position] = rounds.get(position, 0) + 1
        match = self.runtime.match_office(intent.office) if rounds else None
        types = match.types if match else ()
        for position, count in sorted(rounds.items()):
            done = self.expander.expand(outline, position, rounds=count, office_types=types)
            notes.append(_expanded_note(done))
        return list(dict.fromkeys(notes))

    def _writer_input(self, plan: Plan) -> WriterInput:
        outline, intent = plan.outline, plan.intent
        assert outline is not None and intent.office is not None
        return WriterInput(
            request=plan.request,
            office=f"{intent.office}（参考类型：{outline.matched_office_type}）",
            period=outline.period,
            topic=intent.topic or "未指定",
            title=outline.title,
            outline=plan.body,
        )


def _missing_note(outline: Outline, target: ExpandTarget) -> str:
    if target.ordinal is not None:
        return reply_text("expand_missing", count=len(outline.sections), ordinal=target.ordinal)
    return reply_text("expand_role_missing", word=target.word)


def _expanded_note(done: Expanded) -> str:
    ordinal = numeral_text(done.ordinal)
    if done.added:
        return reply_text("expanded", ordinal=ordinal, heading=done.heading, count=done.added)
    return reply_text("expanded_none", ordinal=ordinal, heading=done.heading)


def _joined(*parts: str) -> str:
    """Markdown blocks, blank-line separated, empty ones left out."""
    return "\n\n".join(part for part in parts if part)


def _pieces(text: str) -> Iterator[str]:
    """A finished text in pieces of a few lines, for streaming."""
    lines = text.splitlines(keepends=True)
    for start in range(0, len(lines), STREAM_LINES):
        yield "".join(lines[start : start + STREAM_LINES])
