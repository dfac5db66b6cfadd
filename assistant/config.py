"""Settings, read once from ``ASSISTANT_*`` environment variables and passed down explicitly."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BUILTIN_MODEL = "builtin:multilingual-e5-small"
REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "work-summary-assistant"


class Settings(BaseSettings):
    """Everything configurable; see the README for the environment variables."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    corpus_dir: Path = REPO_ROOT / "corpus"
    embedding_model: str = BUILTIN_MODEL
    chroma_url: str | None = None
    collection: str = "summaries"
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_seconds: float = 30.0
    api_key: str | None = None
    max_body_bytes: int = 1_000_000
    max_text_chars: int = 200_000
    cors_origins: list[str] = Field(default_factory=list)
    style_config: Path | None = None  # a .assistant-style.yaml for every check (else found upward)

    @property
    def model_dir(self) -> Path:
        """Where prepared embedding models live."""
        return self.data_dir / "models"

    @property
    def index_dir(self) -> Path:
        """Where the vector store, lexical index and embedding cache live."""
        return self.data_dir / "index"
