"""`edgelint migrate`: the original and the migrated function run side by side — JavaScript in
node, Python originals here — on the same requests in their own event shapes, and must do the
same thing; every result lints clean as its new kind; refusals name each blocker's line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write
from edgelint.migrate import Refusal, migrate
from edgelint.migrate.verify import Request, compare, node_available

CASES = Path(__file__).parent / "data" / "migrate"
LAMBDA_CASES = sorted((CASES / "lambda-edge").iterdir())
CLOUDFRONT_CASES = sorted((CASES / "cloudfront").iterdir())
needs_node = pytest.mark.skipif(not node_available(), reason="node is not installed: the behaviour check runs "
                                "JavaScript in node")

_BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15"
_PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148"
_AUTH = "Basic YWRtaW46c2VjcmV0"  # admin:secret


def viewer_requests() -> list[Request]:
    host = [("host", "www.example.com")]
    return [
        Request(uri="/"),
        Request(uri="/", headers=host + [("accept-language", "de-DE,de;q=0.9,en;q=0.8")]),
        Request(uri="/", headers=host + [("accept-language", "fr")], cookies=[("ab", "b")]),
        Request(uri="/index.html", headers=[("host", "example.com")]),
        Request(uri="/docs/", headers=host),
        Request(uri="/docs/guide", headers=host, query=[("page", "2"), ("utm_source", "x"), ("sort", "asc")]),
        Request(uri="/old", headers=[("user-agent", _BROWSER)]),
        Request(uri="/blog/post", query=[("ref", "")]),
        Request(uri="/API/Users", headers=[("user-agent", _PHONE)]),
        Request(uri="/img/photo.jpg", headers=[("accept", "image/webp"), ("accept", "image/*")]),
        Request(uri="/img/photo.png", headers=[("accept", "text/html")]),
        Request(uri="/account", headers=[("authorization", _AUTH)], cookies=[("session", "abc"), ("theme", "dark")]),
        Request(uri="/account", headers=[("authorization", "Basic d3Jvbmc=")]),
        Request(uri="/api/items", method="POST", headers=[("content-type", "application/json")]),
        Request(uri="/search", query=[("q", "edge"), ("q", "lambda"), ("lang", "de")]),
        Request(uri="/search", query=[("lang", "es"), ("v", "1")]),
        Request(uri="/wp-admin/login.php", ip="203.0.113.9"),
        Request(uri="/.env", headers=[("user-agent", "curl/8.4")]),
        Request(uri="/shop/", headers=[("origin", "https://app.example.com"), ("user-agent", _PHONE)]),
        Request(uri="/m/home", headers=[("user-agent", _PHONE)], ip="2001:db8::7"),
        Request(uri="/Assets/App.CSS", method="HEAD"),
        Request(uri="/phpmyadmin", headers=[("x-forwarded-for", "192.0.2.1"), ("x-forwarded-for", "192.0.2.2")]),
    ]


def response_requests() -> list[Request]:
    out = []
    for r in viewer_requests():
        r.event = "viewer-response"
        r.response_headers = [("content-type", "text/html"), ("x-powered-by", "Express"), ("server", "nginx")]
        out.append(r)
    out[3].status = 404
    out[5].set_cookies = ["session=1; Path=/; HttpOnly"]
    out[6].response_headers = [("content-type", "application/javascript"), ("vary", "Accept-Encoding")]
    out[7].headers = [("origin", "https://admin.example.com")]
    out[9].uri = "/static/app.js"
    return out


def _requests_for(path: Path) -> list[Request]:
    head = path.read_text("utf-8").splitlines()[0]
    return response_requests() if "viewer-response" in head else viewer_requests()


@needs_node
@pytest.mark.parametrize("path", LAMBDA_CASES, ids=[p.name for p in LAMBDA_CASES])
def test_lambda_edge_to_cloudfront_function_behaves_the_same(path: Path) -> None:
    requests = _requests_for(path)
    assert len(requests) >= 20
    result = migrate(path, "cloudfront-function")
    assert result.kind == "cloudfront-function" and result.runtime == "cloudfront-js-2.0"
    differences = compare("lambda-edge", path.read_text("utf-8"), "cloudfront-function", result.code, requests,
                          python=path.suffix == ".py")
    assert differences == [], "\n".join(differences) + "\n\n" + result.code


@needs_node
@pytest.mark.parametrize("path", CLOUDFRONT_CASES, ids=[p.name for p in CLOUDFRONT_CASES])
def test_cloudfront_function_to_lambda_edge_behaves_the_same(path: Path) -> None:
    requests = _requests_for(path)
    result = migrate(path, "lambda-edge")
    assert result.kind == "lambda-edge" and result.runtime.startswith("nodejs")
    differences = compare("cloudfront-function", path.read_text("utf-8"), "lambda-edge", result.code, requests)
    assert differences == [], "\n".join(differences) + "\n\n" + result.code


def test_at_least_fifteen_cases_each_way() -> None:
    assert len(LAMBDA_CASES) >= 15 and len(CLOUDFRONT_CASES) >= 15
    assert sum(p.suffix == ".py" for p in LAMBDA_CASES) >= 3


@pytest.mark.parametrize("path", LAMBDA_CASES + CLOUDFRONT_CASES, ids=[p.name for p in LAMBDA_CASES + CLOUDFRONT_CASES])
def test_every_migrated_file_lints_clean_as_its_new_kind(run, tmp_path, path: Path) -> None:
    to = "lambda-edge" if path.parent.name == "cloudfront" else "cloudfront-function"
    result = migrate(path, to)
    out = write(tmp_path, "migrated.js", result.code)
    found = json.loads(run("check", "--no-cache", "--output-format", "json", "--runtime", result.runtime,
                           "--event", result.event, str(out), cwd=tmp_path).out)
    assert [f for f in found if f["severity"] == "error"] == [], result.code


# -- refusals ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, expected", [
    ("const https = require('https');\nexports.handler = async (event) => {\n"
     "  const request = event.Records[0].cf.request;\n  const t = process.env.TOKEN;\n"
     "  if (request.body) { return request; }\n  return request;\n};\n",
     [(1, "network access"), (4, "environment variables"), (5, "request body")]),
    ("exports.handler = (event, context, callback) => {\n  const request = event.Records[0].cf.request;\n"
     "  setTimeout(() => callback(null, request), 10);\n};\n", [(3, "timers")]),
    ("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
     "  const c = request.headers.cookie;\n  return request;\n};\n", [(3, "cookie")]),
    ("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
     "  request.headers['x-a'] = makeHeader();\n  return request;\n};\nfunction makeHeader() { return []; }\n",
     [(3, "other than a literal list")]),
])
def test_refusals_list_each_blocker_with_its_line(tmp_path, code: str, expected: list[tuple[int, str]]) -> None:
    path = write(tmp_path, "edge.js", "// edgelint: runtime=nodejs22.x event=viewer-request\n" + code)
    with pytest.raises(Refusal) as refusal:
        migrate(path, "cloudfront-function")
    found = [(b.line - 1, b.why) for b in refusal.value.blockers]  # minus the pragma line
    for line, words in expected:
        assert any(l == line and words in why for l, why in found), found


def test_origin_events_and_kvs_are_refused(tmp_path) -> None:
    origin = write(tmp_path, "origin.js", "// edgelint: runtime=nodejs22.x event=origin-request\n"
                                          "exports.handler = async (e) => e.Records[0].cf.request;\n")
    with pytest.raises(Refusal, match="viewer events only"):
        migrate(origin, "cloudfront-function")
    kvs = write(tmp_path, "kvs.js", "import cf from 'cloudfront';\nconst kvs = cf.kvs();\n"
                                    "async function handler(event) {\n  try { event.request.uri = await kvs.get('x'); }"
                                    " catch (e) {}\n  return event.request;\n}\n")
    with pytest.raises(Refusal) as refusal:
        migrate(kvs, "lambda-edge")
    assert refusal.value.blockers[0].line == 1 and "KeyValueStore" in refusal.value.blockers[0].why


def test_every_mg002_fixture_migrates_or_is_refused_for_a_reason() -> None:
    from edgelint.testing import lint_fixture

    flagged = []
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.suffix not in (".js", ".py") or "projects" in path.parts:
            continue
        result = lint_fixture(path)
        if any(f.code == "MG002" for f in result.findings):
            flagged.append(path)
            try:
                migration = migrate(path, "cloudfront-function")
                assert migration.code
            except Refusal as refusal:
                assert refusal.blockers and all(b.why for b in refusal.blockers), path
    assert len(flagged) >= 5


# -- the command -----------------------------------------------------------------------------------

def test_the_command_prints_code_and_the_deployment_change(run, tmp_path) -> None:
    path = write(tmp_path, "redirect.js", (CASES / "lambda-edge" / "redirect-map.js").read_text("utf-8"))
    result = run("migrate", "redirect.js", "--to", "cloudfront-function", cwd=tmp_path)
    assert result.code == 0, result.err + result.out
    assert result.out.lstrip().startswith("// edgelint") and "async function handler(event)" in result.out
    assert "statusCode: 301" in result.out and "Records" not in result.out
    assert "Type: AWS::CloudFront::Function" in result.err and 'resource "aws_cloudfront_function"' in result.err
    written = run("migrate", "redirect.js", "--to", "cloudfront-function", "-o", "function.js", cwd=tmp_path)
    assert written.code == 0 and (tmp_path / "function.js").read_text("utf-8") == result.out
    diff = run("migrate", "redirect.js", "--to", "cloudfront-function", "--diff", cwd=tmp_path)
    assert diff.out.startswith("--- redirect.js") and "-exports.handler" in diff.out
    assert path.read_text("utf-8") == (CASES / "lambda-edge" / "redirect-map.js").read_text("utf-8")


def test_the_command_refuses_with_exit_one_and_writes_nothing(run) -> None:
    result = run("migrate", "examples/edge-site/lambda/auth/index.js", "--to", "cloudfront-function", "--write",
                 cwd=ROOT)
    assert result.code == 1 and result.out == ""
    assert "examples/edge-site/lambda/auth/index.js:8: network access" in result.err
    assert subprocess.run(["git", "diff", "--quiet", "examples"], cwd=ROOT).returncode == 0


def test_migration_advice_names_the_command() -> None:
    from edgelint.rule import load_rules

    rules = load_rules()
    assert "edgelint migrate" in rules["MG001"].help or "edgelint migrate" in rules["MG001"].doc()
    assert "edgelint migrate" in rules["MG002"].doc()


_SAM = """AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  RewriteFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: index.handler
      Runtime: nodejs22.x
      AutoPublishAlias: live
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
          LambdaFunctionAssociations:
            - EventType: viewer-request
              LambdaFunctionARN: !Ref RewriteFunction.Version
        Origins:
          - Id: site
            DomainName: site.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
