"""jieba, loaded once and quiet: its dictionary messages (with cache paths) never reach users."""

from __future__ import annotations

import functools
import logging
from types import ModuleType


@functools.cache
def ready_jieba() -> ModuleType:
    """The jieba module with its dictionary loaded and its log at WARNING."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    module: ModuleType = jieba
    return module
