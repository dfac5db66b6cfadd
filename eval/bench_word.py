"""Word latency: checking and fixing a 20-page .docx in-process, beside python-docx's own open.

The document is the fixtures' GB/T 9704 sample repeated to 20 pages (22 lines of 28
characters a page), with the planted text defects and two layout defects in every copy, so the
check has diagnostics to build and the fix has tracked changes, comments and formatting to write.
Goals: check p95 under 300 ms, check + fix + write under 1 s.

    python eval/bench_word.py [--runs 30] [--pages 20]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

import docx

from assistant.evaluation.docx_fixtures import build_docx, planted_text, spoiled
from assistant.genre.numbering import numeral_text
from assistant.word.check import check_docx
from assistant.word.fix import fix_docx

CHARS_PER_PAGE = 22 * 28


def _document(pages: int) -> bytes:
    """One long summary: the sample's parts repeated under consecutive level-1 numbers."""
    sample = planted_text()
    part = [line for line in sample[2:-2] if line[0] != "heading-1"]
    lines = sample[:2]
    number = 0
    while sum(len(text) for _, text in lines) < pages * CHARS_PER_PAGE:
        number += 1
        lines.append(("heading-1", f"{numeral_text(number)}、第{numeral_text(number)}部分工作"))
        lines.extend(part)
    lines.extend(sample[-2:])
    return build_docx(lines, spoiled(["body-font", "line-spacing"], 0))


def _timed(action: Callable[[], object], runs: int) -> list[float]:
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _row(name: str, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"| {name} | {statistics.median(times):.1f} | {p95:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    data = _document(args.pages)
    check = check_docx(data)
    fixed = fix_docx(data)
    chars = len(check.document.text)
    print(
        f"document: {len(data) // 1024} KB, {len(check.document.paragraphs)} paragraphs, {chars} characters "
        f"(~{chars / CHARS_PER_PAGE:.0f} pages), {len(check.result.diagnostics)} diagnostics; "
        f"fix: {fixed.summary()}"
    )
    print("| operation | p50 ms | p95 ms |")
    print("|---|---|---|")
    print(
        _row(
            "python-docx open + paragraph texts (anchor)",
            _timed(lambda: [p.text for p in docx.Document(io.BytesIO(data)).paragraphs], args.runs),
        )
    )
    print(
        _row("check (read, text rules, layout rules)", _timed(lambda: check_docx(data), args.runs))
    )
    print(_row("check + fix + write", _timed(lambda: fix_docx(data), max(5, args.runs // 3))))


if __name__ == "__main__":
    main()
