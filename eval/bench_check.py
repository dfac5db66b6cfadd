"""Style-check throughput against autocorrect-py, measured on the same texts in one run.

Lints the seed compilation and the long State Council reports (corpus-external 017-029) with
our checker (every rule in the catalogue) and with ``autocorrect_py.lint_for(text, "text.txt")``,
interleaving the two so both see the same machine state, and prints characters per second for
each and their ratio (targets: ours / autocorrect >= 1.5 overall, >= 1.0 on the seed), and
each text's ratio from interleaved runs, and how many of the checker's modules run compiled
(``scripts/compile_native.py``). Also prints p50/p95 latency for 5,000-character drafts:
the start of the seed (a defect-heavy compilation) and the start of a report (clean prose),
and the time for one-line drafts of 50,000 and 200,000 characters full of half-width marks
(the largest text the API takes; a check that grows faster than the text shows here).

    python eval/bench_check.py [--rounds 5] [--draft-runs 200] [--json FILE]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import autocorrect_py

from assistant.compiled import compiled_modules
from assistant.style.engine import default_checker

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEED = SHARED / "seed" / "summaries-seed.txt"
REPORTS = [SHARED / "corpus-external" / f"{number:03d}.txt" for number in range(17, 30)]
DRAFT_CHARS = 5_000
ONE_LINE = "今年以来,我局加强领导,狠抓落实,成效明显."


def _ours() -> Callable[[str], object]:
    checker = default_checker()
    return checker.check


def _autocorrect(text: str) -> object:
    return autocorrect_py.lint_for(text, "text.txt")


def _seconds(function: Callable[[str], object], texts: list[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - start


def _latencies_ms(function: Callable[[str], object], text: str, runs: int) -> list[float]:
    gc.collect()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function(text)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def _per_text(
    ours: Callable[[str], object], names: list[str], texts: list[str], runs: int
) -> list[dict[str, Any]]:
    """Each text timed ``runs`` times by each, the two interleaved; the fastest run of each.

    The fastest run is the one least disturbed by other processes on a shared machine;
    interleaving gives both the same chances of a quiet moment.
    """
    rows = []
    for name, text in zip(names, texts, strict=True):
        mine_runs, their_runs = [], []
        for _ in range(runs):
            mine_runs.append(_seconds(ours, [text]))
            their_runs.append(_seconds(_autocorrect, [text]))
        mine, theirs = min(mine_runs), min(their_runs)
        rows.append(
            {
                "text": name,
                "chars": len(text),
                "ours_ms": round(mine * 1000, 2),
                "autocorrect_ms": round(theirs * 1000, 2),
                "ratio": round(theirs / mine, 2),
            }
        )
    return rows


def run(rounds: int, draft_runs: int) -> dict[str, Any]:
    """Measure and return every figure."""
    names = [SEED.name, *(path.name for path in REPORTS)]
    texts = [SEED.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in REPORTS]
    ours = _ours()
    for text in texts:  # warm up: compiled rules, the word list, autocorrect's own setup
        ours(text)
        _autocorrect(text)
    chars = sum(len(text) for text in texts)
    ours_total = autocorrect_total = 0.0
    for _ in range(rounds):
        ours_total += _seconds(ours, texts)
        autocorrect_total += _seconds(_autocorrect, texts)
    drafts = {"seed": texts[0][:DRAFT_CHARS], "report": texts[1][:DRAFT_CHARS]}
    latency = {}
    for label, draft in drafts.items():
        mine = _latencies_ms(ours, draft, draft_runs)
        theirs = _latencies_ms(_autocorrect, draft, draft_runs)
        latency[label] = {
            "chars": len(draft),
            "ours_p50_ms": round(statistics.median(mine), 3),
            "ours_p95_ms": round(_p95(mine), 3),
            "autocorrect_p50_ms": round(statistics.median(theirs), 3),
            "autocorrect_p95_ms": round(_p95(theirs), 3),
            "p50_ratio": round(statistics.median(theirs) / statistics.median(mine), 2),
        }
    one_line = {
        size: round(_seconds(ours, [(ONE_LINE * (size // len(ONE_LINE) + 1))[:size]]) * 1000, 1)
        for size in (50_000, 200_000)
    }
    ours_rate = chars * rounds / ours_total
    autocorrect_rate = chars * rounds / autocorrect_total
    return {
        "rules": len(default_checker().text_checks) + len(default_checker().tree_checks),
        "compiled_modules": len(compiled_modules()),
        "texts": len(texts),
        "chars": chars,
        "rounds": rounds,
        "ours_chars_per_s": round(ours_rate),
        "autocorrect_chars_per_s": round(autocorrect_rate),
        "ratio": round(ours_rate / autocorrect_rate, 2),
        "draft_runs": draft_runs,
        "drafts": latency,
        "one_line_ms": one_line,
        "per_text": _per_text(ours, names, texts, max(20, 4 * rounds)),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--draft-runs", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    figures = run(args.rounds, args.draft_runs)
    print(
        f"texts: seed + reports 017-029 = {figures['texts']} texts, "
        f"{figures['chars']:,} chars x {figures['rounds']} rounds; our rules: {figures['rules']}"
    )
    for row in figures["per_text"]:
        print(
            f"  {row['text']:<22} {row['chars']:>6} chars  ours {row['ours_ms']:>6.2f} ms  "
            f"autocorrect {row['autocorrect_ms']:>6.2f} ms  ratio {row['ratio']:.2f}"
        )
    print(f"compiled modules (mypyc): {figures['compiled_modules']} (0: plain Python)")
    print(f"ours:        {figures['ours_chars_per_s']:>12,} chars/s")
    print(f"autocorrect: {figures['autocorrect_chars_per_s']:>12,} chars/s")
    seed = figures["per_text"][0]
    print(f"ratio ours/autocorrect: {figures['ratio']:.2f} overall (target >= 1.5)")
    print(f"ratio on the defect-heavy seed: {seed['ratio']:.2f} (target >= 1.0)")
    for label, draft in figures["drafts"].items():
        print(
            f"{draft['chars']}-char draft ({label}), {figures['draft_runs']} runs: "
            f"ours p50 {draft['ours_p50_ms']:.2f} ms, p95 {draft['ours_p95_ms']:.2f} ms "
            f"(autocorrect p50 {draft['autocorrect_p50_ms']:.2f} ms, "
            f"p95 {draft['autocorrect_p95_ms']:.2f} ms; p50 ratio {draft['p50_ratio']:.2f})"
        )
    sizes = figures["one_line_ms"]
    print(
        f"one-line draft with thousands of problems: 50,000 chars {sizes[50_000]:.1f} ms, "
        f"200,000 chars {sizes[200_000]:.1f} ms (x{sizes[200_000] / sizes[50_000]:.1f})"
    )
    if args.json is not None:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if figures["ratio"] >= 1.5 and seed["ratio"] >= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
