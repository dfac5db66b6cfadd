"""The chat service: a conversation in, a Markdown reply out (whole or in pieces).

The dialogue (`assistant.chat.dialogue`) rebuilds the current outline from the conversation and
answers the latest message; the service writes the reply: what was done, then the outline with
its phrasing and numbered sources, or the first draft, or the check of a pasted draft, or an
explanation; and last the state marker (`assistant.chat.state`) so the next turn finds the
outline again. With an LLM configured, the model rewrites the outline, writes the first draft
and does what only a model can (``用更正式的语气``); when it fails, the reply is the composed one
with a note saying so. The sources are always the assistant's own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from langchain_core.messages import BaseMessage

from assistant.chat.dialogue import Dialogue, Message, Turn
from assistant.chat.draft import compose_draft
from assistant.chat.drafting import checked_lines, draft_messages, keeps_parts, load_draft_prompts
from assistant.chat.explain import explain
from assistant.chat.llm import LlmError, LlmWriter, WriterInput
from assistant.chat.pasted import check_reply
from assistant.chat.replies import say
from assistant.chat.state import State, encode
from assistant.config import Settings
from assistant.errors import InputError
from assistant.limits import ensure_text_fits
from assistant.outline.model import Outline
from assistant.outline.render import render_outline
from assistant.runtime import Runtime

__all__ = ["ChatReply", "ChatService", "Message"]

log = logging.getLogger(__name__)

STREAM_LINES = 4  # lines per streamed piece of a composed reply


@dataclass(frozen=True)
class Plan:
    """A composed reply in the parts a model's reply reuses."""

    turn: Turn
    head: str  # what was done
    body: str  # the outline, draft, check or explanation (what a model may rewrite)
    tail: str  # sources and hints
    marker: str  # the state marker line, or ""

    @property
    def text(self) -> str:
        """The whole composed reply."""
        return _joined(self.head, self.body, self.tail, self.marker)

    @property
    def outline(self) -> Outline | None:
        """The outline after the turn."""
        return self.turn.state.outline if self.turn.state else None


@dataclass(frozen=True)
class ChatReply:
    """A finished reply."""

    content: str
    turn: Turn
    used_llm: bool = False

    @property
    def outline(self) -> Outline | None:
        """The outline after the turn, if there is one."""
        return self.turn.state.outline if self.turn.state else None


