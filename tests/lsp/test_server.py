"""The language server driven as an editor drives it: JSON-RPC over the process's stdio.

One server process serves most tests (each test opens its own document); it starts on a fresh
data directory, so it builds the index while the first tests run, which is how the tests see
that completion answers at once while loading and that checks need no model.
"""

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import settings_with_model
from tests.lsp.client import (
    LspClient,
    ResponseError,
    apply_edits,
    document_edits,
    position,
    utf16_position,
)

pytestmark = pytest.mark.integration

READY_TIMEOUT = 180.0
DRAFT = (
    "平安县农机局2024年上半年工作总结\n"
    "今年以来，我局认真贯彻落实上级部署，各项工作稳步推进。\n"
    "一、主要工作成效\n"
    "𠀀农机推广成效明显,全年推广新机具120台。\n"
    "(一)加强农机安全监管\n"
    "全县共检查农机xx台，消除隐患。\n"
    "二、存在问题\n"
    "一是资金不足。二是人员偏少。\n"
    "三、下一步工作打算\n"
    "继续加强农机安全监管。\n"
)
COMMA = ("half-width-punctuation", (3, 10), (3, 11))  # 𠀀 is two UTF-16 units
PARENS = ("heading-half-width-parens", (4, 0), (4, 3))
PLACEHOLDER = ("placeholder", (5, 7), (5, 9))


@dataclass
class Session:
    client: LspClient
    capabilities: dict[str, Any]
    early_completion: dict[str, Any]
    uris: Iterator[str]


def _span(diagnostic: dict[str, Any]) -> tuple[str, tuple[int, int], tuple[int, int]]:
    start, end = diagnostic["range"]["start"], diagnostic["range"]["end"]
    return diagnostic["code"], (start["line"], start["character"]), (end["line"], end["character"])


def _start(data_dir: Path, log: Path) -> LspClient:
    return LspClient(data_dir, log)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, corpus_vectors: Path) -> Path:
    return settings_with_model(tmp_path_factory.mktemp("lsp"), corpus_vectors).data_dir


@pytest.fixture(scope="module")
def session(data_dir: Path) -> Iterator[Session]:
    client = _start(data_dir, data_dir.parent / "server.log")
    try:
        capabilities = client.initialize()["capabilities"]
        client.open("file:///early.md", "一、主要成绩\n一是加强")
        early = client.request(
            "textDocument/completion",
            {"textDocument": {"uri": "file:///early.md"}, "position": position(1, 4)},
        )
        uris = (f"file:///drafts/{n}.md" for n in range(1000))
        yield Session(client, capabilities, early, uris)
        client.shutdown_and_exit()
    finally:
        client.kill()


@pytest.fixture(scope="module")
def ready(session: Session) -> Session:
    """The session once the model and index have loaded."""
    session.client.wait_notification(
        "window/logMessage", lambda p: "自动补全可用" in p["message"], timeout=READY_TIMEOUT
    )
    return session


def _open(session: Session, text: str = DRAFT) -> tuple[str, list[dict[str, Any]]]:
    uri = next(session.uris)
    since = session.client.mark()
    session.client.open(uri, text)
    return uri, session.client.diagnostics(uri, 1, since)


def test_initialize_advertises_every_feature_in_utf16(session: Session) -> None:
    capabilities = session.capabilities
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["textDocumentSync"]["change"] == 2  # incremental
    assert "、" in capabilities["completionProvider"]["triggerCharacters"]
    assert "inlineCompletionProvider" in capabilities
    assert capabilities["hoverProvider"]
    assert set(capabilities["codeActionProvider"]["codeActionKinds"]) == {
        "quickfix",
        "source.fixAll",
    }


def test_completion_before_the_model_has_loaded_answers_with_nothing(session: Session) -> None:
    assert session.early_completion == {"isIncomplete": True, "items": []}


def test_opening_a_draft_publishes_its_defects_with_utf16_ranges(session: Session) -> None:
    _, diagnostics = _open(session)
    spans = {_span(d) for d in diagnostics}
    assert {COMMA, PARENS, PLACEHOLDER} <= spans
    comma = next(d for d in diagnostics if _span(d) == COMMA)
    assert comma["severity"] == 1
    assert comma["source"] == "写作助手"
    assert "半角标点" in comma["message"]
    assert utf16_position(DRAFT, DRAFT.index(",")) == position(3, 10)


