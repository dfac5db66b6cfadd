"""``assistant outline --office TEXT [--period TEXT] [--topic TEXT] [--json] [--docx FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.output import print_json
from assistant.config import Settings
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.outline.model import Outline


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("outline", help="生成工作总结提纲")
    parser.add_argument("--office", required=True, help="单位类型，如 县科技局、镇政府、农机局")
    parser.add_argument("--period", help="时段，如 上半年、年度")
    parser.add_argument("--topic", help="主题，如 普法、招商引资")
    parser.add_argument("--json", action="store_true", help="输出与 HTTP 接口相同的 JSON")
    parser.add_argument("--docx", type=Path, help="另存为符合 GB/T 9704 的 Word 文档")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the outline as Markdown (or JSON)."""
    from assistant.outline.render import outline_markdown
    from assistant.outline.request import OutlineRequest, validate
    from assistant.runtime import Runtime

    request = OutlineRequest(office_type=args.office, period=args.period, topic=args.topic)
    validate(request, {"office_type": "--office", "period": "--period", "topic": "--topic"})
    outline = Runtime.open(settings).outline(request)
    if args.docx is not None:
        _write_docx(args.docx, outline, settings)
    if args.json:
        print_json(outline)
    else:
        print(outline_markdown(outline))
    return 0


def _write_docx(target: Path, outline: Outline, settings: Settings) -> None:
    """Write the outline as a .docx and say where."""
    from assistant.word.export import outline_docx

    try:
        target.write_bytes(outline_docx(outline, settings.layout_profile))
    except OSError as error:
        raise InputError(f"无法写入 {target}：{error.strerror or error}") from None
    print(f"已写入 {target}", file=sys.stderr)
