"""Lint one deployment file: DP rules over its Deployment, and its inline function code."""

from __future__ import annotations

import re
from edgelint.records import replace
from pathlib import Path
from typing import Any, Protocol

from edgelint.config import Config
from edgelint.deploy.context import DeployContext
from edgelint.deploy.linking import function_target
from edgelint.deploy.model import Function
from edgelint.deploy.read import sniff
from edgelint.deploy.yaml_reader import DeployParseError
from edgelint.model import FileResult, Finding, Severity, Span, Target
from edgelint.suppress import Comment
from edgelint.text import LineIndex, display_path, fill_placeholders, quoted_string_offsets


class CodeLinter(Protocol):
    """What the deployment linter needs from the engine's Linter (its public API)."""

    config: Config
    settings: Any

    def enabled_for(self, relpath: str) -> set[str]: ...
    def read_deployment_cached(self, file: Path, text: str) -> Any: ...
    def rule_finding(self, code: str, path: str, span: Span, message: str, target: Target | None) -> Finding: ...
    def lint_code(self, text: str, path: str, relpath: str, target: Target) -> FileResult: ...
    def finish(self, findings: list[Finding], comments: list[Comment], relpath: str, path: str,
               target: Target | None, text: str) -> FileResult: ...

DEPLOYMENT = "deployment"
# `# comment` in YAML/HCL (and `//` in HCL): enough to find suppression directives.
_COMMENT_RE = re.compile(r"(?:^|\s)(#|//)(.*edgelint:.*)$")


def deploy_rules(linter: CodeLinter, relpath: str) -> list[type]:
    from edgelint.rule import rule_index

    enabled = linter.enabled_for(relpath)
    rules = linter.settings.rules
    return [rules[code] for code, info in rule_index().items()
            if code in enabled and DEPLOYMENT in info.kinds and not info.engine_rule]


def _comments(text: str, lines: LineIndex) -> list[Comment]:
    comments = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _COMMENT_RE.search(line)
        if match is None:
            continue
        column = match.start(1) + 1
        trailing = bool(line[:match.start(1)].strip())
        start = lines.offset(number, column)
        comments.append(Comment(match.group(2), Span(number, column, number, len(line) + 1, start,
                                                     start + len(line) - column + 1), trailing))
    return comments


# Deployment files larger than this are not parsed: the pure-Python YAML and HCL parsers take
# seconds per megabyte. CloudFormation itself accepts template bodies of at most 1 MB.
MAX_DEPLOY_CHARS: dict[str, int] = {}
MAX_DEPLOY_CHARS_DEFAULT = 1024 * 1024


def too_large(name: str, text: str) -> int | None:
    """The limit a deployment file's text is over, else None."""
    limit = next((v for suffix, v in MAX_DEPLOY_CHARS.items() if name.endswith(suffix)), MAX_DEPLOY_CHARS_DEFAULT)
    return limit if len(text) > limit else None


def _lint_kvs_import(linter: CodeLinter, text: str, path: str, relpath: str) -> FileResult | None:
    """DP015 on a key value store import file; None when the JSON is not one."""
    from edgelint.data import facts
    from edgelint.deploy.kvs_import import parse_import, problems

    size = len(text.encode("utf-8", "surrogatepass"))
    limits = facts("deployment")["key_value_import"]
    if size <= limits["max_file_bytes"]:
        try:
            if parse_import(text) is None:
                return None
        except (ValueError, RecursionError):
            return None  # not JSON: not an import file we can judge
    lines = LineIndex(text)
    findings = []
    for offset, message, severity in problems(text, size, limits):
        span = lines.span(offset, min(len(text), offset + 1))
        findings.append(replace(linter.rule_finding("DP015", path, span, message, None), severity=severity))
    result = linter.finish(findings, [], relpath, path, None, text)
    return replace(result, skipped_reason=None, deployment="key value store import file")


