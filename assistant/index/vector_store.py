"""The Chroma collection holding chunk vectors: the only module that talks to Chroma.

Embedded (a persistent Chroma in the data directory) by default, a `chroma run` server when
``ASSISTANT_CHROMA_URL`` is set. Failures become the assistant's errors, with Chinese messages
that name the setting to check and never a path:

- a server that refuses or fails: `UpstreamError` (502); one that does not answer within
  ``ASSISTANT_CHROMA_TIMEOUT_SECONDS`` (every call to a server runs under that deadline):
  `UpstreamTimeoutError` (503);
- an embedded store on a read-only or full disk: `DataDirError` (503);
- a collection the catalog names but the store lacks: a reader sees ``exists`` False (queries
  find nothing and the index says so); a writer creates it.

An embedded Chroma keeps each collection's vector index in memory and does not see vectors that
another process (an ingest) adds later; ``fresh=True`` opens a client of its own for a reload.
Vectors always come from our own embeddings; Chroma's default embedding function (which
downloads a model) is never used.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

from langchain_chroma import Chroma

from assistant.config import Settings
from assistant.errors import DataDirError, UpstreamError, UpstreamTimeoutError
from assistant.index.chunks import Chunk
from assistant.index.disk import disk_error
from assistant.index.embeddings import CachedEmbeddings

log = logging.getLogger(__name__)

COLLECTION_PREFIX_SEPARATOR = "-"
ID_PAGE = 5000  # ids read per call when listing a whole collection
T = TypeVar("T")

# Spellings of an embedded store's path currently open, per path: Chroma shares one in-memory
# instance per spelling, so a fresh client needs a spelling no open client uses.
_open_spellings: dict[str, list[str]] = {}
_spellings_lock = threading.Lock()


def _spelling(path: str, fresh: bool) -> str:
    with _spellings_lock:
        used = _open_spellings.setdefault(path, [])
        spelling, extra = path, 0
        while fresh and spelling in used:
            extra += 1
            spelling = path + (os.sep + ".") * extra
        used.append(spelling)
        return spelling


def _release_spelling(path: str, spelling: str) -> None:
    with _spellings_lock:
        used = _open_spellings.get(path, [])
        if spelling in used:
            used.remove(spelling)


class _Connection:
    """A Chroma client and how calls through it are guarded."""

    def __init__(self, settings: Settings, *, fresh: bool) -> None:
        self.url = settings.chroma_url
        self.timeout = settings.chroma_timeout_seconds
        self._path = ""
        self._spelling = ""
        self.client: Any = self._open(settings, fresh)

    def _open(self, settings: Settings, fresh: bool) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        options = ChromaSettings(anonymized_telemetry=False)
        if self.url:
            url = urlparse(self.url)
            if not url.hostname:
                raise DataDirError("ASSISTANT_CHROMA_URL 无效：应为 http://主机:端口 的形式。")
            port = url.port or (443 if url.scheme == "https" else 8000)

            def connect() -> Any:
                import httpx

                try:
                    host, ssl = url.hostname or "", url.scheme == "https"
                    return chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=options)
                except ValueError as error:  # chromadb's word for "could not connect"
                    raise httpx.ConnectError(str(error)) from error

            client = self.call(connect, "连接")
            _bound_http_reads(client, self.timeout)
            return client
        path = settings.index_dir / "chroma"
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise (disk_error(error, "打开向量库") or _embedded_failure(error)) from None
        self._path = str(path)
        self._spelling = _spelling(self._path, fresh)
        return self.call(
            lambda: chromadb.PersistentClient(path=self._spelling, settings=options), "打开"
        )

    def call(self, action: Callable[[], T], doing: str, timeout: float | None = None) -> T:
        """Run one Chroma call, under the deadline for a server; failures as our errors."""
        if self.url:
            return _with_deadline(action, timeout or self.timeout, doing)
        try:
            return action()
        except Exception as error:
            if not _from_chroma(error):
                raise
            folder = Path(self._path) if self._path else None
            raise (disk_error(error, "使用向量库", folder) or _embedded_failure(error)) from None

    def close(self) -> None:
        """Release the client (an embedded one frees its in-memory indexes)."""
        try:
            self.client.close()
            for session in _http_sessions(self.client):
                session.close()
        except Exception as error:  # closing must never fail the caller
            log.warning("关闭向量库客户端失败：%r", error)
        if self._path:
            _release_spelling(self._path, self._spelling)


def _http_sessions(client: Any) -> list[Any]:
    """The httpx sessions inside a chromadb HTTP client (none for an embedded one).

    The client and the admin client it makes to check the tenant each hold one. chromadb
    creates them with no timeout, offers no setting for one and does not close them when the
    client is closed; `_bound_http_reads` and `VectorStore.close` reach in for that.
    """
    owners = (client, getattr(client, "_admin_client", None))
    sessions = (getattr(getattr(owner, "_server", None), "_session", None) for owner in owners)
    return [session for session in sessions if session is not None]


def _bound_http_reads(client: Any, seconds: float) -> None:
    """Give the HTTP sessions a timeout too, so a stuck call's thread ends (best effort).

    The deadline of `_with_deadline` answers the caller either way.
    """
    import httpx

    for session in _http_sessions(client):
        session.timeout = httpx.Timeout(seconds * 2)


def _with_deadline(action: Callable[[], T], seconds: float, doing: str) -> T:
    """``action()`` on a daemon thread; its result, or `UpstreamTimeoutError` after ``seconds``."""
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(action())
        except BaseException as error:
            future.set_exception(error)

    threading.Thread(target=run, name="chroma-call", daemon=True).start()
    try:
        return future.result(timeout=seconds)
    except TimeoutError:
        log.warning("Chroma call did not answer within %g s (%s)", seconds, doing)
        raise UpstreamTimeoutError(
            f"向量库服务在 {seconds:g} 秒内没有响应（{doing}）。请检查 Chroma 服务"
            "（ASSISTANT_CHROMA_URL）是否正常，或调大 ASSISTANT_CHROMA_TIMEOUT_SECONDS。"
        ) from None
    except Exception as error:
        if not _from_chroma(error):
            raise
        raise _server_failure(error, doing) from None


def _from_chroma(error: Exception) -> bool:
    """Whether an error comes from Chroma or its transport (not from our own code)."""
    import httpx
    from chromadb.errors import ChromaError

    # chromadb raises a plain Exception for a server error it does not know
    return isinstance(error, ChromaError | httpx.HTTPError | OSError) or type(error) is Exception


def _server_failure(error: Exception, doing: str) -> UpstreamError:
    import httpx

    log.warning("Chroma call failed (%s): %r", doing, error)
    if isinstance(error, httpx.TimeoutException):
        return UpstreamTimeoutError(
            f"向量库服务响应超时（{doing}）。请检查 Chroma 服务（ASSISTANT_CHROMA_URL）是否正常。"
        )
    if isinstance(error, httpx.TransportError):
        return UpstreamError(
            f"无法连接向量库服务（{doing}）。请确认 Chroma 服务（ASSISTANT_CHROMA_URL）已启动。"
        )
    return UpstreamError(f"向量库服务出错（{doing}）。请查看 Chroma 服务的日志。")


def _embedded_failure(error: BaseException) -> DataDirError:
    log.warning("embedded Chroma failed: %r", error)
    return DataDirError(
        f"数据目录中的向量库出错（{type(error).__name__}）。请重试；问题持续时，"
        "运行 `assistant ingest --rebuild` 重建索引。"
    )


def _is_missing(error: BaseException) -> bool:
    from chromadb.errors import NotFoundError

    return isinstance(error, NotFoundError)


class VectorStore:
    """One collection of chunk vectors, opened for reading (``create=False``) or writing."""

    def __init__(
        self,
        settings: Settings,
        name: str,
        embeddings: CachedEmbeddings,
        *,
        create: bool,
        fresh: bool = False,
    ) -> None:
        self.name = name
        self._embeddings = embeddings
        self._connection = _Connection(settings, fresh=fresh)
        self._store: Chroma | None = None
        self._collection: Any = None
        if create:
            self._store = self._connection.call(
                lambda: Chroma(
                    collection_name=name,
                    embedding_function=embeddings,
                    client=self._connection.client,
                ),
                "打开集合",
            )
            self._collection = self._store._collection
        else:
            self._collection = self._get_collection()

    def _get_collection(self) -> Any:
        client = self._connection.client

        def get() -> Any:
            try:
                return client.get_collection(self.name, embedding_function=None)
            except Exception as error:
                if _is_missing(error):
                    return None
                raise

        return self._connection.call(get, "打开集合")

    @property
    def exists(self) -> bool:
        """Whether the collection is in the store (a reader does not create it)."""
        return self._collection is not None

    def count(self, timeout: float | None = None) -> int:
        """How many vectors the collection holds (0 when it does not exist)."""
        if self._collection is None:
            return 0
        return int(self._connection.call(self._collection.count, "统计向量", timeout))

    def query(
        self, vector: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[str]:
        """Ids of the k vectors nearest to ``vector``, best first."""
        if self._collection is None or k <= 0:
            return []
        collection = self._collection
        result = self._connection.call(
            lambda: collection.query(
                query_embeddings=[list(vector)], n_results=k, where=where, include=[]
            ),
            "检索",
        )
        return list(result["ids"][0])

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of the ids the collection holds."""
        found: set[str] = set()
        if self._collection is None:
            return found
        collection = self._collection
        for start in range(0, len(ids), 500):
            batch = list(ids[start : start + 500])
            result = self._connection.call(
                functools.partial(collection.get, ids=batch, include=[]), "读取向量"
            )
            found.update(result["ids"])
        return found

    def all_ids(self) -> set[str]:
        """Every id in the collection."""
        found: set[str] = set()
        if self._collection is None:
            return found
        collection = self._collection
        while True:
            offset = len(found)
            page = self._connection.call(
                functools.partial(collection.get, include=[], limit=ID_PAGE, offset=offset),
                "读取向量",
            )
            found.update(page["ids"])
            if len(page["ids"]) < ID_PAGE:
                return found

    def add(self, chunks: Sequence[Chunk]) -> None:
        """Embed (outside the deadline: the model is not Chroma) and store chunks."""
        if self._store is None:
            raise RuntimeError("the vector store was opened for reading")
        texts = [chunk.text for chunk in chunks]
        self._embeddings.embed_documents(texts)  # cached, so add_texts below only stores
        store = self._store
        self._connection.call(
            lambda: store.add_texts(
                texts=texts,
                metadatas=[chunk.metadata() for chunk in chunks],
                ids=[chunk.id for chunk in chunks],
            ),
            "写入向量",
        )

    def add_vectors(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        """Store chunks with vectors computed elsewhere."""
        if self._collection is None:
            raise RuntimeError("the collection does not exist")
        collection = self._collection
        self._connection.call(
            lambda: collection.upsert(
                ids=[chunk.id for chunk in chunks],
                embeddings=[list(vector) for vector in vectors],
                metadatas=[chunk.metadata() for chunk in chunks],
                documents=[chunk.text for chunk in chunks],
            ),
            "写入向量",
        )

    def delete(self, ids: Sequence[str]) -> None:
        """Remove vectors by id."""
        if self._collection is None or not ids:
            return
        collection = self._collection
        for start in range(0, len(ids), ID_PAGE):
            batch = list(ids[start : start + ID_PAGE])
            self._connection.call(functools.partial(collection.delete, ids=batch), "删除向量")

    def collection_names(self, prefix: str) -> list[str]:
        """Names of this data directory's collections (``prefix-…``) in the store."""
        client = self._connection.client
        names = [
            item if isinstance(item, str) else item.name
            for item in self._connection.call(client.list_collections, "列出集合")
        ]
        return [name for name in names if name.startswith(prefix + COLLECTION_PREFIX_SEPARATOR)]

    def drop_other_collections(self, prefix: str, keep: Collection[str]) -> list[str]:
        """Delete this data directory's collections not in ``keep``; their names."""
        client = self._connection.client
        dropped = [name for name in self.collection_names(prefix) if name not in keep]
        for name in dropped:
            self._connection.call(functools.partial(client.delete_collection, name), "删除集合")
        return dropped

    def close(self) -> None:
        """Release the client."""
        self._connection.close()
