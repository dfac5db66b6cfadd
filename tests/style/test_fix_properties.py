"""``--fix`` on perturbed State Council reports (defects injected at known places into clean
text): what it fixes stays fixed, and it changes nothing but the defects.

- after fixing, no rule whose fix was applied flags the text more often than it flags the clean
  original (the fix resolved what it was meant to, and created nothing of its own kind);
- every character ``--fix`` changes lies in or next to an injected defect (or one of the few
  defects the reports have of their own, annotated in eval/cases/style-perturbations.yaml): the
  clean text around them is never touched.
"""

from __future__ import annotations

import difflib
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.evaluation.cases import DefectNote, load_cases
from assistant.evaluation.perturb import Perturbed, perturb
from assistant.evaluation.style import known
from assistant.style.diagnostic import Diagnostic
from assistant.style.engine import check_text
from assistant.style.fixes import fix_text, fixable
from tests.conftest import EXTERNAL

pytestmark = pytest.mark.integration

REPORTS = [f"{number:03d}.txt" for number in range(17, 30)]
MARGIN = 2  # an insertion (a line break, a 、) may sit just beside the defect it repairs


@cache
def _clean(name: str) -> str:
    return (EXTERNAL / name).read_text(encoding="utf-8")


def _diagnostics(text: str) -> list[Diagnostic]:
    return list(check_text(text).diagnostics)


@cache
def _counts(name: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for diagnostic in _diagnostics(_clean(name)):
        counts[diagnostic.rule] = counts.get(diagnostic.rule, 0) + 1
    return counts


@cache
def _known_defects() -> dict[str, tuple[DefectNote, ...]]:
    spec = load_cases().perturbations
    assert spec is not None
    return spec.known_defects


def _perturbed(name: str, seed: int) -> Perturbed:
    return perturb(name, _clean(name), seed, per_kind=2)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REPORTS), st.integers(min_value=0, max_value=10_000))
def test_fixed_defects_stay_fixed(name: str, seed: int) -> None:
    item = _perturbed(name, seed)
    fixed_rules = {d.rule for d in fixable(_diagnostics(item.text))}
    fixed = fix_text(item.text, _diagnostics)
    after: dict[str, int] = {}
    for diagnostic in _diagnostics(fixed):
        after[diagnostic.rule] = after.get(diagnostic.rule, 0) + 1
    left = {
        rule: after[rule] for rule in fixed_rules if after.get(rule, 0) > _counts(name).get(rule, 0)
    }
    assert left == {}, f"{name} seed {seed}: still flagged after --fix: {left}"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REPORTS), st.integers(min_value=0, max_value=10_000))
def test_fix_changes_only_the_defects(name: str, seed: int) -> None:
    item = _perturbed(name, seed)
    fixed = fix_text(item.text, _diagnostics)
    spans = [(i.start - MARGIN, i.end + MARGIN) for i in item.injections]
    spans += [(e.start, e.end) for e in known(item.text, _known_defects().get(name, ()))]
    matcher = difflib.SequenceMatcher(None, item.text, fixed, autojunk=False)
    for tag, start, end, other_start, other_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        touched = any(a <= end and start <= b for a, b in spans)
        changed = (item.text[start:end], fixed[other_start:other_end])
        assert touched, f"{name} seed {seed}: clean text changed at {start}: {changed}"
