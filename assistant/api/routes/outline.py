"""``POST /v1/outline``: a draft outline for an office type, period and topic."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.api.deps import RuntimeDep
from assistant.api.responses import ContractResponse
from assistant.outline.model import Outline
from assistant.outline.request import OutlineRequest

router = APIRouter(tags=["提纲"])


@router.post("/v1/outline", response_model=Outline, summary="生成工作总结提纲")
def outline(body: OutlineRequest, runtime: RuntimeDep) -> ContractResponse:
    """The same JSON as ``assistant outline --json``; unknown office types use the nearest."""
    return ContractResponse(runtime.outline(body))
