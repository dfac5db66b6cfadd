#!/usr/bin/env bash
# The test command: lint, type-check, then the whole test suite on three pytest-xdist workers (on two
# cores a third fills the time the others wait on processes, servers and deadlines), each test file
# on one worker, files with integration tests first (tests/conftest.py orders them; the suite starts
# its own Chroma server and HTTP servers on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/python scripts/compile_native.py  # a no-op unless a compiled module's source changed
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy --num-workers 2
.venv/bin/pytest --numprocesses 3 --dist loadfile --no-loadscope-reorder "$@"