class ChatService:
    """Answers conversations through the dialogue, optionally through an LLM."""

    def __init__(
        self, runtime: Runtime, settings: Settings, writer: LlmWriter | None = None
    ) -> None:
        self.runtime = runtime
        self.settings = settings
        if writer is None and settings.llm_base_url:
            writer = LlmWriter.from_settings(settings)
        self.writer = writer
        if writer is not None:
            load_draft_prompts()
        self.dialogue = Dialogue(runtime)

    # ---- the turn ----------------------------------------------------------------------

    def turn(self, messages: Sequence[Message]) -> Turn:
        """What the latest user message does to the conversation's outline."""
        conversation = self._checked(messages)
        state, known, pending = self.dialogue.current(conversation)
        return self.dialogue.answer(state, conversation[-1].content, known, pending)

    def _checked(self, messages: Sequence[Message]) -> list[Message]:
        """The conversation up to its latest user message, checked for size and content."""
        users = [index for index, message in enumerate(messages) if message.role == "user"]
        if not users:
            raise InputError("对话中没有用户消息，请至少发送一条用户消息。")
        conversation = list(messages[: users[-1] + 1])
        if not conversation[-1].content.strip():
            raise InputError("最后一条用户消息为空，请说明单位和时段，例如“县农机局上半年”。")
        size = sum(len(m.content) for m in conversation if m.role == "user")
        ensure_text_fits(size, self.settings.max_text_chars, "对话")
        return conversation

    # ---- composing -----------------------------------------------------------------------

    def plan(self, messages: Sequence[Message]) -> Plan:
        """The composed reply to the conversation."""
        return self.compose(self.turn(messages))

    def compose(self, turn: Turn) -> Plan:
        """The composed reply for a turn."""
        state = turn.state
        head = "\n\n".join(turn.notes)
        marker = encode(state) if state is not None else ""
        if turn.body == "outline" and state is not None:
            rendered = render_outline(state.outline)
            tail = _joined(rendered.sources.strip(), say("follow_up"))
            return Plan(turn, head, rendered.body.strip(), tail, marker)
        if turn.body == "draft" and state is not None:
            body = _joined(say("draft_intro"), compose_draft(state.outline, state.request).strip())
            return Plan(turn, head, body, say("draft_tail"), marker)
        if turn.body == "check":
            return Plan(turn, head, check_reply(turn.ask.value), "", marker)
        if turn.body == "explain":
            return Plan(turn, head, explain(turn.ask.value), "", marker)
        if turn.body == "model_only":
            if self.writer is not None and state is None:
                return Plan(turn, head, say("need_outline"), "", marker)
            return Plan(turn, head, say("model_only", request=turn.ask.said), "", marker)
        return Plan(turn, head, "", "", marker)

    # ---- replying ----------------------------------------------------------------------

    def reply(self, messages: Sequence[Message]) -> ChatReply:
        """The whole reply to the conversation's latest user message."""
        plan = self.plan(messages)
        written = self._model_task(plan)
        if written is None or self.writer is None:
            return ChatReply(plan.text, plan.turn)
        messages_for_model, fallback = written
        try:
            text = self.writer.complete(messages_for_model)
            text = "".join(checked_lines(iter([text]))) if plan.turn.body != "outline" else text
            if plan.turn.body != "outline" and not keeps_parts(text, self._outline(plan)):
                raise LlmError(say("llm_draft_broken"))
        except LlmError as error:
            note = say("llm_failed", reason=error.reason)
            return ChatReply(_joined(plan.head, note, fallback, plan.tail, plan.marker), plan.turn)
        content = _joined(plan.head, text.strip(), plan.tail, plan.marker)
        return ChatReply(content, plan.turn, used_llm=True)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The reply in pieces; bad input raises here, before the first piece."""
        plan = self.plan(messages)
        written = self._model_task(plan)
        if written is None or self.writer is None:
            return _pieces(plan.text)
        return self._stream_written(plan, self.writer, *written)

    def _stream_written(
        self, plan: Plan, writer: LlmWriter, messages: list[BaseMessage], fallback: str
    ) -> Iterator[str]:
        if plan.head:
            yield plan.head + "\n\n"
        drafted = plan.turn.body != "outline"
        wrote = ""
        try:
            pieces = writer.stream_messages(messages)
            for piece in checked_lines(pieces) if drafted else pieces:
                wrote += piece
                yield piece
            if drafted and not keeps_parts(wrote, self._outline(plan)):
                raise LlmError(say("llm_draft_broken"))
        except LlmError as error:
            note = say("llm_interrupted" if wrote else "llm_failed", reason=error.reason)
            yield ("\n\n" if wrote else "") + note + "\n\n"
            yield from _pieces(fallback)
        yield "\n\n"
        yield from _pieces(_joined(plan.tail, plan.marker))

    def _outline(self, plan: Plan) -> Outline:
        assert plan.turn.state is not None
        return plan.turn.state.outline

    def _model_task(self, plan: Plan) -> tuple[list[BaseMessage], str] | None:
        """The messages for the model and the composed text standing in when it fails."""
        state, turn = plan.turn.state, plan.turn
        if self.writer is None or state is None:
            return None
        if turn.body == "outline" and turn.changed:
            given = self._writer_input(state, turn.ask.said, plan.body)
            return list(self.writer.messages(given)), plan.body
        if turn.body in ("draft", "model_only"):
            composed = compose_draft(state.outline, state.request)
            messages = draft_messages(
                load_draft_prompts(),
                request=turn.ask.said,
                office=self._office(state),
                outline=state.outline,
                composed=composed,
            )
            fallback = plan.body if turn.body == "draft" else _joined(say("draft_intro"), composed)
            return list(messages), fallback
        return None

    def _office(self, state: State) -> str:
        return f"{state.request.office}（参考类型：{state.outline.matched_office_type}）"

    def _writer_input(self, state: State, request: str, body: str) -> WriterInput:
        return WriterInput(
            request=request,
            office=self._office(state),
            period=state.outline.period,
            topic=state.request.topic or "未指定",
            title=state.outline.title,
            outline=body,
        )


def _joined(*parts: str) -> str:
    """Markdown blocks, blank-line separated, empty ones left out."""
    return "\n\n".join(part for part in parts if part)


def _pieces(text: str) -> Iterator[str]:
    """A finished text in pieces of a few lines, for streaming."""
    lines = text.splitlines(keepends=True)
    for start in range(0, len(lines), STREAM_LINES):
        yield "".join(lines[start : start + STREAM_LINES])
