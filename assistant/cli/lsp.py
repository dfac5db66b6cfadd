"""``assistant lsp [--stdio] [--log-level LEVEL]``: the language server for editors, over stdio.

Standard output carries protocol messages only: anything else a library prints there is sent to
standard error, where the logs go too.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any, BinaryIO

from assistant.config import Settings

LOG_LEVELS = ("debug", "info", "warning", "error")


def register(subparsers: Any) -> None:
    """Add the ``lsp`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "lsp",
        help="启动编辑器语言服务器（LSP）：自动补全、格式检查、快速修复",
        description="通过标准输入输出提供 LSP 服务，供 VS Code、Neovim、Emacs 等编辑器使用。",
    )
    parser.add_argument("--stdio", action="store_true", help="使用标准输入输出（默认方式）")
    parser.add_argument(
        "--log-level", choices=LOG_LEVELS, default="warning", help="写到标准错误的日志级别"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until the editor says ``exit``; 0 after a clean shutdown, 1 otherwise.

    The style configuration that applies to the working directory is validated first, so a
    malformed one stops the server before the editor connects (exit code 2).
    """
    from assistant.style.project import checker_for

    checker_for(settings.style_config)
    level = getattr(logging, args.log_level.upper())
    logging.basicConfig(
        stream=sys.stderr, level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("pygls").setLevel(max(level, logging.WARNING))  # it logs every message
    protocol_out = _take_stdout()
    from assistant.lsp.server import serve

    return serve(settings, sys.stdin.buffer, protocol_out)


def _take_stdout() -> BinaryIO:
    """A private handle on standard output for the protocol; fd 1 then points at stderr."""
    sys.stdout.flush()
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return protocol_out