def lint_deployment(linter: CodeLinter, text: str, path: str, relpath: str, explicit: bool,
                    file: Path | None = None) -> FileResult:
    file = file or (linter.config.root / relpath)
    from edgelint.deploy.kvs_import import looks_like_import

    if looks_like_import(file.name, text):
        result = _lint_kvs_import(linter, text, path, relpath)
        if result is not None:
            return result
    if not sniff(file, text):
        return FileResult(path, None, [], skipped_reason="not deployment configuration")
    limit = too_large(file.name, text)
    if limit is not None:
        finding = replace(linter.rule_finding(
            "EL001", path, Span(1, 1, 1, 2), f"not analysed: {len(text) / 1048576:.1f} MB of deployment configuration, "
            f"over edgelint's {limit // 1048576} MB limit (CloudFormation accepts 1 MB templates)", None),
            severity=Severity.WARNING)
        return replace(linter.finish([finding], [], relpath, path, None, text), skipped_reason=None)
    try:
        deployment = linter.read_deployment_cached(file, text)
    except DeployParseError as exc:
        finding = linter.rule_finding("EL001", path, Span(exc.line, exc.column, exc.line, exc.column + 1),
                                      f"{exc.message} (line {exc.line}, column {exc.column})", None)
        return linter.finish([finding], _comments(text, LineIndex(text)), relpath, path, None, text)
    if deployment is None:
        return FileResult(path, None, [], skipped_reason="not deployment configuration")
    lines = LineIndex(text)
    cwd = linter.settings.cwd
    # Code linted for this file, per (function, runtime): DP002 compares runtimes and the inline
    # code is reported, both from the same parse.
    linted: dict[tuple[str, str], FileResult] = {}

    def lint_code(code: str, fn: Function, runtime: str) -> list[Finding]:
        target = function_target(deployment, fn)
        if target is None:
            return []
        key = (fn.id, runtime)
        if key not in linted or fn.inline is None or code != fn.inline.text:
            suffix = ".py" if runtime.startswith("python") else ".js"
            source = code
            if fn.inline is not None and code == fn.inline.text and fn.inline.templated and suffix == ".js":
                source = fill_placeholders(code)  # `${Param}` stands for a value filled in at deploy
            result = linter.lint_code(source, f"{path}#{fn.id}", relpath + suffix,
                                      replace(target, runtime=runtime,
                                              reason=f"inline code of {fn.id} in {deployment.path.name}"))
            if fn.inline is None or code != fn.inline.text:
                return result.findings  # a referenced file: linted on its own too, not cached here
            linted[key] = result
        return linted[key].findings

    ctx = DeployContext(path, deployment, text, lambda p: display_path(p, cwd), lint_code)
    ctx.default_region = linter.config.region
    from edgelint.engine import project_root

    ctx.project_root = project_root(file)
    findings: list[Finding] = ctx.run([cls(ctx) for cls in deploy_rules(linter, relpath)])
    for fn in deployment.functions.values():
        target = function_target(deployment, fn)
        if fn.inline is not None and target is not None and not _copied_from_source(deployment, fn):
            findings += _map_inline(fn, lint_code(fn.inline.text, fn, target.runtime), text, lines, path)
    functions = deployment.functions.values()
    summary = (f"deployment configuration ({deployment.format}): "
               f"{sum(f.kind == 'lambda' for f in functions)} Lambda function(s), "
               f"{sum(f.kind == 'cloudfront-function' for f in functions)} CloudFront Function(s), "
               f"{len(deployment.associations)} association(s)")
    connection = sum(f.kind == "connection-function" for f in functions)
    if connection:
        summary = summary.replace(" CloudFront Function(s), ",
                                  f" CloudFront Function(s), {connection} Connection Function(s), ")
    unlinked = _unlinked_assets(deployment)
    if unlinked:
        summary += f"; source not found for {', '.join(unlinked)} (not linted)"
    return replace(linter.finish(findings, _comments(text, lines), relpath, path, None, text),
                   skipped_reason=None, deployment=summary)


def _unlinked_assets(deployment: Any) -> list[str]:
    """cdk.out edge functions whose asset matches no project file (a minified bundle, a stale
    synth): `--show-targets` says so, since their code is then checked nowhere."""
    if deployment.format != "cdk":
        return []
    from edgelint.deploy.linking import cdk_sources, code_files

    missing = []
    for fn in deployment.functions.values():
        target = function_target(deployment, fn)
        if target is None or fn.inline is not None or fn.code_path is None:
            continue
        if not cdk_sources(deployment, fn, code_files(fn), target)[0]:
            missing.append(fn.id)
    return missing


def _copied_from_source(deployment: Any, fn: Function) -> bool:
    """cdk.out template code read from a project file (`FunctionCode.fromFile`): its findings
    are reported once, in that file, which gets this function's target."""
    if deployment.format != "cdk" or fn.inline is None:
        return False
    from edgelint.deploy.cdk import app_folder, inline_source

    return inline_source(app_folder(deployment.path), fn.inline.text) is not None


def _map_inline(fn: Function, findings: list[Finding], text: str, lines: LineIndex, path: str) -> list[Finding]:
    """Move findings in code written inside the template to the template's lines and columns."""
    inline = fn.inline
    assert inline is not None
    if inline.quoted:
        mapped = _map_quoted(inline, findings, text, lines, path)
        if mapped is not None:
            return mapped
    indent = inline.indent
    if indent is None:  # a block scalar: its lines are indented like its first non-blank line
        indent = 0
        for offset, code_line in enumerate(inline.text.splitlines()):
            if code_line.strip():
                template_line = lines.line_text(inline.first_line + offset)
                indent = len(template_line) - len(template_line.lstrip(" "))
                break
    mapped = []
    for finding in findings:
        span = finding.span
        if inline.multiline:
            new = Span(inline.first_line + span.line - 1, span.column + indent,
                       inline.first_line + span.end_line - 1, span.end_column + indent)
        else:
            new = Span(inline.first_line, indent + 1, inline.first_line, indent + 2)
        mapped.append(replace(finding, path=path, span=new, fix=None, source=text))
    return mapped


def _map_quoted(inline: Any, findings: list[Finding], text: str, lines: LineIndex,
                path: str) -> list[Finding] | None:
    """Code in a JSON string: each character of the code has its own template column (`\\n`
    takes two), so a finding points at what it names, not at the string's start."""
    decoded = quoted_string_offsets(text, lines.offset(inline.first_line, inline.indent or 1))
    if decoded is None or decoded[0] != inline.text:
        return None
    offsets = decoded[1]
    code_lines = LineIndex(inline.text, js=True)
    mapped = []
    for finding in findings:
        span = finding.span
        start = offsets[min(code_lines.offset(span.line, span.column), len(offsets) - 1)]
        end = offsets[min(code_lines.offset(span.end_line, span.end_column), len(offsets) - 1)]
        new = lines.span(start, max(end, start + 1))
        mapped.append(replace(finding, path=path, span=new, fix=None, source=text))
    return mapped
