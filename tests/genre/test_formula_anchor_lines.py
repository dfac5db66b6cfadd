"""Formula mentions found from the lines one anchor scan picks equal those found anchor by anchor."""

from __future__ import annotations

import pytest

from assistant.genre import formulas
from tests.conftest import REPO

SERIES = [None, frozenset({"party-congress", "guiding-thought"})]


def test_mentions_equal_without_the_anchor_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    texts.append("学习贯彻党的十九大精神和十八届三中全会精神。\n深入开展党史学习教育，不忘初心")
    texts.append("\n".join(texts))
    quick = [formulas._mentions(text, series) for text in texts for series in SERIES]
    assert any(quick)
    monkeypatch.setattr(formulas, "_any_anchor", lambda series: None)
    assert [formulas._mentions(text, series) for text in texts for series in SERIES] == quick
