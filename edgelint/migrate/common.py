"""What the migrations share: blockers, refusals and text edits."""

from __future__ import annotations

import json
from typing import Any, NamedTuple


class Blocker(NamedTuple):
    """Something a migration cannot carry over, and the line of the original it is on."""

    line: int
    why: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.why}"


class Refusal(Exception):
    """A migration that would not be faithful: nothing is written, the blockers say why."""

    def __init__(self, blockers: list[Blocker]) -> None:
        super().__init__("; ".join(map(str, blockers)))
        self.blockers = blockers


def apply_edits(text: str, edits: list[tuple[int, int, Any]], offset: int = 0) -> str:
    """Apply (start, end, replacement) edits to `text` (which starts at `offset` of the source the
    edits count in). Overlapping edits keep the outermost; a replacement may be a function of a
    `render(start, end)` that gives a sub-range of the source with the edits inside it applied,
    so a rewrite that moves code (`callback(null, x)` → `return x;`) keeps the rewrites within it."""
    chosen: list[tuple[int, int, Any]] = []
    for edit in sorted(edits, key=lambda e: (e[0], -(e[1] - e[0]))):
        start, end, _ = edit
        if start < offset or end > offset + len(text):
            continue
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append(edit)

    def renderer(outer: tuple) -> Any:
        def render(start: int, end: int) -> str:
            inside = [e for e in edits if start <= e[0] and e[1] <= end and e is not outer]
            return apply_edits(text[start - offset:end - offset], inside, start)
        return render

    out = []
    at = offset
    for edit in chosen:
        start, end, content = edit
        out.append(text[at - offset:start - offset])
        out.append(content(renderer(edit)) if callable(content) else content)
        at = end
    out.append(text[at - offset:])
    return "".join(out)


def js_string(value: str) -> str:
    """A JavaScript string literal (single-quoted, as the examples in AWS's docs)."""
    return "'" + json.dumps(value)[1:-1].replace("'", "\\'").replace('\\"', '"') + "'"
