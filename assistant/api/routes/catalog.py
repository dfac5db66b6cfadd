"""``GET /v1/office-types`` and ``GET /v1/models``: what the service knows and offers."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request

from assistant.api.deps import RuntimeDep
from assistant.api.schemas import MODEL_ID, ModelCard, ModelList, OfficeType, OfficeTypes
from assistant.corpus.office_types import office_table

router = APIRouter(tags=["语料与模型"])


@router.get("/v1/office-types", summary="语料中的单位类型及篇数")
def office_types(runtime: RuntimeDep) -> OfficeTypes:
    """Office types of the indexed corpus, with document and chunk counts and their aliases."""
    catalog = runtime.index.catalog
    documents = Counter(record.office_type for record in catalog.documents.values())
    chunks = Counter(chunk.office_type for chunk in catalog.chunks.values())
    table = office_table()
    return OfficeTypes(
        office_types=[
            OfficeType(
                name=name,
                documents=count,
                chunks=chunks[name],
                aliases=list(
                    dict.fromkeys(table.names_of(name) if name in table.office_types else [name])
                ),
            )
            for name, count in sorted(documents.items(), key=lambda item: (-item[1], item[0]))
        ]
    )


@router.get("/v1/models", summary="OpenAI 兼容的模型列表")
def models(request: Request) -> ModelList:
    """The assistant's chat model, for clients that speak the OpenAI API."""
    created: int = request.app.state.started
    return ModelList(data=[ModelCard(id=MODEL_ID, created=created, owned_by=MODEL_ID)])
