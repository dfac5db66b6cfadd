"""The words of an exemption present in a text: the one-scan test agrees with looking each up."""

from __future__ import annotations

from assistant.style.catalogue import load_rules
from assistant.style.checks.base import Exempt
from tests.conftest import REPO


def test_present_equals_each_word_looked_up() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    texts += ["", "X射线机和x光片", "落实“六稳”、“六保”任务"]
    lists = [rule.options.get("exceptions", []) for rule in load_rules()]
    exemptions = [Exempt(words) for words in lists if words] + [Exempt(["x光", "光片", "六稳"])]
    assert len(exemptions) >= 3
    for exempt in exemptions:
        for text in texts:
            assert exempt.present(text) == tuple(w for w in exempt.words if w in text)
    assert set(Exempt(["x光", "光片"]).present("X射线机和x光片")) == {"x光", "光片"}
