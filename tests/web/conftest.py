"""A real ``assistant serve`` process and Debian's Chromium driven by Playwright.

- ``web_url``: the server with default settings (no key), on a fresh data directory that it
  indexes from ``corpus/`` when it starts;
- ``keyed_url``: a second server on a copy of that directory, requiring an API key;
- ``page``: a fresh browser context (1280x800, Chinese locale) on the first server's page.
  Every test using it also fails on a JavaScript error or a Content-Security-Policy violation.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, ViewportSize, sync_playwright

from tests.conftest import settings_with_model
from tests.processes import free_port, serving_process

CHROMIUM = "/usr/bin/chromium"
# Flags known to work as root in a container; Playwright gives each launch a fresh profile.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
API_KEY = "web-test-key-7F3"
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
START_SECONDS = 300.0  # the first start builds the index (vectors cached) on 2 shared cores


def serve(data_dir: Path, log: Path, **settings: str) -> Iterator[str]:
    """Run ``assistant serve`` on a free port with this data directory; yield its URL."""
    port = free_port()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir)}
    env.pop("ASSISTANT_API_KEY", None)
    env.update(settings)
    command = [str(Path(sys.executable).parent / "assistant"), "serve", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with serving_process(command, f"{url}/healthz", log, env=env, timeout=START_SECONDS):
        yield url


@pytest.fixture(scope="session")
def web_data_dir(tmp_path_factory: pytest.TempPathFactory, corpus_vectors: Path) -> Path:
    return settings_with_model(tmp_path_factory.mktemp("web"), corpus_vectors).data_dir


@pytest.fixture(scope="session")
def web_url(web_data_dir: Path) -> Iterator[str]:
    yield from serve(web_data_dir, web_data_dir.parent / "serve.log")


@pytest.fixture(scope="session")
def keyed_url(
    web_url: str, web_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A server requiring ``API_KEY``, on a copy of the index the first server built."""
    copy = tmp_path_factory.mktemp("web-keyed") / "data"
    shutil.copytree(web_data_dir, copy, symlinks=True)
    yield from serve(copy, copy.parent / "serve.log", ASSISTANT_API_KEY=API_KEY)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed: run scripts/setup.sh"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


class PageProblems:
    """JavaScript errors and CSP violations seen on a page."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or (
            message.type == "error" and "Failed to load resource" not in text
        ):
            self.errors.append(text)


def open_page(browser: Browser, url: str) -> Iterator[Page]:
    """A fresh context and page on ``url``; fails the test on page errors."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
    page = context.new_page()
    problems = PageProblems()
    page.on("console", problems.console)
    page.on("pageerror", lambda error: problems.errors.append(str(error)))
    page.set_default_timeout(15_000)
    page.goto(f"{url}/")
    page.wait_for_selector("html[data-ready='true']")
    yield page
    context.close()
    assert not problems.errors, f"errors on the page: {problems.errors}"


@pytest.fixture
def page(browser: Browser, web_url: str) -> Iterator[Page]:
    yield from open_page(browser, web_url)
