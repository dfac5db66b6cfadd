"""``GET /healthz``: the service is up, with its index size and models."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.api.deps import RuntimeDep, SettingsDep
from assistant.api.schemas import MODEL_ID, Health

router = APIRouter(tags=["服务状态"])


@router.get("/healthz", summary="健康检查：索引规模与模型")
def healthz(runtime: RuntimeDep, settings: SettingsDep) -> Health:
    """Open even when an API key is required."""
    catalog = runtime.index.catalog
    return Health(
        documents=len(catalog.documents),
        chunks=len(catalog.chunks),
        embedding_model=catalog.model,
        chat_model=MODEL_ID,
        llm=(settings.llm_model or "default") if settings.llm_base_url else None,
    )
