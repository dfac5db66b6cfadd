"""Reading a .docx: paragraphs, runs, formatting, page setup and page numbers.

Pending tracked changes are accepted, as the writer will see the text once they are.

Order: body paragraphs and table cells as they come (nested tables included), each text box
right after the paragraph that anchors it. A run inside ``w:ins``/``w:moveTo`` counts, inside
``w:del``/``w:moveFrom`` it does not (that is what accepting every change gives). ``w:t``
gives its text, ``w:tab`` a tab, breaks nothing (a two-line title reads as one line); field
instructions are not text, field results are.
"""

from __future__ import annotations

from typing import Any

from assistant.errors import InputError
from assistant.word.model import (
    Location,
    PageNumber,
    PageSetup,
    RunSpan,
    WordDocument,
    WordParagraph,
)
from assistant.word.ooxml import (
    DEL,
    FALLBACK,
    INS,
    MOVE_FROM,
    MOVE_TO,
    NO_BREAK_HYPHEN,
    PPR,
    PTAB,
    RPR,
    SECT_PR,
    TAB,
    TBL,
    TXBX_CONTENT,
    P,
    R,
    T,
    child,
    get_attr,
    int_attr,
    run_child_text,
    w,
)
from assistant.word.package import DocxPackage, load_document, open_package
from assistant.word.styles import StyleSheet, theme_fonts

CONTAINERS = frozenset({w("sdt"), w("sdtContent"), w("customXml")})
RUN_CONTAINERS = frozenset(
    {w("hyperlink"), w("smartTag"), w("fldSimple"), w("sdt"), w("sdtContent"), w("customXml")}
)
REVISION_TAGS = (
    INS,
    DEL,
    MOVE_FROM,
    MOVE_TO,
    w("rPrChange"),
    w("pPrChange"),
    w("sectPrChange"),
    w("tblPrChange"),
    w("trPrChange"),
    w("tcPrChange"),
    w("numberingChange"),
    w("cellIns"),
    w("cellDel"),
)
FLD_CHAR = w("fldChar")
INSTR = w("instrText")
TEXT_TAGS = frozenset({T, TAB, PTAB, NO_BREAK_HYPHEN})
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class _Walker:
    """Collects paragraphs in reading order, with their runs."""

    def __init__(self, styles: StyleSheet) -> None:
        self.styles = styles
        self.paragraphs: list[WordParagraph] = []
        self.offset = 0

    def blocks(self, container: Any, location: Location) -> None:
        for node in container:
            tag = node.tag
            if tag == P:
                self.paragraph(node, location)
            elif tag == TBL:
                for cell in node.iter(w("tc")):
                    if _nearest(cell, w("tbl")) is node:
                        self.blocks(cell, "table")
            elif tag in CONTAINERS:
                self.blocks(node, location)

    def paragraph(self, element: Any, location: Location) -> None:
        p_pr = element.find(PPR)
        style_id, paragraph_format = self.styles.paragraph_format(p_pr)
        pieces: list[str] = []
        runs: list[RunSpan] = []
        boxes: list[Any] = []
        state = _RunState()
        self._runs(element, style_id, pieces, runs, boxes, state, inserted=False)
        text = "".join(pieces)
        self.paragraphs.append(
            WordParagraph(
                number=len(self.paragraphs) + 1,
                offset=self.offset,
                text=text,
                element=element,
                location=location,
                style_id=style_id,
                style_name=self.styles.name_of(style_id),
                format=paragraph_format,
                runs=tuple(runs),
            )
        )
        self.offset += len(text) + 1
        for box in boxes:
            self.blocks(box, "textbox")

    def _runs(
        self,
        container: Any,
        style_id: str | None,
        pieces: list[str],
        runs: list[RunSpan],
        boxes: list[Any],
        state: _RunState,
        *,
        inserted: bool,
    ) -> None:
        for node in container:
            tag = node.tag
            if tag == R:
                self._run(node, style_id, pieces, runs, boxes, state, inserted)
            elif tag in (INS, MOVE_TO):
                self._runs(node, style_id, pieces, runs, boxes, state, inserted=True)
            elif tag in RUN_CONTAINERS:
                state.simple_field += tag == w("fldSimple")
                self._runs(node, style_id, pieces, runs, boxes, state, inserted=inserted)
                state.simple_field -= tag == w("fldSimple")

    def _run(
        self,
        run: Any,
        style_id: str | None,
        pieces: list[str],
        runs: list[RunSpan],
        boxes: list[Any],
        state: _RunState,
        inserted: bool,
    ) -> None:
        start = state.length
        in_field = state.in_field()
        for node in run:
            tag = node.tag
            piece = run_child_text(node)
            if piece or tag in TEXT_TAGS:
                pass
            elif tag == FLD_CHAR:
                state.field_char(get_attr(node, "fldCharType"))
                in_field = True
            elif tag == INSTR:
                in_field = True
            elif tag != RPR:
                boxes.extend(_text_boxes(node))
            if piece:
                pieces.append(piece)
                state.length += len(piece)
        end = state.length
        fmt = self.styles.run_format(run.find(RPR), style_id)
        runs.append(RunSpan(start, end, run, fmt, editable=not (inserted or in_field)))


