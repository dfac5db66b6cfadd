"""``assistant search QUERY [--office TEXT] [--json]``: hybrid retrieval, for debugging."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.cli.output import print_json
from assistant.config import Settings
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.index.retrieval import Hit


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("search", help="混合检索（调试用）")
    parser.add_argument("query", help="检索词")
    parser.add_argument("--office", help="单位类型，如 农机局、镇政府")
    parser.add_argument("-k", type=int, default=10, help="返回条数")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the best chunks for the query."""
    from assistant.runtime import Runtime

    if not args.query.strip():
        raise InputError("检索词不能为空。")
    if not 1 <= args.k <= 100:
        raise InputError("-k 应在 1 到 100 之间。")
    runtime = Runtime.open(settings)
    hits = runtime.search(args.query, office=args.office, k=args.k)
    if args.json:
        print_json([SearchHit.of(hit) for hit in hits])
        return 0
    for rank, hit in enumerate(hits, start=1):
        chunk = hit.chunk
        heading = chunk.heading or chunk.role
        print(f"{rank:>2}. [{chunk.office_type}] {chunk.document} · {heading} ({hit.score:.4f})")
        print(f"    {chunk.text[:80].replace(chr(10), ' ')}")
    return 0


@dataclass(frozen=True)
class SearchHit:
    """A retrieved chunk as ``assistant search --json`` prints it."""

    id: str
    document: str
    office_type: str
    role: str
    heading: str
    text: str
    score: float

    @classmethod
    def of(cls, hit: Hit) -> SearchHit:
        """The hit's chunk and fused score (rounded to 6 places)."""
        chunk = hit.chunk
        return cls(
            chunk.id,
            chunk.document,
            chunk.office_type,
            chunk.role,
            chunk.heading,
            chunk.text,
            round(hit.score, 6),
        )
