"""What a file is linted as when nothing declares it: event from names, exports, handler types
and the event parts read; CloudFront Functions runtime from the code; placeholders; declared
stripped exports; and the run summary that always says what was checked."""

from __future__ import annotations

import json

from conftest import write

LE_REQUEST = "  const request = event.Records[0].cf.request;\n"
TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  EdgeFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.originRequest
      Runtime: nodejs22.x
      AutoPublishAlias: live
      Role: arn:aws:iam::123456789012:role/edge
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          LambdaFunctionAssociations:
            - EventType: origin-request
              LambdaFunctionARN: !Ref EdgeFn.Version
"""
TWO_EXPORTS = """\
exports.originRequest = async (event) => {
  const request = event.Records[0].cf.request;
  return request;
};
exports.viewerResponse = async (event) => {
  const response = event.Records[0].cf.response;
  response.status = '302';
  return response;
};
"""


def _targets(run, *paths: str, cwd=None) -> dict[str, list[dict]]:
    result = run("check", "--show-targets", "--output-format", "json", *paths, cwd=cwd)
    assert result.code == 0, result.err
    return {entry["path"]: entry["targets"] for entry in json.loads(result.out)}


def _codes(run, *paths: str, cwd=None) -> set[tuple[str, int, str]]:
    result = run("check", "--output-format", "json", *paths, cwd=cwd)
    return {(f["path"], f["line"], f["code"]) for f in json.loads(result.out)}


def test_event_from_file_and_folder_names(run, tmp_path):
    body = "exports.handler = async (event) => {\n" + LE_REQUEST + "  return request;\n};\n"
    write(tmp_path, "edge/viewer-request.js", body)
    write(tmp_path, "edge/origin-request/index.js", body)
    write(tmp_path, "edge/originResponse.ts", body.replace("request", "response"))
    write(tmp_path, "edge/handler.js", body)
    targets = _targets(run, "edge")
    assert targets["edge/viewer-request.js"][0]["event"] == "viewer-request"
    assert targets["edge/origin-request/index.js"][0]["event"] == "origin-request"
    assert targets["edge/originResponse.ts"][0]["event"] == "origin-response"
    assert "file name" in targets["edge/viewer-request.js"][0]["reason"]
    assert targets["edge/handler.js"][0]["event"] is None  # nothing says which event


def test_event_name_never_contradicts_the_code(run, tmp_path):
    # The file says viewer-request, the code reads cf.response: the code wins (a response event).
    write(tmp_path, "viewer-request.js", "exports.handler = async (event) => {\n"
                                         "  const { response } = event.Records[0].cf;\n  return response;\n};\n")
    [target] = _targets(run, ".")["viewer-request.js"]
    assert target["event"] is None and target["family"] == "response"


def test_response_read_and_handler_type_give_the_family(run, tmp_path):
    write(tmp_path, "headers.js", "exports.handler = async (event) => {\n"
                                  "  const response = event.Records[0].cf.response;\n"
                                  "  response.status = 200;\n  return response;\n};\n")
    write(tmp_path, "typed.ts", "import type { CloudFrontResponseHandler } from 'aws-lambda';\n"
                                "export const handler: CloudFrontResponseHandler = async (event) => {\n"
                                "  return event.Records[0].cf.response;\n};\n")
    targets = _targets(run, ".")
    assert targets["headers.js"][0]["family"] == "response"
    assert targets["typed.ts"][0]["family"] == "response"
    # Response-event rules now run: LE004 checks the status written on a response.
    assert ("headers.js", 3, "LE004") in _codes(run, ".")


def test_each_event_named_export_is_its_own_target(run, tmp_path):
    write(tmp_path, "src/app.js", TWO_EXPORTS)
    [entry] = _targets(run, "src/app.js").values()
    assert [(t["handler"], t["event"]) for t in entry] == [("originRequest", "origin-request"),
                                                          ("viewerResponse", "viewer-response")]


def test_a_deployment_naming_one_export_links_to_that_export(run, tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "template.yaml", TEMPLATE)
    write(tmp_path, "src/app.js", TWO_EXPORTS)
    for paths in ((".",), ("src/app.js",)):  # the whole project, and pre-commit naming the file
        entry = _targets(run, *paths)["src/app.js"]
        deployed, other = entry
        assert (deployed["handler"], deployed["event"], deployed["runtime"]) == \
            ("originRequest", "origin-request", "nodejs22.x")
        assert "template.yaml" in deployed["reason"]
        assert (other["handler"], other["event"]) == ("viewerResponse", "viewer-response")
        assert "not named by a deployment" in other["reason"]


def test_cloudfront_function_runtime_inferred_from_10_only_methods(run, tmp_path):
    code = ("function handler(event) {\n  var request = event.request;\n"
            "  request.headers['x-raw'] = { value: String.bytesFrom('aGk=', 'base64') };\n"
            "  return request;\n}\n")
    write(tmp_path, "fn.js", code)
    [target] = _targets(run, "fn.js")["fn.js"]
    assert target["runtime"] == "cloudfront-js-1.0" and "runtime inferred" in target["reason"]
    assert _codes(run, "fn.js") == set()  # no false "removed in 2.0" error
    # Declared 2.0, the same code is an error; code using 2.0 syntax is never inferred as 1.0.
    assert _codes(run, "--runtime", "cloudfront-js-2.0", "fn.js") == {("fn.js", 3, "CF010")}
    write(tmp_path, "fn2.js", code.replace("var request", "const request"))
    [target] = _targets(run, "fn2.js")["fn2.js"]
    assert target["runtime"] == "cloudfront-js-2.0"


def test_build_placeholders_are_opaque_values(run, tmp_path):
    write(tmp_path, "edge.js", "exports.handler = async (event) => {\n" + LE_REQUEST +
          "  request.origin = { custom: { domainName: __API_BASE_URL__, port: $_PORT_ } };\n"
          "  return request;\n};\n")
    assert _codes(run, "edge.js") == set()


def test_strip_exports_lints_the_deployed_code(run, tmp_path):
    code = "function handler(event) {\n  return event.request;\n}\nmodule.exports = { handler };\n"
    write(tmp_path, "functions/redirect.js", code)
    write(tmp_path, "functions/esm.js", "export " + code.rsplit("module", 1)[0])
    skipped = _targets(run, ".")
    assert skipped["functions/redirect.js"] == [] and skipped["functions/esm.js"] == []
    entry = ('[[functions]]\npaths = ["functions/*.js"]\nruntime = "cloudfront-js-2.0"\n'
             'event = "viewer-request"\n')
    write(tmp_path, "edgelint.toml", entry)
    assert _codes(run, ".") == {("functions/redirect.js", 4, "CF007"), ("functions/esm.js", 1, "CF007")}
    write(tmp_path, "edgelint.toml", entry + "strip-exports = true\n")
    assert _codes(run, ".") == set()
    [target] = _targets(run, ".")["functions/esm.js"]
    assert target["strip_exports"] is True
    # A real problem in the stripped file is still found.
    write(tmp_path, "functions/redirect.js", code.replace("return", "fetch('https://x');\n  return"))
    assert ("functions/redirect.js", 2, "CF001") in _codes(run, ".")


def test_summary_counts_every_run(run, tmp_path):
    write(tmp_path, "fn.js", "function handler(event) { return event.request; }\n")
    write(tmp_path, "server.js", "module.exports = () => 1;\n")
    write(tmp_path, "template.yaml", TEMPLATE)
    result = run("check", ".")
    assert result.code == 0
    assert result.out.splitlines()[-1] == "Checked 3 files: 1 edge function, 1 deployment file, 1 not edge code."
    machine = run("check", "--output-format", "json", ".")
    assert json.loads(machine.out) == []
    assert "Checked 3 files" in machine.err  # the report on stdout stays parseable


def test_no_edge_code_warns_and_exits_zero(run, tmp_path):
    write(tmp_path, "server.js", "module.exports = () => 1;\n")
    write(tmp_path, "util.py", "def add(a, b):\n    return a + b\n")
    result = run("check", ".")
    assert result.code == 0
    assert "Checked 2 files: 0 edge functions, 2 not edge code." in result.out
    assert "warning: no edge code in ." in result.err and "--show-targets" in result.err


def test_response_read_through_an_alias_of_cf(run, tmp_path):
    write(tmp_path, "a.js", "exports.handler = async (event) => {\n  const cf = event.Records[0].cf;\n"
                            "  const res = cf.response;\n  return res;\n};\n")
    write(tmp_path, "b.js", "exports.handler = async (event) => {\n  const cf = event.Records[0].cf;\n"
                            "  const { response } = cf;\n  return response;\n};\n")
    write(tmp_path, "c.js", "exports.handler = async (event) => {\n  const cf = event.Records[0].cf;\n"
                            "  return cf.request;\n};\n")
    targets = _targets(run, ".")
    assert targets["a.js"][0]["family"] == "response" and targets["b.js"][0]["family"] == "response"
    assert targets["c.js"][0]["family"] is None


def test_one_handler_for_several_events_gets_no_family(run, tmp_path):
    # Kameleoon-style: the same handler is deployed on all four events and asks which one it is.
    write(tmp_path, "a.js", "exports.handler = async (event) => {\n"
                            "  if ('response' in event.Records[0].cf) {\n"
                            "    return event.Records[0].cf.response;\n  }\n"
                            "  const request = event.Records[0].cf.request;\n"
                            "  request.querystring = 'x=1';\n  return request;\n};\n")
    write(tmp_path, "b.js", "exports.handler = async (event) => {\n  const cf = event.Records[0].cf;\n"
                            "  if (cf.config.eventType === 'viewer-response') return cf.response;\n"
                            "  return cf.request;\n};\n")
    targets = _targets(run, ".")
    assert targets["a.js"][0]["family"] is None and targets["b.js"][0]["family"] is None
    assert _codes(run, ".") == set()  # no LE008 for the querystring written in the request branch


def test_event_words_inside_a_longer_folder_name(run, tmp_path):
    body = "exports.handler = async (event) => event.Records[0].cf.response;\n"
    write(tmp_path, "functions/image-origin-response-function/index.js", body)
    write(tmp_path, "functions/edgeViewerRequestHandler.js", body.replace("response", "request"))
    write(tmp_path, "functions/original-responses/index.js", body)
    targets = _targets(run, ".")
    assert targets["functions/image-origin-response-function/index.js"][0]["event"] == "origin-response"
    assert targets["functions/edgeViewerRequestHandler.js"][0]["event"] == "viewer-request"
    assert targets["functions/original-responses/index.js"][0]["event"] is None
