"""The JS front end's scope and alias analysis, through the rules that depend on it."""

from __future__ import annotations

import pytest

from edgelint.config import Config
from edgelint.engine import build_settings, lint_source


def codes(source: str, runtime: str = "cloudfront-js-2.0", event: str = "viewer-request") -> set[tuple[int, str]]:
    settings = build_settings(Config(), cli_runtime=runtime, cli_event=event, select=["CF"])
    return {(f.line, f.code) for f in lint_source(source, "fn.js", settings).findings}


@pytest.mark.parametrize("source, expected", [
    # A helper's parameter aliases what every call passes it.
    ("function addHeaders(h) {\n  h['x-cache'] = { value: 'HIT' };\n}\n"
     "function handler(event) {\n  addHeaders(event.request.headers);\n  return event.request;\n}\n",
     {(2, "CF012")}),
    ("function readBody(req) { return req.body; }\n"
     "function handler(event) {\n  readBody(event.request);\n  return event.request;\n}\n",
     {(1, "CF002")}),
    # A closure declared before the alias it uses.
    ("function handler(event) {\n  function peek() { return request.body; }\n"
     "  var request = event.request;\n  peek();\n  return request;\n}\n",
     {(2, "CF002")}),
    # A module variable assigned inside the handler, read in another function.
    ("var req;\nfunction setH() { req.headers['x-amz-cf-id'] = { value: 'x' }; }\n"
     "function handler(event) {\n  req = event.request;\n  setH();\n  return req;\n}\n",
     {(2, "CF012")}),
    # Header names held in constants, or built from literals.
    ("var HOST = 'host';\nfunction handler(event) {\n  event.request.headers[HOST] = { value: 'a' };\n"
     "  event.request.headers['x-' + 'cache'] = { value: 'b' };\n  return event.request;\n}\n",
     {(3, "CF012"), (4, "CF012")}),
    # A ternary that yields the request or nothing.
    ("function handler(event) {\n  var c = event.request ? event.request : null;\n"
     "  c.headers['x-edge-a'] = { value: '1' };\n  return event.request;\n}\n",
     {(3, "CF012")}),
])
def test_aliases_followed(source, expected):
    assert codes(source) >= expected


@pytest.mark.parametrize("source", [
    # Reassigned: the name no longer aliases the request.
    "function handler(event) {\n  var r = event.request;\n  r = { body: 'mine' };\n  var b = r.body;\n  return event.request;\n}\n",
    # A helper that escapes (passed as a value) may be called with anything.
    "function readBody(req) { return req.body; }\nvar f = readBody;\n"
    "function handler(event) {\n  readBody(event.request);\n  return event.request;\n}\n",
    # A helper called with different things aliases none of them.
    "function get(o) { return o.body; }\nfunction handler(event) {\n  get(event.request);\n  get({ body: 1 });\n"
    "  return event.request;\n}\n",
    # Shadowing: the inner `event` is another value.
    "function handler(event) {\n  [1].forEach(function (event) { var b = event.request.body; });\n  return event.request;\n}\n",
    # A constant that is reassigned is not a constant.
    "var NAME = 'host';\nNAME = 'x-ok';\nfunction handler(event) {\n  event.request.headers[NAME] = { value: 'a' };\n"
    "  return event.request;\n}\n",
    # A local fetch, process and setTimeout are not the globals.
    "function fetch(u) { return u; }\nvar process = { env: {} };\nfunction setTimeout(f) { return f(); }\n"
    "function handler(event) {\n  fetch('x');\n  var e = process.env.X;\n  setTimeout(function () {});\n"
    "  return event.request;\n}\n",
])
def test_no_false_alias(source):
    assert {c for c in codes(source) if c[1] in ("CF001", "CF002", "CF005", "CF010", "CF012")} == set()


def test_hoisted_function_declaration_shadows_global():
    source = "function handler(event) {\n  fetch('x');\n  return event.request;\n}\nfunction fetch(u) { return u; }\n"
    assert not any(code == "CF001" for _, code in codes(source))


def test_block_scoped_shadow():
    source = ("function handler(event) {\n  if (true) { let fetch = function () {}; fetch(); }\n"
              "  fetch('https://x');\n  return event.request;\n}\n")
    assert (3, "CF001") in codes(source)
    assert (2, "CF001") not in codes(source)


def test_array_destructuring_of_an_array_literal():
    source = ("exports.handler = async (event) => {\n  const cf = event.Records[0].cf;\n"
              "  const [request, response] = [cf.request, cf.response];\n  request.querystring = 'a=1';\n"
              "  return response;\n};\n")
    settings = build_settings(Config(), cli_runtime="nodejs22.x", cli_event="origin-response", select=["LE"])
    assert (4, "LE008") in {(f.line, f.code) for f in lint_source(source, "fn.js", settings).findings}


def test_python_tuple_assignment_aliases():
    source = ("def handler(event, context):\n    cf = event['Records'][0]['cf']\n"
              "    request, response = cf['request'], cf['response']\n    request['querystring'] = ''\n"
              "    return response\n")
    settings = build_settings(Config(), cli_runtime="python3.13", cli_event="origin-response", select=["LE"])
    assert (4, "LE008") in {(f.line, f.code) for f in lint_source(source, "fn.py", settings).findings}


def test_branches_guarded_by_the_event_type_use_that_event():
    source = ("exports.handler = async (event) => {\n  const { request, config } = event.Records[0].cf;\n"
              "  if (config.eventType === 'origin-request') {\n"
              "    request.headers.host = [{ key: 'host', value: 'origin.example.com' }];\n  }\n"
              "  request.headers.host = [{ key: 'host', value: 'other.example.com' }];\n  return request;\n};\n")
    settings = build_settings(Config(), cli_runtime="nodejs22.x", cli_event="viewer-request", select=["LE003"])
    assert {(f.line, f.code) for f in lint_source(source, "fn.js", settings).findings} == {(6, "LE003")}
    python = ("def handler(event, context):\n    cf = event['Records'][0]['cf']\n    request = cf['request']\n"
              "    if cf['config']['eventType'] == 'origin-request':\n"
              "        request['headers']['host'] = [{'key': 'host', 'value': 'o.example.com'}]\n"
              "    request['headers']['host'] = [{'key': 'host', 'value': 'x.example.com'}]\n    return request\n")
    settings = build_settings(Config(), cli_runtime="python3.13", cli_event="viewer-request", select=["LE003"])
    assert {(f.line, f.code) for f in lint_source(python, "fn.py", settings).findings} == {(6, "LE003")}
