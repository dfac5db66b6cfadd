"""Hybrid retrieval with the real model, against embedded Chroma and a `chroma run` server."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.corpus.store import load_corpus
from assistant.index.embeddings import CachedEmbeddings
from assistant.index.ingest import embeddings_for, ingest
from assistant.index.vector_store import VectorStore
from assistant.runtime import Runtime
from tests.conftest import REPO, settings_with_model

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module", params=["embedded", "server"])
def runtime(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, corpus_vectors: Path
) -> Iterator[Runtime]:
    settings = settings_with_model(tmp_path_factory.mktemp(request.param), corpus_vectors)
    if request.param == "server":
        url = request.getfixturevalue("chroma_server")
        settings = settings.model_copy(update={"chroma_url": url, "collection": "retrieval"})
    ingest(settings, load_corpus(REPO / "corpus"), embeddings=embeddings_for(settings))
    runtime = Runtime.open(settings)
    yield runtime
    runtime.close()


def test_office_query_returns_that_offices_document_first(runtime: Runtime) -> None:
    hits = runtime.search("农机 队伍建设", office="农机局", k=5)
    assert hits[0].chunk.document == "seed-08"
    assert [hit.chunk.office_type for hit in hits[:3]] == ["农机局"] * 3


def test_dense_and_lexical_rankings_both_find_the_topic(runtime: Runtime) -> None:
    query = "普法宣传教育 法律素质"
    dense = runtime.index.search(query, k=3, mode="dense")
    lexical = runtime.index.search(query, k=3, mode="lexical")
    assert dense[0].chunk.document == "seed-05"
    assert lexical[0].chunk.document == "seed-05"


def test_semantic_query_without_shared_words_is_found_by_the_dense_side(runtime: Runtime) -> None:
    hits = runtime.index.search("下一阶段的工作安排", k=10, mode="dense")
    assert any(hit.chunk.role == "plans" for hit in hits)


def test_unseen_office_type_maps_to_nearest_types(runtime: Runtime) -> None:
    exact = runtime.match_office("我们是县农机局的")
    assert exact is not None and exact.exact and exact.types == ("农机局",)
    for unseen in ["教育局", "街道办", "卫健委"]:
        match = runtime.match_office(unseen)
        assert match is not None and not match.exact and match.types
    street = runtime.match_office("街道办")
    assert street is not None and street.types[0] == "乡镇"


def test_closing_a_server_store_closes_every_http_session(
    chroma_server: str, fake_settings: Settings, fake_embeddings: CachedEmbeddings
) -> None:
    """chromadb's client and its tenant-checking admin client each keep an httpx session."""
    settings = fake_settings.model_copy(update={"chroma_url": chroma_server})
    store = VectorStore(settings, "sessions", fake_embeddings, create=True)
    assert store.count() == 0
    client = store._connection.client
    sessions = [client._server._session, client._admin_client._server._session]
    assert not any(session.is_closed for session in sessions)
    store.close()
    assert all(session.is_closed for session in sessions)
