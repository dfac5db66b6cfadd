#!/usr/bin/env bash
# One-time setup: .venv in the repo root, every dependency (torch pinned to the local CPU build),
# the built-in embedding model prepared offline, and the built-in corpus indexed.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check torch==2.13.0
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[dev,eval]'
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/assistant prepare-model
.venv/bin/assistant ingest
