"""Bad input gets a clear Chinese message and a 4xx, never a 500 or a traceback."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import httpx
import pytest

pytestmark = pytest.mark.integration


def assert_clear_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str) and any("\u4e00" <= ch <= "\u9fff" for ch in detail)
    assert "Traceback" not in response.text
    return detail


@pytest.mark.parametrize("route", ["/v1/check", "/v1/complete"])
@pytest.mark.parametrize("text", ["", "   \n\t　"])
def test_empty_or_blank_text_is_rejected(api_url: str, route: str, text: str) -> None:
    detail = assert_clear_error(httpx.post(f"{api_url}{route}", json={"text": text}), 422)
    assert "空" in detail


def test_body_over_the_limit_is_413_with_content_length(api_url: str) -> None:
    body = json.dumps({"text": "字" * 400_000}, ensure_ascii=False).encode()  # 1.2 MB
    response = httpx.post(
        f"{api_url}/v1/check", content=body, headers={"content-type": "application/json"}
    )
    assert "请求体过大" in assert_clear_error(response, 413)


def test_chunked_body_over_the_limit_is_413(api_url: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(12):
            yield b"a" * 100_000
        yield b'"}'

    response = httpx.post(
        f"{api_url}/v1/check", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in response.request.headers  # sent chunked
    assert "请求体过大" in assert_clear_error(response, 413)


@pytest.mark.parametrize("route", ["/v1/check", "/v1/complete"])
def test_text_over_the_character_limit_is_413(api_url: str, route: str) -> None:
    response = httpx.post(f"{api_url}{route}", json={"text": "a" * 200_001})
    assert "文本过长" in assert_clear_error(response, 413)


def test_text_within_both_limits_is_checked(api_url: str) -> None:
    response = httpx.post(f"{api_url}/v1/check", json={"text": "今年以来,我局加强领导。" * 1000})
    assert response.status_code == 200
    assert response.json()["summary"]["errors"] >= 1000


@pytest.mark.parametrize("body", [b"{bad json", b'{"text": "a",}', b"[1, 2", b"\x00\x01"])
def test_malformed_json_is_422(api_url: str, body: bytes) -> None:
    response = httpx.post(
        f"{api_url}/v1/check", content=body, headers={"content-type": "application/json"}
    )
    assert "JSON" in assert_clear_error(response, 422)


def post_raw(url: str, body: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(
        f"{url}/v1/check",
        content=body,
        headers={"content-type": "application/json", **(headers or {})},
        timeout=30,
    )


@pytest.mark.parametrize(
    ("body", "headers", "words"),
    [
        (b'{"text": "\xff\xfe\xfa"}', {}, "UTF-8"),
        ('{"text": "今年以来'.encode()[:-1], {}, "UTF-8"),  # truncated mid-character
        (gzip.compress(b'{"text": "abc"}', mtime=0), {"content-encoding": "gzip"}, "UTF-8"),
        (b"[" * 1500 + b"]" * 1500, {}, "嵌套"),
        (b'{"text": "abc", "n": ' + b"9" * 5000 + b"}", {}, "数字"),
        (b'{"text": "abc', {}, "JSON"),  # truncated
    ],
)
def test_every_unparsable_body_is_422_saying_what_is_wrong(
    api_url: str, body: bytes, headers: dict[str, str], words: str
) -> None:
    """Issue 11.11: these were 400 with a message blaming UTF-8 for all of them."""
    response = post_raw(api_url, body, headers)
    assert words in assert_clear_error(response, 422)
    assert response.json()["errors"][0]["location"][0] == "body"


LONE = "\\ud800"  # a JSON escape of half a surrogate pair


@pytest.mark.parametrize(
    ("route", "body"),
    [
        ("/v1/check", f'{{"text": "今年{LONE}以来"}}'),
        ("/v1/complete", f'{{"text": "一、", "suffix": "{LONE}"}}'),
        ("/v1/complete", f'{{"text": "一、", "office_type": "农机{LONE}"}}'),
        ("/v1/outline", f'{{"office_type": "农机局{LONE}"}}'),
        ("/v1/outline", f'{{"office_type": "农机局", "topic": "{LONE}"}}'),
        (
            "/v1/chat/completions",
            f'{{"messages": [{{"role": "user", "content": "农机局{LONE}"}}]}}',
        ),
        ("/v1/check", '{"text": "今年\\udc00以来"}'),
        ("/v1/check", '{"text": "今年\\ude00\\ud83d以来"}'),
    ],
)
def test_a_lone_surrogate_is_422_in_every_field(api_url: str, route: str, body: str) -> None:
    """Issue 11.11: accepted in some fields, rejected in others."""
    response = httpx.post(
        f"{api_url}{route}", content=body.encode(), headers={"content-type": "application/json"}
    )
    assert "代理字符" in assert_clear_error(response, 422)


@pytest.mark.parametrize(
    "text",
    ["今年\\ud83d\\ude00以来。", "路径 C:\\\\ud800 不是转义。", "今年以来。😀"],
)
def test_surrogate_pairs_and_escaped_backslashes_are_fine(api_url: str, text: str) -> None:
    body = ('{"text": "' + text + '"}').encode()
    assert post_raw(api_url, body).status_code == 200


@pytest.mark.parametrize(
    ("route", "body", "field"),
    [
        ("/v1/check", {"text": 5}, "text"),
        ("/v1/check", {"txt": "今年"}, "text"),
        ("/v1/check", ["今年"], "请求体"),
        ("/v1/complete", {"text": "一、", "limit": "3"}, "limit"),
        ("/v1/complete", {"text": "一、", "limit": 0}, "limit"),
        ("/v1/complete", {"text": "一、", "limit": 51}, "limit"),
        ("/v1/outline", {"office_type": None}, "office_type"),
        ("/v1/outline", {"office_type": "局" * 51}, "office_type"),
        ("/v1/chat/completions", {"model": "x", "messages": []}, "messages"),
        ("/v1/chat/completions", {"messages": [{"role": "robot", "content": "hi"}]}, "role"),
        (
            "/v1/chat/completions",
            {"messages": [{"role": "user", "content": "x"}], "stream": "yes"},
            "stream",
        ),
    ],
)
def test_wrong_types_and_missing_fields_are_422_naming_the_field(
    api_url: str, route: str, body: object, field: str
) -> None:
    response = httpx.post(f"{api_url}{route}", json=body)
    assert field in assert_clear_error(response, 422)
    assert response.json()["errors"]


def test_unknown_fields_are_ignored(api_url: str) -> None:
    response = httpx.post(f"{api_url}/v1/check", json={"text": "今年以来。", "extra": 1})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"office_type": "   "}, "单位类型"),
        ({"office_type": "县农机局", "period": "明天"}, "时段"),
    ],
)
def test_outline_fields_the_chain_cannot_use_are_400(
    api_url: str, body: dict[str, str], words: str
) -> None:
    assert words in assert_clear_error(httpx.post(f"{api_url}/v1/outline", json=body), 400)


def test_chat_without_a_user_message_is_400(api_url: str) -> None:
    body = {"model": "x", "messages": [{"role": "system", "content": "你是助手"}]}
    response = httpx.post(f"{api_url}/v1/chat/completions", json=body)
    assert "用户消息" in assert_clear_error(response, 400)


def test_chat_with_an_empty_latest_message_is_400_even_when_streaming(api_url: str) -> None:
    body = {"messages": [{"role": "user", "content": " "}], "stream": True}
    response = httpx.post(f"{api_url}/v1/chat/completions", json=body)
    assert_clear_error(response, 400)


def test_unknown_path_and_method_are_answered_in_chinese(api_url: str) -> None:
    assert_clear_error(httpx.get(f"{api_url}/v1/nothing"), 404)
    response = httpx.delete(f"{api_url}/v1/check")
    assert_clear_error(response, 405)
    assert response.headers["allow"] == "POST"
