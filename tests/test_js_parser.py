"""The tree-sitter front end: valid code parses, broken code still lints, and nothing aborts a run."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from edgelint.config import Config, ConfigError
from edgelint.engine import build_settings, lint_source
from edgelint.lang.js.parse import dialect_of, parse_js

ROOT = Path(__file__).resolve().parent.parent
CODE_FILES = sorted(p for folder in ("fixtures", "examples") for p in (ROOT / folder).rglob("*")
                    if p.suffix in (".js", ".ts", ".tsx", ".mjs", ".cjs"))


def lint(source: str, name: str = "fn.js", **kwargs: str):
    return lint_source(source, name, build_settings(Config(), **kwargs)).findings


def test_shebang_followed_by_a_comment_parses() -> None:
    source = ("#!/usr/bin/env node\n// Rewrites the URI.\n'use strict';\n"
              "exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
              "  request.uri = request.uri.replace(/\\/$/, '/index.html');\n  return request;\n};\n")
    parsed = parse_js(source)
    assert parsed.error is None
    assert [c.value for c in parsed.comments] == [" Rewrites the URI."]
    assert lint(source, cli_runtime="nodejs22.x", cli_event="origin-request") == []


def test_aws_sdk_bundle_regex_parses() -> None:
    # From every esbuild bundle that includes the AWS SDK v3 (its ini-file parser).
    source = ("const prefixKeyRegex = /^([\\w-]+)\\s([\"'])?([\\w-@+.%:/]+)\\2$/;\n"
              "exports.handler = async (event) => event.Records[0].cf.request;\n")
    assert parse_js(source).error is None
    assert [f.code for f in lint(source, cli_runtime="nodejs22.x", cli_event="origin-request")] == []


def test_a_syntax_error_in_the_middle_keeps_the_rest_of_the_file() -> None:
    source = ("function handler(event) {\n"
              "  var h = require('https');\n"          # CF001, before the error
              "  var broken = ;\n"                     # the error
              "  setTimeout(function () {}, 10);\n"    # CF005, after it
              "  return event.request;\n}\n")
    findings = lint(source, select=["CF", "EL"])
    assert [(f.line, f.code) for f in findings] == [(2, "CF001"), (3, "EL001"), (4, "CF005")]
    el001 = findings[1]
    assert el001.message == "syntax error: unexpected `=` (line 3, column 14)"


@pytest.mark.parametrize("source, message", [
    ("function handler(event) {\n  if (event.request.uri == ) {}\n  return event.request;\n}\n",
     "unexpected `)` (line 2, column 28)"),
    ("function handler(event) {\n  return event.request;\n", "missing `}` at the end of the file (line 3, column 1)"),
])
def test_syntax_error_messages_name_the_token(source: str, message: str) -> None:
    (finding,) = [f for f in lint(source) if f.code == "EL001"]
    assert finding.message == f"syntax error: {message}"


def test_a_half_typed_line_in_an_editor_keeps_other_diagnostics() -> None:
    source = ("function handler(event) {\n  var r = event.request;\n  r.headers['X-Test'] = {value: '1'};\n"
              "  r.\n  return r;\n}\n")
    codes = {(f.line, f.code) for f in lint(source)}
    assert (3, "CF012") in codes and any(code == "EL001" for _, code in codes)


def test_names_declared_in_a_dropped_statement_are_not_globals() -> None:
    # `kvs` is declared on the broken line: uses elsewhere must not turn into unknown globals.
    source = ("import cf from 'cloudfront';\nconst kvs = cf.kvs(;\n"
              "async function handler(event) {\n  const v = await kvs.get('k');\n  return event.request;\n}\n")
    assert [f.code for f in lint(source, cli_runtime="cloudfront-js-2.0")] == ["EL001"]


def test_positions_count_characters_not_bytes() -> None:
    source = "function handler(event) {\n  var s = 'héllo → wörld'; var t = setTimeout(f, 1);\n  return event.request;\n}\n"
    (finding,) = [f for f in lint(source) if f.code == "CF005"]
    assert (finding.line, finding.column) == (2, source.splitlines()[1].index("setTimeout") + 1)


def test_suppression_comments_work_in_typescript() -> None:
    source = ("export const handler = async (event: any) => {\n"
              "  const u: string = process.env.URL!; // edgelint: ignore[LE001] -- set by the build\n"
              "  return event.Records[0].cf.request;\n};\n")
    assert lint(source, "h.ts", cli_runtime="nodejs22.x", cli_event="origin-request") == []


def test_dialect_by_extension() -> None:
    assert [dialect_of(n) for n in ("a.js", "a.mjs", "a.cjs", "a.jsx", "a.ts", "a.MTS", "a.cts", "a.tsx", "-")] == \
        ["js", "js", "js", "js", "ts", "ts", "ts", "tsx", "js"]


def _mutations(text: str, rng: random.Random) -> list[str]:
    """Broken versions of a file: truncated, a character deleted, punctuation inserted, a line
    duplicated or swapped, brackets unbalanced."""
    out = []
    n = len(text)
    for _ in range(4):
        cut = rng.randrange(n + 1)
        out.append(text[:cut])
        out.append(text[:cut] + text[cut + 1:])
        out.append(text[:cut] + rng.choice("{}()[];,.`'\"/\\*=>?:!@#") + text[cut:])
    lines = text.splitlines(keepends=True)
    if len(lines) > 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        out.append("".join(lines[:i] + [lines[j]] + lines[i:]))
        swapped = list(lines)
        swapped[i], swapped[j] = swapped[j], swapped[i]
        out.append("".join(swapped))
    out.append(text.replace("}", "", 1))
    out.append(text.replace("(", "((", 1))
    out.append("\ufeff" + text + "\u2028/*")
    return out


def test_no_generated_broken_file_aborts_a_lint() -> None:
    """Every fixture and example, broken in many ways, under both a CloudFront Function and a
    Lambda@Edge target and its own: a result always, EL001 whenever the file does not parse."""
    rng = random.Random(20261205)
    settings = {
        None: build_settings(Config()),
        "cff": build_settings(Config(), cli_runtime="cloudfront-js-2.0"),
        "le": build_settings(Config(), cli_runtime="nodejs22.x", cli_event="viewer-request"),
    }
    count = 0
    for path in CODE_FILES:
        text = path.read_text("utf-8")
        for mutated in _mutations(text, rng):
            for key, setting in settings.items():
                count += 1
                try:
                    result = lint_source(mutated, path.name, setting)
                except ConfigError:  # a mutated pragma: a one-line usage error by design
                    assert "edgelint pragma" in mutated or "edgelint:" in mutated
                    continue
                if key is not None and parse_js(mutated, dialect_of(path.name)).error is not None:
                    assert any(f.code == "EL001" for f in result.findings), (path.name, mutated[:200])
    assert count >= 2000


def test_generated_node_classes_match_their_shapes():
    """`_nodes.py` is generated from estree.SHAPES (imported without a compile step): after a
    change to SHAPES, `python -m edgelint.lang.js.estree` rewrites it."""
    from pathlib import Path

    from edgelint.lang.js import estree

    assert Path(estree.__file__).with_name("_nodes.py").read_text("utf-8") == estree.generate()
