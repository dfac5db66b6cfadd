"""Lines and columns of diagnostics, in or out of order, are those of a plain lookup."""

from __future__ import annotations

from assistant.style.catalogue import Rule
from assistant.style.findings import diagnostics_of
from assistant.style.positions import LineIndex

TEXT = "第一行,\n\n第三行,有,\n最后"


def test_positions_equal_line_index_lookups() -> None:
    rule = Rule(id="any", kind="pattern", severity="error", message="{text}")
    starts = [3, 9, 5, 0, 11, 12, len(TEXT) - 1, 4, 3]  # out of order, repeated, line ends
    findings = [(start, start + 1, None, "") for start in starts]
    diagnostics = diagnostics_of(TEXT, [(rule, True, findings)])
    locate = LineIndex(TEXT).locate
    assert [(d.line, d.column) for d in diagnostics] == [locate(d.offset) for d in diagnostics]
    assert sorted(d.offset for d in diagnostics) == sorted(starts)
