"""``POST /v1/complete``: continuations to insert at the editor's cursor.

Completion is pure CPU for well under a millisecond, so it runs on the event loop: a hop to the
thread pool would cost more than the work, and under load threads only contend for the GIL.
An office type the corpus aliases do not cover needs the embedding model to be matched; such
requests go to the thread pool.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import CompleteBody, RuntimeDep
from assistant.api.responses import RawJSONResponse
from assistant.api.schemas import CompleteRequest, CompleteResponse
from assistant.completion.completer import suggestions_json
from assistant.index.office_match import alias_match
from assistant.runtime import Runtime

router = APIRouter(tags=["写作"])


@router.post("/v1/complete", response_model=CompleteResponse, summary="自动补全")
async def complete(body: CompleteBody, runtime: RuntimeDep) -> RawJSONResponse:
    """The same JSON as ``assistant complete --json``; unknown office types use the nearest."""
    office = body.office_type
    if office and office.strip() and alias_match(office) is None:
        return RawJSONResponse(await run_in_threadpool(suggest, runtime, body))
    return RawJSONResponse(suggest(runtime, body))


def suggest(runtime: Runtime, body: CompleteRequest) -> dict[str, Any]:
    """The suggestions for one request."""
    suggestions = runtime.complete(
        body.text, suffix=body.suffix, office=body.office_type, limit=body.limit
    )
    return suggestions_json(suggestions)
