"""``assistant outline --office TEXT [--period TEXT] [--topic TEXT] [--json]``."""

from __future__ import annotations

import argparse
from typing import Any

from assistant.cli.output import print_json
from assistant.config import Settings


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("outline", help="生成工作总结提纲")
    parser.add_argument("--office", required=True, help="单位类型，如 县科技局、镇政府、农机局")
    parser.add_argument("--period", help="时段，如 上半年、年度")
    parser.add_argument("--topic", help="主题，如 普法、招商引资")
    parser.add_argument("--json", action="store_true", help="输出与 HTTP 接口相同的 JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the outline as Markdown (or JSON)."""
    from assistant.outline.render import outline_markdown
    from assistant.outline.request import OutlineRequest, validate
    from assistant.runtime import Runtime

    request = OutlineRequest(office_type=args.office, period=args.period, topic=args.topic)
    validate(request)
    outline = Runtime.open(settings).outline(request)
    if args.json:
        print_json(outline.to_json())
    else:
        print(outline_markdown(outline))
    return 0
