"""Offsets, lines and columns of a source text."""

from __future__ import annotations

import bisect
import math
import os
import re
from pathlib import Path

from edgelint.model import Span


# Longer digit strings are no status code or index, and Python refuses to convert huge ones.
MAX_INT_DIGITS = 12


def int_literal(text: str, base: int = 10) -> int | None:
    """An integer from literal text (`"302"`, `"0x10"` with base 0), None if it is not one or too long."""
    digits = text.replace("_", "")
    if len(digits) > MAX_INT_DIGITS + 2:
        return None
    try:
        return int(digits, base)
    except ValueError:
        return None


def finite(value: float | int) -> bool:
    """False for 1e400 (Infinity) and NaN, which no int() conversion survives."""
    return not isinstance(value, float) or math.isfinite(value)


def whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole lines when nothing else shares them (to delete a statement)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    return line_start, min(line_end + 1, len(text))


_BREAKS = re.compile(r"\r\n|[\r\n]")
_JS_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")


class LineIndex:
    """Maps character offsets to 1-based (line, column) and back."""

    def __init__(self, text: str, js: bool = False) -> None:
        self.text = text
        if "\r" in text or (js and ("\u2028" in text or "\u2029" in text)):
            # Old Mac line ends, and JavaScript's U+2028/U+2029 line terminators, count as lines
            # for the parsers, so they must here too.
            pattern = _JS_BREAKS if js else _BREAKS
            self.starts = [0, *(m.end() for m in pattern.finditer(text))]
            return
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and column (clamped to the text)."""
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + column - 1, len(self.text))

    def span(self, start: int, end: int) -> Span:
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(line, col, end_line, end_col, start, end)

    def line_text(self, line: int) -> str:
        if line < 1 or line > len(self.starts):
            return ""
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


_RESOLVED_CWD: dict[Path, Path] = {}


def display_path(path: Path, cwd: Path, resolved: Path | None = None) -> str:
    """How a file is named in output: relative to the working folder when it is inside it."""
    base = _RESOLVED_CWD.get(cwd)
    if base is None:
        base = _RESOLVED_CWD[cwd] = cwd.resolve()
    inside = relative_posix(resolved or path.resolve(), base)
    return inside if inside is not None else path.as_posix()


def relative_posix(target: Path, base: Path) -> str | None:
    """`target` below `base` as a '/'-separated path ("." for base itself), None when outside.
    String work, not pathlib's `relative_to`: it runs for every file of a run."""
    t, b = str(target), str(base)
    if t == b:
        return "."
    prefix = b if b.endswith(os.sep) else b + os.sep
    if not t.startswith(prefix):
        return None
    rest = t[len(prefix):]
    return rest.replace(os.sep, "/") if os.sep != "/" else rest


_TEMPLATE_VAR = re.compile(r"(\$?)\$\{(!?)([^{}\n]*)\}")


def fill_placeholders(text: str, escape: str = "!") -> str:
    """Code from a template language with each `${Name}` replaced by an identifier of the same
    length (`$_Name_`), which the JS front end treats as an opaque value. The language's escape
    for a literal `${x}` keeps it a JavaScript substitution: CloudFormation `Fn::Sub` writes
    `${!x}` (escape "!"), Terraform `templatefile` writes `$${x}` (escape "$"). Lengths never
    change, so positions map back to the template."""
    def replace(match: re.Match) -> str:
        dollar, bang, name = match.group(1), match.group(2), match.group(3)
        if escape == "$" and dollar:
            return " ${" + bang + name + "}"  # `$${x}` renders as `${x}`
        if escape == "!" and bang:
            return dollar + "${" + name + "} "  # `${!x}` renders as `${x}`
        return dollar + "$_" + re.sub(r"\W", "_", bang + name) + "_"
    return _TEMPLATE_VAR.sub(replace, text)


_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def quoted_string_offsets(source: str, quote: int) -> tuple[str, list[int]] | None:
    """Decode the JSON (or YAML double-quoted, one-line) string whose opening quote is at
    `source[quote]`: its value, and for each character of the value (and one past its end) the
    offset in `source` it was written at. None when the string is not one simple line."""
    if quote >= len(source) or source[quote] != '"':
        return None
    chars: list[str] = []
    offsets: list[int] = []
    i = quote + 1
    end = len(source)
    while i < end:
        c = source[i]
        if c == '"':
            offsets.append(i)
            return "".join(chars), offsets
        if c in "\r\n":
            return None  # folded YAML: lines join with spaces, not worth mapping
        if c != "\\":
            chars.append(c)
            offsets.append(i)
            i += 1
            continue
        escape = source[i + 1:i + 2]
        if escape in _SIMPLE_ESCAPES:
            chars.append(_SIMPLE_ESCAPES[escape])
            offsets.append(i)
            i += 2
        elif escape in ("u", "x", "U"):
            width = {"u": 4, "x": 2, "U": 8}[escape]
            digits = source[i + 2:i + 2 + width]
            if len(digits) != width or any(d not in "0123456789abcdefABCDEF" for d in digits):
                return None
            chars.append(chr(int(digits, 16)))
            offsets.append(i)
            i += 2 + width
        else:
            return None
    return None
