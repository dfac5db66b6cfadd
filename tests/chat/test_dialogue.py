"""Conversations through the chat service in-process: the outline edited turn by turn."""

from __future__ import annotations

from assistant.chat.edits import occurrences
from assistant.chat.service import ChatService, Message
from assistant.chat.state import read_marker, without_marker
from assistant.evaluation.invariants import numbering, parts_ordered
from assistant.genre.table import Role
from tests.chat.conftest import converse, headings, history_of

FIRST = "我是县农机局的，帮我列个上半年总结提纲"


def test_each_edit_changes_the_outline_and_numbers_follow(chat: ChatService) -> None:
    said = [FIRST, "加一部分党建工作", "删掉第二部分", "第一部分标题改成强化干部队伍建设"]
    first, added, deleted, renamed = converse(chat, *said)
    assert first.turn.kind == "outline" and added.turn.kind == "add"
    assert any("党建工作" in h for h in headings(added))
    assert len(headings(added)) == len(headings(first)) + 1
    assert headings(deleted) == [
        f"{number}{h.split('、', 1)[1]}"
        for number, h in zip(
            ("一、", "二、", "三、", "四、", "五、", "六、", "七、"),
            [h for i, h in enumerate(headings(added)) if i != 1],
            strict=False,
        )
    ]
    assert headings(renamed)[0] == "一、强化干部队伍建设"
    for reply in (first, added, deleted, renamed):
        assert reply.outline is not None
        assert numbering(reply.outline) == [] and parts_ordered(reply.outline) == []


def test_undo_walks_back_one_version_at_a_time(chat: ChatService) -> None:
    replies = converse(chat, FIRST, "删掉第一部分", "删掉第一部分", "撤销", "撤销", "撤销")
    first, one, two, back1, back2, none = replies
    assert back1.outline == one.outline and back2.outline == first.outline
    assert two.outline != one.outline
    assert none.turn.kind == "undo_none" and none.outline == first.outline


def test_a_client_that_drops_the_markers_gets_the_same_outline(chat: ChatService) -> None:
    said = [FIRST, "加一部分党建工作", "把问题部分展开一点", "删掉第一部分"]
    replies = converse(chat, *said)
    blind = []
    for text in said:
        blind.append(Message("user", text))
        reply = chat.reply(blind)
        blind.append(Message("assistant", without_marker(reply.content)))
    assert reply.outline == replies[-1].outline
    assert reply.content == replies[-1].content


def test_the_marker_carries_the_outline_shown(chat: ChatService) -> None:
    replies = converse(chat, FIRST, "把第二部分展开一点")
    state = read_marker(replies[-1].content)
    assert state is not None and state.outline == replies[-1].outline
    assert state.parent == read_marker(replies[0].content).key  # type: ignore[union-attr]
    assert "ws-state" not in without_marker(replies[-1].content)


def test_a_part_that_does_not_exist_gets_a_short_answer(chat: ChatService) -> None:
    first, missing = converse(chat, FIRST, "把第九部分展开一点")
    assert missing.turn.kind == "missing" and missing.outline == first.outline
    text = without_marker(missing.content)
    assert "没有第九部分" in text and "一、" in text and len(text) < 400
    assert "**来源**" not in text


def test_the_genre_order_is_kept(chat: ChatService) -> None:
    first, moved, deleted = converse(chat, FIRST, "把问题部分放到最后", "删掉问题部分")
    assert moved.turn.kind == "unchanged" and moved.outline == first.outline
    plans = [s for s in first.outline.sections if s.role is Role.PLANS]  # type: ignore[union-attr]
    assert plans[0].heading in without_marker(moved.content)
    assert deleted.turn.kind == "refused" and "必备" in without_marker(deleted.content)


def test_achievement_parts_move_among_themselves(chat: ChatService) -> None:
    first, moved = converse(chat, FIRST, "把第二部分挪到最前面")
    assert headings(moved)[0].split("、", 1)[1] == headings(first)[1].split("、", 1)[1]
    assert numbering(moved.outline) == []  # type: ignore[arg-type]


def test_expand_again_and_this_part_follow_the_last_part(chat: ChatService) -> None:
    first, once, again = converse(chat, FIRST, "把第二部分展开一点", "再展开一点")
    count = [len(r.outline.sections[1].phrasing) for r in (first, once, again)]  # type: ignore[union-attr]
    assert count[0] < count[1] <= count[2]
    assert again.turn.kind == "expand"


def test_asking_which_part_then_naming_it(chat: ChatService) -> None:
    first, asked, named = converse(chat, FIRST, "展开一点", "第二部分")
    assert asked.turn.kind == "ask" and "哪一部分" in without_marker(asked.content)
    assert named.turn.kind == "expand"
    assert len(named.outline.sections[1].phrasing) > len(first.outline.sections[1].phrasing)  # type: ignore[union-attr]


def test_facts_given_before_the_office_are_kept(chat: ChatService) -> None:
    asked, built = converse(chat, "帮我列一个上半年工作总结的提纲", "我是县科技局的")
    assert asked.turn.kind == "need_office" and asked.outline is None
    assert built.outline is not None and built.outline.period == "上半年"


