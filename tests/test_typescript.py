"""TypeScript: rules see the JavaScript it compiles to, and .ts files are found and targeted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write
from edgelint.config import Config
from edgelint.engine import build_settings, lint_source
from edgelint.lang.js.parse import parse_js

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lambda_edge"
PAIRS = sorted((FIXTURES / "ts").glob("*.ts"))


def _findings(path: Path) -> list[tuple]:
    settings = build_settings(Config(root=path.parent.resolve()))
    result = lint_source(path.read_text("utf-8"), path.name, settings)
    # Columns are left out: removing `: Type` shifts what follows on the line.
    return sorted((f.line, f.code, f.severity.value, f.message) for f in result.findings)


def test_there_are_enough_typescript_pairs() -> None:
    assert len(PAIRS) >= 12
    for path in PAIRS:
        assert (FIXTURES / "ts-stripped" / f"{path.stem}.js").is_file(), path.name
    assert sum(bool(_findings(p)) for p in PAIRS) >= 12  # and one valid pair: no false finding


@pytest.mark.parametrize("path", PAIRS, ids=[p.stem for p in PAIRS])
def test_typescript_findings_equal_the_hand_stripped_javascript(path: Path) -> None:
    """Each fixture's types were removed by hand, line for line: the findings must not change."""
    typed = _findings(path)
    stripped = _findings(FIXTURES / "ts-stripped" / f"{path.stem}.js")
    assert typed == stripped


def _codes(source: str, name: str = "handler.ts", **kwargs: str) -> list[tuple[int, str]]:
    settings = build_settings(Config(), **kwargs)
    return sorted((f.line, f.code) for f in lint_source(source, name, settings).findings)


@pytest.mark.parametrize("source", [
    # Annotations, interfaces, type aliases, declare, import type, as, !, satisfies, generics.
    "import type { CloudFrontRequest } from 'aws-lambda';\ninterface Options { index: string }\n"
    "type Uri = string;\ndeclare const BUILD: string;\ndeclare module 'x' { const y: number; }\n"
    "function handler(event: any): CloudFrontRequest {\n  var request = event.request as CloudFrontRequest;\n"
    "  var o = { index: '/i' } satisfies Options;\n  var u: Uri = request.uri!;\n"
    "  request.uri = pick<string>(u, o.index);\n  return request;\n}\n"
    "function pick<T>(a: T, b: T): T { return a || b; }\n",
    # An import used only in types is erased by the compiler: no module reaches the runtime.
    "import { CloudFrontRequest } from 'aws-lambda';\n"
    "function handler(event: { request: CloudFrontRequest }) {\n  return event.request;\n}\n",
])
def test_type_only_syntax_is_invisible_to_cloudfront_function_rules(source: str) -> None:
    assert _codes(source, cli_runtime="cloudfront-js-2.0", cli_event="viewer-request") == []


def test_an_import_used_as_a_value_is_kept() -> None:
    source = ("import { CloudFrontRequest, isbot } from 'isbot';\n"
              "function handler(event: { request: CloudFrontRequest }) {\n"
              "  if (isbot('x')) { return event.request; }\n  return event.request;\n}\n")
    assert (1, "CF003") in _codes(source, cli_runtime="cloudfront-js-2.0", cli_event="viewer-request")


def test_value_level_typescript_becomes_javascript() -> None:
    parsed = parse_js("enum Color { Red, Green = 5, Blue }\nnamespace N { export const x = Color.Blue; }\n"
                      "import fs = require('fs');\nexport = N;\n", "ts")
    assert parsed.error is None
    enum, namespace, require, export = parsed.program.body
    assert enum.type == "VariableDeclaration" and enum.declarations[0].id.name == "Color"
    values = {p.key.name: p.value.value for p in enum.declarations[0].init.properties}
    assert values == {"Red": 0, "Green": 5, "Blue": 6}
    assert namespace.type == "VariableDeclaration" and namespace.declarations[0].init.type == "CallExpression"
    assert require.declarations[0].init.callee.name == "require"
    assert export.expression.left.object.name == "module"


def test_typed_handlers_are_lambda_edge_with_their_event_family(run, tmp_path) -> None:
    write(tmp_path, "src/headers.ts",
          "import type { CloudFrontResponseHandler } from 'aws-lambda';\n"
          "export const handler: CloudFrontResponseHandler = async (event) => {\n"
          "  const { request, response } = event.Records[0].cf;\n"
          "  request.querystring = '';\n  return response;\n};\n")
    write(tmp_path, "src/util.ts", "export function add(a: number, b: number): number { return a + b; }\n")
    write(tmp_path, "src/types.d.ts", "declare const handler: (event: any) => any;\n")
    shown = run("--show-targets", "src")
    assert "src/headers.ts: lambda-edge nodejs22.x response events" in shown.out
    assert "src/util.ts: skipped" in shown.out
    assert "types.d.ts" not in shown.out
    items = json.loads(run("--output-format", "json", "src").out)
    assert [(i["path"], i["line"], i["code"]) for i in items] == [("src/headers.ts", 4, "LE008")]
    assert "origin-response and viewer-response" in items[0]["message"]


def test_a_typescript_file_is_a_cloudfront_function_only_when_declared(run, tmp_path) -> None:
    source = "function handler(event: any) {\n  var r = fetch('https://x');\n  return event.request;\n}\n"
    write(tmp_path, "edge/fn.ts", source)
    assert json.loads(run("--output-format", "json", "edge/fn.ts").out) == []
    declared = run("--output-format", "json", "--runtime", "cloudfront-js-2.0", "edge/fn.ts")
    assert {i["code"] for i in json.loads(declared.out)} >= {"CF001"}
    write(tmp_path, "edgelint.toml", "[[functions]]\npaths = ['edge/*.ts']\nruntime = 'cloudfront-js-2.0'\n"
                                     "event = 'viewer-request'\n")
    configured = json.loads(run("--output-format", "json", "edge").out)
    assert {(i["path"], i["code"]) for i in configured} >= {("edge/fn.ts", "CF001")}


def test_named_typescript_file_with_runtime_is_linted(run, tmp_path) -> None:
    write(tmp_path, "handler.ts", "export const handler = async (event: any) => {\n"
                                  "  const url: string = process.env.API_URL!;\n  return event;\n};\n")
    result = run("--output-format", "json", "--runtime", "nodejs22.x", "--event", "viewer-request", "handler.ts")
    assert [(i["line"], i["code"]) for i in json.loads(result.out)] == [(2, "LE001")]


def test_typescript_cloudfront_function_reports_typescript_only_runtime_syntax() -> None:
    source = ("enum Path { Home = '/index.html' }\nfunction handler(event: any) {\n"
              "  event.request.uri = Path.Home;\n  return event.request;\n}\n")
    findings = lint_source(source, "fn.ts", build_settings(Config(), cli_runtime="cloudfront-js-1.0",
                                                         cli_event="viewer-request")).findings
    cf006 = [f for f in findings if f.code == "CF006"]
    assert [(f.line, f.severity.value) for f in cf006] == [(1, "warning")]
    assert "TypeScript" in cf006[0].message and "compiled" in cf006[0].message


def test_tsx_parses() -> None:
    parsed = parse_js("const App = (p: { n: number }) => <div title={p.n}>{p.n > 1 && <b>x</b>}</div>;\n", "tsx")
    assert parsed.error is None
