"""JSON output: an array with one object per finding (SPEC §2 fields)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from edgelint import rule_url
from edgelint.model import Finding
from edgelint.text import LineIndex


def finding_json(f: Finding, index: LineIndex | None) -> dict[str, Any]:
    fix = None
    if f.fix is not None and index is not None:
        edits = []
        for edit in f.fix.edits:
            line, column = index.position(edit.start)
            end_line, end_column = index.position(edit.end)
            edits.append({"line": line, "column": column, "end_line": end_line,
                          "end_column": end_column, "content": edit.content})
        fix = {"applicability": f.fix.applicability, "message": f.fix.message, "edits": edits}
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "help": f.help,
        "url": rule_url(f.code),
        "path": f.path,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "fix": fix,
        "target": f.target.as_json() if f.target is not None else None,
    }


def render_json(findings: list[Finding], out: TextIO, color: bool) -> None:
    indexes: dict[int, LineIndex] = {}
    items = []
    for f in findings:
        index = None
        if f.source is not None:
            index = indexes.get(id(f.source)) or indexes.setdefault(id(f.source), LineIndex(f.source))
        items.append(finding_json(f, index))
    json.dump(items, out, indent=2, ensure_ascii=False)
    out.write("\n")
