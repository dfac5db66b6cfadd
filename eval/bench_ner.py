"""Named-entity recognition for de-identification: precision, recall and speed of each candidate.

Scored by ``assistant.evaluation.ner`` (see there for the measures and the candidates) on the
built-in corpus and its hand-labelled entities; each candidate tags the corpus afresh (the tag
cache is cleared), after one warm-up sentence, so the speeds compare.

    python eval/bench_ner.py [--json FILE] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.corpus.entities import clear_tag_cache  # noqa: E402
from assistant.evaluation.ner import CANDIDATES, candidates, load_documents, score  # noqa: E402

DOCUMENTS = ROOT / "corpus" / "documents"
ENTITIES = ROOT / "eval" / "entities.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    parser.add_argument("--show-misses", action="store_true", help="list uncovered entities")
    args = parser.parse_args()
    documents = load_documents(DOCUMENTS, ENTITIES)
    warm = documents[0].sentences[0][1]
    for sentence_predict in CANDIDATES.values():
        sentence_predict(warm)
    rows = {}
    for name, predict in candidates().items():
        clear_tag_cache()  # every candidate tags the corpus afresh, so speeds compare
        rows[name] = score(documents, predict)
        if args.show_misses:
            print(name)
            for miss in rows[name].misses:
                print(f"  miss {miss}")
    sentence_count = sum(len(d.sentences) for d in documents)
    print(f"{sentence_count} sentences, {rows['LAC raw'].gold_mentions} entity mentions")
    print("| candidate | mention P | mention R | char P | char R | ms/sentence |")
    print("|---|---|---|---|---|---|")
    for name, row in rows.items():
        print(
            f"| {name} | {row.mention_precision:.2f} | {row.mention_recall:.2f} | "
            f"{row.char_precision:.2f} | {row.char_recall:.2f} | {row.ms_per_sentence:.2f} |"
        )
    if args.json:
        data = {name: asdict(row) for name, row in rows.items()}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
