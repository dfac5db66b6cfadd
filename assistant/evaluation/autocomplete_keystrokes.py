"""Keystroke savings on held-out text, the product against the n-gram probe, in one run.

Three sets, each replayed by `assistant.evaluation.autocomplete_replay` with every contender
built from the same training material:

- ``reports``: the register corpus shipped with the package (the 13 State Council reports,
  `assistant.completion.register`), leave one out: the held-out report is typed with a model
  built from the index's chunks and the other 12 reports;
- ``corpus``: the indexed summaries, leave one out: the held-out summary's chunks are left out
  of the model (the 13 reports stay in);
- ``drafts``: the drafts written for the evaluation (``eval/heldout/drafts``), never ingested:
  the model holds every chunk and every report.

Each text is typed with full-width punctuation (`assistant.corpus.text.full_width`: the seed
summaries' half-width commas are defects a writer would not copy). The office types sent with
each request are the ones an editor would send without a setting:
what the draft's title names (`assistant.lsp.office.document_office_types`). ``sample_chars``
(per set, from ``eval/cases/keystrokes.yaml``) replays only evenly spaced paragraphs of each
text, about that many characters, the rest counting as typed already (``0``: the whole text);
``assistant eval`` samples the long reports, ``python eval/keystrokes.py`` replays everything.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.completion.completer import Completer
from assistant.completion.register import RegisterDocument, register_documents
from assistant.corpus.text import full_width
from assistant.evaluation.autocomplete_replay import Policy, Tally, replay
from assistant.evaluation.cases import CaseError
from assistant.evaluation.ngram_probe import NgramProbe
from assistant.index.chunks import Chunk
from assistant.lsp.office import document_office_types

SETS = ("reports", "corpus", "drafts")
LIMIT = 3  # suggestions asked per request (the top one is the inline one; all are leak-checked)

Engine = Callable[[str, tuple[str, ...]], Sequence[str]]  # draft, office types -> texts


@dataclass(frozen=True)
class HeldOut:
    """A text to replay and the office types an editor would send with it."""

    name: str
    text: str
    office_types: tuple[str, ...]
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Training:
    """What a model may learn from: indexed chunks, their documents' texts, register reports."""

    chunks: tuple[Chunk, ...]
    texts: tuple[str, ...]
    register: tuple[RegisterDocument, ...]


Contender = Callable[[Training], Engine]


@dataclass(frozen=True)
class KeystrokeSpec:
    """``eval/cases/keystrokes.yaml``."""

    policy: Policy
    reports: tuple[RegisterDocument, ...]
    drafts: dict[str, str]
    entities: tuple[str, ...]
    sample_chars: dict[str, int] = field(default_factory=dict)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CaseError(f"评测文件 {path} 无法读取：{error}") from None


def load_spec(path: Path, root: Path) -> KeystrokeSpec:
    """The replay settings, the held-out texts they name and the labelled entities."""
    data = _read_yaml(path)
    try:
        policy = data["policy"]
        if policy not in ("every", "sparse"):
            raise ValueError(f"policy {policy!r}")
        if data["reports"] != "register":
            raise ValueError("reports: only the package's register corpus ('register')")
        reports = register_documents()
        drafts_dir = root / data["drafts"]
        drafts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(drafts_dir.glob("*.txt"))}
        entities = _read_yaml(root / data["entities"])["entities"]
        sample = {str(k): int(v) for k, v in (data.get("sample_chars") or {}).items()}
    except (KeyError, TypeError, ValueError, OSError) as error:
        raise CaseError(f"评测文件 {path} 格式有误：{error!r}") from None
    names = tuple(sorted({str(e["text"]) for e in entities if len(str(e["text"])) >= 2}))
    return KeystrokeSpec(policy, reports, drafts, names, sample)


