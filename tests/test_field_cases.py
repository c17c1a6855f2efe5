"""The cases real edge code showed (issue 13), each as it was quoted, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, write


def _check(run, cwd: Path, *args: str) -> list[dict]:
    result = run("check", "--no-cache", "--output-format", "json", *args, cwd=cwd)
    assert result.code in (0, 1) and "Traceback" not in result.err, result.err
    return json.loads(result.out) if result.out.strip() else []


def _codes(items: list[dict]) -> list[tuple[str, int, str]]:
    return [(i["code"], i["line"], i["severity"]) for i in items]


# -- Connection Functions ----------------------------------------------------------------------------

def test_connection_functions_are_a_target_kind(run, tmp_path):
    write(tmp_path, "mtls.js", "function connectionHandler(connection) {\n  connection.allow();\n}\n")
    result = run("check", "--show-targets", "--output-format", "json", "mtls.js", cwd=tmp_path)
    [entry] = [t for t in json.loads(result.out) if t["path"] == "mtls.js"]
    [target] = entry["targets"]
    assert (target["kind"], target["runtime"], target["event"]) == (
        "connection-function", "cloudfront-js-2.0", "connection-request")


def test_connection_function_valid_fixtures_give_no_errors(run):
    items = _check(run, ROOT, "fixtures/connection/valid")
    assert items == [], items


@pytest.mark.parametrize("fixture", ["fixtures/deploy/cloudformation/invalid-connection-function.yaml",
                                     "fixtures/deploy/terraform/connection-function"])
def test_connection_function_deployments(run, fixture):
    codes = {i["code"] for i in _check(run, ROOT, fixture)}
    assert "DP014" in codes


def test_event_connection_request_needs_the_cloudfront_runtime(run, tmp_path):
    write(tmp_path, "a.js", "function connectionHandler(c) { c.allow(); }\n")
    result = run("check", "--runtime", "nodejs22.x", "--event", "connection-request", "a.js", cwd=tmp_path)
    assert result.code == 2 and "Connection Functions" in result.err


# -- KeyValueStore ----------------------------------------------------------------------------------

def test_kvs_get_without_handling_a_missing_key(run, tmp_path):
    write(tmp_path, "fn.js", "import cf from 'cloudfront';\nconst kvs = cf.kvs();\n"
                             "async function handler(event) {\n  const target = await kvs.get(event.request.uri);\n"
                             "  event.request.uri = target;\n  return event.request;\n}\n")
    assert ("CF015", 4, "warning") in _codes(_check(run, tmp_path, "fn.js"))


def test_key_value_import_file(run, tmp_path):
    write(tmp_path, "kvs/redirects.json", json.dumps({"data": [
        {"key": "/old", "value": "/new"}, {"key": "/old", "value": "/newer"}, {"key": "k" * 600, "value": "v"}]}))
    write(tmp_path, "kvs/other.json", json.dumps({"data": [1, 2, 3]}))
    items = _check(run, tmp_path, ".")
    assert [(i["path"], i["code"]) for i in items] == [("kvs/redirects.json", "DP015")] * 2
    assert {i["severity"] for i in items} == {"error"}


def test_key_value_import_file_over_five_megabytes(run, tmp_path):
    items = [{"key": f"/k{i}", "value": "v" * 1000} for i in range(5500)]
    write(tmp_path, "store.json", json.dumps({"data": items}))
    found = _check(run, tmp_path, "store.json")
    assert [(i["code"], i["line"]) for i in found] == [("DP015", 1)] and "5 MB" in found[0]["message"]


# -- viewer headers -----------------------------------------------------------------------------------

def test_cloudfront_viewer_header_in_viewer_request(run, tmp_path):
    write(tmp_path, "geo.js", "exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                              "  const c = request.headers['cloudfront-viewer-country'];\n  return request;\n};\n")
    args = ("--runtime", "nodejs22.x", "geo.js")
    assert ("LE009", 3, "error") in _codes(_check(run, tmp_path, "--event", "viewer-request", *args))
    assert "LE009" not in {i["code"] for i in _check(run, tmp_path, "--event", "origin-request", *args)}


# -- LE001 fallbacks ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, read, severity", [
    ("fn.js", "process.env.X || 'd'", "warning"),
    ("fn.js", "process.env.X ?? 'd'", "warning"),
    ("fn.js", "process.env.X", "error"),
    ("fn.py", "os.getenv('X', 'd')", "warning"),
    ("fn.py", "os.environ.get('X', 'd')", "warning"),
    ("fn.py", "os.getenv('X')", "error"),
])
def test_environment_read_with_a_fallback_is_a_warning(run, tmp_path, name, read, severity):
    if name.endswith(".py"):
        code = f"import os\n\nVALUE = {read}\n\ndef handler(event, context):\n" \
               "    return event['Records'][0]['cf']['request']\n"
    else:
        code = f"const VALUE = {read};\nexports.handler = async (event) => event.Records[0].cf.request;\n"
    write(tmp_path, name, code)
    found = [i for i in _check(run, tmp_path, "--event", "origin-request", name) if i["code"] == "LE001"]
    assert [i["severity"] for i in found] == [severity]


def test_environment_read_only_as_a_condition_is_a_warning(run, tmp_path):
    write(tmp_path, "fn.js", "exports.handler = async (event) => {\n  if (process.env.DEBUG) console.log(event);\n"
                             "  return event.Records[0].cf.request;\n};\n")
    found = [i for i in _check(run, tmp_path, "--event", "origin-request", "fn.js") if i["code"] == "LE001"]
    assert [i["severity"] for i in found] == ["warning"]


# -- LE004, LE002, aliases --------------------------------------------------------------------------------

def test_numeric_status_is_a_warning(run, tmp_path):
    write(tmp_path, "fn.js", "exports.handler = async (event) => ({ status: 302, headers: { location: "
                             "[{ key: 'Location', value: '/x' }] } });\n")
    found = [i for i in _check(run, tmp_path, "--runtime", "nodejs22.x", "--event", "viewer-request", "fn.js")
             if i["code"] == "LE004"]
    assert [i["severity"] for i in found] == ["warning"] and "as a string" in found[0]["message"]


def test_generated_response_headers_as_an_array(run, tmp_path):
    write(tmp_path, "fn.js", "exports.handler = async (event) => {\n  return {\n    status: '302',\n"
                             "    headers: [{ key: 'Location', value: 'https://example.com/' }],\n  };\n};\n")
    found = _check(run, tmp_path, "--runtime", "nodejs22.x", "--event", "viewer-request", "fn.js")
    assert ("LE002", 4, "error") in _codes(found)


def test_conditional_alias_of_the_request(run, tmp_path):
    write(tmp_path, "fn.js", "exports.handler = async (event) => {\n  let request = event;\n"
                             "  if (event.Records) request = event.Records[0].cf.request;\n"
                             "  request.headers['X-Forwarded-Host'] = [{ key: 'X-Forwarded-Host', value: 'a' }];\n"
                             "  return request;\n};\n")
    found = _check(run, tmp_path, "--runtime", "nodejs22.x", "--event", "origin-request", "fn.js")
    assert ("LE002", 4, "error") in _codes(found)


# -- CF010 guards, encoding, publishing ------------------------------------------------------------------

def test_typeof_guards_in_compiled_helpers(run, tmp_path):
    write(tmp_path, "fn.js", "function _typeof(o) { return _typeof = \"function\" == typeof Symbol && \"symbol\" == "
                             "typeof Symbol.iterator ? function (o) { return typeof o; } : function (o) { return o && "
                             "\"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype ? "
                             "\"symbol\" : typeof o; }, _typeof(o); }\n"
                             "function _isNativeReflectConstruct() {\n"
                             "  if (typeof Reflect === \"undefined\" || !Reflect.construct) return false;\n"
                             "  if (Reflect.construct.sham) return false;\n  return true;\n}\n"
                             "function handler(event) {\n  _typeof(event);\n  return event.request;\n}\n")
    assert [i for i in _check(run, tmp_path, "fn.js") if i["code"] == "CF010"] == []


def test_latin1_bytes_in_a_comment_are_a_warning(run, tmp_path):
    write(tmp_path, "fn.js", b"// \xa9 2019 Example GmbH, M\xfcnchen\nfunction handler(event) {\n"
                             b"  return event.request;\n}\n")
    assert _codes(_check(run, tmp_path, "fn.js")) == [("EL004", 1, "warning")]


def test_associated_function_that_is_never_published(run, tmp_path):
    write(tmp_path, "template.yaml", "Resources:\n  Fn:\n    Type: AWS::CloudFront::Function\n    Properties:\n"
                                     "      Name: fn\n      AutoPublish: false\n"
                                     "      FunctionConfig: {Comment: fn, Runtime: cloudfront-js-2.0}\n"
                                     "      FunctionCode: \"function handler(event) { return event.request; }\"\n"
                                     "  Dist:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n"
                                     "      DistributionConfig:\n        DefaultCacheBehavior:\n"
                                     "          FunctionAssociations:\n            - EventType: viewer-request\n"
                                     "              FunctionARN: !GetAtt Fn.FunctionMetadata.FunctionARN\n")
    write(tmp_path, "main.tf", 'resource "aws_cloudfront_function" "fn" {\n  name = "fn"\n'
                               '  runtime = "cloudfront-js-2.0"\n  code = "function handler(event) { return event.request; }"\n'
                               '  publish = false\n}\nresource "aws_cloudfront_distribution" "d" {\n'
                               '  default_cache_behavior {\n    function_association {\n'
                               '      event_type = "viewer-request"\n      function_arn = aws_cloudfront_function.fn.arn\n'
                               '    }\n  }\n}\n')
    found = {(i["path"], i["code"], i["line"]) for i in _check(run, tmp_path, ".")}
    assert {("template.yaml", "DP013", 6), ("main.tf", "DP013", 5)} <= found


def test_a_socket_servers_connection_handler_is_not_a_connection_function(run, tmp_path):
    write(tmp_path, "server.js", "const net = require('net');\nfunction connectionHandler(connection) {\n"
                                 "  connection.on('data', (d) => connection.write(d));\n}\n"
                                 "net.createServer(connectionHandler).listen(8080);\n")
    result = run("check", "--show-targets", "server.js", cwd=tmp_path)
    assert "skipped: not edge code" in result.out


@pytest.mark.parametrize("code, severity", [
    ("const L = (process.env.L == null) ? '100' : process.env.L;", "warning"),
    ("const H = process.env.H?.split(',') ?? [];", "warning"),
    ("const F = process.env.F === 'true' ? 1 : 0;", "warning"),
    ("if (!process.env.KEY) throw new Error('KEY missing');", "error"),
])
def test_environment_fallback_shapes(run, tmp_path, code, severity):
    write(tmp_path, "fn.js", code + "\nexports.handler = async (event) => event.Records[0].cf.request;\n")
    found = {i["severity"] for i in _check(run, tmp_path, "--event", "origin-request", "fn.js") if i["code"] == "LE001"}
    assert found == {severity}
