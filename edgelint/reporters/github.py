"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding.

Escaping follows actions/toolkit `command.ts`. GitHub shows only the first 10 error and 10
warning annotations of a step, so past that a plain note points to SARIF upload.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from edgelint.model import Finding, Severity
from edgelint.reporters._common import safe_text

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ANNOTATION_LIMIT = 10


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    span = f.span
    props = [("file", f.path), ("line", str(span.line))]
    # GitHub rejects col/endColumn on an annotation that spans several lines.
    if span.line == span.end_line:
        props += [("col", str(span.column)), ("endLine", str(span.end_line)), ("endColumn", str(span.end_column))]
    else:
        props.append(("endLine", str(span.end_line)))
    props.append(("title", f"edgelint ({f.code})"))
    message = f"{f.code} {f.message}"
    if f.help:
        message += f"\nhelp: {f.help}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return safe_text(f"::{COMMANDS[f.severity]} {joined}::{escape_data(message)}")


def render_github(findings: list[Finding], out: TextIO, color: bool) -> None:
    for f in findings:
        out.write(annotation(f) + "\n")
    counts = Counter(COMMANDS[f.severity] for f in findings)
    over = [f"{n} {kind}s" for kind, n in counts.items() if n > ANNOTATION_LIMIT]
    if over:
        # A plain line, not a workflow command, so it shows in the log as written.
        out.write(f"edgelint: emitted {' and '.join(sorted(over))}; GitHub shows only the first "
                  f"{ANNOTATION_LIMIT} error and {ANNOTATION_LIMIT} warning annotations per step. "
                  "Use `--output-format sarif` with the github/codeql-action/upload-sarif action "
                  "to see every finding.\n")
