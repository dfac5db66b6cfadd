"""The offsets where a compilation's summaries start equal those of counting line by line."""

from __future__ import annotations

from assistant.corpus.splitter import document_first_lines
from assistant.style.documents import _document_starts
from tests.conftest import REPO


def _plain(text: str) -> list[int]:
    """The definition: walk the lines, adding up their lengths."""
    lines = set(document_first_lines(text))
    starts = [0]
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if number in lines and offset > 0:
            starts.append(offset)
        offset += len(line)
    return starts


def test_starts_equal_the_line_walk() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    compilation = "\n".join(texts)
    separators = ["\n", "\r\n", "\r", "\u2028", "\x0b", "\x1c", "\x85"]
    cases = [compilation.replace("\n", separator) for separator in separators]
    cases += ["", "\n\n", "栏目\n小编\n" + compilation, compilation + "\n\n"]
    assert any(len(_plain(text)) > 2 for text in cases)
    for text in [*texts, *cases]:
        assert _document_starts(text) == _plain(text)
