"""Quick presence tests (an exemption's words, a rule's required literals) agree with ``in``."""

from __future__ import annotations

from assistant.style.catalogue import load_rules
from assistant.style.checks.base import AnyLiteral, Exempt
from tests.conftest import REPO


def test_present_equals_each_word_looked_up() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    texts += ["", "X射线机和x光片", "落实“六稳”、“六保”任务", "光片", "x光", "末尾六稳", "X轴"]
    lists = [rule.options.get("exceptions", []) for rule in load_rules()]
    exemptions = [Exempt(words) for words in lists if words] + [Exempt(["x光", "光片", "六稳"])]
    assert len(exemptions) >= 3
    for exempt in exemptions:
        for text in texts:
            assert exempt.present(text) == tuple(w for w in exempt.words if w in text)
    assert set(Exempt(["x光", "光片"]).present("X射线机和x光片")) == {"x光", "光片"}


def test_any_literal_agrees_with_in() -> None:
    texts = ["", "年0", "2026年05月", "中--", "a", "……", "。。。"]
    for literals in (["--", "－－"], ["年0", "月0"], ["...", "。。。", "…"], ["a", "bc"], [""]):
        test = AnyLiteral(literals)
        for text in texts:
            assert test.occurs_in(text) == any(literal in text for literal in literals)
    assert not AnyLiteral([])
