"""A real index (catalog, Chroma collection, BM25 tokens) of any size, built cheaply.

Synthetic chunks (``eval/synthetic.py``, real sentences recombined) get the vector of the
normalised mean of their sentences' real embeddings, so only the distinct sentences go through
the model (and its cache), and every chunk still has its own, realistic vector. Tokens are
likewise joined from per-sentence jieba tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.config import Settings
from assistant.index.annotate import annotation_fingerprint
from assistant.index.catalog import Catalog
from assistant.index.chunks import Chunk
from assistant.index.embeddings import CachedEmbeddings
from assistant.index.ingest import new_collection_name
from assistant.index.lexical import tokenize
from assistant.index.vector_store import VectorStore
from eval.synthetic import synthetic_chunks

PIECE = re.compile(r"[^。！？\n]+[。！？]?")
ADD_BATCH = 2000


def _pieces(chunk: Chunk) -> list[str]:
    return [piece for piece in PIECE.findall(chunk.text) if piece.strip()]


def build_index(
    settings: Settings, embeddings: CachedEmbeddings, real: Sequence[Chunk], size: int
) -> Catalog:
    """Write a catalog and Chroma collection of ``size`` chunks into the settings' data dir."""
    chunks = list(real) if size <= len(real) else synthetic_chunks(real, size, seed=0, splice=0)
    pieces = sorted({piece for chunk in chunks for piece in _pieces(chunk)})
    vectors = dict(zip(pieces, embeddings.encode(pieces, "passage"), strict=True))
    tokens = {piece: tokenize(piece) for piece in pieces}
    catalog = Catalog(
        model=embeddings.encoder.model_id,
        collection=new_collection_name(settings),
        annotation=annotation_fingerprint(),  # the real chunks' patterns and flags are reused
    )
    store = VectorStore(settings, catalog.collection, embeddings, create=True)
    for start in range(0, len(chunks), ADD_BATCH):
        batch = chunks[start : start + ADD_BATCH]
        rows = []
        for chunk in batch:
            mean = np.mean([vectors[p] for p in _pieces(chunk)], axis=0)
            rows.append((mean / np.linalg.norm(mean)).tolist())
            catalog.chunks[chunk.id] = chunk
            heading_tokens = tokenize(chunk.heading) if chunk.heading else []
            catalog.tokens[chunk.id] = heading_tokens + [
                token for piece in _pieces(chunk) for token in tokens[piece]
            ]
        store.add_vectors(batch, rows)
    store.close()
    catalog.save(settings.index_dir)
    return catalog
