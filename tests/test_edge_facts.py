"""The extractors, in table form: a snippet and the facts it gives, in JavaScript and Python.

Each row lists the facts of the kinds under test, in the order the rules receive them, written
compactly (see `_show`)."""

from __future__ import annotations

import pytest

from edgelint.config import Config
from edgelint.edge.model import (CallbackUse, EnvRead, EventRead, EventWrite, HeaderWrite, Import, Module,
                                 Reference, Response, Use)
from edgelint.engine import build_settings, lint_source
from edgelint.testing import facts_of

LE_JS = ("handler.js", "nodejs22.x")
LE_PY = ("handler.py", "python3.13")
CFF = ("fn.js", "cloudfront-js-2.0")


def _show(fact: object) -> tuple:
    if isinstance(fact, HeaderWrite):
        value = fact.value.kind if fact.value is not None else None
        return ("header", fact.obj, fact.name, fact.action, value, tuple(e.kind for e in fact.elements), fact.rest)
    if isinstance(fact, Response):
        return ("response", tuple(sorted(fact.fields)), fact.direct)
    if isinstance(fact, EventWrite):
        return ("write", fact.path, fact.action)
    if isinstance(fact, EventRead):
        return ("read", fact.path, fact.how)
    if isinstance(fact, EnvRead):
        return ("env", fact.name, fact.fallback or fact.has_default, fact.raises)
    if isinstance(fact, Import):
        return ("import", fact.module, fact.how, fact.names)
    if isinstance(fact, (Use, Reference)):
        return ("use", fact.kind, fact.name)
    if isinstance(fact, CallbackUse):
        return ("callback", fact.method)
    if isinstance(fact, Module):
        return ("module", tuple(sorted(fact.exports)), fact.esm, fact.dynamic, fact.module_function is not None)
    return (type(fact).__name__,)


def facts(source: str, where: tuple[str, str], *kinds: type, event: str | None = None) -> list[tuple]:
    return [_show(f) for f in facts_of(source, where[0], where[1], event) if isinstance(f, kinds)]


HEADER_ROWS = [
    # (snippet, where, facts)
    ("exports.handler = async (event) => {\n  const r = event.Records[0].cf.request;\n"
     "  r.headers['X-A'] = [{ value: '1' }];\n  r.headers['x-b'][0] = 'v';\n  r.headers.host[0].value = 'h';\n"
     "  delete r.headers['x-c'];\n  r.headers['x-d'].push({ value: 'd' });\n"
     "  Object.assign(r.headers, { 'x-e': [] });\n  return r;\n};\n", LE_JS,
     [("header", "request", "X-A", "set", "list", (), ()),
      ("header", "request", "x-b", "modify", None, ("string",), (0,)),
      ("header", "request", "host", "modify", None, (), (0, "value")),
      ("header", "request", "x-c", "delete", None, (), ()),
      ("header", "request", "x-d", "modify", None, ("object",), ()),
      ("header", "request", "x-e", "set", "list", (), ())]),
    ("def handler(event, context):\n    r = event['Records'][0]['cf']['request']\n"
     "    r['headers']['X-A'] = [{'value': '1'}]\n    r['headers']['x-b'][0] = 'v'\n"
     "    del r['headers']['x-c']\n    r['headers']['x-d'].append({'value': 'd'})\n"
     "    r['headers'].update({'x-e': []})\n    r['headers'].pop('x-f', None)\n    return r\n", LE_PY,
     [("header", "request", "X-A", "set", "list", (), ()),
      ("header", "request", "x-b", "modify", None, ("string",), (0,)),
      ("header", "request", "x-c", "delete", None, (), ()),
      ("header", "request", "x-d", "modify", None, ("object",), ()),
      ("header", "request", "x-e", "set", "list", (), ()),
      ("header", "request", "x-f", "delete", None, (), ())]),
    # CloudFront Functions: the same writes in their own shape; `[0]` is not a header write there.
    ("function handler(event) {\n  var h = event.response.headers;\n  h['X-A'] = { value: '1' };\n"
     "  h['x-b'].value = 'v';\n  h['x-c'][0] = 'v';\n  return event.response;\n}\n", CFF,
     [("header", "response", "X-A", "set", "object", (), ()),
      ("header", "response", "x-b", "modify", None, (), ("value",))]),
    # A constant names the header.
    ("var NAME = 'x-cache';\nfunction handler(event) {\n  event.request.headers[NAME] = { value: '1' };\n"
     "  return event.request;\n}\n", CFF, [("header", "request", "x-cache", "set", "object", (), ())]),
]


