"""When diagnostics are published: at once on open, once after a burst of changes, not twice."""

import asyncio

from lsprotocol import types

from assistant.lsp.checking import CheckScheduler
from assistant.lsp.diagnostics import check
from assistant.lsp.open_documents import Document

DELAY = 0.05


def _scheduler() -> tuple[CheckScheduler, list[types.PublishDiagnosticsParams]]:
    published: list[types.PublishDiagnosticsParams] = []
    return CheckScheduler(published.append, delay=DELAY, max_chars=1000), published


def _versions(published: list[types.PublishDiagnosticsParams]) -> list[int | None]:
    return [p.version for p in published]


def test_a_burst_of_changes_is_checked_once_after_the_last() -> None:
    async def run() -> list[int | None]:
        scheduler, published = _scheduler()
        document = Document("file:///d.md", "文,", 1)
        scheduler.now(document)
        for version in (2, 3, 4):
            document.text += "字"
            document.version = version
            scheduler.later(document)
        await asyncio.sleep(DELAY * 4)
        return _versions(published)

    assert asyncio.run(run()) == [1, 4]


def test_a_text_equal_to_the_last_published_is_not_published_again() -> None:
    async def run() -> list[int | None]:
        scheduler, published = _scheduler()
        document = Document("file:///d.md", "文,", 1)
        scheduler.now(document)
        document.text, document.version = "文,改", 2
        scheduler.later(document)
        document.text, document.version = "文,", 3
        scheduler.later(document)
        await asyncio.sleep(DELAY * 4)
        return _versions(published)

    assert asyncio.run(run()) == [1]


def test_asking_for_the_current_check_of_a_changed_text_publishes_it_at_once() -> None:
    async def run() -> tuple[list[int | None], str]:
        scheduler, published = _scheduler()
        document = Document("file:///d.md", "文。", 1)
        scheduler.now(document)
        document.text, document.version = "文,", 2
        scheduler.later(document)
        checked = scheduler.current(document)
        await asyncio.sleep(DELAY * 4)  # the pending check was cancelled: no third publish
        return _versions(published), checked.text

    versions, text = asyncio.run(run())
    assert versions == [1, 2]
    assert text == "文,"


def test_closing_clears_the_editors_diagnostics() -> None:
    scheduler, published = _scheduler()
    scheduler.close("file:///d.md")
    assert published == [types.PublishDiagnosticsParams(uri="file:///d.md", diagnostics=[])]


def test_a_text_over_the_limit_gets_one_notice_and_no_fixes() -> None:
    checked = check("文," * 600, max_chars=1000)
    assert checked.found == []
    assert [d.code for d in checked.published] == ["too-long"]
    assert "上限为 1000 字" in checked.published[0].message
