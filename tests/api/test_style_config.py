"""The HTTP API checks with the server's style configuration, the same one the CLI applies; a
malformed configuration stops the server from starting instead of failing requests."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from assistant.api.app import create_app
from assistant.config import Settings
from assistant.contract import dump_json
from assistant.errors import StyleConfigError
from assistant.runtime import Runtime
from assistant.style.project import checker_for
from tests.api.conftest import serving

DRAFT = "其它工作由 铁男 兄负责，以项目为抓手推进。\n"
CONFIG = (
    "rules:\n  spaced-name: off\n  confused-words: error\n"
    "vocabulary:\n  reject: [{word: 抓手, use: 载体}]\n"
)


@pytest.mark.integration
def test_check_routes_apply_the_configured_rules(
    tmp_path: Path, api_settings: Settings, api_runtime: Runtime
) -> None:
    config = tmp_path / "house.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    settings = api_settings.model_copy(update={"style_config": config})
    with serving(create_app(settings, api_runtime)) as url:
        body = httpx.post(f"{url}/v1/check", json={"text": DRAFT}).json()
    found = [(d["rule"], d["severity"]) for d in body["diagnostics"]]
    assert found == [("confused-words", "error"), ("rejected-word", "error")]
    assert body == json.loads(dump_json(checker_for(config).check(DRAFT)))  # what the CLI prints


def test_a_malformed_configuration_stops_the_app_from_being_built(tmp_path: Path) -> None:
    config = tmp_path / "house.yaml"
    config.write_text("rules:\n  stray-spac: off\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path, style_config=config)
    with pytest.raises(StyleConfigError, match=r"rules\.stray-spac"):
        create_app(settings)
