"""Retrieval quality, leave one document out.

A summary's title and opening are the query, the summary itself is excluded, and the top chunks
are scored on sharing its office type.

Scored per query over the top ``DEPTH`` chunks: hit@1, hit@3 and reciprocal rank, for dense
(e5 in Chroma), lexical (BM25 over jieba tokens) and hybrid (their fusion) rankings, without any
office boost (the office type is what is being predicted). An office type with a single summary
cannot be hit once that summary is excluded: its queries are listed, but the aggregate scores
are over the summaries whose office type has another summary. ``chance`` is the hit@1 a random
chunk would score: the share of the remaining chunks with the query's office type.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from assistant.evaluation.metrics import hit_at, mean, reciprocal_rank
from assistant.index.retrieval import SearchIndex

MODES = ("dense", "lexical", "hybrid")
DEPTH = 10
OPENING_CHARS = 150


@dataclass(frozen=True)
class QueryScore:
    """One leave-one-out query in one mode."""

    document: str
    office_type: str
    mode: str
    hit1: float
    hit3: float
    rr: float
    chance: float
    top: tuple[str, ...]  # office types of the top 3 chunks


def document_query(title: str, text: str) -> str:
    """A summary's title and the start of its text."""
    return f"{title}\n{text.strip()[:OPENING_CHARS]}"


def leave_one_out(index: SearchIndex, texts: dict[str, str]) -> list[QueryScore]:
    """Every indexed document with a text, queried in every mode."""
    chunks = list(index.chunks.values())
    scores = []
    for doc_id, record in sorted(index.catalog.documents.items()):
        if doc_id not in texts:
            continue
        query = document_query(record.title, texts[doc_id])
        rest = [c for c in chunks if c.document != doc_id]
        chance = sum(c.office_type == record.office_type for c in rest) / len(rest) if rest else 0
        for mode in MODES:
            hits = index.search(query, k=DEPTH, exclude_documents={doc_id}, mode=mode)
            relevant = [hit.chunk.office_type == record.office_type for hit in hits]
            scores.append(
                QueryScore(
                    doc_id,
                    record.office_type,
                    mode,
                    hit_at(relevant, 1),
                    hit_at(relevant, 3),
                    reciprocal_rank(relevant),
                    chance,
                    tuple(hit.chunk.office_type for hit in hits[:3]),
                )
            )
    return scores


def _aggregate(rows: list[QueryScore]) -> dict[str, Any]:
    return {
        "queries": len(rows),
        "hit@1": mean([r.hit1 for r in rows]) if rows else None,
        "hit@3": mean([r.hit3 for r in rows]) if rows else None,
        "mrr": mean([r.rr for r in rows]) if rows else None,
        "chance@1": mean([r.chance for r in rows]) if rows else None,
    }


def summarize(scores: list[QueryScore]) -> dict[str, Any]:
    """Scores per mode (over eligible documents), per office type and mode, and per query."""
    documents = {s.document: s.office_type for s in scores}
    per_type = Counter(documents.values())
    eligible = {doc for doc, office in documents.items() if per_type[office] > 1}
    modes = {
        mode: _aggregate([s for s in scores if s.mode == mode and s.document in eligible])
        for mode in MODES
    }
    by_type = {
        office: {
            "documents": count,
            "eligible": count > 1,
            **{
                mode: _aggregate([s for s in scores if s.mode == mode and s.office_type == office])
                for mode in MODES
            },
        }
        for office, count in sorted(per_type.items(), key=lambda item: (-item[1], item[0]))
    }
    return {
        "eligible_documents": sorted(eligible),
        "modes": modes,
        "office_types": by_type,
        "queries": [vars(s) | {"top": list(s.top)} for s in scores],
    }