def sample_spans(text: str, budget: int) -> tuple[tuple[int, int], ...]:
    """Every k-th non-empty line, k chosen so that about ``budget`` characters are kept."""
    lines, offset = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            lines.append((offset, offset + len(body)))
        offset += len(line)
    total = sum(end - start for start, end in lines)
    if budget <= 0 or total <= budget:
        return ()
    stride = math.ceil(total / budget)
    return tuple(lines[stride // 2 :: stride])


def product(training: Training) -> Engine:
    """The autocomplete engine built from the training material."""
    completer = Completer.from_chunks(training.chunks, training.register)

    def engine(draft: str, offices: tuple[str, ...]) -> list[str]:
        return [s.text for s in completer.complete(draft, office_types=offices, limit=LIMIT)]

    return engine


class Probe:
    """The issue's character n-gram probe over the same texts as the product.

    The counts of the largest training set are made once; a leave-one-out round subtracts the
    held-out text's counts instead of counting everything again.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = Counter(texts)
        self.full = NgramProbe(self.texts.elements())

    def __call__(self, training: Training) -> Engine:
        """The probe of the training texts."""
        texts = Counter([*training.texts, *(document.text for document in training.register)])
        return _probe_engine(self.full.without((self.texts - texts).elements()))


def _probe_engine(model: NgramProbe) -> Engine:
    def engine(draft: str, offices: tuple[str, ...]) -> list[str]:
        found = model.complete(draft)
        return [found] if found else []

    return engine


def default_contenders(spec: KeystrokeSpec, texts: Mapping[str, str]) -> dict[str, Contender]:
    """The product and the probe (its counts made once over every training text)."""
    every = [*texts.values(), *(document.text for document in spec.reports)]
    return {"engine": product, "probe": Probe(every)}


@dataclass
class Run:
    """The tallies of one contender on one set, and the engine's request latencies."""

    total: Tally = field(default_factory=Tally)
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    build_seconds: list[float] = field(default_factory=list)


def _play(
    contender: Contender, training: Training, held: Iterable[HeldOut], spec: KeystrokeSpec, run: Run
) -> None:
    start = time.perf_counter()
    engine = contender(training)
    run.build_seconds.append(time.perf_counter() - start)
    for item in held:

        def suggest(draft: str, offices: tuple[str, ...] = item.office_types) -> Sequence[str]:
            begin = time.perf_counter()
            found = engine(draft, offices)
            run.seconds.append(time.perf_counter() - begin)
            return found

        tally = replay(item.text, suggest, spec.policy, spec.entities, item.spans)
        run.total.add(tally)
        run.texts[item.name] = {
            "chars": tally.chars,
            "savings": round(tally.savings, 4),
            "accept_rate": round(tally.accept_rate, 4),
            "offers_per_100": round(tally.offers_per_100, 2),
        }


def _held(name: str, text: str, spec: KeystrokeSpec, kind: str) -> HeldOut:
    text = full_width(text)
    spans = sample_spans(text, spec.sample_chars.get(kind, 0))
    return HeldOut(name, text, document_office_types(text), spans)


def trainings(
    spec: KeystrokeSpec, chunks: Sequence[Chunk], texts: Mapping[str, str]
) -> Iterable[tuple[str, Training, list[HeldOut]]]:
    """(set, training material, texts to replay with it) of every leave-one-out round."""
    everything = Training(tuple(chunks), tuple(texts.values()), spec.reports)
    for report in spec.reports:
        register = tuple(other for other in spec.reports if other.id != report.id)
        training = Training(everything.chunks, everything.texts, register)
        yield "reports", training, [_held(report.id, report.text, spec, "reports")]
    for doc_id, text in texts.items():
        kept = tuple(c for c in chunks if c.document != doc_id)
        others = tuple(body for other, body in texts.items() if other != doc_id)
        yield "corpus", Training(kept, others, spec.reports), [_held(doc_id, text, spec, "corpus")]
    drafts = [_held(name, text, spec, "drafts") for name, text in spec.drafts.items()]
    yield "drafts", everything, drafts


def run_keystrokes(
    spec: KeystrokeSpec,
    chunks: Sequence[Chunk],
    texts: Mapping[str, str],
    contenders: Mapping[str, Contender] | None = None,
    sets: Collection[str] = SETS,
) -> dict[str, Any]:
    """Every set replayed by every contender: ``{set: {contender: summary}}`` plus latency."""
    contenders = contenders or default_contenders(spec, texts)
    runs = {s: {c: Run() for c in contenders} for s in SETS if s in sets}
    for kind, training, held in trainings(spec, chunks, texts):
        if kind not in runs:
            continue
        for name, contender in contenders.items():
            _play(contender, training, held, spec, runs[kind][name])
    results: dict[str, Any] = {"policy": spec.policy, "sets": {}}
    for kind, by_contender in runs.items():
        results["sets"][kind] = {
            name: {
                **run.total.summary(),
                "texts": run.texts,
                "build_s_mean": round(sum(run.build_seconds) / len(run.build_seconds), 3)
                if run.build_seconds
                else None,
            }
            for name, run in by_contender.items()
        }
    seconds = [s for by in runs.values() for n, r in by.items() if n == "engine" for s in r.seconds]
    results["engine_seconds"] = seconds
    return results
