"""Printing helpers shared by the subcommands."""

from __future__ import annotations

import sys
from typing import Any

from assistant.contract import dump_json


def print_json(value: Any) -> None:
    """Print a contract value as the HTTP routes return it (UTF-8, not ASCII-escaped)."""
    sys.stdout.write(dump_json(value, indent=2).decode("utf-8") + "\n")
