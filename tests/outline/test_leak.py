"""No outline for any kind of unit or topic, and no suggestion, carries a name of eval/entities.yaml."""

import dataclasses
import datetime
from pathlib import Path

import pytest

from assistant.completion.completer import Completer
from assistant.corpus.store import load_corpus
from assistant.evaluation.leaks import LEAD_IN, Entity, check_leaks, load_entities, typed_prefixes
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
    assert report.prefixes > 400 and report.suggestions > 100  # offered only when confident
    assert report.outline_leaks == {}
    assert report.suggestion_leaks == {}


def test_the_check_finds_a_name_when_one_is_there(builder: OutlineBuilder) -> None:
    entities = [e for e in load_entities(ENTITIES) if e.text == "肖华安"]
    texts = {"seed-07": "列为招商引资重点项目。重庆海丰建设集团董事长肖华安先生多次来我县考察。"}
    raw = [c for c in builder.index.chunks.values() if c.document == "seed-07"]
    # Raw text instead of patterns, in two documents (a name one document holds is not offered).
    copies = [dataclasses.replace(c, pattern=c.text, document=d) for d in ("a", "b") for c in raw]
    leaky = Completer.from_chunks(copies)
    report = check_leaks(builder.build, leaky, texts, entities)
    assert "肖华安" in report.suggestion_leaks


def test_prefixes_stop_at_each_clause_and_just_before_each_name() -> None:
    text = "我县与海丰集团签约。董事长肖华安先生来访。"
    prefixes = typed_prefixes({"d": text}, [Entity("肖华安", "person", "d")])
    name = text.index("肖华安")
    assert [text[:end] for end in range(name - LEAD_IN, name + 1)] == [
        p for p in prefixes if name - LEAD_IN <= len(p) <= name
    ]
    assert "我县与海丰集团签约。" in prefixes and text in prefixes
