"""False alarms on real writing that is not 公文: the CnPack team's summaries (corpus-external
001-016), and errors on the State Council reports (017-029).

Every diagnostic (errors and warnings; info-level advice aside) on 001-016 is listed with the
verdict of ``eval/external-judgements.yaml`` (correct, debatable, false; unjudged ones count as
false) so a reader can judge each one again. Printed: characters, error-level diagnostics per
10,000 characters, clear false alarms per 10,000 characters, and with the debatable ones; then
the error-level diagnostics on 017-029 (issue 16: at most 0.5 clear false alarms and 1 error per
10,000 characters on 001-016, no error on 017-029).

    python eval/external_false_alarms.py [--config .assistant-style.yaml] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.evaluation.judged import judge, load_judgements, state_council_errors
from assistant.style.engine import default_checker
from assistant.style.project import checker_at


def main(argv: list[str] | None = None) -> int:
    """Print every diagnostic with its verdict, then the rates; 1 when a bound is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--config", type=Path, help="a .assistant-style.yaml to check with")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    checker = checker_at(args.config) if args.config else default_checker()
    figures = judge(checker, load_judgements())
    for row in figures["diagnostics"]:
        print(
            f"{row['file']}:{row['line']} {row['severity']:<7} {row['rule']:<24} "
            f"[{row['verdict']}] {row['context']}"
        )
    figures["state_council_errors"] = state_council_errors(checker)
    verdicts = figures["verdicts"]
    print(
        f"\n001-016: {figures['chars']:,} chars, {len(figures['diagnostics'])} diagnostics: "
        + ", ".join(f"{k} {v}" for k, v in verdicts.items())
    )
    print(f"errors per 10k chars:              {figures['errors_per_10k']:.2f} (bound 1.0)")
    print(
        f"clear false alarms per 10k chars:  {figures['clear_false_alarms_per_10k']:.2f} (bound 0.5)"
    )
    print(f"  with the debatable ones:         {figures['with_debatable_per_10k']:.2f}")
    print(f"017-029 errors: {len(figures['state_council_errors'])}")
    for line in figures["state_council_errors"]:
        print(f"  {line}")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    within = (
        figures["errors_per_10k"] <= 1.0
        and figures["clear_false_alarms_per_10k"] <= 0.5
        and not figures["state_council_errors"]
    )
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
