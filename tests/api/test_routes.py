"""Every route against a real server: the shapes of the SPEC, and the same JSON as the CLI."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from assistant.completion.request import CompletionRequest
from assistant.completion.suggestion import Completions
from assistant.contract import dump_json
from assistant.runtime import Runtime
from assistant.style.engine import check_text

pytestmark = pytest.mark.integration

ROLES_IN_ORDER = ["achievements", "problems", "plans"]


def walk(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for section in sections for s in [section, *walk(section["children"])]]


def test_healthz_reports_index_size_and_models(api_url: str, api_runtime: Runtime) -> None:
    body = httpx.get(f"{api_url}/healthz").json()
    assert body["status"] == "ok"
    assert body["documents"] == len(api_runtime.index.catalog.documents) == 8
    assert body["chunks"] == len(api_runtime.index.catalog.chunks) > 100
    assert body["embedding_model"] == "builtin:multilingual-e5-small"
    assert body["chat_model"] == "work-summary-assistant"
    assert body["llm"] is None


def test_office_types_lists_corpus_types_with_counts(api_url: str) -> None:
    types = httpx.get(f"{api_url}/v1/office-types").json()["office_types"]
    by_name = {entry["name"]: entry for entry in types}
    assert set(by_name) == {"科技局", "乡镇", "园区", "农机局", "工作组"}
    assert sum(entry["documents"] for entry in types) == 8
    assert by_name["科技局"]["documents"] == 4
    assert all(entry["chunks"] > 0 for entry in types)
    assert "县农机局" not in by_name["农机局"]["aliases"] and "农机" in by_name["农机局"]["aliases"]


def test_models_is_an_openai_style_list(api_url: str) -> None:
    body = httpx.get(f"{api_url}/v1/models").json()
    assert body["object"] == "list"
    assert [model["id"] for model in body["data"]] == ["work-summary-assistant"]
    assert body["data"][0]["object"] == "model" and isinstance(body["data"][0]["created"], int)


def test_outline_has_the_spec_shape_and_cites_existing_sources(api_url: str) -> None:
    response = httpx.post(
        f"{api_url}/v1/outline", json={"office_type": "县农机局", "period": "上半年"}, timeout=30
    )
    assert response.status_code == 200
    outline = response.json()
    assert outline["office_type"] == "县农机局"
    assert outline["matched_office_type"] == "农机局"
    assert outline["period"] == "上半年"
    assert outline["title"].startswith("XX县农机局") and outline["title"].endswith("上半年工作总结")
    assert outline["opening"]["phrasing"] and outline["opening"]["sources"]
    roles = [section["role"] for section in outline["sections"]]
    assert set(ROLES_IN_ORDER) <= set(roles)
    firsts = [roles.index(role) for role in ROLES_IN_ORDER]
    assert firsts == sorted(firsts), "achievements, problems and plans, in that order"
    numbers = [section["number"] for section in outline["sections"]]
    assert numbers[:3] == ["一、", "二、", "三、"]
    for section in walk(outline["sections"]):
        assert section["sources"] and all(key in outline["sources"] for key in section["sources"])
    for source in outline["sources"].values():
        assert set(source) == {"document", "title", "office_type", "excerpt", "kind"}
    assert outline["year"] >= 2026 and outline["coverage"]["office_summaries"] == 1
    assert {section["basis"] for section in outline["sections"]} <= {"same_type", "profile"}


def test_outline_of_an_office_the_corpus_lacks_stands_on_its_profile(api_url: str) -> None:
    outline = httpx.post(f"{api_url}/v1/outline", json={"office_type": "教育局"}, timeout=30).json()
    assert outline["office_type"] == outline["matched_office_type"] == "教育局"
    assert outline["period"] == "年度"
    assert outline["coverage"]["office_summaries"] == 0
    assert outline["coverage"]["profile"] == "education"
    assert outline["sections"][0]["basis"] == "profile"


def test_outline_of_an_office_matching_no_kind_of_unit_says_so(api_url: str) -> None:
    response = httpx.post(f"{api_url}/v1/outline", json={"office_type": "县气象局"}, timeout=30)
    assert response.status_code == 200
    outline = response.json()
    assert outline["matched_office_type"] == ""
    assert "没有找到与“县气象局”对应的单位类型" in outline["coverage"]["note"]
    assert "相近的单位类型有" in outline["coverage"]["note"]
    assert {source["kind"] for source in outline["sources"].values()} <= {"genre", "topic"}


def test_complete_returns_the_cli_json(api_url: str, api_runtime: Runtime) -> None:
    draft = "三、存在的问题\n一是投入不足。\n四、"
    response = httpx.post(f"{api_url}/v1/complete", json={"text": draft, "office_type": "农机局"})
    assert response.status_code == 200
    assert response.content == dump_json(
        api_runtime.complete(CompletionRequest(draft, "", "农机局"))
    )
    assert response.json()["suggestions"], "a numbered heading after problems gets suggestions"
    first = response.json()["suggestions"][0]
    assert set(first) == {"text", "source", "score"} and first["text"]


def test_complete_honours_limit_and_suffix(api_url: str) -> None:
    draft = "三、存在的问题\n一是投入不足。\n四、"
    one = httpx.post(f"{api_url}/v1/complete", json={"text": draft, "limit": 1}).json()
    assert len(one["suggestions"]) == 1
    best = one["suggestions"][0]["text"]
    rest = httpx.post(f"{api_url}/v1/complete", json={"text": draft, "suffix": best}).json()
    assert best not in [s["text"] for s in rest["suggestions"]]


def test_check_returns_the_cli_json_with_positions_and_fixes(api_url: str) -> None:
    draft = "一、主要工作\n今年以来,我局加强领导。\n（1）健全制度\n"
    response = httpx.post(f"{api_url}/v1/check", json={"text": draft})
    assert response.status_code == 200
    body = response.json()
    assert response.content == dump_json(check_text(draft).limited())
    comma = next(d for d in body["diagnostics"] if d["excerpt"] == ",")
    assert (comma["line"], comma["column"], comma["offset"]) == (2, 5, 11)
    assert comma["fix"] == {"replacement": "，"}
    assert body["summary"]["chars"] == len(draft) and body["summary"]["errors"] >= 1


def test_openapi_documents_every_route_with_examples(api_url: str) -> None:
    schema = httpx.get(f"{api_url}/openapi.json").json()
    paths = schema["paths"]
    for path in ["/v1/outline", "/v1/complete", "/v1/check", "/v1/chat/completions"]:
        assert {"400", "413", "422"} <= set(paths[path]["post"]["responses"])
    for path in ["/healthz", "/v1/office-types", "/v1/models"]:
        assert "get" in paths[path]
    outline = schema["components"]["schemas"]["Outline"]
    assert {
        "office_type",
        "matched_office_type",
        "period",
        "title",
        "opening",
        "sections",
        "sources",
    } <= set(outline["required"])
    assert "examples" in schema["components"]["schemas"]["CompletionRequest"]["properties"]["text"]
    assert httpx.get(f"{api_url}/docs").status_code == 200


def test_complete_with_an_unknown_office_uses_the_nearest(
    api_url: str, api_runtime: Runtime
) -> None:
    draft = "三、存在的问题\n一是投入不足。\n四、"
    response = httpx.post(f"{api_url}/v1/complete", json={"text": draft, "office_type": "教育局"})
    assert response.status_code == 200
    match = api_runtime.match_office("教育局")
    assert match is not None and not match.exact
    expected = api_runtime.completer.complete(draft, office_types=match.types)
    assert response.content == dump_json(Completions(tuple(expected)))


def test_long_drafts_are_checked_like_short_ones(api_url: str) -> None:
    draft = "今年以来,我局加强领导。\n" * 2000  # thread pool; over 100 per rule
    response = httpx.post(f"{api_url}/v1/check", json={"text": draft}, timeout=60)
    assert response.status_code == 200
    assert response.content == dump_json(check_text(draft).limited())
