"""Hybrid retrieval: dense (Chroma) and lexical (BM25) rankings fused by reciprocal rank.

Office types are preferred by boosting their chunks' fused score rather than by a Chroma
``where`` filter, which is an order of magnitude slower at 100,000 vectors.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.config import Settings
from assistant.errors import DataDirError
from assistant.index.catalog import Catalog
from assistant.index.chunks import Chunk
from assistant.index.embeddings import CachedEmbeddings
from assistant.index.lexical import LexicalIndex
from assistant.index.vector_store import chroma_client, open_collection
from assistant.ranking import ranking_table


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


class SearchIndex:
    """The committed index opened for queries: catalog, BM25 and the Chroma collection."""

    def __init__(self, settings: Settings, embeddings: CachedEmbeddings) -> None:
        catalog = Catalog.load(settings.index_dir)
        if catalog is None:
            raise DataDirError(
                f"数据目录 {settings.data_dir} 中还没有索引。请先运行 `assistant ingest`。"
            )
        self.catalog = catalog
        self.embeddings = embeddings
        self._ids = list(catalog.chunks)
        self._lexical = LexicalIndex([catalog.tokens[cid] for cid in self._ids])
        self._store = open_collection(chroma_client(settings), catalog.collection, embeddings)

    @property
    def chunks(self) -> dict[str, Chunk]:
        """Every indexed chunk by id."""
        return self.catalog.chunks

    def dense_ranking(self, query: str, k: int) -> list[str]:
        """Chunk ids nearest to the query's embedding, best first."""
        vector = self.embeddings.embed_query(query)
        return self.dense_ranking_by_vector(vector, k)

    def dense_ranking_by_vector(self, vector: list[float], k: int) -> list[str]:
        """Chunk ids nearest to a query vector, best first (ids outside the catalog dropped)."""
        collection: Any = self._store._collection
        result = collection.query(query_embeddings=[vector], n_results=k, include=[])
        return [cid for cid in result["ids"][0] if cid in self.catalog.chunks]

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
