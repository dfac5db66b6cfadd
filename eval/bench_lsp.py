"""Language-server latency through the protocol: completion and diagnostics round trips.

Starts ``python -m assistant lsp`` as an editor would, over stdio, on a 5,000-character draft
built from the corpus documents (they are raw, so the draft carries hundreds of defects: a
heavy diagnostics payload). Waits for the model and index to load, then measures, from sending
to receiving (JSON encoding, pipes and parsing included):

- completion: ``textDocument/completion`` at random mid-line positions of the draft;
- diagnostics after a change: an incremental ``didChange`` (a character inserted, then removed)
  until its ``publishDiagnostics`` arrives; this includes the server's 150 ms debounce, and
  the same minus the debounce is printed too;
- diagnostics on open: ``didOpen`` of the whole draft until ``publishDiagnostics`` (no debounce).

    python eval/bench_lsp.py [--data-dir DIR] [--runs 200] [--json FILE]

``--data-dir`` defaults to ``ASSISTANT_DATA_DIR`` or the default data directory; the server
builds the index there first if it has none.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.corpus.store import load_corpus  # noqa: E402
from assistant.lsp.server import CHECK_DELAY_SECONDS  # noqa: E402
from tests.lsp.client import LspClient, position, utf16_position  # noqa: E402

DRAFT_CHARS = 5_000
READY_TIMEOUT = 600.0


def build_draft(settings: Settings) -> str:
    """The first 5,000 characters of the corpus documents, one after another."""
    documents = sorted(load_corpus(settings.corpus_dir), key=lambda d: d.id)
    return "\n".join(d.text for d in documents)[:DRAFT_CHARS]


def percentiles(seconds: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "runs": len(ordered),
    }


def mid_line_offsets(text: str, count: int, rng: random.Random) -> list[int]:
    """Cursor offsets at least 4 characters into a line, not at its end."""
    candidates = []
    start = 0
    for line in text.split("\n"):
        candidates.extend(range(start + 4, start + len(line)))
        start += len(line) + 1
    return [rng.choice(candidates) for _ in range(count)]


def bench_completion(
    client: LspClient, uri: str, draft: str, runs: int
) -> tuple[list[float], list[float]]:
    """Round trips of completion requests at random positions: all, and those with items."""
    rng = random.Random(7)
    seconds: list[float] = []
    answered: list[float] = []
    for offset in mid_line_offsets(draft, runs, rng):
        params = {"textDocument": {"uri": uri}, "position": utf16_position(draft, offset)}
        started = time.perf_counter()
        result = client.request("textDocument/completion", params)
        seconds.append(time.perf_counter() - started)
        if result["items"]:
            answered.append(seconds[-1])
    return seconds, answered


def bench_changes(client: LspClient, uri: str, draft: str, runs: int) -> list[float]:
    """Round trips from an incremental change to its diagnostics."""
    rng = random.Random(11)
    seconds = []
    for version, offset in enumerate(mid_line_offsets(draft, runs // 2, rng), start=2):
        where = utf16_position(draft, offset)
        after = position(where["line"], where["character"] + 1)
        for step, change in enumerate(
            (
                {"range": {"start": where, "end": where}, "text": "的"},
                {"range": {"start": where, "end": after}, "text": ""},
            )
        ):
            number = 2 * version + step
            since = client.mark()
            started = time.perf_counter()
            client.change(uri, number, [change])
            client.diagnostics(uri, number, since, timeout=30)
            seconds.append(time.perf_counter() - started)
    return seconds


def bench_opens(client: LspClient, draft: str, runs: int) -> tuple[list[float], int]:
    """Round trips from opening the draft to its diagnostics; also how many there are."""
    seconds = []
    count = 0
    for number in range(runs):
        uri = f"file:///bench/open-{number}.md"
        since = client.mark()
        started = time.perf_counter()
        client.open(uri, draft)
        count = len(client.diagnostics(uri, 1, since, timeout=30))
        seconds.append(time.perf_counter() - started)
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return seconds, count


def main() -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    settings = Settings() if args.data_dir is None else Settings(data_dir=args.data_dir)
    draft = build_draft(settings)
    with tempfile.TemporaryDirectory() as folder:
        client = LspClient(settings.data_dir, Path(folder) / "server.log")
        try:
            started = time.perf_counter()
            client.initialize()
            client.wait_notification(
                "window/logMessage", lambda p: "自动补全可用" in p["message"], timeout=READY_TIMEOUT
            )
            loaded = time.perf_counter() - started
            opens, diagnostics = bench_opens(client, draft, max(10, args.runs // 4))
            uri = "file:///bench/draft.md"
            client.open(uri, draft)
            client.diagnostics(uri, 1, timeout=30)
            completions, answered = bench_completion(client, uri, draft, args.runs)
            changes = bench_changes(client, uri, draft, args.runs)
            client.shutdown_and_exit()
        finally:
            client.kill()
    delay = CHECK_DELAY_SECONDS
    results: dict[str, Any] = {
        "draft_chars": len(draft),
        "diagnostics_per_check": diagnostics,
        "server_ready_seconds": round(loaded, 1),
        "completion": percentiles(completions),
        "completion_with_items": percentiles(answered),
        "diagnostics_after_change": percentiles(changes),
        "diagnostics_after_change_minus_debounce": percentiles([s - delay for s in changes]),
        "diagnostics_on_open": percentiles(opens),
    }
    print(f"draft: {len(draft)} characters, {diagnostics} diagnostics per check")
    print(f"server ready (model and index loaded) after {results['server_ready_seconds']} s")
    print(f"{'round trip':<44}{'p50 ms':>10}{'p95 ms':>10}{'runs':>7}")
    for key, label in (
        ("completion", "completion (all requests)"),
        ("completion_with_items", "completion (requests answered with items)"),
        (
            "diagnostics_after_change",
            f"didChange -> diagnostics (incl. {delay * 1000:.0f} ms wait)",
        ),
        ("diagnostics_after_change_minus_debounce", "didChange -> diagnostics, minus the wait"),
        ("diagnostics_on_open", "didOpen -> diagnostics"),
    ):
        row = results[key]
        print(f"{label:<44}{row['p50_ms']:>10.1f}{row['p95_ms']:>10.1f}{row['runs']:>7}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
