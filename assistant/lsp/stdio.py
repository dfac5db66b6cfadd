"""The language server's read loop over standard input, in place of pygls' own.

Bytes are read as they arrive (never a declared length at once) and framed by
`assistant.lsp.framing.MessageReader`, which bounds message size and resynchronises after bad
framing; every problem it notes becomes a log line on stderr. The loop ends when the stream
does (the editor went away) or the server is told to stop.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Callable
from typing import BinaryIO

from assistant.lsp.framing import MessageReader
from assistant.lsp.protocol import AssistantProtocol

log = logging.getLogger(__name__)

READ_SIZE = 64 * 1024


def _chunk_reader(stream: BinaryIO) -> Callable[[], bytes]:
    """A call returning what is available (at least one byte, or b"" at the end)."""
    read1 = getattr(stream, "read1", None)
    if callable(read1):
        return lambda: bytes(read1(READ_SIZE))
    descriptor = stream.fileno()
    return lambda: os.read(descriptor, READ_SIZE)


async def read_messages(
    stop: threading.Event, stdin: BinaryIO, protocol: AssistantProtocol, max_bytes: int
) -> None:
    """Hand each message read from ``stdin`` to the protocol until the stream ends."""
    reader = MessageReader(max_bytes)
    loop = asyncio.get_running_loop()
    read = _chunk_reader(stdin)
    while not stop.is_set():
        data = await loop.run_in_executor(None, read)
        if not data:
            break
        reader.feed(data)
        messages = reader.messages()
        for problem in reader.take_problems():
            log.warning("收到的输入有问题：%s", problem)
        for message in messages:
            protocol.receive(message)
            await asyncio.sleep(0)  # let what it scheduled run first, as if read on its own
    reader.close()
    for problem in reader.take_problems():
        log.warning("收到的输入有问题：%s", problem)
    log.info("标准输入已关闭，语言服务器退出")
