"""Limits every interface shares, defined once: the CLI, the HTTP API and the editor ask here.

Field lengths and the number of suggestions are part of the request types' annotations (so the
OpenAPI schema shows them); the text-length limit is a setting (``ASSISTANT_MAX_TEXT_CHARS``),
checked by ``ensure_text_fits`` where the domain receives the text.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StrictStr

from assistant.errors import TooLargeError

MAX_FIELD_CHARS = 50  # office type, period, topic
MAX_SUGGESTIONS = 50  # the most suggestions one completion request may ask for
BLANK_TEXT = "文本为空或只有空白字符，请提供内容"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(BLANK_TEXT)
    return value


# Request fields are strict: ``"3"`` is not a number and ``5`` is not a text.
NonBlankText = Annotated[StrictStr, Field(pattern=r"\S"), AfterValidator(_not_blank)]
ShortText = Annotated[StrictStr, Field(max_length=MAX_FIELD_CHARS)]


def ensure_text_fits(size: int, limit: int, what: str = "文本") -> None:
    """Refuse ``size`` characters above ``limit`` with a message saying what to do."""
    if size > limit:
        raise TooLargeError(
            f"{what}过长：{size} 字，上限为 {limit} 字。"
            "请分段提交，或调大 ASSISTANT_MAX_TEXT_CHARS。"
        )
