"""``assistant check [FILE|-] [--json] [--fix]``: style diagnostics for a draft."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.cli.output import print_json
from assistant.config import Settings
from assistant.corpus.reader import decode_text, read_docx
from assistant.errors import InputError, NotFoundError, TooLargeError
from assistant.style.engine import check_text
from assistant.style.fixes import fix_text
from assistant.style.format import format_result

STDIN = "-"


def register(subparsers: Any) -> None:
    """Add the ``check`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="检查草稿的编号、标点、占位符和缺失部分",
        description="检查工作总结草稿：有错误级问题时退出码为 1，无法读取输入时为 2。",
    )
    parser.add_argument("file", nargs="?", default=STDIN, help="草稿文件；省略或“-”读标准输入")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="输出与 POST /v1/check 相同的 JSON")
    output.add_argument("--fix", action="store_true", help="应用所有安全的修改并输出修改后的全文")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Check the draft; 0 without error-level diagnostics, 1 with some."""
    text, label = read_input(args.file)
    if len(text) > settings.max_text_chars:
        raise TooLargeError(
            f"{label} 有 {len(text)} 个字符，超过上限 {settings.max_text_chars}。"
            "请分段检查，或调大 ASSISTANT_MAX_TEXT_CHARS。"
        )
    if args.fix:
        fixed = fix_text(text, lambda current: check_text(current).diagnostics)
        sys.stdout.write(fixed)
        return 1 if check_text(fixed).errors else 0
    result = check_text(text)
    if args.json:
        print_json(result.to_dict())
    else:
        print(format_result(result, label))
    return 1 if result.errors else 0


def read_input(name: str) -> tuple[str, str]:
    """The text to check and the label used in messages (``<stdin>`` for ``-``)."""
    if name == STDIN:
        return decode_text(sys.stdin.buffer.read(), "标准输入"), "<stdin>"
    path = Path(name)
    if not path.exists():
        raise NotFoundError(f"找不到文件：{name}")
    if path.is_dir():
        raise InputError(f"{name} 是目录，请指定一个文本文件。")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"无法读取 {name}：{error.strerror or error}") from None
    if path.suffix.lower() == ".docx":
        return read_docx(data, path.name), name
    return decode_text(data, path.name), name
