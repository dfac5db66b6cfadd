"""``GET /healthz`` (and ``HEAD``): the service is up, with its index size and models.

``status`` is ``degraded`` when part of the service cannot work fully: the vector store is
unreachable or holds fewer vectors than the index names, the embedding model cannot be loaded,
or a newly committed index could not be opened; ``problems`` says which, in Chinese. The answer
is 200 either way (the service is up: completion and checks need neither Chroma nor the model).
"""

from __future__ import annotations

from fastapi import APIRouter

from assistant.api.deps import RuntimeDep, SettingsDep
from assistant.api.schemas import MODEL_ID, Health

router = APIRouter(tags=["服务状态"])


@router.get("/healthz", summary="健康检查：索引规模、模型与状态")
def healthz(runtime: RuntimeDep, settings: SettingsDep) -> Health:
    """Open even when an API key is required."""
    problems = runtime.problems()
    catalog = runtime.index.catalog
    return Health(
        status="degraded" if problems else "ok",
        problems=problems,
        generation=catalog.generation,
        documents=len(catalog.documents),
        chunks=len(catalog.chunks),
        embedding_model=catalog.model,
        chat_model=MODEL_ID,
        llm=(settings.llm_model or "default") if settings.llm_base_url else None,
    )


@router.head("/healthz", include_in_schema=False)
def healthz_head(runtime: RuntimeDep, settings: SettingsDep) -> Health:
    """The same answer for ``HEAD`` (monitors that look at the status); sent without a body."""
    return healthz(runtime, settings)
