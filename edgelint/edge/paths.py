"""Event paths normalised across the two event shapes, and the facts tables they come from."""

from __future__ import annotations

import functools

from edgelint.data import facts
from edgelint.model import CLOUDFRONT_FUNCTION, LAMBDA_EDGE


def event_path(sym: tuple | None, kind: str) -> tuple | None:
    """The part of the event a symbolic path reaches, the same for both function kinds:
    `("event", "request", "uri")` (CloudFront Functions) and
    `("event", "Records", 0, "cf", "request", "uri")` (Lambda@Edge) are both ("request", "uri").
    None for anything else, including the other kind's event shape."""
    if not sym or sym[0] != "event":
        return None
    if kind == LAMBDA_EDGE:
        root = _root()
        return sym[1 + len(root):] if sym[1:1 + len(root)] == root else None
    if kind == CLOUDFRONT_FUNCTION:
        return sym[1:]
    return None


@functools.cache
def _root() -> tuple:
    return tuple(facts("lambda_edge")["event"]["root"])


def header_container(path: tuple | None) -> str | None:
    """"request"/"response" when a path is the headers object: ("request", "headers")."""
    if path is not None and len(path) == 2 and path[0] in ("request", "response") and path[1] == "headers":
        return path[0]
    return None


def response_tables(kind: str) -> tuple[set[str], set[str]]:
    """(response fields, request fields) for a kind: a literal with a response field and no
    request field is a generated response."""
    if kind == LAMBDA_EDGE:
        r = facts("lambda_edge")["response"]
        return set(r["fields"]) | {r["cloudfront_functions_status_field"]}, set(r["request_fields"])
    r = facts("cloudfront_functions")["response"]
    return set(r["fields"]) | {r["lambda_edge_status_field"]}, set(r["request_fields"])


def header_rest_ok(rest: tuple, kind: str) -> bool:
    """Whether a write below one header (`H[name]…rest = …`) changes the header, by the kind's
    header shape: Lambda@Edge `[0]` or `[0].value`; CloudFront Functions `.value`/`.multiValue`."""
    if kind == LAMBDA_EDGE:
        fields = facts("headers")["lambda_edge"]["entry_fields"]
        return (len(rest) == 1 and isinstance(rest[0], int)) or (
            len(rest) == 2 and isinstance(rest[0], int) and rest[1] in fields)
    fields = facts("cloudfront_functions")["event"]["header_value_fields"]
    return len(rest) == 1 and rest[0] in fields

