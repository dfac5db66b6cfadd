"""``POST /v1/check``: style diagnostics for a draft.

A draft of ordinary length is checked on the event loop (about a millisecond of CPU, cheaper
than a thread hop); a long one goes to the thread pool so it cannot hold up other requests.
"""

from __future__ import annotations

import functools

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import CheckerDep, SettingsDep
from assistant.api.responses import ContractResponse
from assistant.api.schemas import CheckRequest
from assistant.limits import ensure_text_fits
from assistant.style.engine import CheckResult

router = APIRouter(tags=["写作"])

INLINE_CHARS = 20_000  # longer drafts are checked in the thread pool


@router.post("/v1/check", response_model=CheckResult, summary="格式与规范检查")
async def check(body: CheckRequest, settings: SettingsDep, checker: CheckerDep) -> ContractResponse:
    """``assistant check --json``'s JSON (server style configuration; 100 per rule at most)."""
    ensure_text_fits(len(body.text), settings.max_text_chars)
    check = functools.partial(checker.check, body.text)
    if len(body.text) > INLINE_CHARS:
        return ContractResponse((await run_in_threadpool(check)).limited())
    return ContractResponse(check().limited())
