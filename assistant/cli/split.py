"""``assistant split SOURCE ... --out FOLDER``: turn compilations into a reviewable corpus."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.corpus.store import documents_from_files, write_corpus


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("split", help="把汇编文件拆分为语料目录（含清单）")
    parser.add_argument("sources", nargs="+", type=Path, help=".txt/.md/.docx 文件或文件夹")
    parser.add_argument("--out", type=Path, required=True, help="输出的语料目录")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Split, describe and write the documents with a manifest to review."""
    documents = documents_from_files(args.sources)
    write_corpus(args.out, documents)
    print(f"已拆分出 {len(documents)} 篇文档，写入 {args.out}。请检查并修正 manifest.yaml。")
    for document in documents:
        print(f"  {document.id}\t{document.office_type}\t{document.period}\t{document.title}")
    return 0
