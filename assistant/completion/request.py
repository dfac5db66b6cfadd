"""What an editor asks for at the cursor: one type reads the HTTP body and the CLI's options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import ConfigDict, Field, StrictInt, StrictStr

from assistant.limits import MAX_SUGGESTIONS, NonBlankText, ShortText


@dataclass(frozen=True)
class CompletionRequest:
    """Ask for continuations at the cursor."""

    __pydantic_config__ = ConfigDict(extra="ignore")

    text: Annotated[
        NonBlankText,
        Field(
            description="光标前的草稿文本（不能为空）",
            examples=["三、存在的问题\n一是投入不足。\n四、"],
        ),
    ]
    suffix: Annotated[StrictStr, Field(description="光标后的文本（可选）", examples=[""])] = ""
    office_type: Annotated[
        ShortText | None, Field(description="单位类型（可选）", examples=["农机局"])
    ] = None
    limit: Annotated[
        StrictInt, Field(ge=1, le=MAX_SUGGESTIONS, description="最多几条建议", examples=[5])
    ] = 5
