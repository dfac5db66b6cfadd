"""``assistant corpus [--json]``: the indexed documents."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table

from assistant.cli.output import print_json
from assistant.config import Settings
from assistant.errors import DataDirError


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("corpus", help="列出已建索引的文档")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """List documents from the catalog."""
    from assistant.index.catalog import Catalog

    catalog = Catalog.load(settings.index_dir)
    if catalog is None:
        raise DataDirError(
            f"数据目录 {settings.data_dir} 中还没有索引。请先运行 `assistant ingest`。"
        )
    if args.json:
        print_json(list(catalog.documents.values()))
        return 0
    table = Table("id", "标题", "单位类型", "时段", "字数")
    for record in catalog.documents.values():
        table.add_row(record.id, record.title, record.office_type, record.period, str(record.chars))
    Console().print(table)
    return 0
