"""Keystroke savings of autocomplete against the n-gram probe, leave one out, whole texts.

Usage: ``python eval/keystrokes.py [--sets reports,corpus,drafts] [--policy every|sparse]
[--sample N] [--json FILE]``

The same replay as ``assistant eval`` (`assistant.evaluation.autocomplete_keystrokes`, settings
in ``eval/cases/keystrokes.yaml``) but every character of every held-out text by default
(``--sample N`` replays about N characters of each). The model is built from the seed chunks
(parsed from ``corpus/``, no embedding model, no Chroma) and the register reports.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.corpus.store import load_corpus  # noqa: E402
from assistant.evaluation.autocomplete_keystrokes import (  # noqa: E402
    SETS,
    load_spec,
    run_keystrokes,
)
from assistant.evaluation.metrics import percentile  # noqa: E402
from eval.bench_complete import seed_chunks  # noqa: E402


def main() -> None:
    """Run the replay and print one row per set and contender."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--policy", choices=("every", "sparse"))
    parser.add_argument("--sample", type=int, default=0, help="characters per text (0: all)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args()
    spec = load_spec(ROOT / "eval" / "cases" / "keystrokes.yaml", ROOT)
    spec = replace(
        spec, policy=args.policy or spec.policy, sample_chars=dict.fromkeys(SETS, args.sample)
    )
    wanted = set(args.sets.split(","))
    chunks = seed_chunks()
    texts = {d.id: d.text for d in load_corpus(ROOT / "corpus")}
    started = time.perf_counter()
    results = run_keystrokes(spec, chunks, texts, sets=wanted)
    seconds = results.pop("engine_seconds")
    print(f"policy {spec.policy}; {time.perf_counter() - started:.1f} s")
    print(
        f"{'set':8} {'contender':9} {'chars':>7} {'savings':>8} {'accept':>7} "
        f"{'offers/100':>10} {'leaks':>5} {'figures':>7} {'build s':>7}"
    )
    for kind, by in results["sets"].items():
        for name, row in by.items():
            print(
                f"{kind:8} {name:9} {row['chars']:>7} {row['savings']:>8.3f} "
                f"{row['accept_rate']:>7.3f} {row['offers_per_100']:>10.2f} {row['leaks']:>5} "
                f"{row['figures']:>7} {row['build_s_mean'] or 0:>7.2f}"
            )
    ms = [s * 1000 for s in seconds]
    if ms:
        print(
            f"engine per request: p50 {percentile(ms, 50):.2f} ms, p95 {percentile(ms, 95):.2f} ms"
        )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
