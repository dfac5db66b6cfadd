"""The .docx routes over real HTTP: check, fix, outline and draft as Word, and bad uploads."""

from __future__ import annotations

import io
from dataclasses import fields
from urllib.parse import unquote

import docx
import httpx
import pytest

from assistant.evaluation.docx_fixtures import build_docx, planted_text, spoiled
from assistant.style.diagnostic import Diagnostic
from assistant.word.package import OLE2_MAGIC
from assistant.word.reader import read_docx_bytes
from assistant.word.revisions import AUTHOR
from tests.api.conftest import API_KEY
from tests.api.test_bad_input import assert_clear_error

pytestmark = pytest.mark.integration

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(url: str, data: bytes, name: str = "草稿.docx", **kwargs: object) -> httpx.Response:
    return httpx.post(url, files={"file": (name, data, DOCX)}, timeout=30, **kwargs)  # type: ignore[arg-type]


def test_check_docx_returns_text_and_layout_diagnostics(api_url: str) -> None:
    data = build_docx(planted_text(), spoiled(["margins", "body-font"], 0))
    response = _upload(f"{api_url}/v1/check/docx", data)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"diagnostics", "summary", "document"}
    assert body["document"] == {"paragraphs": 19, "pending_changes": False}
    rules = {d["rule"] for d in body["diagnostics"]}
    assert {"layout-margins", "layout-body-font", "half-width-punctuation", "placeholder"} <= rules
    margins = next(d for d in body["diagnostics"] if d["rule"] == "layout-margins")
    assert (margins["line"], margins["fix"]) == (0, None)
    assert set(margins) == {field.name for field in fields(Diagnostic)}  # the text's shape


def test_fix_docx_returns_the_document_with_tracked_changes(api_url: str) -> None:
    response = _upload(f"{api_url}/v1/fix/docx", build_docx(planted_text()), "总结 初稿.docx")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=\"fixed.docx\"; filename*=UTF-8''")
    assert unquote(disposition.split("''", 1)[1]) == "总结 初稿-修订.docx"
    document = read_docx_bytes(response.content)
    assert document.pending_changes and document.paragraph(2).text.startswith("今年以来，")
    assert [c.author for c in docx.Document(io.BytesIO(response.content)).comments] == [AUTHOR]


def test_outline_docx(api_url: str) -> None:
    response = httpx.post(
        f"{api_url}/v1/outline/docx",
        json={"office_type": "县农机局", "period": "上半年"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX
    document = read_docx_bytes(response.content)
    assert "农机" in document.paragraph(1).text and "一、" in document.text
    assert "（提纲）.docx" in unquote(response.headers["content-disposition"])


def test_outline_docx_unknown_period_is_400(api_url: str) -> None:
    response = httpx.post(
        f"{api_url}/v1/outline/docx", json={"office_type": "农机局", "period": "某时"}, timeout=30
    )
    assert_clear_error(response, 400)


def test_draft_docx(api_url: str) -> None:
    text = "## 一、主要成绩\n\n完成项目〔数字〕个。\n\n## 二、存在问题\n\n投入不足。\n\n## 三、下一步打算\n\n加大投入。"
    response = httpx.post(
        f"{api_url}/v1/draft/docx",
        json={"text": text, "title": "平安县科技局2026年上半年工作总结"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    lines = read_docx_bytes(response.content).text.split("\n")
    assert lines[:3] == ["平安县科技局2026年上半年工作总结", "一、主要成绩", "完成项目〔数字〕个。"]


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"just text", "a.docx", "不是 Word 文档"),
        (OLE2_MAGIC + b"\x00" * 512, "old.doc", ".docx"),
        (b"PK\x03\x04broken", "b.docx", "损坏"),
    ],
)
def test_bad_uploads_are_400_with_a_chinese_message(
    api_url: str, data: bytes, name: str, expected: str
) -> None:
    for route in ("/v1/check/docx", "/v1/fix/docx"):
        detail = assert_clear_error(_upload(f"{api_url}{route}", data, name), 400)
        assert expected in detail


def test_missing_file_field_is_422(api_url: str) -> None:
    response = httpx.post(
        f"{api_url}/v1/check/docx", files={"upload": ("a.docx", b"x", DOCX)}, timeout=10
    )
    assert "file" in assert_clear_error(response, 422)
    assert_clear_error(
        httpx.post(f"{api_url}/v1/check/docx", json={"text": "一、"}, timeout=10), 422
    )


def test_upload_over_the_body_limit_is_413(api_url: str) -> None:
    response = _upload(f"{api_url}/v1/check/docx", b"PK\x03\x04" + b"\x00" * 1_100_000)
    assert_clear_error(response, 413)


def test_docx_routes_need_the_key(secured_url: str) -> None:
    data = build_docx()
    assert_clear_error(_upload(f"{secured_url}/v1/check/docx", data), 401)
    headers = {"Authorization": f"Bearer {API_KEY}"}
    assert _upload(f"{secured_url}/v1/check/docx", data, headers=headers).status_code == 200


def test_openapi_documents_the_docx_routes(api_url: str) -> None:
    schema = httpx.get(f"{api_url}/openapi.json", timeout=10).json()
    for path in ("/v1/check/docx", "/v1/fix/docx", "/v1/outline/docx", "/v1/draft/docx"):
        assert path in schema["paths"]
    fix = schema["paths"]["/v1/fix/docx"]["post"]
    assert DOCX in fix["responses"]["200"]["content"]
    assert "multipart/form-data" in fix["requestBody"]["content"]
