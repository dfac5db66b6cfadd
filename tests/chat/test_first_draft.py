"""The first draft for every office profile: the outline's parts, no other unit's names, clean.

For each kind of unit the assistant knows (its office profiles), a writer asks for an outline
and then for the first draft. The draft must keep the outline's parts and numbers, carry no
named entity of the corpus's labelled list (eval/entities.yaml), and the style checker may
report nothing but the slots the writer fills in.
"""

from __future__ import annotations

import re

import pytest
import yaml

from assistant.chat.draft import compose_draft, leads_in
from assistant.chat.service import ChatService
from assistant.chat.state import without_marker
from assistant.genre.connectives import connectives, period_fields
from assistant.genre.profiles import office_profiles
from assistant.genre.table import Role
from assistant.outline.model import OutlineSection
from assistant.style.engine import check_text
from tests.chat.conftest import converse
from tests.conftest import REPO

SLOT = re.compile(r"〔[^〔〕]*〕")
ENTITIES = [
    entry["text"]
    for entry in yaml.safe_load((REPO / "eval" / "entities.yaml").read_text(encoding="utf-8"))[
        "entities"
    ]
]


def the_draft(reply_text: str) -> str:
    """The draft in a reply: from its title to its signature."""
    text = without_marker(reply_text)
    start = text.index("\n# ") + 1
    end = text.index("〔年份〕年〔数字〕月〔数字〕日", start) + len(
        "〔年份〕年〔数字〕月〔数字〕日"
    )
    return text[start:end]


def headings(sections: list[OutlineSection]) -> list[str]:
    found = []
    for section in sections:
        found.append(f"{'#' * (section.level + 1)} {section.number}{section.heading}")
        found += headings(section.children)
    return found


@pytest.mark.parametrize("key", sorted(office_profiles()))
def test_first_draft_of_every_office_profile(chat: ChatService, key: str) -> None:
    profile = office_profiles()[key]
    level = profile.level_prefixes[0] if profile.level_prefixes else ""
    office = f"{level}{profile.name}"
    outline_reply, draft_reply = converse(
        chat, f"我是{office}的，帮我列个年度工作总结提纲", "帮我写个初稿"
    )
    outline = outline_reply.outline
    assert outline is not None and draft_reply.outline == outline
    draft = the_draft(draft_reply.content)
    assert draft == compose_draft(outline, draft_reply.turn.state.request).strip()  # type: ignore[union-attr]
    lines = [line for line in draft.splitlines() if line.startswith("#")]
    assert lines[1:] == headings(outline.sections), "the outline's parts and numbers, in order"
    leaked = [name for name in ENTITIES if name in draft]
    assert not leaked, f"another unit's names in the draft: {leaked}"
    slots = [match.span() for match in SLOT.finditer(draft)]
    assert slots, "facts are left as slots"
    unfilled = [
        d
        for d in check_text(draft).diagnostics
        if not any(start <= d.offset and d.offset + d.length <= end for start, end in slots)
    ]
    assert not unfilled, [f"{d.rule}: {d.excerpt}" for d in unfilled]


def test_a_role_is_led_in_once_and_patterns_that_only_lead_in_are_left_out(
    chat: ChatService,
) -> None:
    said = ("我是县农机局的，帮我列个上半年总结提纲", "在问题后面加一部分整改措施", "帮我写个初稿")
    _, added, drafted = converse(chat, *said)
    outline = added.outline
    assert outline is not None
    plans = [s for s in outline.sections if s.role is Role.PLANS]
    assert len(plans) == 2 and "整改措施" in plans[0].heading
    draft = the_draft(drafted.content)
    fields = {"self": "我局", **period_fields(outline.period), "heading": ""}
    lead = connectives().leads[Role.PLANS].format(**fields)
    assert draft.count(lead) == 1, "the last part of the role is led in, not every one"
    assert f"{plans[-1].heading}\n\n{lead}" in draft
    enumerated = re.findall(r"[一二三四五六七八九十]是([^。；]*)[。；]", draft)
    assert not [item for item in enumerated if leads_in(item + "。")]
