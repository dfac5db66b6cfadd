"""``POST /v1/complete``: continuations to insert at the editor's cursor.

Completion is pure CPU for well under a millisecond, so it runs on the event loop: a hop to the
thread pool would cost more than the work, and under load threads only contend for the GIL.
An office type the corpus aliases do not cover needs the embedding model to be matched; such
requests go to the thread pool.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import RuntimeDep
from assistant.api.responses import ContractResponse
from assistant.completion.request import CompletionRequest
from assistant.completion.suggestion import Completions
from assistant.index.office_match import alias_match

router = APIRouter(tags=["写作"])


@router.post("/v1/complete", response_model=Completions, summary="自动补全")
async def complete(body: CompletionRequest, runtime: RuntimeDep) -> ContractResponse:
    """The same JSON as ``assistant complete --json``; unknown office types use the nearest."""
    office = body.office_type
    if office and office.strip() and alias_match(office) is None:
        return ContractResponse(await run_in_threadpool(runtime.complete, body))
    return ContractResponse(runtime.complete(body))
