"""Key value store import files: `{"data": [{"key": …, "value": …}, …]}` JSON that CloudFront
loads into a new KeyValueStore. Recognised by shape, checked against the documented limits (DP015)."""

from __future__ import annotations

import json
from typing import Any, Iterator

from edgelint.model import Severity


def looks_like_import(name: str, text: str) -> bool:
    """Cheap test: a .json file that opens with a `data` key and mentions key and value."""
    head = text[:200].lstrip("\ufeff \t\r\n")
    return name.endswith(".json") and head.startswith("{") and '"data"' in head and '"key"' in text \
        and '"value"' in text


def parse_import(text: str) -> list[Any] | None:
    """The `data` list of an import file; None when the text is not one (other JSON).
    Raises ValueError for JSON that does not parse."""
    data = json.loads(text)
    if not isinstance(data, dict) or set(data) != {"data"} or not isinstance(data["data"], list):
        return None
    items = data["data"]
    if items and not any(isinstance(i, dict) and "key" in i for i in items[:20]):
        return None
    return items


def problems(text: str, size: int, facts: dict[str, Any]) -> Iterator[tuple[int, str, Severity]]:
    """(character offset, message, severity) for each problem of an import file."""
    if size > facts["max_file_bytes"]:
        yield 0, (f"the import file is {size / 1048576:.1f} MB: a key value store import file may be at most "
                  f"{facts['max_file_bytes'] // 1048576} MB"), Severity.ERROR
        return
    items = parse_import(text)
    if items is None:
        return
    seen: dict[str, int] = {}
    cursor = 0
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str) or not isinstance(item.get("value"), str):
            yield cursor, (f"item {index} is not a {{\"key\": string, \"value\": string}} object: the import "
                           "fails"), Severity.ERROR
            continue
        key, value = item["key"], item["value"]
        at = _find(text, key, cursor)
        cursor = max(cursor, at + 1)
        if not key:
            yield at, f"item {index} has an empty key: keys are 1 to {facts['max_key_chars']} characters", \
                Severity.ERROR
        yield from _size(at, "key", key, facts["max_key_chars"], facts["max_key_bytes"])
        yield from _size(at, "value", value, facts["max_value_chars"], facts["max_value_bytes"])
        if key in seen:
            yield at, (f"key {_shown(key)} is already item {seen[key]}: an import file can't include duplicate "
                       "keys, so the store is not created"), Severity.ERROR
        else:
            seen[key] = index


def _size(at: int, what: str, text: str, max_chars: int, max_bytes: int) -> Iterator[tuple[int, str, Severity]]:
    chars = len(text)
    size = len(text.encode("utf-8", "surrogatepass"))
    if chars > max_chars:
        yield at, f"{what} of {chars:,} characters: import file {what}s are limited to {max_chars:,}", Severity.ERROR
    elif size > max_bytes:
        yield at, (f"{what} of {size:,} bytes ({chars:,} characters): the quotas page limits a {what} to "
                   f"{max_bytes:,} bytes, the import page to {max_chars:,} characters"), Severity.WARNING


def _find(text: str, key: str, start: int) -> int:
    """Where a key is written (its JSON string after `"key"`), from `start`; `start` if not found."""
    encoded = json.dumps(key)
    found = text.find(encoded, start)
    if found < 0:
        found = text.find(json.dumps(key, ensure_ascii=False), start)
    return found if found >= 0 else start


def _shown(key: str) -> str:
    return json.dumps(key if len(key) <= 40 else key[:37] + "…", ensure_ascii=False)
