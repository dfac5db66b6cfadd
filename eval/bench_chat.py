"""Chat turns in-process: the conversation set played twice, latency per kind of turn.

Plays every conversation of eval/cases/chat.yaml through the chat service (no LLM) as a client
does (the whole message list each turn, state markers included), once with the model and
index just opened (cold) and once more (warm), and prints p50/p95 per kind of turn and over all
turns, the turn success rate and the failing turns. Beside it, as anchors, the same process
builds a bare outline (the outline chain alone) and parses the last reply's state marker.

    python eval/bench_chat.py [--cases eval/cases/chat.yaml] [--repeat 2] [--show-failures]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from assistant.chat.state import read_marker
from assistant.config import Settings
from assistant.evaluation.cases import load_cases
from assistant.evaluation.conversations import ChatRunner
from assistant.outline.request import OutlineRequest
from assistant.runtime import Runtime


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, default=Path(__file__).parent / "cases")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    settings = Settings()
    started = time.perf_counter()
    runtime = Runtime.open(settings)
    runtime.embeddings.encode(["预热"], "query")  # a served process loads the model at start
    print(f"runtime opened and model loaded in {time.perf_counter() - started:.1f} s")
    cases = load_cases(args.cases).chats
    runner = ChatRunner(runtime, settings)
    for round_number in range(1, args.repeat + 1):
        by_kind: dict[str, list[float]] = defaultdict(list)
        failures: list[tuple[str, list[str]]] = []
        turns = scored = met = 0
        last = ""
        for case in cases:
            for item in runner.run(case):
                turns += 1
                by_kind[item.turn_kind or "?"].append(item.seconds * 1000)
                last = item.canonical
                if item.known_issue:
                    continue
                scored += 1
                if item.unmet:
                    failures.append((item.name, item.unmet))
                else:
                    met += 1
        every = [ms for values in by_kind.values() for ms in values]
        print(f"\nround {round_number}: {len(cases)} conversations, {turns} turns")
        print(f"turn success {met}/{scored} = {met / scored:.3f}")
        print(f"{'kind':<14}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
        for kind, values in sorted(by_kind.items()):
            print(
                f"{kind:<14}{len(values):>5}{statistics.median(values):>10.1f}"
                f"{percentile(values, 0.95):>10.1f}{max(values):>10.1f}"
            )
        print(
            f"{'all turns':<14}{len(every):>5}{statistics.median(every):>10.1f}"
            f"{percentile(every, 0.95):>10.1f}{max(every):>10.1f}"
        )
        if args.show_failures:
            for name, unmet in failures:
                print(f"  FAIL {name}: {'; '.join(unmet)}")
    anchor = []
    for _ in range(20):
        start = time.perf_counter()
        runtime.outline(OutlineRequest("县农机局", "上半年"))
        anchor.append((time.perf_counter() - start) * 1000)
    print(f"\nanchor: outline chain alone p50 {statistics.median(anchor):.1f} ms")
    start = time.perf_counter()
    read_marker(last)
    print(f"anchor: reading one state marker {(time.perf_counter() - start) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
