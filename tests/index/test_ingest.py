"""Ingest and retrieval with the fake encoder and an embedded Chroma (fast)."""

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.corpus.store import SourceDocument, load_corpus
from assistant.index.catalog import Catalog
from assistant.index.embeddings import CachedEmbeddings, EmbeddingCache
from assistant.index.ingest import ingest
from assistant.index.retrieval import SearchIndex, reciprocal_rank_fusion
from assistant.index.vector_store import VectorStore
from tests.conftest import REPO, FakeEncoder


@pytest.fixture
def corpus() -> list[SourceDocument]:
    return load_corpus(REPO / "corpus")


def cached(settings: Settings) -> CachedEmbeddings:
    return CachedEmbeddings(FakeEncoder(), EmbeddingCache(settings.index_dir / "embeddings.sqlite"))


def test_reciprocal_rank_fusion_rewards_agreement() -> None:
    scores = reciprocal_rank_fusion([["a", "b", "c"], ["b", "a", "d"]], k=60)
    assert scores["a"] == scores["b"] > scores["c"] == scores["d"]


def test_ingest_indexes_every_document_with_metadata(
    fake_settings: Settings, corpus: list[SourceDocument]
) -> None:
    report = ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    assert report.total_documents == 8
    assert report.added_chunks == report.total_chunks > 8 * 5
    catalog = Catalog.load(fake_settings.index_dir)
    assert catalog is not None
    roles = {chunk.role for chunk in catalog.chunks.values()}
    assert {"opening", "achievements", "problems", "plans"} <= roles
    chunk = next(c for c in catalog.chunks.values() if c.document == "seed-08" and c.level == 1)
    assert chunk.office_type == "农机局" and chunk.heading


def test_reingest_of_unchanged_input_adds_and_encodes_nothing(
    fake_settings: Settings, corpus: list[SourceDocument]
) -> None:
    ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    again = ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    assert (again.changed_documents, again.added_chunks, again.encoded_texts) == (0, 0, 0)


def test_changed_document_replaces_its_chunks(
    fake_settings: Settings, corpus: list[SourceDocument]
) -> None:
    ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    edited = replace(
        corpus[7], text=corpus[7].text + "四加强安全生产监管\n全年未发生重大农机事故。\n"
    )
    report = ingest(fake_settings, [edited], embeddings=cached(fake_settings))
    assert report.changed_documents == 1 and report.total_documents == 8
    catalog = Catalog.load(fake_settings.index_dir)
    assert catalog is not None
    texts = [c.text for c in catalog.chunks.values() if c.document == "seed-08"]
    assert any("全年未发生重大农机事故" in text for text in texts)
    index = SearchIndex(fake_settings, cached(fake_settings))
    assert index.store.existing_ids(list(catalog.chunks)) == set(catalog.chunks)
    assert index.store.count() == len(catalog.chunks)  # the old version's chunks are gone


