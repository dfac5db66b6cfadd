"""Outline and autocomplete latency beside the raw Chroma and BM25 queries, at several sizes.

Usage: ``python eval/bench_suggest.py [--sizes seed,10000,100000] [--queries 200]``

For each size, a real index is built in a temporary data directory (the seed by a real ingest;
larger sizes from recombined real sentences, see ``eval/synthetic_index.py``), then p50/p95 are
printed for: the raw Chroma top-20 query (unfiltered, and with a ``where`` office filter), the
BM25 query alone, our hybrid search, the whole outline chain, and autocomplete. Query
embeddings are computed beforehand for the raw Chroma rows; hybrid and outline include their
own embedding (cached after the first time a text is seen, as in the server).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.config import Settings  # noqa: E402
from assistant.corpus.store import load_corpus  # noqa: E402
from assistant.index.embeddings import builtin_model_path  # noqa: E402
from assistant.index.ingest import embeddings_for, ingest  # noqa: E402
from assistant.index.retrieval import SearchIndex  # noqa: E402
from assistant.outline.request import OutlineRequest  # noqa: E402
from assistant.runtime import Runtime  # noqa: E402
from eval.synthetic_index import build_index  # noqa: E402

OFFICES = [
    "县科技局",
    "镇政府",
    "园区管委会",
    "农机局",
    "驻村工作组",
    "县财政局",
    "某中学",
    "街道办",
    "abc",
]
PERIODS = ["上半年", "年度", "下半年"]
TOPICS = [None, "普法", "安全生产"]
QUERIES = ["农机 队伍建设", "存在的问题和不足", "下一步工作打算", "科技项目申报", "普法宣传教育"]
PREFIXES = [
    "一是加强",
    "一、加强组织领导\n二、强化项目服务\n三、",
    "我局认真贯彻",
    "二是",
    "下一步",
]


def timed(calls: list[Callable[[], object]]) -> tuple[float, float]:
    """p50 and p95 in milliseconds over the calls (after one warm-up pass)."""
    for call in calls[: min(5, len(calls))]:
        call()
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(samples, n=100)
    return cuts[49], cuts[94]


def data_dir_with_model(folder: Path) -> Settings:
    data = folder / "data"
    (data / "models").mkdir(parents=True)
    model = builtin_model_path(Settings())
    (data / "models" / model.name).symlink_to(model)
    return Settings(data_dir=data)


def bench_size(label: str, settings: Settings, queries: int) -> None:
    runtime = Runtime.open(settings)
    index: SearchIndex = runtime.index
    store = index.store
    vectors = [runtime.embeddings.embed_query(q) for q in QUERIES]
    n = len(index.chunks)
    requests = [
        OutlineRequest(OFFICES[i % len(OFFICES)], PERIODS[i % 3], TOPICS[(i // 3) % 3])
        for i in range(queries)
    ]
    rows = {
        "chroma top-20": timed(
            [lambda v=vectors[i % 5]: store.query(v, 20) for i in range(queries)]
        ),
        "chroma top-20 where office": timed(
            [
                lambda v=vectors[i % 5]: store.query(v, 20, where={"office_type": "农机局"})
                for i in range(queries)
            ]
        ),
        "bm25 top-50": timed(
            [lambda q=QUERIES[i % 5]: index.lexical_ranking(q, 50) for i in range(queries)]
        ),
        "hybrid search": timed(
            [
                lambda q=QUERIES[i % 5]: index.search(q, k=20, office_types=("农机局",))
                for i in range(queries)
            ]
        ),
        "outline": timed([lambda r=r: runtime.outline(r) for r in requests]),
        "autocomplete": timed(
            [
                lambda p=PREFIXES[i % 5]: runtime.completer.complete(p, office_types=("科技局",))
                for i in range(queries)
            ]
        ),
    }
    print(f"\n== {label}: {n} chunks ==")
    print(f"{'operation':<28}{'p50 ms':>10}{'p95 ms':>10}")
    for name, (p50, p95) in rows.items():
        print(f"{name:<28}{p50:>10.2f}{p95:>10.2f}")
    raw = rows["chroma top-20"][1] + rows["bm25 top-50"][1]
    print(f"hybrid p95 / (chroma + bm25 p95): {rows['hybrid search'][1] / raw:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="seed,10000,100000")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        seed_settings = data_dir_with_model(Path(folder) / "seed")
        embeddings = embeddings_for(seed_settings)
        ingest(seed_settings, load_corpus(seed_settings.corpus_dir), embeddings=embeddings)
        real = list(SearchIndex(seed_settings, embeddings).chunks.values())
        for size in args.sizes.split(","):
            if size == "seed":
                bench_size("seed", seed_settings, args.queries)
                continue
            settings = data_dir_with_model(Path(folder) / size)
            started = time.perf_counter()
            build_index(settings, embeddings_for(settings), real, int(size))
            print(f"\n(built {size} chunks in {time.perf_counter() - started:.1f} s)")
            bench_size(size, settings, args.queries)


if __name__ == "__main__":
    main()
