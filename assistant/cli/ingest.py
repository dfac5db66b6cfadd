"""``assistant ingest [PATH ...] [--rebuild]``.

Exit codes: 0 when everything given was indexed; 1 when some files could not be read (each is
named on stderr) and the rest were indexed; 2 when nothing could be indexed (every file failed,
or the data directory cannot be written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from assistant.config import Settings
from assistant.errors import InputError


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("ingest", help="为内置语料或指定文件建立索引")
    parser.add_argument("paths", nargs="*", type=Path, help=".txt/.md/.docx 文件或文件夹")
    parser.add_argument("--rebuild", action="store_true", help="丢弃现有索引，重新建立")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Index the corpus (default) or the given files, with a progress bar."""
    from assistant.corpus.store import load_corpus
    from assistant.index.ingest import ingest
    from assistant.index.sources import read_sources

    if args.paths:
        sources = read_sources(args.paths)
        documents, problems = sources.documents, sources.problems
    else:
        documents, problems = load_corpus(settings.corpus_dir), []
    for problem in problems:
        print(f"跳过：{problem.message}", file=sys.stderr)
    if not documents:
        only = problems[0].message if len(problems) == 1 else f"{len(problems)} 个文件都无法读取"
        raise InputError(f"没有可以导入的文档：{only}")
    console = Console(stderr=True)

    def waiting(message: str) -> None:
        console.print(message)

    columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("向量化", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = ingest(settings, documents, rebuild=args.rebuild, progress=advance, notify=waiting)
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
    if report.restored_chunks:
        print(f"向量库缺少 {report.restored_chunks} 个已登记片段的向量，已补齐。")
    if report.removed_orphans:
        print(f"已清理 {report.removed_orphans} 个未登记的向量（之前中断的导入留下的）。")
    if problems:
        print(f"有 {len(problems)} 个文件无法读取，已跳过（见上方说明）。", file=sys.stderr)
        return 1
    return 0
