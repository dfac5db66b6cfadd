"""The ``assistant`` command: a thin edge over the services.

Each subcommand lives in its own module with a ``register(subparsers)`` function that adds its
parser and sets ``handler``; a handler takes the parsed arguments and the settings and returns
the exit code. Every data file is validated before a command runs. Domain errors (a malformed
data file included) become a Chinese message on stderr and exit code 2 here only.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence

from assistant.errors import AssistantError
from assistant.index.disk import environment_message

QUIET_OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "OMP_WAIT_POLICY": "PASSIVE",  # spinning OpenMP threads slow queries 10x on a busy machine
}
COMMAND_MODULES = (
    "prepare-model",
    "split",
    "ingest",
    "corpus",
    "search",
    "outline",
    "complete",
    "check",
    "eval",
    "lsp",
    "serve",
)


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand registered."""
    import importlib

    parser = argparse.ArgumentParser(prog="assistant", description="工作总结写作助手")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"assistant.cli.{name.replace('-', '_')}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    for name, value in QUIET_OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    from assistant.config import load_settings
    from assistant.startup import check_data_files

    args = build_parser().parse_args(argv)
    try:
        check_data_files()
        code: int = args.handler(args, load_settings())
    except AssistantError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    except (OSError, sqlite3.Error) as error:  # a disk fault no layer below put into words
        print(f"错误：{environment_message(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    return code
