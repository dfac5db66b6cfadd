"""Autocomplete quality: held-out sentences, the case prefixes, and the latency of both.

Every body sentence of the corpus (at least ``MIN_SENTENCE_CHARS`` long) is cut in half; the
draft up to the cut (everything before it in its summary, as an editor sends it) is completed
for the summary's office type, and a suggestion is accepted when it is a prefix of the true
continuation or shares its first two characters or more (both normalised as the completer
normalises text: full-width marks, figures as slots). The completer offers patterns computed at
ingest, never another unit's names, so the sentences that hold names (or are mostly figures)
are not asked: a writer typing another unit's name is not to be continued with its text.
Two settings:

- held out: the completer is built from every other summary's chunks, so the sentence and its
  summary are unseen. This is the generalisation score; with eight seed summaries nearly every
  sentence is unique to its summary, so it is low, and suggesting nothing is the intended
  answer to unknown text;
- seen: the completer holds every chunk, the sentence included: whether known phrasing is
  found and ranked first (an upper bound, and a guard against ranking regressions).

Case prefixes are completed by the full completer and checked for the kind of continuation
expected.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.completion.completer import Completer
from assistant.completion.sentences import normalize
from assistant.corpus.entities import document_names, to_pattern
from assistant.corpus.text import full_width
from assistant.evaluation.cases import CompletionCase
from assistant.evaluation.metrics import accepted_at, mean, percentile
from assistant.genre.numbering import (
    LINE_NUMBERS,
    enumeration_marker,
    enumeration_markers,
    leading_enumeration,
)
from assistant.index.retrieval import SearchIndex
from assistant.runtime import Runtime

MIN_SENTENCE_CHARS = 16
LIMIT = 3
SENTENCE_RE = re.compile(r"[^。！？!?\n]+[。！？!?]")
WORD_CHAR = re.compile(r"[0-9A-Za-z.]")
NAME_SLOT = re.compile(r"〔(?!数字〕|年份〕)[^〕]+〕")  # a name slot (figures are slots too)


@dataclass(frozen=True)
class CutSentence:
    """A draft cut in the middle of a sentence, and the sentence's true continuation."""

    document: str
    office_type: str
    draft: str
    truth: str


def split_point(sentence: str) -> int:
    """The middle of a sentence, moved forward out of a figure or Latin word."""
    cut = len(sentence) // 2
    while (
        cut < len(sentence) - 1
        and WORD_CHAR.match(sentence[cut - 1])
        and WORD_CHAR.match(sentence[cut])
    ):
        cut += 1
    return cut


def cut_sentences(doc_id: str, office_type: str, text: str) -> list[CutSentence]:
    """The body sentences of a summary that are offered as patterns, cut in half."""
    found: list[CutSentence] = []
    known = document_names(
        sentence.strip() for sentence in SENTENCE_RE.findall(text) if sentence.strip()
    )
    offset = 0
    for line in text.splitlines(keepends=True):
        if not LINE_NUMBERS.match(line):
            for match in SENTENCE_RE.finditer(line):
                sentence = match.group().strip()
                if len(sentence) < MIN_SENTENCE_CHARS:
                    continue
                start = offset + match.start() + (len(match.group()) - len(match.group().lstrip()))
                pattern = to_pattern(full_width(sentence), known=known)
                if not pattern.offerable or NAME_SLOT.search(pattern.text):
                    continue
                cut = split_point(sentence)
                truth = normalize(sentence[cut:])
                found.append(CutSentence(doc_id, office_type, text[: start + cut], truth))
        offset += len(line)
    return found


def evaluate_sentences(
    index: SearchIndex, texts: dict[str, str], latencies: list[float], *, seen: bool
) -> dict[str, Any]:
    """accept@1, accept@3 and coverage over the corpus's sentences, held out or seen.

    Each call's seconds are appended to ``latencies``.
    """
    rows: list[dict[str, Any]] = []
    full = Completer.from_chunks(index.chunks.values()) if seen else None
    for doc_id, record in sorted(index.catalog.documents.items()):
        if doc_id not in texts:
            continue
        completer = full or Completer.from_chunks(
            c for c in index.chunks.values() if c.document != doc_id
        )
        for item in cut_sentences(doc_id, record.office_type, texts[doc_id]):
            start = time.perf_counter()
            found = completer.complete(item.draft, office_types=[item.office_type], limit=LIMIT)
            latencies.append(time.perf_counter() - start)
            texts_found = [s.text for s in found]
            rows.append(
                {
                    "document": doc_id,
                    "typed": item.draft[-12:],
                    "truth": item.truth[:20],
                    "suggestions": texts_found,
                    "accept@1": accepted_at(texts_found, item.truth, 1),
                    "accept@3": accepted_at(texts_found, item.truth, 3),
                }
            )
    suggested = [r for r in rows if r["suggestions"]]
    return {
        "queries": len(rows),
        "accept@1": mean([float(r["accept@1"]) for r in rows]) if rows else None,
        "accept@3": mean([float(r["accept@3"]) for r in rows]) if rows else None,
        "coverage": len(suggested) / len(rows) if rows else None,
        "accept@3_when_suggested": (
            mean([float(r["accept@3"]) for r in suggested]) if suggested else None
        ),
        "accepted_examples": [r for r in rows if r["accept@1"]][:5],
        "rows": rows,
    }


def kind_problem(case: CompletionCase, suggestions: Sequence[str]) -> str | None:
    """Why the suggestions are not the kind of continuation the case expects (None if they are)."""
    if case.kind == "none":
        return f"expected no suggestion, got {suggestions[0]!r}" if suggestions else None
    if not suggestions:
        return "no suggestion"
    top = suggestions[0]
    if "\n" in top:
        return f"suggestion spans lines: {top!r}"
    if case.kind == "heading" and (re.search(r"[。！？]", top) or len(top) > 40):
        return f"not a heading title: {top!r}"
    if case.kind == "mid-sentence" and leading_enumeration(top) is not None:
        return f"an enumeration item, not the sentence's continuation: {top!r}"
    if case.kind == "enumeration":
        markers = list(enumeration_markers(case.text))
        following = enumeration_marker(markers[-1].ordinal + 1 if markers else 2)
        if not top.startswith(following):
            return f"expected the next item ({following}…), got {top!r}"
    return None


def evaluate_cases(
    runtime: Runtime, cases: Sequence[CompletionCase], latencies: list[float]
) -> dict[str, Any]:
    """The case prefixes through the full completer: the kind of continuation expected."""
    completer = runtime.completer
    rows = []
    for case in cases:
        offices = runtime.match_office(case.office)
        start = time.perf_counter()
        found = completer.complete(
            case.text, office_types=offices.types if offices else (), limit=LIMIT
        )
        latencies.append(time.perf_counter() - start)
        suggestions = [s.text for s in found]
        problem = kind_problem(case, suggestions)
        rows.append(
            {"case": case.name, "kind": case.kind, "suggestions": suggestions, "problem": problem}
        )
    passed = [r for r in rows if r["problem"] is None]
    return {
        "cases": len(rows),
        "kind_match": len(passed) / len(rows) if rows else None,
        "rows": rows,
    }


def latency_summary(seconds: Sequence[float]) -> dict[str, float | None]:
    """p50, p95 and max in milliseconds."""
    if not seconds:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50": round(percentile(ms, 50), 3),
        "p95": round(percentile(ms, 95), 3),
        "max": round(max(ms), 3),
    }
