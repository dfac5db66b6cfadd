"""``assistant prepare-model [--force]``: build the built-in embedding model offline."""

from __future__ import annotations

import argparse
import time
from typing import Any

from assistant.config import Settings


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("prepare-model", help="离线准备内置向量模型")
    parser.add_argument("--force", action="store_true", help="即使已准备也重新生成")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Prepare the model into the data directory and check it ranks a known pair."""
    from assistant.index.embeddings import builtin_model_path, load_encoder
    from assistant.index.model_prep import prepare_builtin_model, verify_model

    started = time.perf_counter()
    path = prepare_builtin_model(builtin_model_path(settings), force=args.force)
    related, unrelated = verify_model(load_encoder(settings).model)
    print(
        f"向量模型已就绪：{path}（{time.perf_counter() - started:.1f} 秒；"
        f"相关 {related:.3f} > 无关 {unrelated:.3f}）"
    )
    return 0
