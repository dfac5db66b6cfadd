"""Settings, read once from ``ASSISTANT_*`` environment variables and passed down explicitly.

Every setting has a type and bounds; ``load_settings()`` turns a value outside them into a
`SettingsError` naming the variable, which the CLI (and so ``assistant serve`` and ``lsp``)
reports in Chinese with exit code 2 before anything starts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings import SettingsError as SourceError

from assistant.errors import SettingsError
from assistant.resources import builtin_corpus_dir

BUILTIN_MODEL = "builtin:multilingual-e5-small"
REPO_ROOT = Path(__file__).resolve().parent.parent  # the checkout (eval and benchmarks)
ENV_PREFIX = "ASSISTANT_"
SECRET_FIELDS = {"llm_api_key", "api_key"}  # never echoed in a message
URL_HINT = "应为 http:// 或 https:// 开头的网址"
PATTERN_HINTS = {
    "chroma_url": URL_HINT,
    "llm_base_url": URL_HINT,
    "cors_origins": URL_HINT,
    "collection": "只能由字母、数字、_ 和 - 组成，3 到 41 个字符，以字母或数字开头",
}

HttpUrl = Annotated[str, Field(pattern=r"^https?://[^\s/]+\S*$")]


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "work-summary-assistant"


def _existing_dir(path: Path) -> Path:
    if not path.is_dir():
        raise ValueError(f"目录 {path} 不存在")
    return path


def _existing_file(path: Path) -> Path:
    if not path.is_file():
        raise ValueError(f"文件 {path} 不存在")
    return path


class Settings(BaseSettings):
    """Everything configurable; see the README for the environment variables."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    corpus_dir: Annotated[Path, AfterValidator(_existing_dir)] = Field(
        default_factory=builtin_corpus_dir
    )
    embedding_model: str = Field(default=BUILTIN_MODEL, min_length=1)
    chroma_url: HttpUrl | None = None
    collection: str = Field(default="summaries", pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{2,40}$")
    chroma_timeout_seconds: float = Field(default=10.0, gt=0, le=3600)
    llm_base_url: HttpUrl | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_seconds: float = Field(default=30.0, gt=0, le=3600)
    api_key: str | None = None
    max_body_bytes: int = Field(default=1_000_000, ge=1_000, le=1_000_000_000)
    body_timeout_seconds: float = Field(default=15.0, gt=0, le=3600)
    max_text_chars: int = Field(default=200_000, ge=1, le=100_000_000)
    cors_origins: list[HttpUrl] = Field(default_factory=list)
    # a house layout profile merged over GB/T 9704
    layout_profile: Annotated[Path, AfterValidator(_existing_file)] | None = None
    # a .assistant-style.yaml for every check (else one is looked for upward from the text)
    style_config: Annotated[Path, AfterValidator(_existing_file)] | None = None

    @property
    def model_dir(self) -> Path:
        """Where prepared embedding models live."""
        return self.data_dir / "models"

    @property
    def index_dir(self) -> Path:
        """Where the vector store, lexical index and embedding cache live."""
        return self.data_dir / "index"


def load_settings(**overrides: Any) -> Settings:
    """The settings from the environment; a bad value is a `SettingsError` naming it."""
    from assistant.contract import field_message

    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            name = str(item["loc"][0]) if item["loc"] else ""
            problem = field_message(item)
            if item["type"] == "string_pattern_mismatch":
                problem = PATTERN_HINTS.get(name, "格式不正确")
            shown = "" if name in SECRET_FIELDS else f"（当前为“{item.get('input')}”）"
            problems.append(f"{ENV_PREFIX}{name.upper()}：{problem}{shown}")
        raise SettingsError(_message(problems)) from None
    except SourceError as error:  # a list setting whose value is not JSON
        found = re.search(r'field "(\w+)"', str(error))
        name = f"{ENV_PREFIX}{found.group(1).upper()}" if found else "列表设置"
        example = '["https://editor.example"]'
        raise SettingsError(_message([f"{name}：应为 JSON 列表，如 {example}"])) from None


def _message(problems: list[str]) -> str:
    return "设置有误：" + "；".join(problems) + "。请修改或删除这些环境变量。"