class _RunState:
    """Whether the runs being read are inside a complex or simple field."""

    def __init__(self) -> None:
        self.depth = 0
        self.simple_field = 0
        self.length = 0  # characters read so far in the paragraph

    def field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.depth += 1
        elif kind == "end" and self.depth:
            self.depth -= 1

    def in_field(self) -> bool:
        return self.depth > 0 or self.simple_field > 0


def _nearest(element: Any, tag: str) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _text_boxes(node: Any) -> list[Any]:
    """Text-box contents under a run child, skipping VML fallbacks and nested boxes."""
    found = []
    for box in node.iter(TXBX_CONTENT):
        parent = box.getparent()
        nested = False
        while parent is not None and parent is not node:
            if parent.tag in (FALLBACK, TXBX_CONTENT):
                nested = True
                break
            parent = parent.getparent()
        if not nested:
            found.append(box)
    return found


def _page(sect_pr: Any, document: Any) -> PageSetup:
    size = child(sect_pr, "pgSz")
    margins = child(sect_pr, "pgMar")
    grid = child(sect_pr, "docGrid")
    footers: dict[str, Any] = {}
    for reference in sect_pr.iterfind(w("footerReference")):
        rel_id = reference.get(R_ID)
        part = document.part.related_parts.get(rel_id) if rel_id else None
        if part is not None:
            footers[get_attr(reference, "type") or "default"] = part
    return PageSetup(
        element=sect_pr,
        width=int_attr(size, "w"),
        height=int_attr(size, "h"),
        top=int_attr(margins, "top"),
        bottom=int_attr(margins, "bottom"),
        left=int_attr(margins, "left"),
        right=int_attr(margins, "right"),
        grid_type=get_attr(grid, "type"),
        grid_pitch=int_attr(grid, "linePitch"),
        footers=footers,
    )


def _pages(body: Any, document: Any) -> list[PageSetup]:
    sections = [p_pr.find(SECT_PR) for p_pr in body.iter(PPR)]
    found = [section for section in sections if section is not None]
    last = body.find(SECT_PR)
    if last is not None:
        found.append(last)
    return [_page(section, document) for section in found]


def _page_numbers(pages: list[PageSetup], styles: StyleSheet) -> list[PageNumber]:
    numbers: list[PageNumber] = []
    seen: set[int] = set()
    for page in pages:
        for kind, part in page.footers.items():
            if id(part) in seen:
                continue
            seen.add(id(part))
            walker = _Walker(styles)
            walker.blocks(part.element, "body")
            for paragraph in walker.paragraphs:
                number = _page_number_in(paragraph, kind)
                if number is not None:
                    numbers.append(number)
    return numbers


def _page_number_in(paragraph: WordParagraph, kind: str) -> PageNumber | None:
    """The PAGE field of a footer paragraph, with the text before and after it."""
    element = paragraph.element
    simple = [f for f in element.iter(w("fldSimple")) if "PAGE" in (get_attr(f, "instr") or "")]
    complex_ = [i for i in element.iter(w("instrText")) if "PAGE" in (i.text or "").upper()]
    if not simple and not complex_:
        return None
    field_runs = [run for run in paragraph.runs if not run.editable]
    if not field_runs:
        return None
    first, last = field_runs[0], field_runs[-1]
    number_format = max(field_runs, key=lambda run: run.end - run.start).format
    return PageNumber(
        kind=kind,
        before=paragraph.text[: first.start],
        after=paragraph.text[last.end :],
        alignment=paragraph.format.alignment,
        format=number_format,
        paragraph=element,
    )


def read_package(package: DocxPackage, name: str) -> WordDocument:
    """The document in ``package`` as the checker reads it."""
    document = load_document(package, name)
    styles_root = document.styles.element
    parts = document.part.package.iter_parts()
    theme_xml = next((part.blob for part in parts if "/theme/" in str(part.partname)), None)
    styles = StyleSheet(styles_root, theme_fonts(theme_xml))
    body = document.element.body
    walker = _Walker(styles)
    walker.blocks(body, "body")
    pages = _pages(body, document)
    settings = document.settings.element
    pending = next(document.element.iter(*REVISION_TAGS), None) is not None
    word = WordDocument(
        name=name,
        paragraphs=walker.paragraphs,
        pages=pages,
        page_numbers=_page_numbers(pages, styles),
        even_and_odd_footers=settings.find(w("evenAndOddHeaders")) is not None,
        pending_changes=pending,
        document=document,
    )
    if not word.text.strip():
        raise InputError(f"{name} 中没有文字，无法检查。")
    return word


def read_docx_bytes(data: bytes, name: str = "文档") -> WordDocument:
    """Validate and read an uploaded .docx."""
    return read_package(open_package(data, name), name)
