"""Ingest throughput against the model's own batch encoding, on the same chunks, in one run.

Prints documents/s and chunks/s of a fresh ingest (empty data directory, empty embedding cache)
beside the raw ``SentenceTransformer.encode`` throughput on exactly the chunk texts it embeds,
the overhead of everything else (parsing, chunking, de-identification and common-work
annotation, Chroma, BM25 tokens, catalog), what annotation alone costs (Baidu LAC and the name
rules on every sentence, tags not cached), and the time of a re-ingest of unchanged input.

    .venv/bin/python eval/bench_ingest.py [--copies N]

``--copies`` repeats the corpus with each copy's text varied (so nothing is cached) to get a
longer, steadier measurement.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.config import Settings
from assistant.corpus.entities import clear_tag_cache
from assistant.corpus.heading_parser import parse_document
from assistant.corpus.store import SourceDocument, load_corpus
from assistant.index.annotate import annotate
from assistant.index.chunks import chunk_document
from assistant.index.embeddings import BATCH_SIZE, builtin_model_path, load_encoder
from assistant.index.ingest import ingest


def varied_corpus(documents: list[SourceDocument], copies: int) -> list[SourceDocument]:
    """The corpus repeated, every sentence of a copy marked so no chunk text repeats."""
    varied = []
    for copy in range(copies):
        for document in documents:
            text = document.text.replace("。", f"（第{copy}份）。") if copy else document.text
            varied.append(replace(document, id=f"{document.id}-c{copy}", text=text))
    return varied


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=3)
    args = parser.parse_args()
    base = Settings()
    documents = varied_corpus(load_corpus(base.corpus_dir), args.copies)
    chunked = [chunk_document(document, parse_document(document.text)) for document in documents]
    texts = list(dict.fromkeys(chunk.text for chunks in chunked for chunk in chunks))
    annotate(chunked[0][:1])  # load the tagger
    clear_tag_cache()
    started = time.perf_counter()
    for chunks in chunked:
        annotate(chunks)
    annotation = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        (data / "models").mkdir(parents=True)
        model = builtin_model_path(base)
        (data / "models" / model.name).symlink_to(model)
        settings = Settings(data_dir=data)
        encoder = load_encoder(settings)
        encoder.encode(texts[:BATCH_SIZE], "passage")  # warm up

        started = time.perf_counter()
        encoder.encode(texts, "passage")
        raw = time.perf_counter() - started

        clear_tag_cache()  # the ingest tags every sentence itself
        started = time.perf_counter()
        report = ingest(settings, documents)
        fresh = time.perf_counter() - started

        started = time.perf_counter()
        again = ingest(settings, documents)
        unchanged = time.perf_counter() - started
        shutil.rmtree(data / "index")

    print(f"documents: {len(documents)}, chunks: {report.chunks} (encoded {report.encoded_texts})")
    print(f"raw encode      : {raw:7.2f} s  {len(texts) / raw:8.1f} chunks/s")
    print(
        f"ingest (fresh)  : {fresh:7.2f} s  {report.chunks / fresh:8.1f} chunks/s"
        f"  {len(documents) / fresh:6.2f} documents/s"
    )
    print(f"ingest/encode throughput ratio: {raw / fresh:.3f}  (overhead {fresh / raw - 1:+.1%})")
    print(
        f"annotation alone (NER + common work): {annotation:7.2f} s "
        f"= {annotation / fresh:.1%} of the ingest, {annotation / raw:.1%} of raw encode"
    )
    print(f"re-ingest unchanged: {unchanged:.3f} s, added {again.added_chunks} chunks")


if __name__ == "__main__":
    main()
