"""Python string literals read from the syntax tree.

libcst's `evaluated_value` hands the literal's source to `ast.literal_eval`, that is, it compiles
linted code: slow on every string of a file, and it fails on literals the parser accepted (a NUL
escape the compiler rejects, deep nesting). The value of a literal is fully given by its prefix,
quotes and escapes, so it is decoded here instead."""

from __future__ import annotations

import re
from typing import Any

from edgelint.lang.py import cst

_ESCAPE = re.compile(r"\\(\n|\r\n?|[\\'\"abfnrtv]|[0-7]{1,3}|x[0-9a-fA-F]{2}|N\{[^}]*\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)",
                     re.DOTALL)
_SIMPLE = {"\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
           "v": "\v", "\n": "", "\r": "", "\r\n": ""}


def string_value(node: Any) -> str | bytes | None:
    """The value of a string literal (`'x'`, `b"x"`, `r'\\d'`, `'a' 'b'`); None for f-strings,
    mixed bytes and text, or an escape that has no value (`\\N{NO SUCH NAME}`, `\\U00110000`)."""
    if isinstance(node, cst.ConcatenatedString):
        left, right = string_value(node.left), string_value(node.right)
        if left is None or right is None or type(left) is not type(right):
            return None
        return left + right  # type: ignore[operator]
    if not isinstance(node, cst.SimpleString):
        return None
    prefix = node.prefix.lower()
    if "f" in prefix:
        return None
    body = node.raw_value
    binary = "b" in prefix
    if "r" not in prefix:
        try:
            body = _ESCAPE.sub(lambda m: _unescape(m.group(1), binary), body)
        except ValueError:
            return None
    if binary:
        try:
            return body.encode("latin-1")
        except UnicodeEncodeError:
            return None
    return body


def _unescape(escape: str, binary: bool) -> str:
    simple = _SIMPLE.get(escape)
    if simple is not None:
        return simple
    first = escape[0]
    if first in "01234567":
        return chr(int(escape, 8) & (0xFF if binary else 0x1FF))
    if first == "x":
        return chr(int(escape[1:], 16))
    if binary:  # \N, \u, \U and unknown escapes stay as written in bytes
        return "\\" + escape
    if first == "N" and escape.startswith("N{"):
        import unicodedata

        try:
            return unicodedata.lookup(escape[2:-1])
        except KeyError:
            raise ValueError(escape) from None
    if first in "uU" and len(escape) > 1:
        code = int(escape[1:], 16)
        if code > 0x10FFFF:
            raise ValueError(escape)
        return chr(code)
    return "\\" + escape  # an unknown escape keeps its backslash, as Python does
