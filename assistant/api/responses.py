"""A JSON response rendered by pydantic-core, for the routes that must answer fastest.

``/v1/complete`` and ``/v1/check`` return the domain's JSON as it is (the same dict the CLI
prints) without validating it again against the response model, which only documents the shape
(the fuzz tests hold the two together); pydantic-core writes the bytes several times faster than
``json.dumps``, which matters for a draft with a hundred diagnostics.
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from starlette.responses import JSONResponse


class RawJSONResponse(JSONResponse):
    """JSON (UTF-8, not ASCII-escaped) written by pydantic-core."""

    def render(self, content: Any) -> bytes:
        """The content as JSON bytes."""
        return pydantic_core.to_json(content)
