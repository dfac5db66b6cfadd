"""Wire schemas of the API's own answers (errors, health, models) and of the OpenAI chat format.

The outline, completion and check routes read and return the domain's own types (their fields
carry the constraints and the examples ``/docs`` shows; see `assistant.contract`): nothing here
mirrors them. Request bodies are strict (``"3"`` is not a number) and ignore unknown fields;
pydantic itself rejects lone surrogates, which could not be encoded in a UTF-8 response.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.limits import NonBlankText

MODEL_ID = "work-summary-assistant"
MAX_MESSAGES = 200


class StrictBody(BaseModel):
    """Base of request bodies: strict types (no "1" for 1), unknown fields ignored."""

    model_config = ConfigDict(extra="ignore", strict=True)


# --- errors -------------------------------------------------------------------------------------


class ErrorResponse(BaseModel):
    """Every error: a Chinese message saying what went wrong and what to do."""

    detail: str = Field(examples=["文本为空，请提供要检查的草稿。"])


class FieldError(BaseModel):
    """One problem with one field of the request."""

    location: list[str | int] = Field(description="字段位置", examples=[["body", "text"]])
    message: str = Field(description="该字段的问题", examples=["缺少必填字段"])


class ValidationErrorResponse(ErrorResponse):
    """A malformed request: the message and the problems field by field."""

    errors: list[FieldError] = Field(default_factory=list)


# --- health, office types, models ---------------------------------------------------------------


class Health(BaseModel):
    """The service is up, with the size of its index and the models it uses."""

    status: Literal["ok", "degraded"] = Field(
        default="ok",
        description="ok：全部功能可用；degraded：部分功能受限（原因见 problems）",
        examples=["ok"],
    )
    problems: list[str] = Field(
        default_factory=list,
        description="功能受限的原因（如向量库不可达、向量缺失、模型无法加载），正常时为空",
        examples=[[]],
    )
    generation: int = Field(
        default=0, description="当前使用的索引版本（每次导入加一）", examples=[3]
    )
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
    object: Literal["model"] = Field(default="model", examples=["model"])
    created: int = Field(description="服务启动时间（Unix 秒）", examples=[1767225600])
    owned_by: str = Field(examples=[MODEL_ID])


class ModelList(BaseModel):
    """OpenAI-style list of models (``GET /v1/models``)."""

    object: Literal["list"] = Field(default="list", examples=["list"])
    data: list[ModelCard]


# --- check ---------------------------------------------------------------------------------------


class CheckRequest(StrictBody):
    """A draft to check."""

    text: NonBlankText = Field(
        description="要检查的草稿全文（不能为空）",
        examples=["一、主要工作\n今年以来,我局加强领导。\n（1）健全制度\n"],
    )


# --- chat (OpenAI chat completions) -------------------------------------------------------------


class ContentPart(BaseModel):
    """A part of a message's content; only text parts are read."""

    model_config = ConfigDict(extra="ignore", strict=True)

    type: str = Field(examples=["text"])
    text: str | None = Field(default=None, examples=["帮我列个上半年总结提纲"])


class ChatMessage(BaseModel):
    """A message of the conversation."""

    model_config = ConfigDict(extra="ignore", strict=True)

    role: Literal["system", "developer", "user", "assistant", "tool", "function"] = Field(
        examples=["user"]
    )
    content: str | list[ContentPart] | None = Field(
        default=None, examples=["我是县农机局的，帮我列个上半年总结提纲"]
    )

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

    include_usage: bool = Field(default=False, examples=[True])


class ChatCompletionRequest(StrictBody):
    """OpenAI-compatible chat request; sampling parameters are accepted and ignored."""

    model: str | None = Field(default=None, max_length=200, examples=[MODEL_ID])
    messages: list[ChatMessage] = Field(
        min_length=1,
        max_length=MAX_MESSAGES,
        examples=[[{"role": "user", "content": "我是县农机局的，帮我列个上半年总结提纲"}]],
    )
    stream: bool = Field(default=False, description="是否以 SSE 流式返回", examples=[True])
    stream_options: StreamOptions | None = None
    temperature: float | None = Field(default=None, description="接受但不使用", examples=[0.7])
    max_tokens: int | None = Field(default=None, description="接受但不使用", examples=[1024])
    user: str | None = Field(default=None, description="接受但不使用", examples=["user-1"])


class AssistantMessage(BaseModel):
    """The assistant's reply."""

    role: Literal["assistant"] = Field(default="assistant", examples=["assistant"])
    content: str = Field(
        description="Markdown：提纲与参考表述，然后是来源",
        examples=["# XX县农机局2026年上半年工作总结"],
    )


class Choice(BaseModel):
    """The one choice of a reply."""

    index: int = Field(default=0, examples=[0])
    message: AssistantMessage
    finish_reason: Literal["stop"] = Field(default="stop", examples=["stop"])
    logprobs: None = Field(default=None, examples=[None])


class Usage(BaseModel):
    """Sizes of the request and reply, counted in characters (not model tokens)."""

    prompt_tokens: int = Field(examples=[19])
    completion_tokens: int = Field(examples=[1200])
    total_tokens: int = Field(examples=[1219])


class ChatCompletion(BaseModel):
    """OpenAI ``chat.completion`` object (``stream`` false)."""

    id: str = Field(examples=["chatcmpl-0123456789abcdef"])
    object: Literal["chat.completion"] = Field(
        default="chat.completion", examples=["chat.completion"]
    )
    created: int = Field(description="Unix 秒", examples=[1767225600])
    model: str = Field(examples=[MODEL_ID])
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
