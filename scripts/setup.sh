#!/usr/bin/env bash
# One-time setup: .venv in the repo root, every dependency (torch pinned to the local CPU build),
# the checker's hot modules compiled, the built-in embedding model prepared offline, the built-in
# corpus indexed, and Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's Chromium for the browser tests of the web page (Playwright drives it; no browser is
# downloaded), with a CJK font so pages render Chinese in screenshots.
if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check torch==2.13.0
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[dev,eval]'
# The style checker's hot modules compiled with mypyc (gcc); plain Python if that fails
.venv/bin/python scripts/compile_native.py || echo "compiling failed: the checker runs as plain Python"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/assistant prepare-model
.venv/bin/assistant ingest
