"""``assistant ingest [PATH ...] [--rebuild]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from assistant.config import Settings


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("ingest", help="为内置语料或指定文件建立索引")
    parser.add_argument("paths", nargs="*", type=Path, help=".txt/.md/.docx 文件或文件夹")
    parser.add_argument("--rebuild", action="store_true", help="丢弃现有索引，重新建立")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Index the corpus (default) or the given files, with a progress bar."""
    from assistant.corpus.store import documents_from_files, load_corpus
    from assistant.index.ingest import ingest

    documents = documents_from_files(args.paths) if args.paths else load_corpus(settings.corpus_dir)
    console = Console(stderr=True)
    columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("向量化", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = ingest(settings, documents, rebuild=args.rebuild, progress=advance)
    print(
        f"已处理 {report.documents} 篇文档（新增或更新 {report.changed_documents} 篇），"
        f"新增 {report.added_chunks} 个片段；索引共 {report.total_documents} 篇文档、"
        f"{report.total_chunks} 个片段。"
    )
    if report.outdated_titles:
        listed = "、".join(f"《{title}》" for title in report.outdated_titles[:20])
        more = "等" if len(report.outdated_titles) > 20 else ""
        print(
            f"原索引由旧版本建立，已重建。以下 {len(report.outdated_titles)} 篇此前导入的文档"
            f"不在本次导入中，需要重新导入：{listed}{more}",
            file=sys.stderr,
        )
    return 0
