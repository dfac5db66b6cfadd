"""Style-check quality: precision and recall per rule, and false alarms on clean text.

A detection is a diagnostic of the expected rule overlapping the defect's span. Diagnostics
count against precision when they match no expected defect of their rule; info-level ones
(overlong sentences) are advice, not detections, and are left out.

- seed: the known defects of the seed compilation (writing-rules.md), each located by searching
  for its context; precision is over the diagnostics inside those contexts (the rest of the seed
  is not annotated);
- perturbations: defects injected into the clean State Council reports; precision is over every
  diagnostic of the perturbed texts; the few defects the reports have of their own (annotated in
  the case file: a paragraph printed twice, a 顿号 between 书名号) are expected too;
- drafts: hand-written drafts with every defect annotated; precision over every diagnostic;
- false alarms: error- and warning-level diagnostics per 10,000 characters of the untouched
  reports, their annotated defects aside (listed apart).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.evaluation.cases import CaseError, DefectNote, Draft, PerturbationSet, SeedDefects
from assistant.evaluation.metrics import Counts, overlaps
from assistant.evaluation.perturb import perturb
from assistant.style.diagnostic import Diagnostic
from assistant.style.engine import check_text

INDEX_FILE = "index.jsonl"
TITLE_GAP = "\n\n"


@dataclass(frozen=True)
class Expected:
    """A defect the checker should report: the rule and the span."""

    rule: str
    start: int
    end: int


def locate(text: str, note: DefectNote) -> tuple[tuple[int, int], list[Expected]]:
    """The context's span and the defect's expected detections, by searching the text."""
    window = text.find(note.context)
    if window < 0:
        raise CaseError(f"在文本中找不到缺陷上下文 {note.context!r}。")
    offset = note.context.find(note.defect)
    if offset < 0:
        raise CaseError(f"缺陷 {note.defect!r} 不在其上下文 {note.context!r} 中。")
    start = window + offset
    spans = [Expected(rule, start, start + len(note.defect)) for rule in note.rules]
    return (window, window + len(note.context)), spans


def catches(diagnostic: Diagnostic, expected: Expected) -> bool:
    """Whether the diagnostic reports the expected defect: same rule, overlapping span."""
    return diagnostic.rule == expected.rule and overlaps(
        diagnostic.offset, diagnostic.end, expected.start, expected.end
    )


def detections(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that claim a defect (errors and warnings)."""
    return [d for d in diagnostics if d.severity in ("error", "warning")]


def score(
    diagnostics: Sequence[Diagnostic],
    expected: Sequence[Expected],
    windows: Sequence[tuple[int, int]] | None = None,
) -> dict[str, Counts]:
    """Counts per rule: expected defects found, and diagnostics right or wrong.

    With ``windows``, only the diagnostics lying inside one of them are counted.
    """
    counts: dict[str, Counts] = defaultdict(Counts)
    for item in expected:
        counts[item.rule].expected += 1
        counts[item.rule].found += any(catches(d, item) for d in diagnostics)
    for d in diagnostics:
        if windows is not None and not any(s <= d.offset and d.end <= e for s, e in windows):
            continue
        counts[d.rule].reported += 1
        counts[d.rule].correct += any(catches(d, item) for item in expected)
    return dict(counts)


def merge(into: dict[str, Counts], more: dict[str, Counts]) -> None:
    """Add per-rule counts into a running total."""
    for rule, counts in more.items():
        into.setdefault(rule, Counts()).add(counts)


def table(counts: dict[str, Counts]) -> dict[str, Any]:
    """Per-rule rows and the total over all rules."""
    total = Counts()
    for item in counts.values():
        total.add(item)
    return {
        "rules": {rule: counts[rule].as_dict() for rule in sorted(counts)},
        "total": total.as_dict(),
    }


def evaluate_seed(seed: SeedDefects) -> dict[str, Any]:
    """The seed compilation's known defects."""
    if not seed.source.exists():
        raise CaseError(f"找不到种子汇编 {seed.source}。")
    text = seed.source.read_text(encoding="utf-8")
    windows, expected = [], []
    for note in seed.defects:
        window, spans = locate(text, note)
        windows.append(window)
        expected += spans
    found = detections(check_text(text).diagnostics)
    result = table(score(found, expected, windows))
    result["misses"] = [
        f"{e.rule} {text[e.start : e.end]!r}"
        for e in expected
        if not any(catches(d, e) for d in found)
    ]
    return result


