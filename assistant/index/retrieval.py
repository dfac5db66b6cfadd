"""Hybrid retrieval: dense (Chroma) and lexical (BM25) rankings fused by reciprocal rank.

Office types are preferred by boosting their chunks' fused score rather than by a Chroma
``where`` filter, which is an order of magnitude slower at 100,000 vectors. Only chunks of the
catalog are ever returned; vectors it does not name (left by an interrupted ingest, or added by
one still running) are skipped, fetching further when they crowd the nearest ones out.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from assistant.config import Settings
from assistant.errors import AssistantError, DataDirError
from assistant.index.catalog import Catalog
from assistant.index.chunks import Chunk
from assistant.index.embeddings import CachedEmbeddings
from assistant.index.lexical import LexicalIndex
from assistant.index.vector_store import VectorStore
from assistant.ranking import ranking_table

log = logging.getLogger(__name__)

FETCH_GROWTH = 4  # how much further a dense query reaches when unknown vectors crowd it


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk and its fused score."""

    chunk: Chunk
    score: float


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], k: int | None = None
) -> dict[str, float]:
    """Fused scores: the sum over rankings of 1 / (k + rank), ranks from 1."""
    k = ranking_table().retrieval.rrf_k if k is None else k
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores


def missing_index_error() -> DataDirError:
    """The data directory has no index yet."""
    return DataDirError("数据目录中还没有索引。请先运行 `assistant ingest`。")


class SearchIndex:
    """The committed index opened for queries: catalog, BM25 and the Chroma collection.

    ``fresh`` opens a client of its own (for a server reloading after another process's
    ingest). Opening checks the collection against the catalog and logs what is wrong;
    `problems` says it again on demand (``/healthz``).
    """

    def __init__(
        self,
        settings: Settings,
        embeddings: CachedEmbeddings,
        *,
        catalog: Catalog | None = None,
        fresh: bool = False,
    ) -> None:
        catalog = catalog or Catalog.load(settings.index_dir)
        if catalog is None:
            raise missing_index_error()
        self.catalog = catalog
        self.embeddings = embeddings
        self._ids = list(catalog.chunks)
        self._lexical = LexicalIndex([catalog.tokens[cid] for cid in self._ids])
        self.store = VectorStore(
            settings, catalog.collection, embeddings, create=False, fresh=fresh
        )
        stored = self.store.count()
        self._unknown = max(0, stored - len(catalog.chunks))  # vectors to fetch past
        for problem in self._problems(stored):
            log.warning(problem)

    @property
    def chunks(self) -> dict[str, Chunk]:
        """Every indexed chunk by id."""
        return self.catalog.chunks

    def _problems(self, stored: int) -> list[str]:
        expected = len(self.catalog.chunks)
        if not self.store.exists and expected:
            return [
                "向量库中没有索引登记的集合，检索只能按关键词进行。"
                "请运行 `assistant ingest` 补齐向量。"
            ]
        if stored < expected:
            return [
                f"向量库只有 {stored} 个向量，少于索引登记的 {expected} 个片段，"
                "部分内容只能按关键词检索。请运行 `assistant ingest` 补齐向量。"
            ]
        return []

    def problems(self, timeout: float | None = None) -> list[str]:
        """What is wrong with the vector side now (empty when it serves every chunk)."""
        try:
            return self._problems(self.store.count(timeout))
        except AssistantError as error:
            return [str(error)]

    def close(self) -> None:
        """Release the vector store's client."""
        self.store.close()

    def dense_ranking(self, query: str, k: int) -> list[str]:
        """Chunk ids nearest to the query's embedding, best first."""
        vector = self.embeddings.embed_query(query)
        return self.dense_ranking_by_vector(vector, k)

    def dense_ranking_by_vector(self, vector: list[float], k: int) -> list[str]:
        """Up to k catalog chunk ids nearest to a query vector, best first."""
        wanted = min(k, len(self.catalog.chunks))
        fetch = k + self._unknown
        while True:
            found = self.store.query(vector, fetch)
            kept = [cid for cid in found if cid in self.catalog.chunks]
            if len(kept) >= wanted or len(found) < fetch:
                return kept[:k]
            fetch *= FETCH_GROWTH

    def lexical_ranking(self, query: str, k: int) -> list[str]:
        """Chunk ids by BM25 score, best first."""
        return [self._ids[position] for position, _ in self._lexical.search(query, k)]

    def search(
        self,
        query: str,
        *,
        k: int = 10,
        office_types: Collection[str] = (),
        exclude_documents: Collection[str] = (),
        mode: str = "hybrid",
    ) -> list[Hit]:
        """The best k chunks for a query; chunks of the given office types are boosted."""
        weights = ranking_table().retrieval
        fetch = max(weights.min_fetch, 5 * k) + 20 * len(exclude_documents)
        rankings = []
        if mode in {"hybrid", "dense"}:
            rankings.append(self.dense_ranking(query, fetch))
        if mode in {"hybrid", "lexical"}:
            rankings.append(self.lexical_ranking(query, fetch))
        fused = reciprocal_rank_fusion(rankings)
        hits = []
        for cid, score in fused.items():
            chunk = self.catalog.chunks[cid]
            if chunk.document in exclude_documents:
                continue
            boost = weights.office_boost if chunk.office_type in office_types else 1.0
            hits.append(Hit(chunk, score * boost))
        hits.sort(key=lambda hit: (-hit.score, hit.chunk.id))
        return hits[:k]
