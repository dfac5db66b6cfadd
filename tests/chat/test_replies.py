"""Reply templates and explanations: every one is used, and what the code asks for exists."""

from __future__ import annotations

import re

from assistant.chat.explain import explain, explanations, find_subject
from assistant.chat.replies import replies, say, template_fields
from tests.conftest import REPO

CHAT = REPO / "assistant" / "chat"


def test_every_template_is_used_and_every_used_name_exists() -> None:
    code = "\n".join(path.read_text(encoding="utf-8") for path in CHAT.glob("*.py"))
    quoted = set(re.findall(r'"([a-z_]+)"', code))
    prefixes = set(re.findall(r'f"([a-z_]+)\{', code))
    names = set(replies())
    unused = {n for n in names if n not in quoted and not any(n.startswith(p) for p in prefixes)}
    assert not unused, f"templates nothing says: {sorted(unused)}"
    called = set(re.findall(r'say\(\s*"([a-z_]+)"', code))
    assert called <= names, f"unknown templates: {sorted(called - names)}"


def test_templates_are_filled_by_name() -> None:
    assert template_fields("missing_part") == {"count", "parts", "word"}
    assert "没有第九部分" in say("missing_part", count=5, parts="一、甲", word="第九部分")


def test_every_subject_is_found_by_its_own_words() -> None:
    for subject in explanations().subjects:
        for word in subject.words:
            assert find_subject(f"请问{word}怎么写") is not None
        assert explain(subject.name) == subject.text.strip()
    assert "可以解释的规范" in explain("不存在的主题")
