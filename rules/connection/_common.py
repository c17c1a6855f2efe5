"""Facts and small helpers the Connection Functions rules share."""

from __future__ import annotations

from typing import Any

from edgelint.data import facts
from edgelint.lang.js.parse import member_key

RUNTIME = "cloudfront-js-2.0"
EVENT = "connection-request"
# The handler's first parameter, whatever it is called: the engine roots its aliases here.
CONNECTION = ("event",)


def cn() -> dict[str, Any]:
    return facts("connection_functions")


def connection_method(ctx: Any, call: Any) -> str | None:
    """`allow`, `deny` or `logCustomData` when `call` calls that method of the connection object
    (through aliases and helper parameters); None otherwise."""
    if call.type != "CallExpression" or call.callee.type != "MemberExpression":
        return None
    key = member_key(call.callee)
    if not isinstance(key, str) or key not in cn()["connection"]["methods"]:
        return None
    return key if ctx.sym(call.callee.object) == CONNECTION else None


def shown(ctx: Any, node: Any, limit: int = 60) -> str:
    text = ctx.text[node.range[0]:node.range[1]]
    return f"`{text}`" if len(text) <= limit and "\n" not in text else "this expression"
