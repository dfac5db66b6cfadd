"""No outline for any kind of unit or topic, and no suggestion, carries a name of eval/entities.yaml."""

import datetime
from pathlib import Path

import pytest

from assistant.completion.completer import Completer
from assistant.corpus.store import load_corpus
from assistant.evaluation.leaks import check_leaks, load_entities
from assistant.outline.chain import OutlineBuilder
from tests.conftest import REPO
from tests.outline.test_outline import make_builder

ENTITIES = REPO / "eval" / "entities.yaml"


@pytest.fixture(scope="module")
def builder(tmp_path_factory: pytest.TempPathFactory) -> OutlineBuilder:
    return make_builder(tmp_path_factory.mktemp("leak"), datetime.date(2026, 3, 20))


def test_no_outline_and_no_suggestion_carries_a_labelled_name(
    builder: OutlineBuilder, tmp_path: Path
) -> None:
    entities = load_entities(ENTITIES)
    assert len(entities) >= 90
    texts = {document.id: document.text for document in load_corpus(REPO / "corpus")}
    completer = Completer.from_chunks(builder.index.chunks.values())
    report = check_leaks(builder.build, completer, texts, entities)
    assert report.outlines >= 53 * 3 + 20 * 4
    assert report.prefixes > 400 and report.suggestions > 500
    assert report.outline_leaks == {}
    assert report.suggestion_leaks == {}


def test_the_check_finds_a_name_when_one_is_there(builder: OutlineBuilder) -> None:
    entities = [e for e in load_entities(ENTITIES) if e.text == "龙女米业"]
    texts = {"seed-07": "川粮集团龙女米业设立了专门的产品开发部。"}
    raw = [c for c in builder.index.chunks.values() if c.document == "seed-07"]
    leaky = Completer.from_chunks([c.__class__(**{**vars(c), "pattern": c.text}) for c in raw])
    report = check_leaks(builder.build, leaky, texts, entities)
    assert "龙女米业" in report.suggestion_leaks
