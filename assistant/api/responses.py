"""The JSON response of the domain's routes: the contract's bytes, exactly what ``--json`` prints.

``/v1/outline``, ``/v1/complete`` and ``/v1/check`` return the domain's own dataclasses, written
by `assistant.contract.dump_json` (pydantic-core, several times faster than ``json.dumps``, which
matters for a draft with a hundred diagnostics). The route's ``response_model`` is the same
type, so the schema in ``/docs`` documents exactly what is sent.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from assistant.contract import dump_json


class ContractResponse(JSONResponse):
    """A contract value as UTF-8 JSON (Chinese not escaped)."""

    def render(self, content: Any) -> bytes:
        """The value as JSON bytes."""
        return dump_json(content)
