"""One evaluation run: every section measured, flattened into metrics, judged by thresholds."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import REPO_ROOT, Settings
from assistant.corpus.store import load_corpus
from assistant.evaluation import autocomplete, fitting, retrieval, style
from assistant.evaluation.autocomplete import latency_summary
from assistant.evaluation.autocomplete_keystrokes import load_spec, run_keystrokes
from assistant.evaluation.cases import EVAL_DIR, CaseError, Cases, load_cases
from assistant.evaluation.invariants import INVARIANTS
from assistant.evaluation.outlines import Produced, run_cases, source_relevance
from assistant.evaluation.replay import compare, second_run
from assistant.evaluation.thresholds import Verdict, judge, load_thresholds
from assistant.runtime import Runtime
from assistant.style.engine import check_text


@dataclass
class Evaluation:
    """Everything measured (the JSON report), its flat metrics and the verdicts."""

    results: dict[str, Any]
    metrics: dict[str, float | None]
    verdicts: list[Verdict]

    @property
    def passed(self) -> bool:
        """Whether every threshold holds."""
        return all(verdict.passed for verdict in self.verdicts)


def invariant_summary(produced: Sequence[Produced]) -> dict[str, Any]:
    """Pass rate per invariant over every output it applies to, and the failures."""
    rates: dict[str, dict[str, Any]] = {}
    failures = []
    for name in INVARIANTS:
        checked = [item for item in produced if name in item.problems]
        passed = [item for item in checked if not item.problems[name]]
        rates[name] = {
            "checked": len(checked),
            "passed": len(passed),
            "rate": len(passed) / len(checked) if checked else None,
        }
        failures += [
            {"case": item.key, "invariant": name, "problems": item.problems[name]}
            for item in checked
            if item.problems[name]
        ]
    return {"outputs": len(produced), "rates": rates, "failures": failures}


def expectation_summary(produced: Sequence[Produced], kind: str) -> dict[str, Any]:
    """Share of one kind's cases meeting their expectations, and what was unmet.

    Cases marked as a known issue are reported apart and not scored.
    """
    items = [item for item in produced if item.kind == kind and not item.known_issue]
    known = [item for item in produced if item.kind == kind and item.known_issue]
    return {
        "cases": len(items),
        "rate": sum(not item.unmet for item in items) / len(items) if items else None,
        "unmet": {item.name: item.unmet for item in items if item.unmet},
        "known_issues": {
            item.name: {"issue": item.known_issue, "unmet": item.unmet} for item in known
        },
    }


def _outputs(settings: Settings, cases: Cases, runtime: Runtime, folder: Path) -> dict[str, Any]:
    produced, chat_unavailable = run_cases(runtime, settings, cases)
    again, _ = run_cases(runtime, settings, cases)
    replayed, failure = second_run(settings, folder)
    compare(produced, again, replayed, failure)
    chats = [item for item in produced if item.kind == "chat"]
    return {
        "invariants": invariant_summary(produced),
        "expectations": {
            "outline": expectation_summary(produced, "outline"),
            "chat": expectation_summary(produced, "chat"),
        },
        "chat": {
            "ran": chat_unavailable == "",
            "why_not": chat_unavailable,
            "cases": list(dict.fromkeys(item.name.rpartition("#")[0] for item in chats)),
            "turns": len(chats),
            "replies_with_outline": sum(item.outline is not None for item in chats),
            "latency_ms_by_kind": _by_kind(chats),
        },
        "source_relevance": source_relevance(produced, cases.outlines),
        "latency_ms": {
            "outline": latency_summary(_warm(produced, "outline")),
            "chat": latency_summary(_warm(produced, "chat")),
            "outline_first": latency_summary([i.seconds for i in produced if i.kind == "outline"]),
            "chat_first": latency_summary([i.seconds for i in chats]),
        },
        "titles": {item.key: item.outline.title for item in produced if item.outline},
    }


def _by_kind(turns: Sequence[Produced]) -> dict[str, Any]:
    """Chat turn latency (first request) by what the turn did."""
    kinds = sorted({item.turn_kind or "" for item in turns})
    return {
        kind: latency_summary([item.seconds for item in turns if item.turn_kind == kind])
        for kind in kinds
    }


def _warm(produced: Sequence[Produced], kind: str) -> list[float]:
    return [i.warm_seconds for i in produced if i.kind == kind and i.warm_seconds is not None]


def _style(cases: Cases) -> dict[str, Any]:
    if cases.seed is None or cases.perturbations is None:
        raise CaseError("缺少文风检查的评测用例（style-seed.yaml、style-perturbations.yaml）。")
    reports = style.clean_texts(cases.perturbations)
    perturbations = style.evaluate_perturbations(reports, cases.perturbations)
    seconds = []
    for text in reports.values():
        start = time.perf_counter()
        check_text(text)
        seconds.append(time.perf_counter() - start)
    return {
        "seed": style.evaluate_seed(cases.seed),
        "perturbations": perturbations,
        "drafts": style.evaluate_drafts(cases.drafts),
        "false_alarms": style.false_alarms(
            reports,
            style.report_titles(cases.perturbations.folder),
            cases.perturbations.known_defects,
        ),
        "latency_ms": latency_summary(seconds),
    }


def flatten(results: dict[str, Any]) -> dict[str, float | None]:
    """The metrics thresholds refer to, by dotted name."""
    metrics: dict[str, float | None] = {}
    outputs = results["outputs"]
    for name, rate in outputs["invariants"]["rates"].items():
        metrics[f"invariant.{name}"] = rate["rate"]
    for kind, summary in outputs["expectations"].items():
        metrics[f"expectations.{kind}"] = summary["rate"]
    metrics["chat.ran"] = 1.0 if outputs["chat"]["ran"] else 0.0
    metrics["chat.turn_success"] = outputs["expectations"]["chat"]["rate"]
    metrics["chat.conversations"] = float(len(outputs["chat"]["cases"]))
    metrics["outline.source_relevance"] = outputs["source_relevance"]["share"]
    for mode, scores in results["retrieval"]["modes"].items():
        for key in ("hit@1", "hit@3", "mrr"):
            metrics[f"retrieval.{mode}.{key}"] = scores[key]
    for section in ("seed", "perturbations", "drafts"):
        data = results["style"][section]
        metrics[f"style.{section}.precision"] = data["total"]["precision"]
        metrics[f"style.{section}.recall"] = data["total"]["recall"]
        for rule, counts in data["rules"].items():
            metrics[f"style.{section}.{rule}.precision"] = counts["precision"]
            metrics[f"style.{section}.{rule}.recall"] = counts["recall"]
    alarms = results["style"]["false_alarms"]
    metrics["style.false_alarms.errors_per_10k"] = alarms["errors_per_10k"]
    metrics["style.false_alarms.warnings_per_10k"] = alarms["warnings_per_10k"]
    complete = results["autocomplete"]
    for setting in ("held_out", "seen"):
        for key in ("accept@1", "accept@3"):
            metrics[f"autocomplete.{setting}.{key}"] = complete[setting][key]
    metrics["autocomplete.kind_match"] = complete["cases"]["kind_match"]
    for kind, by_contender in complete["keystrokes"]["sets"].items():
        for contender, row in by_contender.items():
            prefix = f"autocomplete.keystrokes.{kind}.{contender}"
            for key in ("savings", "accept_rate", "offers_per_100", "leaks", "figures"):
                metrics[f"{prefix}.{key}"] = row[key]
    metrics["latency.complete_replay.p95_ms"] = complete["keystrokes"]["latency_ms"]["p95"]
    latencies = {
        "outline": outputs["latency_ms"]["outline"],
        "chat": outputs["latency_ms"]["chat"],
        "complete": complete["latency_ms"],
        "check": results["style"]["latency_ms"],
    }
    for name, summary in latencies.items():
        metrics[f"latency.{name}.p50_ms"] = summary["p50"]
        metrics[f"latency.{name}.p95_ms"] = summary["p95"]
    metrics.update(fitting.metrics(results))
    return metrics


def run_evaluation(settings: Settings, folder: Path = EVAL_DIR) -> Evaluation:
    """Measure everything with the settings' model and index (built first when missing)."""
    timings: dict[str, float] = {}
    started = clock = time.perf_counter()
    thresholds = load_thresholds(folder / "thresholds.yaml")
    cases = load_cases(folder / "cases")
    runtime = Runtime.open(settings)
    texts = {document.id: document.text for document in load_corpus(settings.corpus_dir)}
    timings["setup"] = time.perf_counter() - clock
    results: dict[str, Any] = {}

    def timed(name: str, start: float) -> float:
        now = time.perf_counter()
        timings[name] = now - start
        return now

    clock = time.perf_counter()
    results["outputs"] = _outputs(settings, cases, runtime, folder / "cases")
    clock = timed("outlines and chat (with the second run)", clock)
    results["retrieval"] = retrieval.summarize(retrieval.leave_one_out(runtime.index, texts))
    clock = timed("retrieval", clock)
    results["style"] = _style(cases)
    clock = timed("style", clock)
    latencies: list[float] = []
    results["autocomplete"] = {
        "held_out": autocomplete.evaluate_sentences(runtime.index, texts, latencies, seen=False),
        "seen": autocomplete.evaluate_sentences(runtime.index, texts, latencies, seen=True),
        "cases": autocomplete.evaluate_cases(runtime, cases.completions, latencies),
        "latency_ms": latency_summary(latencies),
    }
    clock = timed("autocomplete", clock)
    spec = load_spec(folder / "cases" / "keystrokes.yaml", REPO_ROOT)
    indexed = {doc: text for doc, text in texts.items() if doc in runtime.index.catalog.documents}
    keystrokes = run_keystrokes(spec, list(runtime.index.chunks.values()), indexed)
    keystrokes["latency_ms"] = latency_summary(keystrokes.pop("engine_seconds"))
    results["autocomplete"]["keystrokes"] = keystrokes
    clock = timed("keystroke replay", clock)
    results["ner"] = fitting.ner_section(settings, folder)
    results["leaks"] = fitting.leak_section(settings, runtime, folder)
    clock = timed("names (NER and leaks)", clock)
    results["headings"] = fitting.heading_section(settings, runtime)
    timed("headings (leave one summary out)", clock)
    timings["total"] = time.perf_counter() - started
    results["timings_s"] = {name: round(seconds, 2) for name, seconds in timings.items()}
    metrics = flatten(results)
    verdicts = judge(thresholds, metrics)
    results["metrics"] = metrics
    results["thresholds"] = [
        {
            "metric": v.threshold.metric,
            "bound": v.bound,
            "value": v.value,
            "passed": v.passed,
            "why": v.threshold.why,
        }
        for v in verdicts
    ]
    results["passed"] = all(v.passed for v in verdicts)
    return Evaluation(results, metrics, verdicts)
