"""GitLab Code Quality report (a Code Climate JSON array) for `artifacts: reports: codequality`.

Severities: error → "critical", warning → "minor", info → "info". The fingerprint hashes the
code, path, normalised flagged line and a duplicate counter, never the line number, so an issue
keeps its identity when code above it moves.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from edgelint.model import Finding, Severity
from edgelint.reporters._common import line_hashes, safe_text

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}


def gitlab_issues(findings: list[Finding]) -> list[dict[str, Any]]:
    issues = []
    for f, (digest, n) in zip(findings, line_hashes(findings)):
        fingerprint = hashlib.sha256(f"{digest}:{n}".encode("ascii")).hexdigest()
        span = f.span
        issues.append({
            "description": f"{f.code}: {f.message}",
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[f.severity],
            "location": {
                "path": f.path,
                "positions": {"begin": {"line": span.line, "column": span.column},
                              "end": {"line": span.end_line, "column": span.end_column}},
            },
        })
    return issues


def render_gitlab(findings: list[Finding], out: TextIO, color: bool) -> None:
    out.write(safe_text(json.dumps(gitlab_issues(findings), indent=2, ensure_ascii=False)))
    out.write("\n")