def evaluate_drafts(drafts: Sequence[Draft]) -> dict[str, Any]:
    """The hand-written drafts (every defect annotated; clean drafts must stay clean)."""
    counts: dict[str, Counts] = {}
    notes: list[str] = []
    for draft in drafts:
        expected = [e for note in draft.defects for e in locate(draft.text, note)[1]]
        found = detections(check_text(draft.text).diagnostics)
        per_draft = score(found, expected)
        merge(counts, per_draft)
        notes += [
            f"{draft.name}: {rule} found {c.found}/{c.expected}, right {c.correct}/{c.reported}"
            for rule, c in sorted(per_draft.items())
            if c.found < c.expected or c.correct < c.reported
        ]
    return table(counts) | {"drafts": len(drafts), "notes": notes}


def clean_texts(spec: PerturbationSet) -> dict[str, str]:
    """The clean texts (the State Council reports) by file name."""
    missing = [name for name in spec.files if not (spec.folder / name).exists()]
    if missing:
        raise CaseError(f"{spec.folder} 中缺少干净文本：{'、'.join(missing)}。")
    return {name: (spec.folder / name).read_text(encoding="utf-8") for name in spec.files}


def report_titles(folder: Path) -> dict[str, str]:
    """Titles by file name from a folder's ``index.jsonl`` (none when there is no index)."""
    index = folder / INDEX_FILE
    if not index.exists():
        return {}
    rows = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line]
    return {str(row["file"]): str(row["title"]) for row in rows if row.get("title")}


def titled(title: str | None, text: str) -> str:
    """A text under its title line, as a draft is written.

    The clean reports are checked under their titles (``index.jsonl``), so that each is judged
    by its own year (outdated formulas); defects are injected before the title is added.
    """
    return f"{title}{TITLE_GAP}{text}" if title else text


def evaluate_perturbations(reports: dict[str, str], spec: PerturbationSet) -> dict[str, Any]:
    """Defects injected into every clean text, detected per rule (each text under its title)."""
    counts: dict[str, Counts] = {}
    perturbed = [perturb(name, text, spec.seed, spec.per_kind) for name, text in reports.items()]
    titles = report_titles(spec.folder)
    misses, wrong = [], []
    for item in perturbed:
        text = titled(titles.get(item.name), item.text)
        shift = len(text) - len(item.text)
        found = [
            dataclasses.replace(d, offset=d.offset - shift)
            for d in detections(check_text(text).diagnostics)
            if d.offset >= shift
        ]
        expected = [Expected(i.rule, i.start, i.end) for i in item.injections]
        expected += known(item.text, spec.known_defects.get(item.name, ()))
        merge(counts, score(found, expected))
        misses += [
            f"{item.name} {e.rule} {_context(item.text, e.start, e.end)}"
            for e in expected
            if not any(catches(d, e) for d in found)
        ]
        wrong += [
            f"{item.name} {d.rule} {_context(item.text, d.offset, d.end)}"
            for d in found
            if not any(catches(d, e) for e in expected)
        ]
    return table(counts) | {
        "texts": len(perturbed),
        "injections": sum(len(p.injections) for p in perturbed),
        "misses": misses,
        "false_detections": wrong,
    }


def known(text: str, notes: Sequence[DefectNote]) -> list[Expected]:
    """The annotated defects of a clean text, located in it.

    Notes it no longer holds (an injection changed their context) are left out.
    """
    found = []
    for note in notes:
        if note.context in text:
            found += locate(text, note)[1]
    return found


def false_alarms(
    reports: dict[str, str],
    titles: dict[str, str],
    known_defects: dict[str, tuple[DefectNote, ...]] | None = None,
) -> dict[str, Any]:
    """Error- and warning-level diagnostics per 10,000 characters on the untouched reports.

    Each report is checked under its title; diagnostics of its annotated defects are listed apart.
    """
    reports = {name: titled(titles.get(name), text) for name, text in reports.items()}
    chars = sum(len(text) for text in reports.values())
    found: dict[str, list[Diagnostic]] = {}
    defects: list[str] = []
    for name, text in reports.items():
        expected = known(text, (known_defects or {}).get(name, ()))
        diagnostics = detections(check_text(text).diagnostics)
        found[name] = [d for d in diagnostics if not any(catches(d, e) for e in expected)]
        defects += [f"{name} {d.rule} {d.excerpt!r}" for d in diagnostics if d not in found[name]]
    errors = [
        f"{n} {d.rule} {d.excerpt!r}"
        for n, ds in found.items()
        for d in ds
        if d.severity == "error"
    ]
    warnings = [
        f"{n} {d.rule} {d.excerpt!r}"
        for n, ds in found.items()
        for d in ds
        if d.severity == "warning"
    ]
    return {
        "texts": len(reports),
        "chars": chars,
        "known_defects": defects,
        "errors": errors,
        "warnings": warnings,
        "errors_per_10k": len(errors) * 10_000 / chars if chars else None,
        "warnings_per_10k": len(warnings) * 10_000 / chars if chars else None,
    }


def _context(text: str, start: int, end: int, margin: int = 6) -> str:
    return repr(text[max(0, start - margin) : end + margin])
