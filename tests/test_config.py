"""Settings come from ``ASSISTANT_*`` variables with types and bounds; a bad value stops every
command (``serve`` and ``lsp`` included) with a Chinese message and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import Settings, load_settings
from assistant.errors import SettingsError
from assistant.resources import builtin_corpus_dir


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("ASSISTANT_MAX_TEXT_CHARS", "abc", "ASSISTANT_MAX_TEXT_CHARS：应为整数（当前为“abc”）"),
        ("ASSISTANT_MAX_TEXT_CHARS", "-5", "ASSISTANT_MAX_TEXT_CHARS：应不小于 1（当前为“-5”）"),
        ("ASSISTANT_MAX_BODY_BYTES", "0", "ASSISTANT_MAX_BODY_BYTES：应不小于 1000"),
        ("ASSISTANT_LLM_TIMEOUT_SECONDS", "0", "ASSISTANT_LLM_TIMEOUT_SECONDS：应大于 0"),
        ("ASSISTANT_LLM_BASE_URL", "localhost:11434", "ASSISTANT_LLM_BASE_URL：应为 http://"),
        ("ASSISTANT_CHROMA_URL", "ftp://x", "ASSISTANT_CHROMA_URL：应为 http://"),
        ("ASSISTANT_COLLECTION", "a b", "ASSISTANT_COLLECTION：只能由字母、数字"),
        ("ASSISTANT_CORS_ORIGINS", "https://a.example", "ASSISTANT_CORS_ORIGINS：应为 JSON 列表"),
        ("ASSISTANT_CORS_ORIGINS", '["a.example"]', "ASSISTANT_CORS_ORIGINS：应为 http://"),
        ("ASSISTANT_CORPUS_DIR", "/no/such/corpus", "目录 /no/such/corpus 不存在"),
        ("ASSISTANT_LAYOUT_PROFILE", "/no/such.yaml", "文件 /no/such.yaml 不存在"),
    ],
)
@pytest.mark.parametrize("command", [["check", "-"], ["serve"], ["lsp"]])
def test_a_bad_setting_stops_every_command_with_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    words: str,
    command: list[str],
) -> None:
    monkeypatch.setenv(variable, value)
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：设置有误：") and words in err and "Traceback" not in err


def test_secrets_are_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_API_KEY", "secret-value")
    monkeypatch.setenv("ASSISTANT_MAX_TEXT_CHARS", "x")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert "secret-value" not in str(raised.value)


def test_defaults_are_within_bounds_and_the_corpus_is_the_shipped_one(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    assert settings == Settings(data_dir=tmp_path)
    assert settings.corpus_dir == builtin_corpus_dir()
    assert (settings.corpus_dir / "manifest.yaml").is_file()
    assert settings.max_text_chars == 200_000 and settings.max_body_bytes == 1_000_000


def test_good_values_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSISTANT_MAX_TEXT_CHARS", "5000")
    monkeypatch.setenv("ASSISTANT_CORS_ORIGINS", '["https://editor.example"]')
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path))
    settings = load_settings()
    assert settings.max_text_chars == 5000
    assert settings.cors_origins == ["https://editor.example"]
    assert settings.corpus_dir == tmp_path
