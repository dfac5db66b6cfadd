"""``assistant complete TEXT [--office TEXT] [--limit N] [--json]``: autocomplete at the cursor."""

from __future__ import annotations

import argparse
from typing import Any

from assistant.cli.output import print_json
from assistant.config import Settings
from assistant.errors import InputError, TooLargeError

MAX_LIMIT = 50


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("complete", help="自动补全：给出光标处可插入的文字")
    parser.add_argument("text", help="光标前的草稿文本（可为空）")
    parser.add_argument("--suffix", default="", help="光标后的文本（可选）")
    parser.add_argument("--office", help="单位类型，如 农机局、镇政府")
    parser.add_argument("--limit", type=int, default=5, help=f"最多几条建议（1-{MAX_LIMIT}）")
    parser.add_argument("--json", action="store_true", help="输出与 HTTP 接口相同的 JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the suggestions for the draft."""
    size = len(args.text) + len(args.suffix)
    if size > settings.max_text_chars:
        raise TooLargeError(f"文本过长：{size} 字，上限为 {settings.max_text_chars} 字。")
    if not 1 <= args.limit <= MAX_LIMIT:
        raise InputError(f"--limit 应在 1 到 {MAX_LIMIT} 之间。")
    from assistant.completion.completer import suggestions_json
    from assistant.runtime import Runtime

    runtime = Runtime.open(settings)
    match = runtime.match_office(args.office)
    suggestions = runtime.complete(
        args.text, suffix=args.suffix, office=args.office, limit=args.limit
    )
    if args.json:
        print_json(suggestions_json(suggestions))
        return 0
    if match is not None and not match.exact:
        print(f"单位类型“{args.office}”按最接近的“{match.label}”处理。")
    if not suggestions:
        print("没有建议。")
    for rank, suggestion in enumerate(suggestions, start=1):
        where = f"来源 {suggestion.source}，得分 {suggestion.score:.4f}"
        print(f"{rank}. {suggestion.text}    （{where}）")
    return 0
