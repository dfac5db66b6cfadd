"""``assistant serve [--host 127.0.0.1] [--port 8000]``: the HTTP API under uvicorn."""

from __future__ import annotations

import argparse
import logging
import os
from typing import Any

from assistant.config import Settings


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("serve", help="启动 HTTP 服务（含 OpenAI 兼容的对话接口）")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument(
        "--log-level",
        default="info",
        choices=["debug", "info", "warning", "error"],
        help="日志级别（默认 info；访问日志为 info 级的 JSON 行）",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Load the model and index, then serve until interrupted."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import uvicorn

    from assistant.api.app import create_app
    from assistant.runtime import Runtime

    logging.basicConfig(level=args.log_level.upper(), format="%(message)s")
    # Opened here rather than in the lifespan so a missing model or index is a clear message.
    runtime = Runtime.open(settings)
    app = create_app(settings, runtime)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=False,  # the app writes its own JSON access lines
        timeout_graceful_shutdown=5,
    )
    return 0
