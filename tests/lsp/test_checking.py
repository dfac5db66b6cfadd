"""When diagnostics are published: at once on open, once after a burst of changes, not twice.

The debounce runs on a manual clock: time passes only when a test says so, so "nothing was
published" is known without waiting.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from lsprotocol import types

from assistant.lsp.checking import CheckScheduler
from assistant.lsp.diagnostics import check
from assistant.lsp.open_documents import Document

DELAY = 0.15


@dataclass
class _Scheduled:
    due: float
    callback: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


@dataclass
class ManualClock:
    """A timer for the scheduler whose time moves only with ``advance``."""

    now: float = 0.0
    scheduled: list[_Scheduled] = field(default_factory=list)

    def __call__(self, delay: float, callback: Callable[[], None]) -> _Scheduled:
        entry = _Scheduled(self.now + delay, callback)
        self.scheduled.append(entry)
        return entry

    def advance(self, seconds: float) -> None:
        self.now += seconds
        due = [s for s in self.scheduled if s.due <= self.now and not s.cancelled]
        self.scheduled = [s for s in self.scheduled if s not in due and not s.cancelled]
        for entry in sorted(due, key=lambda s: s.due):
            entry.callback()

    @property
    def waiting(self) -> int:
        return sum(1 for s in self.scheduled if not s.cancelled)


def _scheduler() -> tuple[CheckScheduler, list[types.PublishDiagnosticsParams], ManualClock]:
    published: list[types.PublishDiagnosticsParams] = []
    clock = ManualClock()
    scheduler = CheckScheduler(published.append, delay=DELAY, max_chars=1000, timer=clock)
    return scheduler, published, clock


def _versions(published: list[types.PublishDiagnosticsParams]) -> list[int | None]:
    return [p.version for p in published]


def test_a_burst_of_changes_is_checked_once_after_the_last() -> None:
    scheduler, published, clock = _scheduler()
    document = Document("file:///d.md", "文,", 1)
    scheduler.now(document)
    for version in (2, 3, 4):
        document.text += "字"
        document.version = version
        scheduler.later(document)
        clock.advance(DELAY / 2)  # typing faster than the delay
    assert _versions(published) == [1]
    clock.advance(DELAY)
    assert _versions(published) == [1, 4]
    assert clock.waiting == 0


def test_a_check_waits_the_whole_delay() -> None:
    scheduler, published, clock = _scheduler()
    document = Document("file:///d.md", "文,", 1)
    scheduler.now(document)
    document.text, document.version = "文,改", 2
    scheduler.later(document)
    clock.advance(DELAY * 0.99)
    assert _versions(published) == [1]
    clock.advance(DELAY * 0.02)
    assert _versions(published) == [1, 2]


def test_a_text_equal_to_the_last_published_is_not_published_again() -> None:
    scheduler, published, clock = _scheduler()
    document = Document("file:///d.md", "文,", 1)
    scheduler.now(document)
    document.text, document.version = "文,改", 2
    scheduler.later(document)
    document.text, document.version = "文,", 3
    scheduler.later(document)
    clock.advance(DELAY * 10)
    assert _versions(published) == [1]
    assert clock.waiting == 0


def test_asking_for_the_current_check_of_a_changed_text_publishes_it_at_once() -> None:
    scheduler, published, clock = _scheduler()
    document = Document("file:///d.md", "文。", 1)
    scheduler.now(document)
    document.text, document.version = "文,", 2
    scheduler.later(document)
    checked = scheduler.current(document)
    assert _versions(published) == [1, 2] and checked.text == "文,"
    clock.advance(DELAY * 10)  # the pending check was cancelled: no third publish
    assert _versions(published) == [1, 2]


def test_closing_clears_the_editors_diagnostics_and_cancels_a_pending_check() -> None:
    scheduler, published, clock = _scheduler()
    document = Document("file:///d.md", "文,", 1)
    scheduler.now(document)
    document.text, document.version = "文,改", 2
    scheduler.later(document)
    scheduler.close("file:///d.md")
    clock.advance(DELAY * 10)
    assert published[1:] == [types.PublishDiagnosticsParams(uri="file:///d.md", diagnostics=[])]


def test_a_text_over_the_limit_gets_one_notice_and_no_fixes() -> None:
    checked = check("文," * 600, max_chars=1000)
    assert checked.found == []
    assert [d.code for d in checked.published] == ["too-long"]
    assert "上限为 1000 字" in checked.published[0].message