Outputs:
  DistributionId:
    Value: !Ref Distribution
"""

_TF = """data "archive_file" "rewrite" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/rewrite.zip"
}

resource "aws_lambda_function" "rewrite" {
  function_name = "rewrite"
  role          = "arn:aws:iam::123456789012:role/edge"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  filename      = data.archive_file.rewrite.output_path
  publish       = true
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = aws_lambda_function.rewrite.qualified_arn
    }
  }
}
"""


@pytest.mark.parametrize("deployment", ["template.yaml", "main.tf"])
def test_update_deployment_writes_the_new_association(run, tmp_path, deployment) -> None:
    (tmp_path / ".git").mkdir()
    code = (CASES / "lambda-edge" / "index-rewrite.js").read_text("utf-8").split("\n", 1)[1]
    write(tmp_path, "src/index.js", code)
    if deployment == "main.tf":
        write(tmp_path, "main.tf", _TF)
    else:
        write(tmp_path, deployment, _SAM)
    before = (tmp_path / deployment).read_text("utf-8")
    result = run("migrate", "src/index.js", "--to", "cloudfront-function", "--event", "viewer-request",
                 "-o", "src/function.js", "--update-deployment", cwd=tmp_path)
    assert result.code == 0 and "updated" in result.err, result.err
    after = (tmp_path / deployment).read_text("utf-8")
    assert after != before and "Lambda" not in after.split("Distribution", 1)[-1].split("Outputs")[0] \
        if deployment == "template.yaml" else "function_association {" in after
    found = json.loads(run("check", "--no-cache", "--output-format", "json", ".", cwd=tmp_path).out)
    assert [f for f in found if f["severity"] == "error"] == []
    targets = run("check", "--show-targets", "src/function.js", cwd=tmp_path).out
    if deployment == "main.tf":
        assert "cloudfront-function cloudfront-js-2.0 viewer-request (deployment main.tf" in targets
    else:
        cfn_lint = str(Path(sys.executable).with_name("cfn-lint"))
        cfn = subprocess.run([cfn_lint, str(tmp_path / deployment)], capture_output=True, text=True, timeout=300)
        assert cfn.returncode in (0, 4), cfn.stdout + cfn.stderr  # 4: warnings only


def test_update_deployment_needs_a_written_file(run, tmp_path) -> None:
    write(tmp_path, "edge.js", (CASES / "lambda-edge" / "index-rewrite.js").read_text("utf-8"))
    result = run("migrate", "edge.js", "--to", "cloudfront-function", "--update-deployment", cwd=tmp_path)
    assert result.code == 2 and "--write or -o" in result.err


# Shapes an adversarial review found the rewrite got wrong (results that differed from the
# original without a refusal); each must now be refused, naming the line.
_LE = "// edgelint: runtime=nodejs22.x event=viewer-request\n"


@pytest.mark.parametrize("body, line, words", [
    ("  const { querystring } = event.Records[0].cf.request;\n  return querystring.includes('a') ? {} : {};\n",
     2, "destructures"),
    ("  const { request, config } = event.Records[0].cf;\n  return request;\n", 2, "destructures"),
    ("  const request = event.Records[0].cf.request;\n  const list = request.headers['x-forwarded-for'] || [];\n"
     "  return list.length > 1 ? { status: '400' } : request;\n", 3, "value list as a value"),
    ("  const request = event.Records[0].cf.request;\n  Object.keys(request.headers).forEach((k) => {\n"
     "    request.headers[k][0].value = request.headers[k][0].value.trim();\n  });\n  return request;\n",
     3, "headers object as a whole"),
    ("  const request = event.Records[0].cf.request;\n  const origin = request.headers.origin?.[0].value;\n"
     "  return request;\n", 3, "cannot follow"),
    ("  const request = event.Records[0].cf.request;\n  if ('cookie' in request.headers) { request.uri = '/c'; }\n"
     "  return request;\n", 3, "headers object as a whole"),
    ("  const request = event.Records[0].cf.request;\n  const resp = { status: '404', statusDescription: 'x' };\n"
     "  resp.headers = { a: [{ value: '1' }] };\n  return resp;\n", 4, "after creating it"),
    ("  const request = event.Records[0].cf.request;\n  request.headers.accept[0].value = 'text/html';\n"
     "  return request;\n", 3, "several"),
    ("  const request = event.Records[0].cf.request;\n  request.headers = { ...request.headers, ...EXTRA };\n"
     "  return request;\n", 3, "headers object as a whole"),
])
def test_shapes_the_rewrite_cannot_follow_are_refused(tmp_path, body: str, line: int, words: str) -> None:
    path = write(tmp_path, "edge.js", _LE + "const EXTRA = {};\nexports.handler = async (event) => {\n" + body + "};\n")
    with pytest.raises(Refusal) as refusal:
        migrate(path, "cloudfront-function")
    found = [(b.line - 2, b.why) for b in refusal.value.blockers]  # minus the pragma and EXTRA lines
    assert any(l == line and words in why for l, why in found), found


def test_code_after_the_callback_is_refused(tmp_path) -> None:
    path = write(tmp_path, "edge.js", _LE + "exports.handler = (event, context, callback) => {\n"
                 "  const request = event.Records[0].cf.request;\n  callback(null, request);\n"
                 "  request.headers['x-late'] = [{ key: 'X-Late', value: '1' }];\n};\n")
    with pytest.raises(Refusal, match="after calling the callback"):
        migrate(path, "cloudfront-function")


@pytest.mark.parametrize("code, words", [
    ("BLOCKED = ('/a', '/b')\n\ndef handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
     "    if request['uri'].startswith(BLOCKED):\n        return {'status': '403'}\n    return request\n", "tuple"),
    ("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
     "    for name in request['headers']:\n        pass\n    return request\n", "for loop"),
    ("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
     "    request['uri'] = '-' * 3\n    return request\n", "operator"),
    ("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
     "    request['uri'] = '/' + str(max(1, 2))\n    return request\n", "max"),
    ("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
     "    parts = ['a'] + ['b']\n    return request\n", "lists"),
    ("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
     "    if 'cookie' in request['headers']:\n        request['uri'] = '/c'\n    return request\n", "cookie"),
])
def test_python_the_translation_cannot_keep_is_refused(tmp_path, code: str, words: str) -> None:
    path = write(tmp_path, "edge.py", "# edgelint: runtime=python3.12 event=viewer-request\n" + code)
    with pytest.raises(Refusal) as refusal:
        migrate(path, "cloudfront-function")
    assert any(words in b.why for b in refusal.value.blockers), refusal.value.blockers


def test_results_carry_a_pragma_for_their_new_runtime() -> None:
    result = migrate(CASES / "lambda-edge" / "index-rewrite.js", "cloudfront-function")
    assert result.code.startswith("// edgelint: runtime=cloudfront-js-2.0 event=viewer-request")
    back = migrate(CASES / "cloudfront" / "index-rewrite.js", "lambda-edge")
    assert "// edgelint: runtime=nodejs22.x event=viewer-request" in back.code
