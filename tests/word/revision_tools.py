"""Accepting or rejecting tracked changes in a .docx, in lxml, independent of the assistant.

What Word's "Reject All" / "Accept All" do to the main part: insertions removed or unwrapped,
deletions unwrapped (``w:delText`` back to ``w:t``) or removed, property changes undone (the
old properties restored) or dropped. ``author`` limits it to one reviewer's changes.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _mine(element: etree._Element, author: str | None) -> bool:
    return author is None or element.get(q("author")) == author


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    index = parent.index(element)
    for offset, node in enumerate(list(element)):
        parent.insert(index + offset, node)
    parent.remove(element)


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)


def _restore_properties(change: etree._Element) -> None:
    """Undo a w:rPrChange / w:pPrChange / w:sectPrChange: the old properties come back."""
    properties = change.getparent()
    assert properties is not None
    old = change[0] if len(change) else etree.Element(properties.tag)
    keep = {q("rPr"), q("sectPr"), q("headerReference"), q("footerReference")}
    kept = [node for node in properties if node.tag in keep and properties.tag != q("rPr")]
    for node in list(properties):
        properties.remove(node)
    for node in old:
        properties.append(node)
    for node in kept:
        if node.tag in (q("headerReference"), q("footerReference")):
            properties.insert(0, node)
        else:
            properties.append(node)


def reject(root: etree._Element, author: str | None = None) -> None:
    for element in root.xpath("//w:ins", namespaces=NS):
        if _mine(element, author):
            _remove(element)
    for element in root.xpath("//w:del", namespaces=NS):
        if _mine(element, author):
            for text in element.iter(q("delText")):
                text.tag = q("t")
            for text in element.iter(q("delInstrText")):
                text.tag = q("instrText")
            _unwrap(element)
    for tag in ("rPrChange", "pPrChange", "sectPrChange"):
        for element in root.xpath(f"//w:{tag}", namespaces=NS):
            if _mine(element, author):
                _restore_properties(element)


def accept(root: etree._Element, author: str | None = None) -> None:
    for element in root.xpath("//w:del", namespaces=NS):
        if _mine(element, author):
            _remove(element)
    for element in root.xpath("//w:ins", namespaces=NS):
        if _mine(element, author):
            _unwrap(element)
    for tag in ("rPrChange", "pPrChange", "sectPrChange"):
        for element in root.xpath(f"//w:{tag}", namespaces=NS):
            if _mine(element, author):
                _remove(element)


def main_part(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def paragraph_texts(root: etree._Element) -> list[str]:
    """Body paragraph texts (no text boxes) as Word shows them with changes as they stand."""
    texts = []
    for paragraph in root.iter(q("p")):
        if any(a.tag == q("txbxContent") for a in paragraph.iterancestors()):
            continue
        texts.append(
            "".join(
                node.text or ""
                for node in paragraph.iter(q("t"))
                if not any(a.tag in (q("del"), q("txbxContent")) for a in node.iterancestors())
            )
        )
    return texts


def replace_main_part(data: bytes, root: etree._Element) -> bytes:
    """The .docx with its main part replaced by ``root``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = etree.tostring(
                    root, xml_declaration=True, encoding="UTF-8", standalone=True
                )
            target.writestr(item, content)
    return buffer.getvalue()