def test_a_burst_of_changes_is_checked_once(session: Session) -> None:
    """Debouncing as the editor sees it; an unchanged text not being rechecked is
    test_checking.py's (with a manual clock: absence needs no waiting there)."""
    client = session.client
    uri, _ = _open(session)
    end = position(9, 11)
    since = client.mark()
    for version, char in ((2, "甲"), (3, "乙"), (4, ",")):
        client.change(uri, version, [{"range": {"start": end, "end": end}, "text": char}])
        end = position(9, end["character"] + 1)
    diagnostics = client.diagnostics(uri, 4, since)
    published = client.received("textDocument/publishDiagnostics", since)
    assert [p["version"] for p in published if p["uri"] == uri] == [4]
    assert ("half-width-punctuation", (9, 13), (9, 14)) in {_span(d) for d in diagnostics}


def test_a_quick_fix_applied_and_sent_back_makes_its_diagnostic_go_away(session: Session) -> None:
    client = session.client
    uri, diagnostics = _open(session)
    comma = next(d for d in diagnostics if _span(d) == COMMA)
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": comma["range"],
            "context": {"diagnostics": [comma], "only": ["quickfix"]},
        },
    )
    assert [a["title"] for a in actions] == ["改为“，”"]
    assert actions[0]["isPreferred"] is True
    edits = document_edits(actions[0]["edit"], uri)
    assert actions[0]["edit"]["documentChanges"][0]["textDocument"]["version"] == 1
    fixed = apply_edits(DRAFT, edits)
    assert fixed == DRAFT.replace(",", "，", 1)

    since = client.mark()
    client.change(uri, 2, [{"range": e["range"], "text": e["newText"]} for e in edits])
    spans = {_span(d) for d in client.diagnostics(uri, 2, since)}
    assert COMMA not in spans
    assert {PARENS, PLACEHOLDER} <= spans


def test_fix_all_fixes_every_safe_problem_and_leaves_the_rest(session: Session) -> None:
    client = session.client
    uri, _ = _open(session)
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": position(0, 0), "end": position(0, 0)},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    assert [(a["title"], a["kind"]) for a in actions] == [
        ("修复全部可自动修复的问题", "source.fixAll")
    ]
    fixed = apply_edits(DRAFT, document_edits(actions[0]["edit"], uri))
    assert "，全年" in fixed and "（一）加强" in fixed

    since = client.mark()
    client.change(uri, 2, [{"text": fixed}])
    codes = {d["code"] for d in client.diagnostics(uri, 2, since)}
    assert "placeholder" in codes
    assert not codes & {"half-width-punctuation", "heading-half-width-parens"}


def test_hover_on_a_heading_names_the_role_of_its_part(session: Session) -> None:
    client = session.client
    uri, _ = _open(session)
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position(6, 3)}
    )
    assert "本部分角色：存在问题（problems）" in hover["contents"]["value"]
    assert hover["range"] == {"start": position(6, 0), "end": position(6, 6)}
    plans = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position(8, 0)}
    )
    assert "（plans）" in plans["contents"]["value"]
    body = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position(5, 3)}
    )
    assert body is None


def test_malformed_messages_and_unknown_methods_do_not_kill_the_server(session: Session) -> None:
    client = session.client
    client.send_raw(b"Content-Length: 9\r\n\r\n{bad json")
    client.send_raw(b"Content-Length: abc\r\n\r\n")
    client.send_raw(b"Content-Length: 2\r\n\r\n[]")
    client.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"nonsense": 1}})
    bad_params = client.request_message("textDocument/hover", {"textDocument": 5})
    assert bad_params["error"]["code"] == -32602
    with pytest.raises(ResponseError) as unknown:
        client.request("assistant/noSuchMethod", {})
    assert unknown.value.code == -32601
    client.notify("assistant/noSuchNotification", {})
    client.notify("$/setTrace", {"value": "off"})

    uri, diagnostics = _open(session)
    assert COMMA in {_span(d) for d in diagnostics}
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position(2, 0)}
    )
    assert "主要成绩" in hover["contents"]["value"]
    assert client.process.poll() is None
    assert client.stray_output == []


