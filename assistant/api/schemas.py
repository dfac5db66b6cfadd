"""Wire schemas: the JSON the HTTP routes accept and return, with examples for ``/docs``.

Requests are validated here (types, lengths, ranges); what only the domain can judge (an unknown
period, a conversation without a user message) is judged there and mapped to a status at the
edge. Types are strict (``"3"`` is not a number); pydantic itself rejects lone surrogates, which
could not be encoded in a UTF-8 response.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

MODEL_ID = "work-summary-assistant"
MAX_FIELD_CHARS = 50
MAX_LIMIT = 50
MAX_MESSAGES = 200


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("文本为空或只有空白字符，请提供内容")
    return value


NonBlankText = Annotated[str, Field(pattern=r"\S"), AfterValidator(_not_blank)]
ShortText = Annotated[str, Field(max_length=MAX_FIELD_CHARS)]


class Request(BaseModel):
    """Base of request bodies: strict types (no "1" for 1), unknown fields ignored."""

    model_config = ConfigDict(extra="ignore", strict=True)


# --- errors -------------------------------------------------------------------------------------


class ErrorResponse(BaseModel):
    """Every error: a Chinese message saying what went wrong and what to do."""

    detail: str = Field(examples=["文本为空，请提供要检查的草稿。"])


class FieldError(BaseModel):
    """One problem with one field of the request."""

    location: list[str | int] = Field(description='字段位置，如 ["body", "text"]')
    message: str


class ValidationErrorResponse(ErrorResponse):
    """A malformed request: the message and the problems field by field."""

    errors: list[FieldError] = Field(default_factory=list)


# --- health, office types, models ---------------------------------------------------------------


class Health(BaseModel):
    """The service is up, with the size of its index and the models it uses."""

    status: Literal["ok"] = "ok"
    documents: int = Field(description="已索引的总结篇数", examples=[8])
    chunks: int = Field(description="已索引的片段数", examples=[153])
    embedding_model: str = Field(examples=["builtin:multilingual-e5-small"])
    chat_model: str = Field(examples=[MODEL_ID])
    llm: str | None = Field(description="配置的语言模型（未配置时为 null）", examples=[None])


class OfficeType(BaseModel):
    """An office type of the corpus."""

    name: str = Field(examples=["农机局"])
    documents: int = Field(examples=[1])
    chunks: int = Field(examples=[20])
    aliases: list[str] = Field(examples=[["农机局", "农机", "农业机械"]])


class OfficeTypes(BaseModel):
    """The corpus's office types; other offices are matched to the nearest of them."""

    office_types: list[OfficeType]


class ModelCard(BaseModel):
    """An OpenAI-style model entry."""

    id: str = Field(examples=[MODEL_ID])
    object: Literal["model"] = "model"
    created: int
    owned_by: str = Field(examples=[MODEL_ID])


class ModelList(BaseModel):
    """OpenAI-style list of models (``GET /v1/models``)."""

    object: Literal["list"] = "list"
    data: list[ModelCard]


# --- outline ------------------------------------------------------------------------------------

Role = Literal["opening", "achievements", "measures", "problems", "plans", "closing"]


class OutlineRequestBody(Request):
    """Ask for an outline."""

    office_type: ShortText = Field(
        description="单位类型，如“县农机局”“镇政府”；语料中没有的类型按最接近的处理",
        examples=["县农机局"],
    )
    period: ShortText | None = Field(
        default=None,
        description="时段，可带年份：上半年、下半年、年度、一季度……四季度、前三季度、任期、专项；"
        "如“2025年度”“去年”“今年一季度”",
        examples=["上半年"],
    )
    topic: ShortText | None = Field(
        default=None, description="主题（可选），如“普法”“招商引资”", examples=[None]
    )


class OutlineBlock(BaseModel):
    """The opening: phrasing and its sources."""

    phrasing: list[str]
    sources: list[str]


class OutlineSection(BaseModel):
    """A numbered part (GB/T 9704 numbering) with phrasing, sources and sub-parts."""

    number: str = Field(examples=["一、"])
    level: int = Field(ge=1, examples=[1])
    role: Role
    heading: str = Field(examples=["加强队伍建设，提高干部素质和业务水平"])
    phrasing: list[str]
    sources: list[str] = Field(examples=[["S4", "S5"]])
    children: list[OutlineSection] = Field(default_factory=list)
    basis: Literal["same_type", "common_work", "profile", "topic_module", "genre"] = Field(
        description="该部分的依据：同类单位总结、其他单位总结中的通用工作、单位资料、专题资料、文种结构",
        examples=["profile"],
    )


class SourceInfo(BaseModel):
    """A source the outline cites."""

    document: str = Field(
        description="语料文档编号，或内置资料（profile:单位资料、topic:专题资料、genre:文种结构）",
        examples=["seed-08"],
    )
    title: str = Field(examples=["〔地名〕农机局年度工作总结"])
    office_type: str = Field(examples=["农机局"])
    excerpt: str
    kind: Literal["corpus", "profile", "topic", "genre"] = Field(
        description="来源种类：语料文档或内置资料", examples=["corpus"]
    )


