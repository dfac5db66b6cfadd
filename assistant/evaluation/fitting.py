"""Outlines that fit the asking office: the runner's section for issue 12's measures.

- ``headings``: leave one summary out (`assistant.evaluation.headings`) with the evaluated model;
- ``leaks``: the labelled names of ``eval/entities.yaml`` in outlines and suggestions
  (`assistant.evaluation.leaks`);
- ``ner``: precision and recall of the chosen de-identification and of the alternative on the
  same labels (`assistant.evaluation.ner`).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.corpus.store import load_corpus
from assistant.evaluation import headings, leaks, ner
from assistant.index.retrieval import SearchIndex
from assistant.outline.chain import OutlineBuilder
from assistant.outline.model import Outline
from assistant.outline.request import OutlineRequest
from assistant.runtime import Runtime

ENTITIES_FILE = "entities.yaml"
# Every profile once and every topic once here (the real model makes each outline slower); the
# test suite asks the whole matrix of `assistant.evaluation.leaks` with the fake encoder.
EVAL_PERIODS = ("上半年",)
EVAL_TOPIC_OFFICES = ("县财政局",)


def heading_section(settings: Settings, runtime: Runtime) -> dict[str, Any]:
    """Leave one summary out: generated headings against the real ones, per office type."""

    def outline_for(held_out: Settings, request: OutlineRequest) -> Outline:
        index = SearchIndex(held_out, runtime.embeddings)
        return OutlineBuilder(index, runtime.offices).build(request)

    documents = load_corpus(settings.corpus_dir)
    scores = headings.leave_one_out(settings, documents, runtime.embeddings, outline_for)
    return headings.summarize(scores)


def leak_section(settings: Settings, runtime: Runtime, folder: Path) -> dict[str, Any]:
    """Labelled names found in outlines for every profile and topic, and in suggestions."""
    entities = leaks.load_entities(folder / ENTITIES_FILE)
    texts = {document.id: document.text for document in load_corpus(settings.corpus_dir)}
    requests = leaks.outline_requests(EVAL_PERIODS, EVAL_TOPIC_OFFICES)
    report = leaks.check_leaks(runtime.outlines.build, runtime.completer, texts, entities, requests)
    return {
        "entities": len(entities),
        "outlines": report.outlines,
        "prefixes": report.prefixes,
        "suggestions": report.suggestions,
        "outline_leaks": report.outline_leaks,
        "suggestion_leaks": report.suggestion_leaks,
    }


def ner_section(settings: Settings, folder: Path) -> dict[str, Any]:
    """The chosen de-identification and the alternative, scored on the labelled entities."""
    documents = ner.load_documents(settings.corpus_dir / "documents", folder / ENTITIES_FILE)
    predictors = ner.candidates()
    return {
        "chosen": ner.CHOSEN,
        "alternative": ner.ALTERNATIVE,
        "candidates": {
            name: asdict(ner.score(documents, predictors[name]))
            for name in (ner.CHOSEN, ner.ALTERNATIVE)
        },
    }


def metrics(results: dict[str, Any]) -> dict[str, float | None]:
    """The section's metrics, by dotted name."""
    found: dict[str, float | None] = {}
    data = results["headings"]
    found["headings.similarity"] = data["similarity"]
    found["headings.matched"] = data["matched"]
    for office, row in data["office_types"].items():
        found[f"headings.{office}.similarity"] = row["similarity"]
        found[f"headings.{office}.matched"] = row["matched"]
    found["leaks.outlines"] = float(sum(map(len, results["leaks"]["outline_leaks"].values())))
    found["leaks.suggestions"] = float(sum(map(len, results["leaks"]["suggestion_leaks"].values())))
    for role in ("chosen", "alternative"):
        scores = results["ner"]["candidates"][results["ner"][role]]
        found[f"ner.{role}.precision"] = scores["mention_precision"]
        found[f"ner.{role}.recall"] = scores["mention_recall"]
    return found