def test_interrupted_ingest_keeps_the_previous_index_and_the_next_run_completes_it(
    fake_settings: Settings, corpus: list[SourceDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assistant.index.ingest.BATCH", 16)
    ingest(fake_settings, corpus[:4], embeddings=cached(fake_settings))
    before = Catalog.load(fake_settings.index_dir)
    assert before is not None

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(fake_settings, corpus, embeddings=cached(fake_settings), progress=interrupt)
    after_interrupt = Catalog.load(fake_settings.index_dir)
    assert after_interrupt is not None
    assert set(after_interrupt.documents) == set(before.documents)
    hits = SearchIndex(fake_settings, cached(fake_settings)).search("科技项目", k=5)
    assert hits and all(hit.chunk.document in before.documents for hit in hits)

    embeddings = cached(fake_settings)
    completed = ingest(fake_settings, corpus, embeddings=embeddings)
    assert completed.total_documents == 8
    assert 0 < completed.added_chunks < completed.chunks  # the first batch was already stored
    assert completed.encoded_texts == completed.added_chunks  # cached vectors were reused


def test_rebuild_switches_collection_and_drops_the_old_one(
    fake_settings: Settings, corpus: list[SourceDocument]
) -> None:
    ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    first = Catalog.load(fake_settings.index_dir)
    report = ingest(fake_settings, corpus, rebuild=True, embeddings=cached(fake_settings))
    second = Catalog.load(fake_settings.index_dir)
    assert first is not None and second is not None
    assert second.collection != first.collection
    assert report.encoded_texts == 0  # the embedding cache survives a rebuild
    store = VectorStore(fake_settings, second.collection, cached(fake_settings), create=False)
    # the rebuilt-away collection stays for a server still using it, until the next ingest
    assert sorted(store.collection_names("summaries")) == sorted(
        [first.collection, second.collection]
    )
    ingest(fake_settings, corpus[:1], embeddings=cached(fake_settings))
    assert store.collection_names("summaries") == [second.collection]


def test_office_boost_puts_the_office_first(
    fake_settings: Settings, corpus: list[SourceDocument]
) -> None:
    ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    index = SearchIndex(fake_settings, cached(fake_settings))
    hits = index.search("加强队伍建设", k=5, office_types={"农机局"})
    assert hits[0].chunk.office_type == "农机局"
    excluded = index.search("加强队伍建设", k=5, exclude_documents={"seed-08"})
    assert all(hit.chunk.document != "seed-08" for hit in excluded)


def test_missing_index_asks_to_run_ingest(fake_settings: Settings) -> None:
    from assistant.errors import DataDirError

    with pytest.raises(DataDirError, match="assistant ingest"):
        SearchIndex(fake_settings, cached(fake_settings))


def test_corrupt_catalog_asks_for_rebuild(fake_settings: Settings, tmp_path: Path) -> None:
    from assistant.errors import DataDirError

    fake_settings.index_dir.mkdir(parents=True)
    (fake_settings.index_dir / "catalog.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataDirError, match="--rebuild"):
        Catalog.load(fake_settings.index_dir)


def test_ingest_rebuilds_an_index_of_an_older_format_and_names_what_it_dropped(
    fake_settings: Settings, corpus: list[SourceDocument]
) -> None:
    from assistant.errors import DataDirError

    ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    path = fake_settings.index_dir / "catalog.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    old["version"] = 1
    old["documents"].append({**old["documents"][0], "id": "mine", "title": "我的总结"})
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataDirError, match=r"旧版本.*assistant ingest"):
        Catalog.load(fake_settings.index_dir)

    report = ingest(fake_settings, corpus, embeddings=cached(fake_settings))

    assert report.total_documents == 8 and report.changed_documents == 8
    assert report.outdated_titles == ("我的总结",)
    assert Catalog.load(fake_settings.index_dir) is not None


def raw_client(settings: Settings) -> Any:
    """Chroma itself, not through the code under test."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    options = ChromaSettings(anonymized_telemetry=False)
    return chromadb.PersistentClient(path=str(settings.index_dir / "chroma"), settings=options)


def raw_count(settings: Settings, collection: str) -> int:
    """Vectors in a collection, asked of Chroma directly."""
    return int(raw_client(settings).get_collection(collection).count())


def test_vectors_left_by_an_interrupted_ingest_never_crowd_out_search_and_are_cleaned(
    fake_settings: Settings, corpus: list[SourceDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11.6: unreferenced vectors made dense search keep 0 of the 50 it fetched."""
    ingest(fake_settings, corpus[:4], embeddings=cached(fake_settings))
    copies = [replace(doc, id=f"copy{n}-{doc.id}") for n in range(12) for doc in corpus]
    monkeypatch.setattr("assistant.index.ingest.BATCH", 64)

    def interrupt_near_the_end(done: int, total: int) -> None:
        if done > 0.9 * total:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(
            fake_settings, copies, embeddings=cached(fake_settings), progress=interrupt_near_the_end
        )
    catalog = Catalog.load(fake_settings.index_dir)
    assert catalog is not None and set(catalog.documents) == {doc.id for doc in corpus[:4]}
    assert raw_count(fake_settings, catalog.collection) > 10 * len(catalog.chunks)

    index = SearchIndex(fake_settings, cached(fake_settings))
    for query in ["加强队伍建设", "科技项目申报", "下一步工作打算"]:
        hits = index.search(query, k=10, mode="dense")
        assert len(hits) == 10
        assert all(hit.chunk.id in catalog.chunks for hit in hits)

    report = ingest(fake_settings, corpus[:4], embeddings=cached(fake_settings))
    assert report.changed_documents == 0 and report.removed_orphans > 0
    assert raw_count(fake_settings, catalog.collection) == len(catalog.chunks)


def test_a_store_missing_the_catalogs_collection_is_restored_by_the_next_ingest(
    fake_settings: Settings, corpus: list[SourceDocument]
) -> None:
    """Issue 11.7: a catalog naming a collection that no longer exists passed for a full index."""
    ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    catalog = Catalog.load(fake_settings.index_dir)
    assert catalog is not None
    raw_client(fake_settings).delete_collection(catalog.collection)
    report = ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    assert report.changed_documents == 0
    assert raw_count(fake_settings, catalog.collection) == len(catalog.chunks)
    assert report.restored_chunks == len(catalog.chunks)


def test_an_index_whose_vectors_are_missing_says_so_instead_of_passing_for_full(
    fake_settings: Settings, corpus: list[SourceDocument]
) -> None:
    ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    catalog = Catalog.load(fake_settings.index_dir)
    assert (
        catalog is not None and SearchIndex(fake_settings, cached(fake_settings)).problems() == []
    )
    raw_client(fake_settings).delete_collection(catalog.collection)
    index = SearchIndex(fake_settings, cached(fake_settings))
    (problem,) = index.problems()
    assert "assistant ingest" in problem and str(fake_settings.data_dir) not in problem
    assert index.search("加强队伍建设", k=5, mode="lexical")  # BM25 still answers
    assert index.search("加强队伍建设", k=5, mode="dense") == []


def test_a_store_with_some_vectors_lost_gets_exactly_those_back(
    fake_settings: Settings, corpus: list[SourceDocument]
) -> None:
    ingest(fake_settings, corpus, embeddings=cached(fake_settings))
    catalog = Catalog.load(fake_settings.index_dir)
    assert catalog is not None
    lost = sorted(catalog.chunks)[:7]
    raw_client(fake_settings).get_collection(catalog.collection).delete(ids=lost)
    assert "少于" in SearchIndex(fake_settings, cached(fake_settings)).problems()[0]
    embeddings = cached(fake_settings)
    report = ingest(fake_settings, corpus, embeddings=embeddings)
    assert (report.restored_chunks, report.encoded_texts) == (7, 0)  # from the cache
    assert raw_count(fake_settings, catalog.collection) == len(catalog.chunks)