@pytest.mark.parametrize("source, where, expected", HEADER_ROWS, ids=range(len(HEADER_ROWS)))
def test_header_writes(source: str, where: tuple[str, str], expected: list[tuple]) -> None:
    assert facts(source, where, HeaderWrite) == expected


RESPONSE_ROWS = [
    # Returned directly, through a variable, through a helper, as callback(null, …), in a branch.
    ("exports.handler = async (event) => {\n  const r = event.Records[0].cf.request;\n"
     "  if (r.uri === '/a') return { status: '302', headers: { location: [{ value: '/' }] } };\n"
     "  const denied = { status: '403' };\n  if (r.uri === '/b') return denied;\n"
     "  if (r.uri === '/c') return redirect('/c');\n  return r.uri ? r : { status: '404' };\n};\n"
     "function redirect(to) { return { status: '301', headers: { location: [{ value: to }] } }; }\n", LE_JS,
     [("response", ("headers", "status"), True), ("header", "generated", "location", "set", "list", (), ()),
      ("response", ("status",), False), ("response", ("status",), True),
      ("response", ("headers", "status"), True), ("header", "generated", "location", "set", "list", (), ())]),
    ("exports.handler = (event, context, callback) => {\n  callback(null, { status: '200', body: 'ok' });\n};\n",
     LE_JS, [("response", ("body", "status"), True)]),
    ("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
     "    if request['uri'] == '/a':\n        return {'status': '302', 'headers': {'location': [{'value': '/'}]}}\n"
     "    denied = {'status': '403'}\n    if request['uri'] == '/b':\n        return denied\n"
     "    return redirect('/c') if request['uri'] == '/c' else request\n\n"
     "def redirect(to):\n    return {'status': '301'}\n", LE_PY,
     [("response", ("headers", "status"), True), ("header", "generated", "location", "set", "list", (), ()),
      ("response", ("status",), False), ("response", ("status",), True)]),
    # Not responses: the request, a request-shaped copy, data tables, a helper nobody calls.
    ("var RULES = [{ statusCode: 301, headers: { 'X-Old': { value: '/a' } } }];\n"
     "function handler(event) {\n  var r = event.request;\n  return r;\n}\n", CFF, []),
    ("exports.handler = async (event) => {\n  const r = event.Records[0].cf.request;\n"
     "  return { ...r, uri: '/index.html', status: 'x' };\n};\n"
     "function unused() { return { status: 301, headers: { 'X-Old': '/a' } }; }\n", LE_JS, []),
    ("def handler(event, context):\n    return event['Records'][0]['cf']['request']\n\n"
     "def unused():\n    return {'status': 301, 'headers': {'X-Old': '/a'}}\n", LE_PY, []),
    # CloudFront Functions: `statusCode`, or the Lambda@Edge `status` by mistake.
    ("function handler(event) {\n  if (event.request.uri === '/x') {\n"
     "    return { statusCode: 302, headers: { location: { value: '/' } } };\n  }\n"
     "  return { status: 404, statusDescription: 'Not Found' };\n}\n", CFF,
     [("response", ("headers", "statusCode"), True), ("header", "generated", "location", "set", "object", (), ()),
      ("response", ("status", "statusDescription"), True)]),
]


