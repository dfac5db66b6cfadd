"""The Chroma collection holding chunk vectors: embedded by default, a server when configured.

Vectors always come from our own embeddings; Chroma's default embedding function (which
downloads a model) is never used.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.errors import DataDirError, UpstreamError

COLLECTION_PREFIX_SEPARATOR = "-"


def chroma_client(settings: Settings) -> Any:
    """A persistent client in the data directory, or an HTTP client for ``chroma_url``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    options = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname:
            raise DataDirError(f"ASSISTANT_CHROMA_URL 无效：{settings.chroma_url}")
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=options,
            )
        except Exception as error:  # connection failures surface as several types
            raise UpstreamError(f"无法连接 Chroma 服务 {settings.chroma_url}：{error}") from None
    path = settings.index_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=options)


def open_collection(client: Any, name: str, embeddings: Embeddings) -> Chroma:
    """The langchain vector store over one collection (created when missing)."""
    return Chroma(collection_name=name, embedding_function=embeddings, client=client)


def existing_ids(store: Chroma, ids: list[str]) -> set[str]:
    """Which of the ids the collection already holds."""
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        result = store.get(ids=ids[start : start + 500], include=[])
        found.update(result["ids"])
    return found


def drop_collections(client: Any, prefix: str, keep: str) -> None:
    """Delete this data directory's collections other than ``keep`` (left by rebuilds)."""
    for collection in client.list_collections():
        name = collection if isinstance(collection, str) else collection.name
        if name != keep and name.startswith(prefix + COLLECTION_PREFIX_SEPARATOR):
            client.delete_collection(name)
