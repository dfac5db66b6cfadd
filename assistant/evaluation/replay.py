"""Second runs of the outline and chat cases.

Asked again in the same process (caches warm: the latency measured) and in a fresh process with
another hash seed.

``python -m assistant.evaluation.replay`` reads ``{"settings": ..., "cases": DIR}`` on stdin and
prints ``{key: canonical output}``; the runner compares that with its own outputs, so set
iteration order, caches and anything else process-bound cannot hide nondeterminism.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.config import Settings
from assistant.evaluation.outlines import Produced

HASH_SEED = "20261128"
TIMEOUT_SECONDS = 240


def second_run(settings: Settings, cases: Path) -> tuple[dict[str, str], str]:
    """Outputs of the replay process, or an empty map and the reason it failed."""
    request = json.dumps({"settings": settings.model_dump(mode="json"), "cases": str(cases)})
    env = {**os.environ, "PYTHONHASHSEED": HASH_SEED, "HF_HUB_OFFLINE": "1"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "assistant.evaluation.replay"],
            input=request,
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {}, f"second run timed out after {TIMEOUT_SECONDS} s"
    if done.returncode != 0:
        return {}, f"second run failed ({done.returncode}): {done.stderr.strip()[-500:]}"
    outputs: dict[str, str] = json.loads(done.stdout)
    return outputs, ""


def compare(
    produced: Sequence[Produced], again: Sequence[Produced], replayed: dict[str, str], failure: str
) -> None:
    """Record ``deterministic`` problems and the warm latency.

    A problem for every output a second run did not reproduce: in the same process (``again``)
    or in a fresh process (``replayed``).
    """
    warm = {item.key: item for item in again}
    for item in produced:
        problems = [failure] if failure else []
        if not failure and replayed.get(item.key) != item.canonical:
            problems.append("output differs in a fresh process")
        repeat = warm.get(item.key)
        if repeat is None or repeat.canonical != item.canonical:
            problems.append("output differs when asked again in the same process")
        item.warm_seconds = repeat.seconds if repeat else None
        item.problems["deterministic"] = problems


def main() -> None:
    """Replay the cases named on stdin and print their canonical outputs."""
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from assistant.evaluation.cases import load_cases
    from assistant.evaluation.outlines import run_cases
    from assistant.runtime import Runtime

    request = json.loads(sys.stdin.read())
    settings = Settings(**request["settings"])
    produced, _ = run_cases(Runtime.open(settings), settings, load_cases(Path(request["cases"])))
    json.dump({item.key: item.canonical for item in produced}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