@pytest.mark.parametrize("source, where, expected", RESPONSE_ROWS, ids=range(len(RESPONSE_ROWS)))
def test_responses(source: str, where: tuple[str, str], expected: list[tuple]) -> None:
    assert facts(source, where, Response, HeaderWrite) == expected


def test_event_paths_are_the_same_for_both_shapes() -> None:
    cff = facts("function handler(event) {\n  var u = event.request.uri;\n  return event.request;\n}\n",
                CFF, EventRead)
    le_js = facts("exports.handler = async (event) => {\n  const u = event.Records[0].cf.request.uri;\n"
                  "  return event.Records[0].cf.request;\n};\n", LE_JS, EventRead)
    le_py = facts("def handler(event, context):\n    u = event['Records'][0]['cf']['request']['uri']\n"
                  "    return event['Records'][0]['cf']['request']\n", LE_PY, EventRead)
    assert ("read", ("request", "uri"), "read") in cff
    assert cff == le_js == le_py


ACCESS_ROWS = [
    ("exports.handler = async (event) => {\n  const { request } = event.Records[0].cf;\n"
     "  if (typeof request.body === 'undefined') return request;\n  const { body } = request;\n"
     "  request.body.data = 'x';\n  request.querystring = 'a=1';\n  request.uri += '/';\n"
     "  delete request.origin;\n  return request;\n};\n", LE_JS,
     [("read", ("request",), "read"), ("read", ("request", "body"), "typeof"),
      ("read", ("request", "body"), "read"), ("write", ("request", "body", "data"), "set"),
      ("read", ("request", "body"), "into"), ("write", ("request", "querystring"), "set"),
      ("write", ("request", "uri"), "modify"), ("read", ("request", "uri"), "read"),
      ("write", ("request", "origin"), "delete")]),
    ("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
     "    data = request.get('body')\n    request['body']['data'] = 'x'\n    del request['origin']\n"
     "    return request\n", LE_PY,
     [("read", ("request",), "read"), ("read", ("request", "body"), "read"),
      ("write", ("request", "body", "data"), "set"), ("read", ("request", "body"), "into"),
      ("write", ("request", "origin"), "delete")]),
]


@pytest.mark.parametrize("source, where, expected", ACCESS_ROWS, ids=range(len(ACCESS_ROWS)))
def test_event_reads_and_writes(source: str, where: tuple[str, str], expected: list[tuple]) -> None:
    assert facts(source, where, EventRead, EventWrite) == expected


ENV_ROWS = [
    ("const A = process.env.A;\nconst B = process.env.B || 'b';\nconst { C, D = 'd' } = process.env;\n"
     "const E = process.env[name];\nprocess.env.F = '1';\nif (require.main === module) { process.env.G; }\n"
     "exports.handler = async (event) => event.Records[0].cf.request;\n", LE_JS,
     [("env", "A", False, False), ("env", "B", True, False), ("env", "C", False, False),
      ("env", "D", True, False), ("env", None, False, False)]),
    ("import os\nfrom os import environ as env\nA = os.environ['A']\nB = os.getenv('B', 'b')\n"
     "C = env.get('C')\nos.environ['D'] = '1'\nif __name__ == '__main__':\n    os.environ['E']\n"
     "def handler(event, context):\n    return event['Records'][0]['cf']['request']\n", LE_PY,
     [("env", "A", False, True), ("env", "B", True, False), ("env", "C", False, False)]),
]


@pytest.mark.parametrize("source, where, expected", ENV_ROWS, ids=range(len(ENV_ROWS)))
def test_environment_reads(source: str, where: tuple[str, str], expected: list[tuple]) -> None:
    assert facts(source, where, EnvRead) == expected


