"""Applying an editor's incremental edits to the server's copy of a document."""

from lsprotocol import types

from assistant.lsp.open_documents import Documents


def _range(start: tuple[int, int], end: tuple[int, int]) -> types.Range:
    return types.Range(types.Position(*start), types.Position(*end))


def _open(text: str) -> Documents:
    documents = Documents()
    documents.open(types.TextDocumentItem("file:///d.md", "markdown", 1, text))
    return documents


def test_a_ranged_edit_after_an_astral_character_replaces_the_right_character() -> None:
    documents = _open("标题\n𠀀在全县推广,效果好")
    document = documents.get("file:///d.md")
    assert document is not None
    document.apply([types.TextDocumentContentChangePartial(_range((1, 7), (1, 8)), "，")], 2)
    assert document.text == "标题\n𠀀在全县推广，效果好"
    assert document.version == 2


def test_edits_apply_in_order_each_to_the_text_the_previous_left() -> None:
    documents = _open("一、\n😀")
    document = documents.get("file:///d.md")
    assert document is not None
    document.apply(
        [
            types.TextDocumentContentChangePartial(_range((0, 2), (0, 2)), "主要成绩"),
            types.TextDocumentContentChangePartial(_range((1, 2), (1, 2)), "好\n二、"),
            types.TextDocumentContentChangePartial(_range((2, 2), (2, 2)), "问题"),
        ],
        3,
    )
    assert document.text == "一、主要成绩\n😀好\n二、问题"
    assert document.lines.position(len(document.text)) == types.Position(2, 4)


def test_a_whole_text_change_replaces_everything() -> None:
    documents = _open("旧")
    document = documents.get("file:///d.md")
    assert document is not None
    document.apply([types.TextDocumentContentChangeWholeDocument("新\r\n文")], 2)
    assert document.text == "新\r\n文"
    assert document.lines.line_count == 2


def test_a_closed_document_is_forgotten() -> None:
    documents = _open("文")
    documents.close("file:///d.md")
    assert documents.get("file:///d.md") is None
