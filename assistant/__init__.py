"""Writing-assistant backend for Chinese work summaries (工作总结)."""

__version__ = "0.1.0"
