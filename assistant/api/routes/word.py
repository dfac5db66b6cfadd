"""The .docx routes: check and fix an uploaded Word document, and outlines and drafts as Word.

Uploads are multipart with the field ``file``; the body limit, the auth and the error shapes
are those of every route. Reading and writing a document takes tens of milliseconds of CPU,
so it runs in the thread pool.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, UploadFile
from pydantic import Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from assistant.api.deps import CheckerDep, RuntimeDep, SettingsDep
from assistant.api.responses import ContractResponse
from assistant.api.schemas import StrictBody
from assistant.config import Settings
from assistant.errors import InputError
from assistant.limits import NonBlankText, ShortText, ensure_text_fits
from assistant.outline.request import OutlineRequest
from assistant.style.engine import Checker
from assistant.word.check import DocxReport

router = APIRouter(tags=["Word 文档"])

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCX_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Word 文档（.docx）",
        "content": {DOCX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
    }
}
UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
UploadedFile = Annotated[UploadFile, File(description="要检查的 Word 文档（.docx，字段名 file）")]


class DraftDocxRequest(StrictBody):
    """Draft text to lay out as a GB/T 9704 document."""

    text: NonBlankText = Field(
        description="草稿全文（可含 Markdown 标题标记，如“## 一、主要成绩”）",
        examples=[
            "一、主要工作成效\n今年以来，我局扎实推进各项工作。\n二、存在的问题\n投入不足。\n"
        ],
    )
    title: ShortText | None = Field(
        default=None,
        description="文档标题；省略时取正文第一行（若像标题）",
        examples=["XX县科技局2026年上半年工作总结"],
    )


def content_disposition(filename: str, fallback: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def _docx_response(data: bytes, filename: str, fallback: str) -> Response:
    name = UNSAFE_FILENAME.sub("_", filename).strip() or fallback
    headers = {"Content-Disposition": content_disposition(name, fallback)}
    return Response(content=data, media_type=DOCX_MEDIA_TYPE, headers=headers)


async def _read_upload(file: UploadFile) -> tuple[bytes, str]:
    data = await file.read()
    name = file.filename or "文档.docx"
    if not data:
        raise InputError(f"上传的文件 {name} 是空的。")
    return data, name


def _read(data: bytes, name: str, settings: Settings) -> Any:
    from assistant.word.reader import read_docx_bytes

    document = read_docx_bytes(data, name)
    ensure_text_fits(len(document.text), settings.max_text_chars, name)
    return document


def _check(data: bytes, name: str, settings: Settings, checker: Checker) -> DocxReport:
    from assistant.word.check import check_document

    document = _read(data, name, settings)
    return check_document(document, settings.layout_profile, checker).report()


def _fix(data: bytes, name: str, settings: Settings, checker: Checker) -> bytes:
    from assistant.word.check import check_document
    from assistant.word.fix import fix_document

    check = check_document(_read(data, name, settings), settings.layout_profile, checker)
    return fix_document(check, settings.layout_profile).data


@router.post("/v1/check/docx", response_model=DocxReport, summary="检查 Word 文档（文字与版式）")
async def check_docx(
    file: UploadedFile, settings: SettingsDep, checker: CheckerDep
) -> ContractResponse:
    """The same JSON as ``assistant check draft.docx --json``."""
    data, name = await _read_upload(file)
    return ContractResponse(await run_in_threadpool(_check, data, name, settings, checker))


@router.post(
    "/v1/fix/docx",
    response_class=Response,
    responses=DOCX_RESPONSE,
    summary="修改 Word 文档：修订与批注",
)
async def fix_docx(file: UploadedFile, settings: SettingsDep, checker: CheckerDep) -> Response:
    """The document back with each fix as a tracked change and the rest as comments."""
    from assistant.word.fix import fixed_name

    data, name = await _read_upload(file)
    fixed = await run_in_threadpool(_fix, data, name, settings, checker)
    return _docx_response(fixed, fixed_name(name), "fixed.docx")


@router.post(
    "/v1/outline/docx",
    response_class=Response,
    responses=DOCX_RESPONSE,
    summary="提纲导出为 Word 文档",
)
async def outline_docx(
    body: OutlineRequest, runtime: RuntimeDep, settings: SettingsDep
) -> Response:
    """The outline of ``/v1/outline`` as a GB/T 9704 document, sources as comments."""
    from assistant.word.export import outline_docx as export

    outline = await run_in_threadpool(runtime.outline, body)
    data = await run_in_threadpool(export, outline, settings.layout_profile)
    return _docx_response(data, f"{outline.title}（提纲）.docx", "outline.docx")


@router.post(
    "/v1/draft/docx",
    response_class=Response,
    responses=DOCX_RESPONSE,
    summary="草稿导出为 Word 文档",
)
async def draft_docx(body: DraftDocxRequest, settings: SettingsDep) -> Response:
    """Draft text laid out to GB/T 9704 (headings found by the heading parser)."""
    from assistant.word.export import draft_docx as export

    ensure_text_fits(len(body.text), settings.max_text_chars)
    data = await run_in_threadpool(export, body.text, body.title, settings.layout_profile)
    first = body.title or body.text.strip().split("\n", 1)[0][:40]
    return _docx_response(data, f"{first}.docx", "draft.docx")