def test_excluded_words_stay_out_after_later_edits(chat: ChatService) -> None:
    replies = converse(
        chat,
        "园区管委会上半年工作总结提纲",
        "不要出现灞河这些地名",
        "把下一步打算展开一点",
        "改成年度的",
    )
    for reply in replies[1:]:
        assert reply.outline is not None and occurrences(reply.outline, "灞河") == 0
        outline_text = without_marker(reply.content).split("# ", 1)[1].split("**来源**")[0]
        assert "灞河" not in outline_text
    assert replies[-1].outline is not None and replies[-1].outline.period == "年度"


def test_a_changed_period_keeps_the_edits_made(chat: ChatService) -> None:
    replies = converse(chat, FIRST, "加一部分安全生产工作", "改成年度的")
    changed = replies[-1]
    assert changed.turn.kind == "change" and changed.outline is not None
    assert changed.outline.period == "年度" and "上半年" not in changed.outline.title
    assert any("安全生产" in h for h in headings(changed))
    assert "照样套用" in without_marker(changed.content)


def test_the_first_draft_keeps_parts_numbers_and_slots(chat: ChatService) -> None:
    first, draft = converse(chat, FIRST, "帮我写个初稿")
    assert draft.turn.kind == "draft" and draft.outline == first.outline
    text = without_marker(draft.content)
    assert all(f"## {h}" in text for h in headings(first))
    assert "〔" in text and "[S" not in text and "**来源**" not in text


def test_a_pasted_draft_gets_readable_diagnostics_and_the_fixed_text(chat: ChatService) -> None:
    (reply,) = converse(chat, "帮我检查一下：\n一加强队伍建设\n我局上半年,完成了任务。")
    text = without_marker(reply.content)
    assert reply.turn.kind == "check" and reply.outline is None
    assert "第1行" in text and "顿号" in text and "半角" in text
    assert "一、加强队伍建设\n我局上半年，完成了任务。" in text


def test_questions_and_model_only_requests_are_answered_plainly(chat: ChatService) -> None:
    first, explained, tone = converse(chat, FIRST, "一级标题后面为什么要用顿号", "用更正式的语气")
    assert explained.turn.kind == "explain" and "顿号" in explained.content
    assert tone.turn.kind == "model_only" and "语言模型" in tone.content
    assert "ASSISTANT_LLM_BASE_URL" in tone.content
    assert explained.outline == first.outline == tone.outline


def test_edits_without_an_outline_ask_for_one(chat: ChatService) -> None:
    (reply,) = converse(chat, "删掉第四部分")
    assert reply.turn.kind == "need_outline" and reply.outline is None


def test_more_and_fewer_items_of_a_kind(chat: ChatService) -> None:
    first, more, fewer = converse(chat, FIRST, "下一步打算多列几条", "下一步打算只留两条")
    plans = [s for s in more.outline.sections if s.role is Role.PLANS]  # type: ignore[union-attr]
    before = [s for s in first.outline.sections if s.role is Role.PLANS]  # type: ignore[union-attr]
    assert len(plans[0].phrasing) > len(before[0].phrasing)
    kept = [s for s in fewer.outline.sections if s.role is Role.PLANS]  # type: ignore[union-attr]
    assert len(kept[0].phrasing) == 2


def test_the_same_conversation_gives_the_same_replies(chat: ChatService) -> None:
    said = [FIRST, "加一部分党建工作", "把问题部分展开一点"]
    assert [r.content for r in converse(chat, *said)] == [r.content for r in converse(chat, *said)]
    assert len(history_of(said, converse(chat, *said))) == 6


def test_a_sub_part_added_under_a_part(chat: ChatService) -> None:
    first, added = converse(chat, FIRST, "第一部分下面加一个小标题：农机安全监管")
    assert added.turn.kind == "add"
    part = added.outline.sections[0]  # type: ignore[union-attr]
    assert part.children[-1].heading == "农机安全监管" and part.children[-1].number.startswith("（")
    assert part.children[-1].phrasing and part.children[-1].sources
    assert len(headings(added)) == len(headings(first))


def test_one_place_up_and_the_last_part(chat: ChatService) -> None:
    first, up, deleted = converse(chat, FIRST, "第三部分往前挪一下", "把最后一部分删了")
    assert headings(up)[1].split("、", 1)[1] == headings(first)[2].split("、", 1)[1]
    assert deleted.turn.kind == "refused", "the last part is the only plans part"


def test_an_added_part_goes_where_asked_and_says_what_it_stands_on(chat: ChatService) -> None:
    first, added = converse(chat, FIRST, "在问题后面加一部分整改措施")
    assert added.turn.kind == "add" and added.outline is not None
    sections = added.outline.sections
    assert len(sections) == len(first.outline.sections) + 1  # type: ignore[union-attr]
    index = next(i for i, s in enumerate(sections) if "整改措施" in s.heading)
    assert sections[index - 1].role is Role.PROBLEMS
    ref = added.outline.sources[sections[index].sources[0]]
    data = {"profile": "profile", "topic": "topic_module", "genre": "genre"}
    if ref.kind in data:
        assert sections[index].basis == data[ref.kind]
    else:
        assert sections[index].basis in ("same_type", "common_work")
