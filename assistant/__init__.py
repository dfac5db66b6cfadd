"""Writing-assistant backend for Chinese work summaries (工作总结)."""

from assistant.compiled import drop_stale_build

__version__ = "0.1.0"

drop_stale_build()  # before any compiled module is imported: an edited source runs as written
