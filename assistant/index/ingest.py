"""Indexing documents: parse, chunk, embed (cached), add to Chroma, then commit the catalog.

One writer at a time: the data directory's writer lock is held from reading the catalog to
committing it (a second ingest waits). Idempotent: chunk ids are content hashes, so unchanged
input adds nothing. Interruptible: vectors go to Chroma batch by batch, the catalog is replaced
only at the end, so an interrupted run leaves the previous index usable and the next run picks
up the vectors already stored. Self-repairing: vectors the catalog names but the store lacks
(a new Chroma server, a lost collection) are added back, and vectors no catalog names (left by
an interrupted run) are deleted once the new catalog is committed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from assistant.config import Settings
from assistant.corpus.store import SourceDocument
from assistant.errors import InputError, OutdatedIndexError
from assistant.index.annotate import annotation_fingerprint, indexed_chunks
from assistant.index.catalog import Catalog, DocumentRecord
from assistant.index.chunks import Chunk
from assistant.index.embeddings import CachedEmbeddings, EmbeddingCache, LazyEncoder
from assistant.index.lexical import tokenize
from assistant.index.vector_store import VectorStore
from assistant.index.writer_lock import Notify, writer_lock

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
    restored_chunks: int = 0  # committed chunks whose vectors were missing and were added back
    removed_orphans: int = 0  # vectors no catalog named (an interrupted run's), deleted
    outdated_titles: tuple[str, ...] = ()  # documents of an older-format index that was rebuilt


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


def _tokens_of(chunks: Sequence[Chunk]) -> dict[str, list[str]]:
    return {chunk.id: tokenize(f"{chunk.heading} {chunk.text}") for chunk in chunks}


def _add_vectors(store: VectorStore, chunks: Sequence[Chunk], progress: Progress | None) -> None:
    """Embed and add chunks batch by batch, so an interruption keeps the finished batches."""
    for start in range(0, len(chunks), BATCH):
        store.add(chunks[start : start + BATCH])
        if progress:
            progress(min(start + BATCH, len(chunks)), len(chunks))


def unique_documents(documents: Sequence[SourceDocument]) -> list[SourceDocument]:
    """The documents, a repeat of the same document dropped.

    Two different documents under one id are refused: one would silently replace the other.
    """
    seen: dict[str, SourceDocument] = {}
    for document in documents:
        kept = seen.setdefault(document.id, document)
        if kept.content_hash != document.content_hash:
            raise InputError(
                f"两篇不同的文档使用了同一个 id“{document.id}”（《{kept.title}》和"
                f"《{document.title}》）。请在语料清单中为其中一篇改用别的 id。"
            )
    return list(seen.values())


def ingest(
    settings: Settings,
    documents: Sequence[SourceDocument],
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    embeddings: CachedEmbeddings | None = None,
    notify: Notify | None = None,
) -> IngestReport:
    """Index documents into the configured store and commit the catalog.

    One writer at a time: ``notify`` is told when this one has to wait for another.
    """
    documents = unique_documents(documents)
    embeddings = embeddings or embeddings_for(settings)
    with writer_lock(settings.index_dir, notify):
        return _ingest_locked(settings, documents, embeddings, rebuild=rebuild, progress=progress)


def _ingest_locked(
    settings: Settings,
    documents: Sequence[SourceDocument],
    embeddings: CachedEmbeddings,
    *,
    rebuild: bool,
    progress: Progress | None,
) -> IngestReport:
    encoded_before = embeddings.encoded_count
    outdated: list[str] = []
    try:
        previous = Catalog.load(settings.index_dir)
    except OutdatedIndexError as error:
        previous, outdated = None, error.titles  # written by an older version: rebuild
    model = embeddings.encoder.model_id
    catalog = previous
    retired: str | None = None  # a rebuilt-away collection, kept until the next ingest
    if previous is None or rebuild or previous.model != model:
        # a rebuild, or another model's vectors that cannot be mixed in: a new collection
        catalog = Catalog(model=model, collection=new_collection_name(settings))
        if previous is not None:
            catalog.generation = previous.generation
            retired = previous.collection
    assert catalog is not None
    reannotate = catalog.annotation != annotation_fingerprint()
    catalog.annotation = annotation_fingerprint()
    changed = [
        document
        for document in documents
        if reannotate
        or document.id not in catalog.documents
        or catalog.documents[document.id].content_hash != document.content_hash
    ]
    changed_ids = {document.id for document in changed}
    chunks_of = {doc.id: indexed_chunks(doc) for doc in changed}
    wanted: dict[str, Chunk] = {c.id: c for chunks in chunks_of.values() for c in chunks}
    store = VectorStore(settings, catalog.collection, embeddings, create=True)
    try:
        # A store holding another number of vectors than the catalog names is listed whole:
        # committed chunks it lacks are added back, and the ones wanted here are found in it.
        listed = store.all_ids() if store.count() != len(catalog.chunks) else None
        lost = [
            chunk
            for cid, chunk in catalog.chunks.items()
            if listed is not None and cid not in listed and chunk.document not in changed_ids
        ]
        stored = listed if listed is not None else store.existing_ids(list(wanted))
        missing = [chunk for cid, chunk in wanted.items() if cid not in stored]
        # BM25 tokens are computed on another thread while the model encodes (torch releases
        # the GIL). Batches of similar length waste no padding, as the model's own encode does.
        with ThreadPoolExecutor(max_workers=1) as pool:
            tokens_future = pool.submit(_tokens_of, list(wanted.values()))
            to_add = sorted(missing + lost, key=lambda chunk: len(chunk.text))
            _add_vectors(store, to_add, progress)
            tokens = tokens_future.result()
        stale: list[str] = []
        for document in changed:
            stale += catalog.replace_document(_record(document), chunks_of[document.id], tokens)
        catalog.save(settings.index_dir)
        store.delete(stale)
        orphans: list[str] = []
        if store.count() != len(catalog.chunks):
            orphans = sorted(store.all_ids() - set(catalog.chunks))
            store.delete(orphans)
        keep = {catalog.collection} | ({retired} if retired else set())
        store.drop_other_collections(settings.collection, keep=keep)
    finally:
        store.close()
    given_titles = {document.title for document in documents}
    return IngestReport(
        documents=len(documents),
        changed_documents=len(changed),
        chunks=len(wanted),
        added_chunks=len(missing),
        encoded_texts=embeddings.encoded_count - encoded_before,
        total_documents=len(catalog.documents),
        total_chunks=len(catalog.chunks),
        restored_chunks=len(lost),
        removed_orphans=len(orphans),
        outdated_titles=tuple(title for title in outdated if title not in given_titles),
    )
