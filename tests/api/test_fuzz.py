"""Property-based fuzzing of every operation in ``/openapi.json`` with schemathesis.

Bounded for the normal test run; run it larger by hand with, e.g.::

    ASSISTANT_FUZZ_SECONDS=600 .venv/bin/pytest tests/api/test_fuzz.py

Checks: all of schemathesis's except ``positive_data_acceptance``: the API rejects, by design
and as the SPEC asks, some schema-valid input with a 4xx it documents (an unknown period, a
conversation without a user message, a blank office type). Everything else must hold: no 5xx,
responses (JSON and SSE events) match their schemas, statuses and content types are documented,
schema-violating input is rejected, unsupported methods answer 405 with ``Allow``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SECONDS = int(os.environ.get("ASSISTANT_FUZZ_SECONDS", "25"))


def test_schemathesis_finds_no_server_errors_or_schema_violations(
    api_url: str, tmp_path: Path
) -> None:
    executable = Path(sys.executable).parent / "schemathesis"
    command = [
        str(executable),
        "run",
        f"{api_url}/openapi.json",
        "--checks",
        "all",
        "--exclude-checks",
        "positive_data_acceptance",
        "--max-time",
        str(SECONDS),
        "--workers",
        "1",
        "--seed",
        os.environ.get("ASSISTANT_FUZZ_SEED", "20261128"),
        "--request-timeout",
        "30",
        "--report",
        "json",
        "--report-dir",
        str(tmp_path),
        "--output-truncate",
        "true",
    ]
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=SECONDS + 120, cwd=tmp_path, check=False
    )
    reports = sorted(tmp_path.glob("*.json"))
    assert reports, run.stdout[-4000:] + run.stderr[-2000:]
    report = json.loads(reports[-1].read_text(encoding="utf-8"))
    assert report["operations"]["tested"] == 11
    assert report["test_cases"]["generated"] > 100
    assert report["failures"] == [] and report["errors"] == [], run.stdout[-6000:]
    assert run.returncode == 0, run.stdout[-6000:]
