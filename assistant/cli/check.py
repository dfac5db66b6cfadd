"""``assistant check [FILE|-] [--json] [--fix [--out FILE]] [--profile FILE]``.

A .txt or .md draft gets the text rules (Markdown read through its markup); a .docx also gets
the GB/T 9704 layout rules, and ``--fix`` on it writes a new .docx with tracked changes and
comments (`assistant.word`), never the original. The text rules are those of the project's
style configuration (``ASSISTANT_STYLE_CONFIG``, else ``.assistant-style.yaml`` found upward
from the file, or from the working directory for standard input).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.cli.output import print_json
from assistant.config import Settings
from assistant.corpus.reader import decode_text
from assistant.errors import InputError, NotFoundError
from assistant.limits import ensure_text_fits
from assistant.style.engine import Checker
from assistant.style.fixes import fix_text
from assistant.style.format import format_result
from assistant.style.project import checker_for

STDIN = "-"
WORD_SUFFIXES = (".docx", ".doc")  # a .doc is refused with a message asking for .docx
PENDING_NOTE = "注意：文档中有未处理的修订，以上按“接受全部修订”后的文字检查。"


def register(subparsers: Any) -> None:
    """Add the ``check`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="检查草稿的编号、标点、占位符、缺失部分和 Word 版式",
        description="检查工作总结草稿：有错误级问题时退出码为 1，无法读取输入时为 2。",
    )
    parser.add_argument(
        "file", nargs="?", default=STDIN, help="草稿文件（.txt/.md/.docx）；省略或“-”读标准输入"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="输出与 POST /v1/check 相同的 JSON")
    output.add_argument(
        "--fix",
        action="store_true",
        help="应用修改：文本输出修改后的全文；.docx 另存为带修订和批注的新文件",
    )
    parser.add_argument(
        "--out", type=Path, help="--fix 的输出文件（.docx 默认存为“原名-修订.docx”）"
    )
    parser.add_argument(
        "--profile", type=Path, help="版式配置 YAML（覆盖 GB/T 9704 的部分数值，仅 .docx）"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Check the draft; 0 without error-level diagnostics, 1 with some."""
    if args.out is not None and not args.fix:
        raise InputError("--out 只能与 --fix 一起使用。")
    checker = _checker(args.file, settings)
    if args.file != STDIN and Path(args.file).suffix.lower() in WORD_SUFFIXES:
        return _run_docx(args, settings, checker)
    text, label = read_input(args.file)
    ensure_text_fits(len(text), settings.max_text_chars)
    if args.fix:
        fixed = fix_text(text, lambda now: checker.check(now).diagnostics)
        if args.out is not None:
            _write(args.out, fixed.encode("utf-8"), args.file)
            print(f"已写入 {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(fixed)
        return 1 if checker.check(fixed).summary.errors else 0
    result = checker.check(text)
    if args.json:
        print_json(result.limited())
    else:
        print(format_result(result, label))
    return 1 if result.summary.errors else 0


def _checker(name: str, settings: Settings) -> Checker:
    """The checker of the style configuration that applies to the file (or the directory)."""
    near = None if name == STDIN else Path(name).absolute().parent
    return checker_for(settings.style_config, near)


def _run_docx(args: argparse.Namespace, settings: Settings, checker: Checker) -> int:
    from assistant.word.check import check_document
    from assistant.word.fix import fix_document, fixed_name
    from assistant.word.reader import read_docx_bytes

    path = Path(args.file)
    profile = args.profile or settings.layout_profile
    document = read_docx_bytes(_read_bytes(args.file), path.name)
    ensure_text_fits(len(document.text), settings.max_text_chars)
    check = check_document(document, profile, checker)
    if args.fix:
        target = args.out or path.with_name(fixed_name(path.name))
        fixed = fix_document(check, profile)
        _write(target, fixed.data, args.file)
        print(f"已写入 {target}：{fixed.summary()}")
        return 1 if fixed.unfixed_errors else 0
    if args.json:
        print_json(check.report())
    else:
        print(format_result(check.result, args.file))
        if document.pending_changes:
            print(PENDING_NOTE)
    return 1 if check.result.summary.errors else 0


def _write(target: Path, data: bytes, source: str) -> None:
    if source != STDIN and target.resolve() == Path(source).resolve():
        raise InputError("输出文件不能与原文件相同：修改结果总是另存为新文件。")
    try:
        target.write_bytes(data)
    except OSError as error:
        raise InputError(f"无法写入 {target}：{error.strerror or error}") from None


def _read_bytes(name: str) -> bytes:
    path = Path(name)
    if not path.exists():
        raise NotFoundError(f"找不到文件：{name}")
    if path.is_dir():
        raise InputError(f"{name} 是目录，请指定一个文件。")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"无法读取 {name}：{error.strerror or error}") from None


def read_input(name: str) -> tuple[str, str]:
    """The text to check and the label used in messages (``<stdin>`` for ``-``)."""
    if name == STDIN:
        return decode_text(sys.stdin.buffer.read(), "标准输入"), "<stdin>"
    return decode_text(_read_bytes(name), Path(name).name), name