class OutlineCoverage(BaseModel):
    """What an outline stands on."""

    office_summaries: int = Field(description="语料中该类单位的总结篇数", examples=[0])
    profile: str | None = Field(description="所用单位资料（键名）", examples=["finance"])
    topic: str | None = Field(description="所用专题资料（键名），专项总结时有", examples=[None])
    note: str = Field(description="给写作者的说明：提纲依据什么生成")


class OutlineResponse(BaseModel):
    """An outline: title, opening and parts, each citing sources listed in ``sources``."""

    office_type: str = Field(description="请求的单位类型", examples=["县农机局"])
    matched_office_type: str = Field(
        description="匹配到的单位类型；没有匹配的单位类型时为空", examples=["农机局"]
    )
    period: str = Field(examples=["上半年"])
    year: int = Field(description="总结所属年份", examples=[2026])
    title: str = Field(examples=["XX县农机局2026年上半年工作总结"])
    opening: OutlineBlock
    sections: list[OutlineSection]
    sources: dict[str, SourceInfo] = Field(description="来源编号 -> 来源")
    coverage: OutlineCoverage | None = Field(description="提纲依据的材料及说明")


# --- complete and check -------------------------------------------------------------------------


class CompleteRequest(Request):
    """Ask for continuations at the cursor."""

    text: NonBlankText = Field(
        description="光标前的草稿文本（不能为空）",
        examples=["三、存在的问题\n一是投入不足。\n四、"],
    )
    suffix: str = Field(default="", description="光标后的文本（可选）")
    office_type: ShortText | None = Field(default=None, examples=["农机局"])
    limit: int = Field(default=5, ge=1, le=MAX_LIMIT, description="最多几条建议")


class Suggestion(BaseModel):
    """Text to insert after the cursor, where it came from, and its score."""

    text: str = Field(examples=["下一步工作打算"])
    source: str = Field(examples=["seed-08"])
    score: float


class CompleteResponse(BaseModel):
    """Suggestions, best first (possibly none)."""

    suggestions: list[Suggestion]


class CheckRequest(Request):
    """A draft to check."""

    text: NonBlankText = Field(
        description="要检查的草稿全文（不能为空）",
        examples=["一、主要工作\n今年以来,我局加强领导。\n（1）健全制度\n"],
    )


class Fix(BaseModel):
    """A replacement for the diagnostic's span."""

    replacement: str


class Diagnostic(BaseModel):
    """One problem at one place (line and column 1-based, offset 0-based, in characters)."""

    rule: str = Field(examples=["half-width-punctuation"])
    severity: Literal["error", "warning", "info"]
    message: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    offset: int = Field(ge=0)
    length: int = Field(ge=0)
    excerpt: str
    fix: Fix | None


class CheckSummary(BaseModel):
    """Counts for the whole draft."""

    errors: int
    warnings: int
    chars: int


class CheckResponse(BaseModel):
    """Diagnostics in document order, and their counts."""

    diagnostics: list[Diagnostic]
    summary: CheckSummary


# --- chat (OpenAI chat completions) -------------------------------------------------------------


class ContentPart(BaseModel):
    """A part of a message's content; only text parts are read."""

    model_config = ConfigDict(extra="ignore", strict=True)

    type: str = Field(examples=["text"])
    text: str | None = None


class ChatMessage(BaseModel):
    """A message of the conversation."""

    model_config = ConfigDict(extra="ignore", strict=True)

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        """The message's text (text parts joined)."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text or "" for part in self.content if part.type == "text")


class StreamOptions(BaseModel):
    """OpenAI ``stream_options``."""

    model_config = ConfigDict(extra="ignore", strict=True)

    include_usage: bool = False


class ChatCompletionRequest(Request):
    """OpenAI-compatible chat request; sampling parameters are accepted and ignored."""

    model: str | None = Field(default=None, max_length=200, examples=[MODEL_ID])
    messages: list[ChatMessage] = Field(
        min_length=1,
        max_length=MAX_MESSAGES,
        examples=[[{"role": "user", "content": "我是县农机局的，帮我列个上半年总结提纲"}]],
    )
    stream: bool = False
    stream_options: StreamOptions | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    user: str | None = None


class AssistantMessage(BaseModel):
    """The assistant's reply."""

    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    """The one choice of a reply."""

    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"
    logprobs: None = None


class Usage(BaseModel):
    """Sizes of the request and reply, counted in characters (not model tokens)."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(BaseModel):
    """OpenAI ``chat.completion`` object (``stream`` false)."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage


def chat_stream_description() -> dict[str, Any]:
    """The OpenAPI responses of the chat route: JSON, or SSE chunks when ``stream`` is true."""
    return {
        "content": {
            "text/event-stream": {
                "schema": {
                    "type": "object",
                    "description": "一个 SSE 事件",
                    "properties": {
                        "data": {
                            "type": "string",
                            "description": "chat.completion.chunk 的 JSON；最后一个为 [DONE]",
                        },
                        "event": {"type": "string"},
                        "id": {"type": "string"},
                        "retry": {"type": "integer"},
                    },
                    "required": ["data"],
                },
                "example": 'data: {"object": "chat.completion.chunk", ...}\n\ndata: [DONE]\n\n',
            }
        },
        "description": (
            "stream 为 false 时返回 chat.completion；为 true 时返回 SSE 片段，以 data: [DONE] 结束"
        ),
    }
