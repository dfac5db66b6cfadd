"""The JSON contract: the domain's own dataclasses, written and read by pydantic.

The outline, the check result, the suggestions and the request types are plain dataclasses in
their domain modules; their field annotations carry the constraints, descriptions and examples
(``Annotated[str, Field(...)]``). This module turns them into JSON (``dump_json``: the bytes the
HTTP routes send and ``--json`` prints) and reads untrusted input into them (``parse_input``),
so the CLI, the HTTP API and the OpenAPI schema cannot drift apart: there is no second copy.

Pydantic's validation errors become one Chinese sentence here (``describe_errors``), for the
HTTP 422 answer, the CLI's exit code 2 and a bad setting alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pydantic import ConfigDict, TypeAdapter, ValidationError

from assistant.errors import InputError
from assistant.limits import BLANK_TEXT

T = TypeVar("T")

# The config of contract dataclasses with defaults: a field with a default is still always
# written, and the schema says so (``__pydantic_config__ = WIRE``).
WIRE = ConfigDict(json_schema_serialization_defaults_required=True)

# --- writing --------------------------------------------------------------------------------------


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def adapter(kind: Any) -> TypeAdapter[Any]:
    """The (cached) pydantic adapter of a contract type, or of a list of one (``list[Hit]``)."""
    found = _ADAPTERS.get(kind)
    if found is None:
        found = _ADAPTERS[kind] = TypeAdapter(kind)
    return found


def _kind(value: Any) -> Any:
    """The type to write ``value`` as: its class, or ``list[C]`` for a list of ``C``."""
    if not isinstance(value, list):
        return type(value)
    kinds = {type(item) for item in value}
    if len(kinds) > 1:
        raise TypeError(f"a list of mixed types cannot be written: {kinds}")
    return list[kinds.pop() if kinds else object]  # type: ignore[misc]


def dump_json(value: Any, *, indent: int | None = None) -> bytes:
    """``value`` (a contract dataclass, or a list of them) as UTF-8 JSON, Chinese unescaped."""
    return adapter(_kind(value)).dump_json(value, indent=indent)


def to_jsonable(value: Any) -> Any:
    """``value`` as the plain JSON data (dicts, lists, strings, numbers) ``dump_json`` writes."""
    return adapter(_kind(value)).dump_python(value, mode="json")


# --- reading --------------------------------------------------------------------------------------


def parse_input(
    kind: type[T], data: Mapping[str, Any], labels: Mapping[str, str] | None = None
) -> T:
    """``data`` read into ``kind``; bad fields are an `InputError` naming them."""
    try:
        parsed: T = adapter(kind).validate_python(dict(data))
    except ValidationError as error:
        raise InputError(describe_errors(error.errors(), "参数有误", labels)) from None
    return parsed


# pydantic error types -> what the writer is told
TYPE_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为字符串",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为布尔值（true 或 false）",
    "bool_parsing": "应为布尔值（true 或 false）",
    "list_type": "应为数组",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "dataclass_type": "应为 JSON 对象",
    "dataclass_exact_type": "应为 JSON 对象",
    "literal_error": "取值不在允许范围内",
    "none_required": "应为 null",
    "value_error": "取值无效",
    "string_pattern_mismatch": BLANK_TEXT,
    "string_unicode": "包含无效的 Unicode 字符（如单独的代理字符）",
    "json_invalid": "请求体不是合法的 JSON",
    "url_parsing": "应为网址，如 http://127.0.0.1:8000",
    "path_type": "应为路径",
}


# pydantic error types whose message names a bound (from the error's context)
BOUND_MESSAGES = {
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "string_too_long": "最多 {max_length} 个字符",
    "string_too_short": "至少 {min_length} 个字符",
    "greater_than_equal": "应不小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}",
    "less_than": "应小于 {lt}",
}


def field_message(error: Mapping[str, Any]) -> str:
    """What is wrong with one field, in Chinese."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in BOUND_MESSAGES:
        try:
            return BOUND_MESSAGES[kind].format(**context)
        except KeyError:
            return TYPE_MESSAGES["value_error"]
    if kind == "value_error" and isinstance(context.get("error"), ValueError):
        return str(context["error"])
    return TYPE_MESSAGES.get(kind, "格式不正确")


def error_location(error: Mapping[str, Any]) -> list[str | int]:
    """Where the error is (``["body", "text"]``), as JSON can carry it."""
    return [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]


def describe_errors(
    errors: Sequence[Mapping[str, Any]], lead: str, labels: Mapping[str, str] | None = None
) -> str:
    """One Chinese sentence listing the bad fields (the first five), led by ``lead``."""
    parts = []
    for error in errors[:5]:
        names = labels or {}
        where = [names.get(str(p), str(p)) for p in error_location(error) if p != "body"]
        parts.append(f"{'.'.join(where) or '请求体'}：{field_message(error)}")
    more = f"等 {len(errors)} 处" if len(errors) > 5 else ""
    return f"{lead}{more}：" + "；".join(parts) + "。"