def test_completion_at_a_heading_start_offers_titles_for_the_next_part(ready: Session) -> None:
    client = ready.client
    text = DRAFT.split("三、")[0] + "三、"
    uri, _ = _open(ready, text)
    result = client.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": position(8, 2)}
    )
    items = result["items"]
    assert items and result["isIncomplete"] is True
    for item in items:
        assert item["textEdit"]["range"] == {"start": position(8, 2), "end": position(8, 2)}
        assert item["textEdit"]["newText"] == item["label"] == item["filterText"]
        assert item["detail"].startswith("农机局 · 来源：")
    # the plans part, as far as its headings agree (下半年工作 in a 上半年 summary)
    assert any(word in items[0]["label"] for word in ("打算", "下一步", "下半年", "计划", "思路"))


def test_completion_mid_sentence_continues_the_typed_clause(ready: Session) -> None:
    client = ready.client
    clause = "一是坚持以习近平新时代"
    text = "平安县农机局2024年上半年工作总结\n一、主要工作成效\n" + clause
    uri, _ = _open(ready, text)
    end = position(2, len(clause))
    result = client.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": end}
    )
    assert result["items"]
    for item in result["items"]:
        assert item["textEdit"]["range"] == {"start": position(2, 0), "end": end}
        assert item["textEdit"]["newText"] == clause + item["label"]
        assert item["filterText"] == item["textEdit"]["newText"]


def test_inline_completion_inserts_the_continuation_at_the_cursor(ready: Session) -> None:
    client = ready.client
    text = "平安县农机局2024年上半年工作总结\n一、主要工作成效\n𠀀一是坚持以习近平新时代"
    uri, _ = _open(ready, text)
    cursor = position(2, 13)  # UTF-16: the surrogate pair counts two
    result = client.request(
        "textDocument/inlineCompletion",
        {"textDocument": {"uri": uri}, "position": cursor, "context": {"triggerKind": 2}},
    )
    assert result["items"]
    for item in result["items"]:
        assert item["insertText"]
        assert item["range"] == {"start": cursor, "end": cursor}


def test_the_workspace_office_setting_overrides_the_draft_and_can_be_cleared(
    ready: Session,
) -> None:
    client = ready.client
    uri, _ = _open(ready, DRAFT.split("三、")[0] + "三、")
    request = {"textDocument": {"uri": uri}, "position": position(8, 2)}

    def offices() -> set[str]:
        return {
            item["detail"].split(" · ")[0]
            for item in client.request("textDocument/completion", request)["items"]
        }

    assert offices() == {"农机局"}
    client.notify(
        "workspace/didChangeConfiguration",
        {"settings": {"assistant": {"officeType": "驻村工作组"}}},
    )
    assert offices() == {"工作组"}
    client.notify(
        "workspace/didChangeConfiguration", {"settings": {"assistant": {"officeType": ""}}}
    )
    assert offices() == {"农机局"}


def test_shutdown_then_exit_ends_with_code_0_even_while_loading(
    ready: Session, data_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(data_dir, data, symlinks=True)  # the index is built: loading takes seconds
    client = _start(data, tmp_path / "server.log")
    try:
        client.answers["workspace/configuration"] = lambda params: [{"officeType": "园区"}]
        capabilities = {"workspace": {"configuration": True}}
        client.initialize(capabilities=capabilities)
        asked = client.wait_server_request("workspace/configuration")
        assert asked["items"] == [{"section": "assistant"}]
        assert client.shutdown_and_exit() == 0
        assert client.stray_output == []
        assert "Traceback" not in client.log()
    finally:
        client.kill()


def test_without_a_model_checks_still_work_and_exit_without_shutdown_is_code_1(
    tmp_path: Path,
) -> None:
    client = _start(tmp_path / "empty-data", tmp_path / "server.log")
    try:
        utf8_first = {"general": {"positionEncodings": ["utf-8", "utf-16"]}}
        result = client.initialize({"assistant": {"officeType": "农机局"}}, utf8_first)
        assert result["capabilities"]["positionEncoding"] == "utf-8"
        warning = client.wait_notification("window/showMessage", timeout=60)
        assert "自动补全不可用" in warning["message"] and warning["type"] == 2
        client.open("file:///d.md", DRAFT)
        spans = {_span(d) for d in client.diagnostics("file:///d.md", 1)}
        assert ("half-width-punctuation", (3, 28), (3, 29)) in spans  # 𠀀: 4 bytes, 农…显: 8 × 3
        result = client.request(
            "textDocument/completion",
            {"textDocument": {"uri": "file:///d.md"}, "position": position(8, 2)},
        )
        assert result["items"] == []
        client.notify("exit")
        assert client.wait_exit() == 1
    finally:
        client.kill()