USE_ROWS = [
    ("const https = require('https');\nconst m = require(name);\nimport('x');\n"
     "const crypto = require('crypto');\n"
     "exports.handler = async (event, context) => {\n  await fetch('https://x');\n"
     "  crypto.createHash('sha1');\n  console.log(context.awsRequestId);\n  return event.Records[0].cf.request;\n};\n",
     LE_JS,
     [("import", "https", "require", ()), ("import", None, "require", ()), ("import", "x", "dynamic", ()),
      ("import", "crypto", "require", ()), ("use", "call", "fetch"), ("use", "call", "crypto.createHash"),
      ("use", "call", "console.log"), ("use", "context", "context")]),
    ("import json, urllib.request\nfrom hashlib import sha256\nfrom . import helpers\n"
     "def handler(event, context):\n    urllib.request.urlopen('https://x')\n    context.get_remaining_time_in_millis()\n"
     "    return event['Records'][0]['cf']['request']\n", LE_PY,
     [("import", "json", "import", ()), ("import", "urllib.request", "import", ()),
      ("import", "hashlib", "from", ("sha256",)), ("import", None, "relative", ()),
      ("use", "call", "urllib.request.urlopen"), ("use", "context", "context")]),
]


@pytest.mark.parametrize("source, where, expected", USE_ROWS, ids=range(len(USE_ROWS)))
def test_imports_and_uses(source: str, where: tuple[str, str], expected: list[tuple]) -> None:
    shown = facts(source, where, Import, Use, Reference)
    # Globals and qualified names come for every name; the rows list the calls and the context.
    assert [f for f in shown if f[:2] != ("use", "global") and f[:2] != ("use", "qualified")] == expected


MODULE_ROWS = [
    ("exports.main = async (event, context) => event;\n", LE_JS, [("module", ("main",), False, False, False)]),
    ("module.exports = function (event, context) {};\n", LE_JS, [("module", (), False, False, True)]),
    ("export * from './impl';\nexport const helper = 1;\n", LE_JS, [("module", ("helper",), True, True, False)]),
    ("from x import *\ndef main(event, context):\n    pass\n", LE_PY, [("module", ("main",), False, True, False)]),
]


@pytest.mark.parametrize("source, where, expected", MODULE_ROWS, ids=range(len(MODULE_ROWS)))
def test_module_exports(source: str, where: tuple[str, str], expected: list[tuple]) -> None:
    assert facts(source, where, Module) == expected


def test_callback_uses() -> None:
    source = ("exports.handler = (event, context, callback) => {\n  context.succeed(1);\n"
              "  callback(null, event.Records[0].cf.request);\n};\n")
    assert facts(source, LE_JS, CallbackUse) == [("callback", "succeed"), ("callback", None)]


# -- the two disagreements the model settles -------------------------------------------------------

def _codes(source: str, filename: str, runtime: str, event: str | None = None) -> list[tuple[int, str]]:
    settings = build_settings(Config(), cli_runtime=runtime, cli_event=event)
    return sorted((f.line, f.code) for f in lint_source(source, filename, settings).findings)


def test_a_redirect_table_is_not_a_response() -> None:
    """A table of redirect rules holds response-like objects, but the handler never returns one:
    no header of it is a header write (CF012) and none is a response (CF013)."""
    source = ("var RULES = [{ statusCode: 301, headers: { 'X-Old': { value: '/a' } } }];\n"
              "function handler(event) {\n  var request = event.request;\n  return request;\n}\n")
    assert _codes(source, "fn.js", "cloudfront-js-2.0", "viewer-request") == []


def test_a_response_counts_only_when_the_handler_returns_it() -> None:
    """`{status: 301, headers: {'X-Old': '/a'}}` in a helper nobody calls is no response (no LE002,
    no LE004); once the handler returns the helper's result, both rules see the same response."""
    helper = "function legacy() {\n  return { status: 301, headers: { 'X-Old': '/a' } };\n}\n"
    unused = helper + "exports.handler = async (event) => event.Records[0].cf.request;\n"
    assert _codes(unused, "h.js", "nodejs22.x", "origin-request") == []
    used = helper + "exports.handler = async (event) => legacy();\n"
    assert _codes(used, "h.js", "nodejs22.x", "origin-request") == [(2, "LE002"), (2, "LE002"), (2, "LE004")]
