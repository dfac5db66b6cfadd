"""The .docx routes: check and fix an uploaded Word document, and outlines and drafts as Word.

Uploads are multipart with the field ``file``; the body limit, the auth and the error shapes
are those of every route. Reading and writing a document takes tens of milliseconds of CPU,
so it runs in the thread pool.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, File, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from assistant.api.deps import RuntimeDep, SettingsDep
from assistant.api.responses import RawJSONResponse
from assistant.api.schemas import NonBlankText, OutlineRequestBody, Request, ShortText
from assistant.config import Settings
from assistant.errors import InputError, TooLargeError
from assistant.outline.request import OutlineRequest

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


class DocxFix(BaseModel):
    """A replacement for the diagnostic's span."""

    replacement: str


class DocxDiagnostic(BaseModel):
    """A diagnostic: ``line`` is the paragraph number (0 for the whole page, e.g. margins)."""

    rule: str = Field(examples=["layout-body-font"])
    severity: Literal["error", "warning", "info"]
    message: str
    line: int = Field(ge=0, description="段落序号（从 1 起）；页面级问题（页边距、页码）为 0")
    column: int = Field(ge=0, description="段内字符位置（从 1 起）；页面级问题为 0")
    offset: int = Field(ge=0, description="在全文（段落以换行相连）中的字符偏移")
    length: int = Field(ge=0)
    excerpt: str
    fix: DocxFix | None


class DocxSummary(BaseModel):
    """Counts for the whole document."""

    errors: int
    warnings: int
    chars: int


class DocumentInfo(BaseModel):
    """What the writer should know about the document as read."""

    paragraphs: int = Field(description="段落数（含表格和文本框中的段落）")
    pending_changes: bool = Field(
        description="文档是否含有未处理的修订（已按接受全部修订后的文字检查）"
    )


class DocxCheckResponse(BaseModel):
    """The same as ``/v1/check``, with GB/T 9704 layout diagnostics, plus ``document``."""

    diagnostics: list[DocxDiagnostic]
    summary: DocxSummary
    document: DocumentInfo


class DraftDocxRequest(Request):
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
    if len(document.text) > settings.max_text_chars:
        raise TooLargeError(
            f"{name} 有 {len(document.text)} 字，超过上限 {settings.max_text_chars} 字。"
            "请拆分后分别检查（上限由 ASSISTANT_MAX_TEXT_CHARS 设置）。"
        )
    return document


def _check(data: bytes, name: str, settings: Settings) -> dict[str, Any]:
    from assistant.word.check import check_document

    return check_document(_read(data, name, settings), settings.layout_profile).to_dict()


def _fix(data: bytes, name: str, settings: Settings) -> bytes:
    from assistant.word.check import check_document
    from assistant.word.fix import fix_document

    check = check_document(_read(data, name, settings), settings.layout_profile)
    return fix_document(check, settings.layout_profile).data


@router.post(
    "/v1/check/docx", response_model=DocxCheckResponse, summary="检查 Word 文档（文字与版式）"
)
async def check_docx(file: UploadedFile, settings: SettingsDep) -> RawJSONResponse:
    """The same JSON as ``assistant check draft.docx --json``."""
    data, name = await _read_upload(file)
    return RawJSONResponse(await run_in_threadpool(_check, data, name, settings))


@router.post(
    "/v1/fix/docx",
    response_class=Response,
    responses=DOCX_RESPONSE,
    summary="修改 Word 文档：修订与批注",
)
async def fix_docx(file: UploadedFile, settings: SettingsDep) -> Response:
    """The document back with each fix as a tracked change and the rest as comments."""
    from assistant.word.fix import fixed_name

    data, name = await _read_upload(file)
    fixed = await run_in_threadpool(_fix, data, name, settings)
    return _docx_response(fixed, fixed_name(name), "fixed.docx")


@router.post(
    "/v1/outline/docx",
    response_class=Response,
    responses=DOCX_RESPONSE,
    summary="提纲导出为 Word 文档",
)
async def outline_docx(
    body: OutlineRequestBody, runtime: RuntimeDep, settings: SettingsDep
) -> Response:
    """The outline of ``/v1/outline`` as a GB/T 9704 document, sources as comments."""
    from assistant.word.export import outline_docx as export

    request = OutlineRequest(office_type=body.office_type, period=body.period, topic=body.topic)
    outline = await run_in_threadpool(runtime.outline, request)
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

    if len(body.text) > settings.max_text_chars:
        raise TooLargeError(f"文本过长：{len(body.text)} 字，上限为 {settings.max_text_chars} 字。")
    data = await run_in_threadpool(export, body.text, body.title, settings.layout_profile)
    first = body.title or body.text.strip().split("\n", 1)[0][:40]
    return _docx_response(data, f"{first}.docx", "draft.docx")
