"""The page's files as served: open without a key, a strict CSP, offline, light."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.config import Settings
from assistant.genre.table import genre_table
from assistant.web import pages

MAX_PAGE_BYTES = 150_000


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    """The app behind an API key; the lifespan (model, index) is not started."""
    return TestClient(create_app(Settings(data_dir=tmp_path, api_key="secret")))


def test_page_and_its_files_are_open_while_the_api_needs_the_key(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for name in re.findall(r'(?:src|href)="/static/([^"]+)"', page.text):
        assert client.get(f"/static/{name}").status_code == 200, name
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/v1/office-types").status_code == 401


def test_only_shipped_files_are_served(client: TestClient) -> None:
    for path in ("/static/missing.js", "/static/..%2Fpages.py", "/static/__init__.py"):
        response = client.get(path)
        assert response.status_code in {401, 404}, path
        assert "pages" not in response.text


def test_page_responses_carry_a_csp_without_inline_scripts(client: TestClient) -> None:
    for path in ("/", "/static/app.js", "/static/style.css", pages.OPTIONS_PATH):
        policy = client.get(path).headers["content-security-policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert directives["connect-src"] == "'self'"


def test_html_has_no_inline_script_style_or_handler() -> None:
    html = (pages.STATIC_DIR / pages.PAGE).read_text("utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


def test_page_works_offline_with_no_outside_address_or_web_font() -> None:
    for path in pages.STATIC_DIR.iterdir():
        text = path.read_text("utf-8")
        assert not re.search(r"https?://|//cdn|@import|@font-face|url\(", text), path.name


def test_page_weight_is_under_150_kb() -> None:
    total = sum(path.stat().st_size for path in pages.STATIC_DIR.iterdir())
    assert total < MAX_PAGE_BYTES, f"{total} bytes"


def test_server_text_goes_in_as_text_never_as_html() -> None:
    for path in pages.STATIC_DIR.glob("*.js"):
        text = path.read_text("utf-8")
        assert not re.search(
            r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(", text
        ), path.name


def test_options_list_the_outline_periods(client: TestClient) -> None:
    options = client.get(pages.OPTIONS_PATH).json()
    table = genre_table()
    assert options["periods"] == list(table.period_names)
    assert options["default_period"] == table.default_period


def test_page_routes_stay_out_of_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths
    assert not any(path.startswith(("/static", "/page")) for path in paths)
