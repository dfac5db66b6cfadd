"""Printing helpers shared by the subcommands."""

from __future__ import annotations

import json
from typing import Any


def print_json(data: Any) -> None:
    """Print JSON as the HTTP routes return it (UTF-8, not ASCII-escaped)."""
    print(json.dumps(data, ensure_ascii=False, indent=2))
