"""SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`).

`rules` lists the rules that have at least one result (as cfn-lint does), sorted by code, so the
log stays small and `ruleIndex` points into it. Columns count Unicode code points
(`columnKind`), as edgelint's spans do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from edgelint import REPOSITORY_URL, __version__, rule_url
from edgelint.model import Finding, Severity
from edgelint.reporters._common import line_hashes, safe_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = REPOSITORY_URL
# GitHub rejects descriptions longer than this.
MAX_DESCRIPTION = 1024

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub's `problem.severity` for non-security alerts.
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
# Rule families (SPEC §4), so code scanning can filter by them.
FAMILY_TAGS = {"EL": ("tool",), "CF": ("cloudfront-function",), "LE": ("lambda-edge",),
               "DP": ("deployment",), "MG": ("migration",)}
# Errors flag documented rejections; warnings flag what the AWS docs leave uncertain.
PRECISION = {Severity.ERROR: "very-high", Severity.WARNING: "high", Severity.INFO: "high"}


def _clip(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_DESCRIPTION else text[:MAX_DESCRIPTION - 1].rstrip() + "…"


_LIST_ITEM = re.compile(r"^([-*]|\d+\.)\s")


def what_it_does(doc: str) -> str:
    """The docstring's "What it does" section as plain paragraphs."""
    match = re.search(r"^## What it does[ \t]*\n(.*?)(?=^## |\Z)", doc, re.S | re.M)
    body = match.group(1) if match else doc
    paragraphs = []
    for block in re.split(r"\n\s*\n", body):
        # Wrapped lines join up; a list item starts a line of its own.
        items: list[str] = []
        for line in block.splitlines():
            line = line.strip()
            if items and line and not _LIST_ITEM.match(line):
                items[-1] += " " + line
            elif line:
                items.append(line)
        if items:
            paragraphs.append("\n".join(items))
    return "\n\n".join(paragraphs)


def rule_descriptor(code: str, rule: Any | None, fallback: Finding) -> dict[str, Any]:
    if rule is None:  # a code the registry does not know: describe it from the finding
        return {"id": code, "name": fallback.name or code,
                "shortDescription": {"text": _clip(fallback.name or code)},
                "fullDescription": {"text": _clip(fallback.name or code)},
                "help": {"text": _clip(fallback.help or fallback.name or code)},
                "defaultConfiguration": {"level": LEVELS[fallback.severity]}}
    doc = rule.doc()
    summary = rule.summary or rule.name
    descriptor: dict[str, Any] = {
        "id": code,
        "name": rule.name,
        "helpUri": rule_url(code),
        "shortDescription": {"text": _clip(summary)},
        "fullDescription": {"text": _clip(what_it_does(doc) or summary)},
        "help": {"text": rule.help or summary, "markdown": doc or rule.help or summary},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": list(dict.fromkeys([*FAMILY_TAGS.get(code[:2], ()), *rule.kinds, *rule.languages])),
            "precision": PRECISION[rule.severity],
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
        },
    }
    if rule.references:  # the AWS pages the rule rests on; helpUri is the rule's own page
        descriptor["properties"]["references"] = list(rule.references)
    return descriptor


def artifact_location(path: str) -> dict[str, Any]:
    """Relative display paths are relative to the cwd (%SRCROOT%); others are absolute."""
    pure = Path(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(path.replace("\\", "/"), safe="/"), "uriBaseId": "%SRCROOT%"}


def sarif_log(findings: list[Finding], cwd: Path | None = None) -> dict[str, Any]:
    from edgelint.rule import load_rules

    registry = load_rules()
    first: dict[str, Finding] = {}
    for f in findings:
        first.setdefault(f.code, f)
    codes = sorted(first)
    index = {code: i for i, code in enumerate(codes)}
    rules = [rule_descriptor(code, registry.get(code), first[code]) for code in codes]

    results = []
    for f, (digest, n) in zip(findings, line_hashes(findings)):
        text = f.message if not f.help else f"{f.message}\nhelp: {f.help}"
        span = f.span
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS[f.severity],
            "message": {"text": text},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact_location(f.path),
                "region": {"startLine": span.line, "startColumn": span.column,
                           "endLine": span.end_line, "endColumn": span.end_column},
            }}],
            "partialFingerprints": {"primaryLocationLineHash": f"{digest}:{n}"},
        })

    root = (cwd or Path.cwd()).resolve().as_uri()
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "edgelint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.rstrip("/") + "/"}},
            "invocations": [{"executionSuccessful": True}],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render_sarif(findings: list[Finding], out: TextIO, color: bool) -> None:
    out.write(safe_text(json.dumps(sarif_log(findings), indent=2, ensure_ascii=False)))
    out.write("\n")
