"""Leave one summary out: generated headings against each corpus summary's real ones.

Usage: ``python eval/heading_loo.py [--json FILE] [--show]``

Each corpus summary is held out in turn (the others indexed in a temporary data directory with
the configured model), an outline is asked for its office type, period and topic, and its
headings are compared with the summary's own (``assistant.evaluation.headings``): mean
best-match cosine and share of real headings matched above the threshold, per office type.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.config import Settings  # noqa: E402
from assistant.corpus.store import load_corpus  # noqa: E402
from assistant.evaluation.headings import leave_one_out, summarize  # noqa: E402
from assistant.index.ingest import embeddings_for  # noqa: E402
from assistant.index.office_match import OfficeMatcher  # noqa: E402
from assistant.index.retrieval import SearchIndex  # noqa: E402
from assistant.outline.chain import OutlineBuilder  # noqa: E402
from assistant.outline.model import Outline  # noqa: E402
from assistant.outline.request import OutlineRequest  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, help="write the whole result as JSON")
    parser.add_argument("--show", action="store_true", help="print real and generated headings")
    args = parser.parse_args()
    settings = Settings()
    embeddings = embeddings_for(settings)
    offices = OfficeMatcher(embeddings)

    def outline_for(temporary: Settings, request: OutlineRequest) -> Outline:
        return OutlineBuilder(SearchIndex(temporary, embeddings), offices).build(request)

    documents = load_corpus(settings.corpus_dir)
    summary = summarize(leave_one_out(settings, documents, embeddings, outline_for))
    print(f"threshold {summary['threshold']}")
    print(f"{'office type':<10}{'docs':>6}{'similarity':>12}{'matched':>10}")
    for office, row in summary["office_types"].items():
        print(f"{office:<10}{row['documents']:>6}{row['similarity']:>12.4f}{row['matched']:>10.3f}")
    print(
        f"{'all':<10}{len(documents):>6}{summary['similarity']:>12.4f}{summary['matched']:>10.3f}"
    )
    if args.show:
        for row in summary["documents"]:
            print(f"\n== {row['document']} {row['office_type']} {row['period']} {row['topic']}")
            print("real:      " + " | ".join(row["real"]))
            print("generated: " + " | ".join(row["generated"]))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
