"""Carefully edited official prose (the State Council reports 017-029) must not raise errors,
and real writing outside the genre (the CnPack team's summaries 001-016) few. Each report is
checked under its title (from the folder's index.jsonl), as a draft is, so that its year is its own.

What remains on 017-029: no errors; warnings: 022 line 105 doubled-char on 以公正监管管出公平
(监管 + 管出: the dictionary has no 管出, a warning whose fix is never applied by --fix), and the
reports' own defects (026 prints four sentences twice: duplicate-sentence; 018 joins two treaty
names in 书名号 with a 顿号: marked-list-dunhao); and overlong-sentence infos. On 001-016 every
diagnostic is judged in eval/external-judgements.yaml (eval/external_false_alarms.py prints them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.judged import judge, load_judgements
from assistant.evaluation.style import report_titles, titled
from assistant.style.engine import check_text, default_checker
from tests.conftest import EXTERNAL

REPORTS = [EXTERNAL / f"{number:03d}.txt" for number in range(17, 30)]
MAX_PER_10K = 1.0


@pytest.fixture(scope="module")
def diagnostics_by_report() -> dict[str, tuple[int, list[str]]]:
    found: dict[str, tuple[int, list[str]]] = {}
    titles = report_titles(EXTERNAL)
    for path in REPORTS:
        text = titled(titles.get(path.name), path.read_text(encoding="utf-8"))
        result = check_text(text)
        found[path.name] = (
            len(text),
            [f"{d.severity} {d.rule} {d.line}:{d.column} {d.excerpt}" for d in result.diagnostics],
        )
    return found


def _rate(found: dict[str, tuple[int, list[str]]], severity: str) -> tuple[float, list[str]]:
    chars = sum(count for count, _ in found.values())
    hits = [
        f"{name} {line}"
        for name, (_, lines) in found.items()
        for line in lines
        if line.startswith(severity + " ")
    ]
    return len(hits) * 10_000 / chars, hits


def test_reports_are_present() -> None:
    assert all(Path(path).exists() for path in REPORTS)


@pytest.mark.integration
def test_error_rate_on_state_council_reports_is_at_most_one_per_10k_chars(
    diagnostics_by_report: dict[str, tuple[int, list[str]]],
) -> None:
    rate, errors = _rate(diagnostics_by_report, "error")
    assert rate <= MAX_PER_10K, "\n".join(errors)


@pytest.mark.integration
def test_warning_rate_on_state_council_reports_stays_low(
    diagnostics_by_report: dict[str, tuple[int, list[str]]],
) -> None:
    rate, warnings = _rate(diagnostics_by_report, "warning")
    assert rate <= MAX_PER_10K, "\n".join(warnings)


@pytest.mark.integration
def test_team_summaries_have_few_errors_and_no_clear_false_alarms() -> None:
    figures = judge(default_checker(), load_judgements())
    unjudged = [r for r in figures["diagnostics"] if r["verdict"] in ("false", "unjudged")]
    assert figures["errors_per_10k"] <= 1.0
    assert figures["clear_false_alarms_per_10k"] <= 0.5, unjudged
