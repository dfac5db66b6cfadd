"""Indexing documents: parse, chunk, embed (cached), add to Chroma, then commit the catalog.

Idempotent: chunk ids are content hashes, so unchanged input adds nothing. Interruptible: vectors
go to Chroma batch by batch, the catalog is replaced only at the end, so an interrupted run leaves
the previous index usable and the next run picks up the vectors already stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from langchain_chroma import Chroma

from assistant.config import Settings
from assistant.corpus.store import SourceDocument
from assistant.index.annotate import annotation_fingerprint, indexed_chunks
from assistant.index.catalog import Catalog, DocumentRecord, OutdatedCatalogError
from assistant.index.chunks import Chunk
from assistant.index.embeddings import CachedEmbeddings, EmbeddingCache, LazyEncoder
from assistant.index.lexical import tokenize
from assistant.index.vector_store import (
    chroma_client,
    drop_collections,
    existing_ids,
    open_collection,
)

BATCH = 128
EMBEDDING_CACHE_FILE = "embeddings.sqlite"
Progress = Callable[[int, int], None]  # (chunks done, chunks to add)


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did."""

    documents: int  # documents given
    changed_documents: int  # new or changed documents
    chunks: int  # chunks of the new or changed documents
    added_chunks: int  # vectors newly added to Chroma
    encoded_texts: int  # texts the model actually encoded (cache misses)
    total_documents: int  # documents in the index afterwards
    total_chunks: int  # chunks in the index afterwards


def embeddings_for(settings: Settings) -> CachedEmbeddings:
    """The configured model (loaded when first needed) behind the on-disk embedding cache."""
    cache = EmbeddingCache(settings.index_dir / EMBEDDING_CACHE_FILE)
    return CachedEmbeddings(LazyEncoder(settings), cache)


def new_collection_name(settings: Settings) -> str:
    """A fresh collection name in this data directory's namespace."""
    return f"{settings.collection}-{uuid.uuid4().hex[:8]}"


def _record(document: SourceDocument) -> DocumentRecord:
    return DocumentRecord(
        id=document.id,
        title=document.title,
        office_type=document.office_type,
        level=document.level,
        period=document.period,
        topic=document.topic,
        chars=len(document.text),
        content_hash=document.content_hash,
    )


def _previous_catalog(settings: Settings) -> Catalog | None:
    """The committed catalog to add to; one of an older format is rebuilt rather than read."""
    try:
        return Catalog.load(settings.index_dir)
    except OutdatedCatalogError:
        return None


def _tokens_of(chunks: Sequence[Chunk]) -> dict[str, list[str]]:
    return {chunk.id: tokenize(f"{chunk.heading} {chunk.text}") for chunk in chunks}


def _add_vectors(store: Chroma, chunks: Sequence[Chunk], progress: Progress | None) -> None:
    """Embed and add chunks batch by batch, so an interruption keeps the finished batches."""
    for start in range(0, len(chunks), BATCH):
        batch = chunks[start : start + BATCH]
        store.add_texts(
            texts=[chunk.text for chunk in batch],
            metadatas=[chunk.metadata() for chunk in batch],
            ids=[chunk.id for chunk in batch],
        )
        if progress:
            progress(min(start + BATCH, len(chunks)), len(chunks))


def ingest(
    settings: Settings,
    documents: Sequence[SourceDocument],
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    embeddings: CachedEmbeddings | None = None,
) -> IngestReport:
    """Index documents into the configured store and commit the catalog."""
    embeddings = embeddings or embeddings_for(settings)
    encoded_before = embeddings.encoded_count
    previous = None if rebuild else _previous_catalog(settings)
    if previous is not None and previous.model != embeddings.encoder.model_id:
        previous = None  # another model's vectors cannot be mixed in: rebuild
    catalog = previous or Catalog(
        model=embeddings.encoder.model_id, collection=new_collection_name(settings)
    )
    reannotate = catalog.annotation != annotation_fingerprint()
    catalog.annotation = annotation_fingerprint()
    changed = [
        document
        for document in documents
        if reannotate
        or document.id not in catalog.documents
        or catalog.documents[document.id].content_hash != document.content_hash
    ]
    chunks_of = {doc.id: indexed_chunks(doc) for doc in changed}
    wanted: dict[str, Chunk] = {c.id: c for chunks in chunks_of.values() for c in chunks}
    client = chroma_client(settings)
    store = open_collection(client, catalog.collection, embeddings)
    stored = existing_ids(store, list(wanted))
    missing = [cid for cid in wanted if cid not in stored]
    # BM25 tokens are computed on another thread while the model encodes (torch releases the GIL).
    with ThreadPoolExecutor(max_workers=1) as pool:
        tokens_future = pool.submit(_tokens_of, list(wanted.values()))
        # Batches of similar length waste no padding, as the model's own encode arranges it.
        to_add = sorted((wanted[cid] for cid in missing), key=lambda chunk: len(chunk.text))
        _add_vectors(store, to_add, progress)
        tokens = tokens_future.result()
    stale: list[str] = []
    for document in changed:
        stale += catalog.replace_document(_record(document), chunks_of[document.id], tokens)
    catalog.save(settings.index_dir)
    if stale:
        store.delete(ids=stale)
    drop_collections(client, settings.collection, keep=catalog.collection)
    return IngestReport(
        documents=len(documents),
        changed_documents=len(changed),
        chunks=len(wanted),
        added_chunks=len(missing),
        encoded_texts=embeddings.encoded_count - encoded_before,
        total_documents=len(catalog.documents),
        total_chunks=len(catalog.chunks),
    )
