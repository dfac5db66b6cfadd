"""Autocomplete benchmark: build time and per-request latency at the seed size, 10k and 100k chunks.

Usage: ``python eval/bench_complete.py [--sizes seed,10000,100000] [--queries 1000] [--json F]``

The seed chunks come from parsing ``corpus/`` (no model, no Chroma); larger catalogs are
synthetic (`eval.synthetic.synthetic_chunks`). The request mix: heading starts after drafts of
various shapes (``三、`` after achievements, ``四、`` after problems, ``（二）`` in a part),
partial heading titles, mid-sentence prefixes cut from corpus sentences at random points,
``一是……。`` enumerations and prefixes the corpus cannot continue; half of them with an office
type. Latency is in-process wall time of ``Completer.complete``.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.completion.completer import Completer  # noqa: E402
from assistant.corpus.store import load_corpus  # noqa: E402
from assistant.index.annotate import indexed_chunks  # noqa: E402
from assistant.index.chunks import Chunk  # noqa: E402
from eval.synthetic import SENTENCE, synthetic_chunks  # noqa: E402

OFFICES = ("科技局", "乡镇", "园区", "农机局", "工作组")
DRAFT = (
    "今年以来，我局认真贯彻落实上级部署，各项工作稳步推进，现将有关情况总结如下：\n"
    "一、加强组织领导\n成立了工作领导小组，明确了责任分工。\n"
    "二、强化项目服务\n全年申报各类项目12个，到位资金300万元。\n"
)
HEADING_PREFIXES = (
    "一、",
    DRAFT + "三、",
    DRAFT + "三、存在的问题\n一是投入不足。\n四、",
    DRAFT + "三、主要做法\n（一）健全制度\n制定了管理办法。\n（二）",
    DRAFT + "三、存在",
    DRAFT + "三、加强",
    "一、主要工作成效\n1.",
)
ENUMERATION_PREFIXES = (
    "一是加强调研服务。",
    "一是加强组织领导。",
    "一是加强调研服务。二是加强项目推进服务。",
    DRAFT + "三、下一步工作打算\n一是加快推进项目建设。",
    "一是加强调研服务。二",
)
NO_MATCH = ("The quarterly revenue", "量子计算芯片流片良率", "")


def seed_chunks() -> list[Chunk]:
    """The real chunks of the built-in corpus."""
    documents = load_corpus(ROOT / "corpus")
    return [c for d in documents for c in indexed_chunks(d)]


def mid_sentence_prefixes(chunks: list[Chunk], count: int, rng: random.Random) -> list[str]:
    """Prefixes cut at random points of corpus sentences (4+ characters in), some with a draft."""
    sentences = [
        s for c in chunks if c.kind == "paragraph" for s in SENTENCE.findall(c.text) if len(s) > 8
    ]
    prefixes = []
    for _ in range(count):
        sentence = rng.choice(sentences)
        cut = rng.randint(4, len(sentence) - 2)
        prefixes.append((DRAFT if rng.random() < 0.3 else "") + sentence[:cut])
    return prefixes


def request_mix(
    chunks: list[Chunk], total: int, seed: int = 1
) -> list[tuple[str, tuple[str, ...]]]:
    """The mixed requests: (text, office types)."""
    rng = random.Random(seed)
    fixed = list(HEADING_PREFIXES) * 3 + list(ENUMERATION_PREFIXES) * 3 + list(NO_MATCH)
    texts = fixed + mid_sentence_prefixes(chunks, max(0, total - len(fixed)), rng)
    rng.shuffle(texts)
    return [(t, (rng.choice(OFFICES),) if i % 2 else ()) for i, t in enumerate(texts[:total])]


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(chunks: list[Chunk], requests: list[tuple[str, tuple[str, ...]]]) -> dict[str, float]:
    """Build time and latency percentiles (milliseconds) for one catalog size."""
    gc.collect()
    start = time.perf_counter()
    completer = Completer.from_chunks(chunks)
    build = time.perf_counter() - start
    for text, offices in requests[:50]:  # warm-up
        completer.complete(text, office_types=offices)
    latencies = []
    answered = 0
    for text, offices in requests:
        begin = time.perf_counter_ns()
        found = completer.complete(text, office_types=offices)
        latencies.append((time.perf_counter_ns() - begin) / 1e6)
        answered += bool(found)
    return {
        "chunks": len(chunks),
        "sentences": len(completer.sentences),
        "titles": len(completer.headings.index),
        "build_s": round(build, 3),
        "p50_ms": round(statistics.median(latencies), 3),
        "p95_ms": round(percentile(latencies, 0.95), 3),
        "max_ms": round(max(latencies), 3),
        "answered": round(answered / len(requests), 3),
    }


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,10000,100000")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args()
    real = seed_chunks()
    requests = request_mix(real, args.queries)
    results = []
    print(
        f"{'chunks':>8} {'sentences':>9} {'titles':>6} {'build s':>8} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'answered':>8}"
    )
    for size in args.sizes.split(","):
        chunks = real if size == "seed" else synthetic_chunks(real, int(size), seed=0)
        row = measure(chunks, requests)
        results.append(row)
        print(
            f"{row['chunks']:>8} {row['sentences']:>9} {row['titles']:>6} {row['build_s']:>8} "
            f"{row['p50_ms']:>7} {row['p95_ms']:>7} {row['max_ms']:>7} {row['answered']:>8}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
