"""``assistant complete TEXT [--office TEXT] [--limit N] [--json]``: autocomplete at the cursor."""

from __future__ import annotations

import argparse
from typing import Any

from assistant.cli.output import print_json
from assistant.config import Settings
from assistant.limits import MAX_SUGGESTIONS

OPTION_NAMES = {"text": "TEXT", "suffix": "--suffix", "office_type": "--office", "limit": "--limit"}


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("complete", help="自动补全：给出光标处可插入的文字")
    parser.add_argument("text", help="光标前的草稿文本")
    parser.add_argument("--suffix", default="", help="光标后的文本（可选）")
    parser.add_argument("--office", help="单位类型，如 农机局、镇政府")
    parser.add_argument("--limit", type=int, default=5, help=f"最多几条建议（1-{MAX_SUGGESTIONS}）")
    parser.add_argument("--json", action="store_true", help="输出与 HTTP 接口相同的 JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the suggestions for the draft."""
    from assistant.completion.request import CompletionRequest
    from assistant.contract import parse_input
    from assistant.runtime import Runtime

    fields = {"text": args.text, "suffix": args.suffix, "office_type": args.office}
    request = parse_input(CompletionRequest, {**fields, "limit": args.limit}, OPTION_NAMES)
    runtime = Runtime.open(settings)
    completions = runtime.complete(request)
    if args.json:
        print_json(completions)
        return 0
    match = runtime.match_office(args.office)
    if match is not None and not match.exact:
        print(f"单位类型“{args.office}”按最接近的“{match.label}”处理。")
    if not completions.suggestions:
        print("没有建议。")
    for rank, suggestion in enumerate(completions.suggestions, start=1):
        where = f"来源 {suggestion.source}，得分 {suggestion.score:.4f}"
        print(f"{rank}. {suggestion.text}    （{where}）")
    return 0
