"""The genre data carries no unit's names: every fact is a slot."""

import json
from pathlib import Path

import yaml

from assistant.genre.profiles import office_profiles
from assistant.genre.topic_modules import topic_modules

REPO = Path(__file__).resolve().parents[2]
ENTITIES = yaml.safe_load((REPO / "eval" / "entities.yaml").read_text(encoding="utf-8"))["entities"]


def genre_texts() -> list[str]:
    texts: list[str] = []
    for item in (*office_profiles().values(), *topic_modules().values()):
        texts.append(item.model_dump_json())
    return texts


def test_every_labelled_entity_occurs_in_its_document() -> None:
    for entity in ENTITIES:
        text = (REPO / "corpus" / "documents" / f"{entity['document']}.txt").read_text(
            encoding="utf-8"
        )
        assert entity["text"] in text, entity
        assert entity["kind"] in {
            "person",
            "place",
            "organization",
            "company",
            "project",
            "work",
            "event",
            "product",
        }


def test_no_profile_or_topic_contains_a_corpus_entity() -> None:
    texts = [json.loads(t) for t in genre_texts()]
    flat = json.dumps(texts, ensure_ascii=False)
    leaked = sorted({e["text"] for e in ENTITIES if len(e["text"]) >= 2 and e["text"] in flat})
    assert leaked == []
