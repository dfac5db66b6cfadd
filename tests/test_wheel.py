"""The package works from a wheel, outside the repository.

The wheel is built from this checkout (offline, with the environment's setuptools) and installed
into a fresh virtual environment that sees the project environment's packages (torch and the
rest are not installed twice) but not the checkout. From a folder outside the repository, the
installed ``assistant`` checks a draft, builds its index from the built-in corpus the wheel
carries and answers an outline, then serves HTTP requests, chat included with an (unreachable)
chat model configured, so the prompt templates are read from the wheel too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from assistant.contract import dump_json
from assistant.style.engine import check_text
from tests.conftest import REPO, settings_with_model
from tests.processes import free_port, serving_process

pytestmark = pytest.mark.integration

BUILD_INPUTS = ("pyproject.toml", "README.md", "assistant", "corpus", "prompts")
DRAFT = "县科技局工作总结\n一、主要成绩\n完成xx个项目,成效明显.\n"


@dataclass(frozen=True)
class Installed:
    """A virtual environment holding the wheel, and a working folder outside the checkout."""

    bin: Path
    workdir: Path
    env: dict[str, str]

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "assistant"), *args],
            cwd=self.workdir,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )


def _pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, corpus_vectors: Path) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        origin = REPO / name
        if origin.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(origin, source / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(origin, source / name)
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(work), str(source))
    wheel = next(work.glob("assistant-*.whl"))

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The project environment's packages, as a plain path: its .pth files (the editable
    # install of this checkout among them) are not processed, so only the wheel is importable.
    Path(site, "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _pip("--python", str(python), "install", "--no-deps", "--no-index", str(wheel))

    outside = work / "elsewhere"
    outside.mkdir()
    settings = settings_with_model(work, corpus_vectors)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("ASSISTANT_") and key not in {"PYTHONPATH", "VIRTUAL_ENV"}
    }
    env |= {"ASSISTANT_DATA_DIR": str(settings.data_dir), "HF_HUB_OFFLINE": "1"}
    return Installed(venv / "bin", outside, env)


def test_the_installed_package_is_the_wheel_with_its_data(installed: Installed) -> None:
    script = (
        "import assistant, json\n"
        "from assistant.resources import builtin_corpus_dir, prompt_dir\n"
        "print(json.dumps([assistant.__file__, str(builtin_corpus_dir()), str(prompt_dir())]))\n"
    )
    run = subprocess.run(
        [str(installed.bin / "python"), "-c", script],
        cwd=installed.workdir,
        env=installed.env,
        capture_output=True,
        text=True,
        check=True,
    )
    package, corpus, prompts = (Path(p) for p in json.loads(run.stdout))
    venv = installed.bin.parent
    assert package.is_relative_to(venv) and not package.is_relative_to(REPO)
    assert corpus.is_relative_to(venv) and (corpus / "manifest.yaml").is_file()
    assert len(list((corpus / "documents").glob("*.txt"))) == 8
    shipped = sorted(p.name for p in prompts.iterdir())
    assert shipped == sorted(p.name for p in (REPO / "prompts").glob("*.md"))
    assert {"chat_reply.md", "chat_system.md", "draft_reply.md", "draft_system.md"} <= set(shipped)


def test_check_from_the_wheel_prints_the_same_json(installed: Installed) -> None:
    run = installed.run("check", "-", "--json", stdin=DRAFT)
    assert run.returncode == 1, run.stderr  # the draft has error-level problems
    assert run.stdout == dump_json(check_text(DRAFT), indent=2).decode() + "\n"


def test_outline_from_the_wheel_builds_the_index_from_the_shipped_corpus(
    installed: Installed,
) -> None:
    run = installed.run("outline", "--office", "县农机局", "--period", "上半年", "--json")
    assert run.returncode == 0, run.stderr
    assert "建立索引" in run.stderr  # from the corpus inside the wheel: the checkout is not read
    outline = json.loads(run.stdout)
    assert outline["matched_office_type"] == "农机局"
    assert [s["role"] for s in outline["sections"]][-1] == "plans"
    corpus = {s["document"] for s in outline["sources"].values() if s["kind"] == "corpus"}
    assert "seed-08" in corpus  # the shipped corpus's 农机局 summary
    assert corpus <= {f"seed-0{n}" for n in range(1, 9)}


@pytest.fixture(scope="module")
def served(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = installed.env | {
        "ASSISTANT_LLM_BASE_URL": f"http://127.0.0.1:{free_port()}/v1",  # nothing listens there
        "ASSISTANT_LLM_TIMEOUT_SECONDS": "5",
    }
    command = [str(installed.bin / "assistant"), "serve", "--port", str(port)]
    log = tmp_path_factory.mktemp("wheel-serve") / "serve.log"
    with serving_process(command, f"{url}/healthz", log, env=env, timeout=300):
        yield url


def test_serve_from_the_wheel_answers_requests(served: str) -> None:
    health = httpx.get(f"{served}/healthz", timeout=10).json()
    assert health["documents"] == 8 and health["llm"] == "default"
    response = httpx.post(f"{served}/v1/check", json={"text": DRAFT}, timeout=30)
    assert response.status_code == 200
    assert response.content == dump_json(check_text(DRAFT))
    body = {"messages": [{"role": "user", "content": "我是县农机局的，帮我列个上半年总结提纲"}]}
    reply = httpx.post(f"{served}/v1/chat/completions", json=body, timeout=60)
    assert reply.status_code == 200
    content = reply.json()["choices"][0]["message"]["content"]
    assert "# XX县农机局" in content and "无法连接" in content  # the retrieval reply, with a note


def test_the_web_page_and_its_files_come_from_the_wheel(served: str) -> None:
    page = httpx.get(f"{served}/", timeout=10)
    assert page.status_code == 200 and "工作总结写作助手" in page.text
    for name in re.findall(r'(?:src|href)="/static/([^"]+)"', page.text):
        assert httpx.get(f"{served}/static/{name}", timeout=10).status_code == 200, name
