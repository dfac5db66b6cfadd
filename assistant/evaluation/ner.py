"""Named-entity recognition for de-identification: precision and recall of each candidate.

Every sentence of the built-in corpus goes through each candidate; the spans it would turn into
name slots are compared with the hand-labelled entities of ``eval/entities.yaml`` (every
occurrence of each entity in its document, longest first):

- mention recall: share of entity occurrences wholly covered by predicted spans;
- mention precision: share of predicted spans that overlap an entity occurrence;
- character precision/recall: the same counted in characters;
- ms/sentence: mean time per sentence over the corpus.

Candidates: the existing ``slotify`` name patterns, jieba's POS tags (nr/ns/nt) and Baidu LAC
(PER/LOC/ORG/nw) raw, each tagger combined with the rules of ``assistant.corpus.entities``
(name patterns, 《》 titles, the name rules, generic bodies kept), and each with the rules and
the names found anywhere in the document applied to all its sentences (what ingest does; the
chosen candidate). ``eval/bench_ner.py`` prints the table; ``assistant eval`` scores the chosen.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.corpus.entities import (
    Tagger,
    document_names,
    find_names,
    jieba_tags,
    lac_tags,
    tagged_spans,
)
from assistant.corpus.text import SENTENCE, slotify

NAME_SLOTS = ("〔单位名称〕", "〔地名〕")
CHOSEN = "LAC + rules + document names (chosen)"
ALTERNATIVE = "jieba + rules + document names"

Spans = list[tuple[int, int]]


def slotify_spans(sentence: str) -> Spans:
    """Where the existing ``slotify`` puts a company or place slot, aligned back to the text."""
    slotted = slotify(sentence)
    matcher = difflib.SequenceMatcher(None, sentence, slotted, autojunk=False)
    return [
        (i1, i2)
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op == "replace" and any(s in slotted[j1:j2] for s in NAME_SLOTS)
    ]


CANDIDATES: dict[str, Callable[[str], Spans]] = {
    "slotify (regex, existing)": slotify_spans,
    "jieba posseg raw": lambda s: [(x.start, x.end) for x in tagged_spans(s, jieba_tags)],
    "jieba + rules": lambda s: [(x.start, x.end) for x in find_names(s, jieba_tags)],
    "LAC raw": lambda s: [(x.start, x.end) for x in tagged_spans(s, lac_tags)],
    "LAC + rules": lambda s: [(x.start, x.end) for x in find_names(s, lac_tags)],
}
# Candidates that first read the whole document: names found in any sentence are slots in all.
DOCUMENT_CANDIDATES: dict[str, Tagger] = {
    "jieba + rules + document names": jieba_tags,
    "LAC + rules + document names (chosen)": lac_tags,
}


@dataclass
class Document:
    """A corpus document's sentences (with offsets) and its entity occurrences."""

    doc_id: str
    sentences: list[tuple[int, str]]
    gold: Spans
    gold_texts: dict[tuple[int, int], str]


def gold_occurrences(text: str, names: list[str]) -> Spans:
    """Every occurrence of the names in a text, longest first, without overlaps."""
    taken: Spans = []
    for name in sorted(set(names), key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
            start = text.find(name, start + 1)
    return sorted(taken)


def load_documents(documents_dir: Path, entities_file: Path) -> list[Document]:
    """The corpus documents' sentences and their labelled entity occurrences."""
    entities = yaml.safe_load(entities_file.read_text(encoding="utf-8"))["entities"]
    documents = []
    for path in sorted(documents_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        names = [e["text"] for e in entities if e["document"] == path.stem]
        gold = gold_occurrences(text, names)
        sentences = [(m.start(), m.group()) for m in SENTENCE.finditer(text) if m.group().strip()]
        documents.append(Document(path.stem, sentences, gold, {g: text[g[0] : g[1]] for g in gold}))
    return documents


PredictDocument = Callable[[list[str]], list[Spans]]


def per_sentence(predict: Callable[[str], Spans]) -> PredictDocument:
    """A sentence candidate applied to each sentence of a document."""
    return lambda sentences: [predict(sentence) for sentence in sentences]


def with_document_names(tagger: Tagger) -> PredictDocument:
    """Names found anywhere in the document become slots in every sentence."""

    def predict(sentences: list[str]) -> list[Spans]:
        known = document_names(sentences, tagger)
        return [[(x.start, x.end) for x in find_names(s, tagger, known)] for s in sentences]

    return predict


@dataclass(frozen=True)
class NerScore:
    """One candidate's scores on the labelled corpus."""

    mention_precision: float
    mention_recall: float
    char_precision: float
    char_recall: float
    ms_per_sentence: float
    predicted_spans: int
    gold_mentions: int
    misses: list[str]


def score(documents: list[Document], predict: PredictDocument) -> NerScore:
    """Precision, recall and speed of a candidate, and the entity occurrences it missed."""
    covered = predicted = hit_predictions = 0
    gold_chars = predicted_chars = common_chars = 0
    gold_total = 0
    misses: list[str] = []
    elapsed = 0.0
    sentences = 0
    for doc in documents:
        spans: Spans = []
        began = time.perf_counter()
        found_per_sentence = predict([sentence for _, sentence in doc.sentences])
        elapsed += time.perf_counter() - began
        sentences += len(doc.sentences)
        for (offset, _), found in zip(doc.sentences, found_per_sentence, strict=True):
            spans.extend((offset + a, offset + b) for a, b in found)
        chars = {i for a, b in spans for i in range(a, b)}
        gold_set = {i for a, b in doc.gold for i in range(a, b)}
        gold_total += len(doc.gold)
        for a, b in doc.gold:
            if all(i in chars for i in range(a, b)):
                covered += 1
            else:
                misses.append(f"{doc.doc_id}: {doc.gold_texts[(a, b)]}")
        predicted += len(spans)
        hit_predictions += sum(1 for a, b in spans if any(i in gold_set for i in range(a, b)))
        gold_chars += len(gold_set)
        predicted_chars += len(chars)
        common_chars += len(chars & gold_set)
    return NerScore(
        mention_precision=hit_predictions / max(1, predicted),
        mention_recall=covered / max(1, gold_total),
        char_precision=common_chars / max(1, predicted_chars),
        char_recall=common_chars / max(1, gold_chars),
        ms_per_sentence=1000 * elapsed / max(1, sentences),
        predicted_spans=predicted,
        gold_mentions=gold_total,
        misses=misses,
    )


def candidates() -> dict[str, PredictDocument]:
    """Every candidate, as a document predictor."""
    found = {name: per_sentence(predict) for name, predict in CANDIDATES.items()}
    found.update({name: with_document_names(t) for name, t in DOCUMENT_CANDIDATES.items()})
    return found
