"""The JSON Schema of edgelint's configuration (edgelint.schema.json, published for editors and
SchemaStore) and the validator `load_config` runs it through.

The validator understands the parts of draft 7 the schema uses — type, enum, pattern, minimum,
required, properties, additionalProperties, propertyNames, items and local $ref — so the schema
stays the one description of what a config may hold; the tests check it agrees with the
`jsonschema` library."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

SCHEMA_PATH = Path(__file__).with_name("edgelint.schema.json")
_SCHEMA: dict[str, Any] | None = None

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def schema() -> dict[str, Any]:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return _SCHEMA


def problems(value: Any, where: str = "") -> Iterator[str]:
    """Each way `value` breaks the schema, as 'key.path: what is wrong'."""
    yield from _check(value, schema(), where)


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = schema()
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return target


def _check(value: Any, node: dict[str, Any], where: str) -> Iterator[str]:
    node = _resolve(node)
    label = where or "config"
    kind = node.get("type")
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            yield f"{label}: expected an integer"
            return
    elif kind is not None and (not isinstance(value, _TYPES[kind]) or (kind != "boolean" and isinstance(value, bool))):
        shown = {"object": "a table", "array": "a list", "string": "a string", "boolean": "true or false"}[kind]
        yield f"{label}: expected {shown}"
        return
    if "enum" in node and value not in node["enum"]:
        yield f"{label}: {value!r} is not one of {', '.join(map(str, node['enum']))}"
        return
    if "pattern" in node and isinstance(value, str) and not re.search(node["pattern"], value):
        yield f"{label}: {value!r} is not a valid value"
    if "minimum" in node and isinstance(value, int) and value < node["minimum"]:
        yield f"{label}: {value} is below the minimum, {node['minimum']}"
    if isinstance(value, dict):
        yield from _check_object(value, node, where)
    if isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            yield from _check(item, node["items"], f"{label}[{index}]")


def _check_object(value: dict[str, Any], node: dict[str, Any], where: str) -> Iterator[str]:
    from edgelint.config import did_you_mean

    properties = node.get("properties", {})
    prefix = f"{where}." if where else ""
    for key in node.get("required", ()):
        if key not in value:
            yield f"{where or 'config'}: missing '{key}'"
    names = node.get("propertyNames")
    for key, item in value.items():
        if names is not None:
            for problem in _check(key, names, f"{prefix}{key}"):
                yield problem.replace("is not a valid value", "is not a rule code")
        if key in properties:
            yield from _check(item, properties[key], f"{prefix}{key}")
            continue
        extra = node.get("additionalProperties", True)
        if extra is False:
            yield f"{prefix}{key}: unknown key {key!r}{did_you_mean(key, sorted(properties))}"
        elif isinstance(extra, dict):
            yield from _check(item, extra, f"{prefix}{key}")
