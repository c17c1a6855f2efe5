"""Static keys of Python subscripts and `.get()` calls (no libcst import until first use)."""

from __future__ import annotations

from typing import Any

from edgelint.lang.py import cst
from edgelint.lang.py.literals import string_value
from edgelint.text import int_literal

Node = Any


def static_key(node: Node) -> str | int | None:
    """A literal subscript key or `.get()` argument: 'Records', 0."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = string_value(node)
        return value if isinstance(value, str) else None
    if isinstance(node, cst.Integer):
        return int_literal(node.value, 0)
    return None


def subscript_key(node: cst.Subscript) -> str | int | None:
    if len(node.slice) != 1:
        return None
    index = node.slice[0].slice
    return static_key(index.value) if isinstance(index, cst.Index) else None
