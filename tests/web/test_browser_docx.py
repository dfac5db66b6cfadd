"""Word files through the page: upload a draft with defects, download it fixed; outline and draft
as Word. The routes come with the Word issue: each test runs when the served ``/openapi.json``
has its route, and the page's message for a server without them is tested in test_browser.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import httpx
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.integration

DEFECTIVE_PARAGRAPHS = [
    "XX县农机局2025年上半年工作总结",
    "一、主要工作",
    "今年以来,我局加强领导,全面完成各项任务。",
    "（1）健全制度",
    "二、存在问题",
    "投入不足;人员偏少。",
]


def require_routes(url: str, *paths: str) -> None:
    """Skip unless the server offers every route (gated on the route's presence only)."""
    served = httpx.get(f"{url}/openapi.json", timeout=10).json()["paths"]
    missing = [path for path in paths if path not in served]
    if missing:
        pytest.skip(f"the server does not offer {', '.join(missing)} yet")


@pytest.fixture
def defective_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    for text in DEFECTIVE_PARAGRAPHS:
        document.add_paragraph(text)
    path = tmp_path / "草稿.docx"
    document.save(str(path))
    return path


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_uploaded_docx_is_checked_and_downloads_fixed_with_tracked_changes(
    page: Page, web_url: str, defective_docx: Path, tmp_path: Path
) -> None:
    require_routes(web_url, "/v1/check/docx", "/v1/fix/docx")
    page.click("#tab-check")
    page.set_input_files("#check-file", str(defective_docx))
    expect(page.locator("#docx-result")).to_be_visible()
    expect(page.locator("#docx-diagnostics .diag-item").first).to_be_visible()
    assert int(page.locator("#docx-counts").get_attribute("data-errors") or 0) >= 1
    expect(page.locator("#docx-result")).to_contain_text("段")

    with page.expect_download() as downloading:
        page.click("#check-fix-docx")
    download = downloading.value
    assert download.suggested_filename.endswith(".docx")
    fixed = tmp_path / "fixed.docx"
    download.save_as(fixed)
    xml = document_xml(fixed)
    assert "<w:ins " in xml or "<w:del " in xml, "fixes come as tracked changes"
    assert defective_docx.read_bytes() != fixed.read_bytes()


def test_outline_downloads_as_docx(page: Page, web_url: str, tmp_path: Path) -> None:
    require_routes(web_url, "/v1/outline/docx")
    page.fill("#outline-office", "县农机局")
    page.click("#outline-submit")
    title = page.locator(".outline-title").inner_text()
    with page.expect_download() as downloading:
        page.click("#outline-docx")
    path = tmp_path / "outline.docx"
    downloading.value.save_as(path)
    assert title in [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]


def test_draft_downloads_as_docx(page: Page, web_url: str, tmp_path: Path) -> None:
    require_routes(web_url, "/v1/draft/docx")
    page.click("#tab-write")
    page.fill(
        "#write-text", "XX县农机局2025年上半年工作总结\n一、主要工作\n今年以来，我局加强领导。"
    )
    with page.expect_download() as downloading:
        page.click("#write-docx")
    path = tmp_path / "draft.docx"
    downloading.value.save_as(path)
    texts = "\n".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)
    assert "今年以来，我局加强领导。" in texts
