"""The unit every autocomplete path returns, and the answer's JSON (``{"suggestions": [...]}``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field


@dataclass(frozen=True)
class Suggestion:
    """Text to insert at the cursor, the document it comes from, and its score (higher first)."""

    text: Annotated[str, Field(description="插入到光标处的文字", examples=["下一步工作打算"])]
    source: Annotated[str, Field(description="来源文档编号", examples=["seed-08"])]
    score: Annotated[float, Field(description="得分（越高越好）", examples=[0.8125])]


@dataclass(frozen=True)
class Completions:
    """Suggestions, best first (possibly none): the JSON of ``POST /v1/complete``."""

    suggestions: tuple[Suggestion, ...]
