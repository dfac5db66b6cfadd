"""``POST /v1/outline``: a draft outline for an office type, period and topic."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from assistant.api.deps import RuntimeDep
from assistant.api.schemas import OutlineRequestBody, OutlineResponse
from assistant.outline.request import OutlineRequest

router = APIRouter(tags=["提纲"])


@router.post("/v1/outline", response_model=OutlineResponse, summary="生成工作总结提纲")
def outline(body: OutlineRequestBody, runtime: RuntimeDep) -> dict[str, Any]:
    """The same JSON as ``assistant outline --json``; unknown office types use the nearest."""
    request = OutlineRequest(office_type=body.office_type, period=body.period, topic=body.topic)
    return runtime.outline(request).to_json()
