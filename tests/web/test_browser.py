"""The page in a real headless Chromium against a real ``assistant serve``: what a writer does."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from tests.web.conftest import API_KEY, open_page

pytestmark = pytest.mark.integration

MARKUP = '<script>alert(1)</script><img src=x onerror="window.__xss=1;alert(2)">'


def notice(page: Page) -> str:
    page.wait_for_selector("#notice:not([hidden])")
    return page.inner_text("#notice-text")


def type_draft(page: Page, text: str) -> None:
    """Type into the focused editor as a writer would: characters, and Enter for new lines."""
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def open_writer(page: Page) -> None:
    page.click("#tab-write")
    page.click("#write-text")


# --- 提纲 ----------------------------------------------------------------------------------------


def test_outline_request_shows_its_parts_sources_and_copies_as_text(page: Page) -> None:
    page.fill("#outline-office", "县农机局")
    page.select_option("#outline-period", "上半年")
    page.fill("#outline-year", "2025")
    page.click("#outline-submit")
    title = page.locator(".outline-title")
    expect(title).to_contain_text("农机局")
    expect(title).to_contain_text("上半年")
    parts = page.locator("#outline-result > .part.level-1 > h3")
    numbers = [text[:2] for text in parts.all_inner_texts()]
    assert numbers[:3] == ["一、", "二、", "三、"]
    sources = page.locator("#outline-sources")
    assert sources.get_attribute("open") is None, "sources start collapsed"
    first_cite = page.locator("#outline-result .part.level-1 button.cite").first
    key = first_cite.inner_text()
    first_cite.click()
    expect(page.locator(f"#source-{key}")).to_have_attribute("open", "")
    expect(page.locator(f"#source-{key} .excerpt")).to_be_visible()

    page.click("#outline-copy")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(title.inner_text())
    assert all(part in copied for part in parts.all_inner_texts())


def test_outline_opens_as_a_draft_in_the_writing_view(page: Page) -> None:
    page.fill("#outline-office", "县农机局")
    page.click("#outline-submit")
    heading = page.locator("#outline-result > .part.level-1 > h3").first.inner_text()
    page.click("#outline-write")
    expect(page.locator("#view-write")).to_be_visible()
    draft = page.input_value("#write-text")
    assert draft.startswith(page.locator(".outline-title").inner_text())
    assert heading in draft
    expect(page.locator("#write-office-note")).to_contain_text("农机局")


# --- 对话 ----------------------------------------------------------------------------------------


def test_chat_streams_a_reply_and_a_follow_up_changes_the_office(page: Page) -> None:
    page.click("#tab-chat")
    with page.expect_response("**/v1/chat/completions") as first:
        page.fill("#chat-input", "我是县农机局的，帮我列个上半年总结提纲")
        page.press("#chat-input", "Enter")
    response = first.value
    assert response.headers["content-type"].startswith("text/event-stream")
    assert json.loads(response.request.post_data or "{}")["stream"] is True
    replies = page.locator(".msg.assistant:not(.streaming) .msg-body")
    expect(replies).to_have_count(1)
    expect(replies.first.locator("h3")).to_contain_text("农机局")
    expect(replies.first.locator("h4").first).to_contain_text("一、")

    with page.expect_request("**/v1/chat/completions") as second:
        page.fill("#chat-input", "换成园区的")
        page.press("#chat-input", "Enter")
    sent = json.loads(second.value.post_data or "{}")["messages"]
    assert [m["role"] for m in sent] == ["user", "assistant", "user"]
    assert "ws-state:" in sent[1]["content"], "the reply goes back with its state marker"
    assert "ws-state" not in page.inner_text("#chat-log"), "the marker is never drawn"
    expect(replies).to_have_count(2)
    expect(replies.nth(1).locator("h3")).to_contain_text("园区")

    page.click("#chat-write")
    expect(page.locator("#view-write")).to_be_visible()
    title = replies.nth(1).locator("h3").inner_text()
    assert page.input_value("#write-text").startswith(re.sub(r"\s*S\d+$", "", title).strip())


# --- 写作 ----------------------------------------------------------------------------------------


def test_ghost_suggestion_appears_and_tab_accepts_it(page: Page) -> None:
    open_writer(page)
    type_draft(page, "三、存在的问题\n一是投入不足。\n四、")
    ghost = page.locator("#write-editor .ghost")
    expect(ghost).to_be_visible()
    suggestion = ghost.inner_text()
    assert suggestion.strip()
    page.keyboard.press("Tab")
    assert page.input_value("#write-text").endswith("四、" + suggestion)
    assert page.evaluate("document.activeElement.id") == "write-text", "Tab stayed in the editor"


def test_typing_through_a_ghost_keeps_it_and_escape_dismisses_it(page: Page) -> None:
    open_writer(page)
    type_draft(page, "三、存在的问题\n一是投入不足。\n四、")
    ghost = page.locator("#write-editor .ghost")
    expect(ghost).to_be_visible()
    suggestion = ghost.inner_text()
    page.keyboard.type(suggestion[0])
    expect(ghost).to_have_text(suggestion[1:])
    page.keyboard.press("Escape")
    expect(ghost).to_have_count(0)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "write-text", (
        "without a ghost Tab moves on"
    )


def test_diagnostic_is_underlined_explained_and_fixed(page: Page) -> None:
    open_writer(page)
    type_draft(page, "一、主要工作\n今年以来,我局加强领导。")
    mark = page.locator("#write-editor mark.diag", has_text=",")
    expect(mark).to_be_visible()
    counts = page.locator("#write-counts")
    assert (
        int(counts.get_attribute("data-errors") or 0)
        + int(counts.get_attribute("data-warnings") or 0)
        >= 1
    )

    box = mark.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = page.locator("#write-editor .editor-tip")
    expect(tip).to_be_visible()
    item = page.locator("#write-diagnostics .diag-item", has_text=",")
    message = item.locator(".message").inner_text()
    expect(tip).to_contain_text(message)

    item.locator(".diag-fix").click()
    expect(mark).to_have_count(0)
    assert "今年以来，我局" in page.input_value("#write-text")
    expect(page.locator("#write-diagnostics .diag-item", has_text=",")).to_have_count(0)


MIRROR_LINES = """
() => [...document.querySelectorAll("#write-editor .editor-mirror > .line")].map((line) => {
  const copy = line.cloneNode(true);
  copy.querySelectorAll(".ghost").forEach((ghost) => ghost.remove());
  return copy.textContent.replaceAll("\u200b", "");
})
"""


def assert_mirror_shows_the_draft(page: Page) -> None:
    assert page.evaluate(MIRROR_LINES) == page.input_value("#write-text").split("\n")


def test_mirror_follows_every_edit_and_undo_restores_a_fix(page: Page) -> None:
    open_writer(page)
    page.fill("#write-text", "一、主要工作\n今年以来,我局加强领导;全年完成任务。\n（1）健全制度\n")
    comma = page.locator("#write-editor mark.diag", has_text=",")
    expect(comma).to_be_visible()
    assert_mirror_shows_the_draft(page)
    page.focus("#write-text")
    page.keyboard.press("Control+Home")
    page.keyboard.press("End")
    page.keyboard.press("Enter")  # a new line above the flagged one: marks move down with it
    page.keyboard.type("上半年")
    assert_mirror_shows_the_draft(page)
    expect(comma).to_be_visible()
    page.keyboard.press("Control+End")
    page.keyboard.press("Backspace")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Backspace")  # a whole line removed
    assert_mirror_shows_the_draft(page)

    page.locator("#write-diagnostics .diag-item", has_text=",").locator(".diag-fix").click()
    expect(comma).to_have_count(0)
    page.focus("#write-text")
    page.keyboard.press("Control+z")  # the fix is one undo step
    assert "以来,我局" in page.input_value("#write-text")
    assert_mirror_shows_the_draft(page)
    expect(comma).to_be_visible()


def test_fix_all_clears_every_fixable_problem(page: Page) -> None:
    open_writer(page)
    type_draft(page, "一、主要工作\n今年以来,我局加强领导;全年完成任务。")
    expect(page.locator("#write-fix-all")).to_be_enabled()
    page.click("#write-fix-all")
    expect(page.locator("#write-diagnostics .diag-fix")).to_have_count(0)
    text = page.input_value("#write-text")
    assert "," not in text and ";" not in text


def test_draft_survives_a_reload_until_cleared(page: Page) -> None:
    open_writer(page)
    type_draft(page, "XX县农机局2025年上半年工作总结\n一、主要工作")
    page.reload()
    page.wait_for_selector("html[data-ready='true']")
    expect(page.locator("#view-write")).to_be_visible()
    assert page.input_value("#write-text") == "XX县农机局2025年上半年工作总结\n一、主要工作"
    expect(page.locator("#write-office-note")).to_contain_text("农机局")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#write-clear")
    page.reload()
    page.wait_for_selector("html[data-ready='true']")
    assert page.input_value("#write-text") == ""


def test_keyboard_alone_reaches_the_views_requests_an_outline_and_fixes_a_problem(
    page: Page,
) -> None:
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the selected tab
    assert page.evaluate("document.activeElement.id") == "tab-outline"
    page.keyboard.press("Tab")
    page.keyboard.type("县科技局")
    page.keyboard.press("Enter")
    expect(page.locator(".outline-title")).to_contain_text("科技局")

    page.focus("#tab-outline")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-write"
    expect(page.locator("#view-write")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "write-text"
    type_draft(page, "今年以来,我局")
    expect(page.locator("#write-editor mark.diag", has_text=",")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#write-text-hint")).to_contain_text("Ctrl+.")
    page.keyboard.press("Control+.")
    expect(page.locator("#write-editor mark.diag", has_text=",")).to_have_count(0)
    assert page.input_value("#write-text") == "今年以来，我局"


# --- 检查 ----------------------------------------------------------------------------------------


def test_pasted_draft_is_checked_in_place(page: Page) -> None:
    page.click("#tab-check")
    page.fill("#check-text", "一、主要工作\n今年以来,我局加强领导。\n（1）健全制度\n")
    expect(page.locator("#check-editor mark.diag").first).to_be_visible()
    expect(page.locator("#check-diagnostics .diag-item").first).to_be_visible()
    assert int(page.locator("#check-counts").get_attribute("data-errors") or 0) >= 1


# --- safety and errors ---------------------------------------------------------------------------


def test_markup_in_a_draft_and_a_chat_renders_as_text(page: Page) -> None:
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    open_writer(page)
    page.keyboard.type(MARKUP)
    mirror = page.locator("#write-editor .editor-mirror")
    expect(mirror).to_contain_text(MARKUP)
    page.click("#tab-check")
    page.fill("#check-text", f"一、主要工作\n{MARKUP}")
    expect(page.locator("#check-editor .editor-mirror")).to_contain_text(MARKUP)
    page.click("#tab-chat")
    page.fill("#chat-input", MARKUP)
    page.press("#chat-input", "Enter")
    expect(page.locator(".msg.user .msg-body").last).to_have_text(MARKUP)
    expect(page.locator(".msg.assistant:not(.streaming)")).to_have_count(1)
    page.wait_for_timeout(300)
    assert page.locator("main img, main script").count() == 0
    assert page.evaluate("window.__xss") is None
    assert dialogs == []


def test_wrong_api_key_gets_the_chinese_message_and_the_right_one_works(
    browser: Browser, keyed_url: str
) -> None:
    pages = open_page(browser, keyed_url)
    page = next(pages)
    dialog = page.locator("#key-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#key-message")).to_contain_text("API 密钥")
    page.fill("#key-input", "not-the-key")
    page.press("#key-input", "Enter")
    expect(page.locator("#key-message")).to_contain_text("API 密钥无效")
    page.fill("#key-input", API_KEY)
    page.press("#key-input", "Enter")
    expect(dialog).to_be_hidden()
    expect(page.locator("#office-list option").first).to_be_attached()
    page.reload()
    page.wait_for_selector("html[data-ready='true']")
    expect(page.locator("#office-list option").first).to_be_attached()
    expect(dialog).to_be_hidden()  # asked once per session
    next(pages, None)


def test_text_over_the_limit_gets_the_413_message(page: Page) -> None:
    page.click("#tab-check")
    page.fill("#check-text", "今年以来，我局加强领导。" * 20_000)
    assert "上限" in notice(page)


def test_unreachable_server_gets_the_chinese_message(page: Page) -> None:
    page.route("**/v1/outline", lambda route: route.abort("connectionrefused"))
    page.fill("#outline-office", "县农机局")
    page.click("#outline-submit")
    assert "无法连接到服务器" in notice(page)


def test_busy_server_gets_the_chinese_message(page: Page) -> None:
    body = json.dumps({"detail": "服务尚未完成加载，请稍后重试。"})
    page.route(
        "**/v1/outline",
        lambda route: route.fulfill(status=503, body=body, content_type="application/json"),
    )
    page.fill("#outline-office", "县农机局")
    page.click("#outline-submit")
    assert "服务器繁忙" in notice(page)
