"""``POST /v1/check``: style diagnostics for a draft.

A draft of ordinary length is checked on the event loop (about a millisecond of CPU, cheaper
than a thread hop); a long one goes to the thread pool so it cannot hold up other requests.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import CheckBody
from assistant.api.responses import RawJSONResponse
from assistant.api.schemas import CheckResponse
from assistant.style.engine import check_text

router = APIRouter(tags=["写作"])

INLINE_CHARS = 20_000  # longer drafts are checked in the thread pool


@router.post("/v1/check", response_model=CheckResponse, summary="格式与规范检查")
async def check(body: CheckBody) -> RawJSONResponse:
    """The same JSON as ``assistant check --json``."""
    if len(body.text) > INLINE_CHARS:
        return RawJSONResponse(await run_in_threadpool(diagnose, body.text))
    return RawJSONResponse(diagnose(body.text))


def diagnose(text: str) -> dict[str, Any]:
    """The check result as JSON."""
    return check_text(text).to_dict()
