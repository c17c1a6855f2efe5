"""Deployment configuration end to end: linking, inline code, bad input, cdk.out, cfn-lint."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "deploy"

EDGE_CODE = """exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  request.headers['host'] = [{ key: 'Host', value: 'other.example.com' }];
  const body = request.body;
  return request;
};
"""


def template(event: str, include_body: str = "", runtime: str = "nodejs22.x") -> str:
    return f"""Transform: AWS::Serverless-2016-10-31
Resources:
  EdgeFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: index.handler
      Runtime: {runtime}
      AutoPublishAlias: live
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {{Service: [lambda.amazonaws.com, edgelambda.amazonaws.com]}}
            Action: sts:AssumeRole
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          LambdaFunctionAssociations:
            - EventType: {event}
              LambdaFunctionARN: !Ref EdgeFn.Version
{include_body}"""


def findings(run, cwd: Path, *args: str) -> list[dict]:
    result = run("--output-format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.err, result.err
    return json.loads(result.out) if result.out.strip() else []


# -- must-show 2: linking changes results ---------------------------------------------------

def test_header_write_is_an_error_only_on_the_associated_event(run, tmp_path):
    write(tmp_path, "src/index.js", EDGE_CODE)
    write(tmp_path, "template.yaml", template("viewer-request"))
    codes = {(i["path"], i["line"], i["code"]) for i in findings(run, tmp_path, ".")}
    assert ("src/index.js", 3, "LE003") in codes
    write(tmp_path, "template.yaml", template("origin-response"))
    codes = {(i["path"], i["line"], i["code"]) for i in findings(run, tmp_path, ".")}
    assert not any(code == "LE003" for _, _, code in codes)


def test_include_body_silences_the_body_warning(run, tmp_path):
    write(tmp_path, "src/index.js", EDGE_CODE)
    write(tmp_path, "template.yaml", template("origin-request"))
    items = findings(run, tmp_path, ".")
    le005 = [i for i in items if i["code"] == "LE005"]
    assert le005 and le005[0]["severity"] == "warning" and le005[0]["target"]["event"] == "origin-request"
    write(tmp_path, "template.yaml", template("origin-request", "              IncludeBody: true\n"))
    assert not any(i["code"] == "LE005" for i in findings(run, tmp_path, "."))


def test_cloudfront_js_10_runtime_turns_const_into_an_error(run, tmp_path):
    code = "function handler(event) {\n  const request = event.request;\n  return request;\n}\n"
    write(tmp_path, "fn/index.js", code)
    tf_like = ("Resources:\n  Fn:\n    Type: AWS::CloudFront::Function\n    Properties:\n      Name: f\n"
               "      FunctionConfig: {{Comment: f, Runtime: {runtime}}}\n"
               "      FunctionCode: \"function handler(event) {{ const r = event.request; return r; }}\"\n")
    write(tmp_path, "template.yaml", tf_like.format(runtime="cloudfront-js-1.0"))
    items = findings(run, tmp_path, "template.yaml")
    assert {(i["line"], i["code"], i["severity"]) for i in items if i["code"] == "CF006"} == {(7, "CF006", "error")}
    assert any(i["code"] == "DP002" and i["line"] == 6 for i in items)
    write(tmp_path, "template.yaml", tf_like.format(runtime="cloudfront-js-2.0"))
    assert not [i for i in findings(run, tmp_path, "template.yaml") if i["severity"] == "error"]


def test_show_targets_names_the_deployment(run, tmp_path):
    write(tmp_path, "src/index.js", EDGE_CODE)
    write(tmp_path, "template.yaml", template("viewer-request"))
    out = run("--show-targets", ".", cwd=tmp_path).out
    assert "src/index.js: lambda-edge nodejs22.x viewer-request (deployment template.yaml: EdgeFn on viewer-request)" in out
    assert "template.yaml: deployment configuration (sam)" in out


# -- must-show 3: inline code at the right template line ------------------------------------

def test_inline_cloudfront_function_findings_map_to_template_lines(run):
    items = findings(run, ROOT, "fixtures/deploy/cloudformation/invalid-cloudfront-functions.yaml")
    cf006 = [i for i in items if i["code"] == "CF006"]
    assert [(i["line"], i["column"]) for i in cf006] == [(17, 11)]
    assert cf006[0]["target"] == {"kind": "cloudfront-function", "runtime": "cloudfront-js-1.0", "event": "viewer-request"}


def test_inline_code_in_json_template_maps_to_its_line(run, tmp_path):
    data = {"Resources": {"Fn": {"Type": "AWS::CloudFront::Function", "Properties": {
        "Name": "f", "FunctionConfig": {"Comment": "f", "Runtime": "cloudfront-js-2.0"},
        "FunctionCode": "function handler(event) {\n  var x = eval('1');\n  return event.request;\n}\n"}}}}
    write(tmp_path, "template.json", json.dumps(data, indent=2))
    items = findings(run, tmp_path, "template.json")
    line = next(n for n, text in enumerate(json.dumps(data, indent=2).splitlines(), 1) if "FunctionCode" in text)
    assert [(i["code"], i["line"]) for i in items] == [("CF004", line)]


# -- must-show 4: bad input never crashes --------------------------------------------------

@pytest.mark.parametrize("name, text, message", [
    ("template.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: [unclosed\n", "invalid YAML"),
    ("template.json", '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function",}}}', "invalid JSON"),
    ("bomb.yaml", "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n" + "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(7))
     + "AWSTemplateFormatVersion: x\n", "alias"),
])
def test_malformed_deployment_files(run, tmp_path, name, text, message):
    write(tmp_path, name, text)
    write(tmp_path, "edge.js", "function handler(event) {\n  var h = require('https');\n  return event.request;\n}\n")
    items = findings(run, tmp_path, ".")
    el001 = [i for i in items if i["code"] == "EL001"]
    assert len(el001) == 1 and message in el001[0]["message"] and el001[0]["path"] == name
    assert any(i["code"] == "CF001" for i in items)  # the other file is still linted


def test_unknown_intrinsics_are_unknown_not_fatal(run, tmp_path):
    text = template("viewer-request").replace("Runtime: nodejs22.x", "Runtime: !Bogus runtime").replace(
        "LambdaFunctionARN: !Ref EdgeFn.Version", "LambdaFunctionARN: !ImportValue edge-arn")
    write(tmp_path, "template.yaml", text)
    result = run("--output-format", "json", "template.yaml", cwd=tmp_path)
    assert result.code == 0 and "Traceback" not in result.err


# -- other formats and settings --------------------------------------------------------------

def test_cdk_out_stack_region(run, tmp_path):
    out = tmp_path / "cdk.out"
    stack = json.loads(json.dumps({"Resources": {
        "EdgeFn": {"Type": "AWS::Lambda::Function", "Properties": {
            "Runtime": "nodejs22.x", "Handler": "index.handler", "Role": "arn:aws:iam::123456789012:role/r",
            "Code": {"S3Bucket": "b", "S3Key": "k.zip"}}, "Metadata": {"aws:asset:path": "asset.abc"}},
        "EdgeVersion": {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Ref": "EdgeFn"}}},
        "Dist": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {
            "DefaultCacheBehavior": {"LambdaFunctionAssociations": [
                {"EventType": "origin-request", "LambdaFunctionARN": {"Ref": "EdgeVersion"}}]}}}}}}))
    write(out, "Site.template.json", json.dumps(stack, indent=1))
    write(out, "asset.abc/index.js", "exports.handler = async (e) => e.Records[0].cf.request;\n")
    write(out, "manifest.json", json.dumps({"version": "36.0.0", "artifacts": {"Site": {
        "type": "aws:cloudformation:stack", "environment": "aws://123456789012/eu-west-1",
        "properties": {"templateFile": "Site.template.json"}}}}, indent=1))
    items = findings(run, tmp_path, ".")
    dp001 = [i for i in items if i["code"] == "DP001"]
    assert len(dp001) == 1 and dp001[0]["path"] == "cdk.out/manifest.json" and "eu-west-1" in dp001[0]["message"]
    assert not any(i["path"].startswith("cdk.out/asset.") for i in items)  # assets are packages, not source


def test_samconfig_region(run, tmp_path):
    write(tmp_path, "src/index.js", "exports.handler = async (e) => e.Records[0].cf.request;\n")
    write(tmp_path, "template.yaml", template("origin-request"))
    write(tmp_path, "samconfig.toml", 'version = 0.1\n[default.deploy.parameters]\nstack_name = "site"\nregion = "eu-west-1"\n')
    dp001 = [i for i in findings(run, tmp_path, ".") if i["code"] == "DP001"]
    assert [(i["path"], i["line"]) for i in dp001] == [("samconfig.toml", 4)]


def test_metadata_suppression(run, tmp_path):
    text = template("viewer-request").replace("      AutoPublishAlias: live\n",
                                              "      AutoPublishAlias: live\n      MemorySize: 1024\n").replace(
        "    Type: AWS::Serverless::Function\n", "    Type: AWS::Serverless::Function\n    Metadata:\n      edgelint:\n"
                                                "        ignore: [DP006]\n")
    write(tmp_path, "template.yaml", text)
    assert not any(i["code"] == "DP006" for i in findings(run, tmp_path, "template.yaml"))
    write(tmp_path, "template.yaml", text.replace("ignore: [DP006]", "ignore: [DP004]"))
    assert any(i["code"] == "DP006" for i in findings(run, tmp_path, "template.yaml"))


def test_inline_comment_suppression(run, tmp_path):
    text = template("viewer-request").replace("      AutoPublishAlias: live\n",
                                              "      AutoPublishAlias: live\n      MemorySize: 1024  # edgelint: ignore[DP006] -- load test\n")
    write(tmp_path, "template.yaml", text)
    assert not any(i["code"] in ("DP006", "EL002") for i in findings(run, tmp_path, "template.yaml"))


def test_package_size_is_measured(run, tmp_path):
    write(tmp_path, "src/index.js", "exports.handler = async (e) => e.Records[0].cf.request;\n")
    (tmp_path / "src" / "model.bin").write_bytes(os.urandom(1_300_000))  # incompressible
    write(tmp_path, "template.yaml", template("viewer-request"))
    dp007 = [i for i in findings(run, tmp_path, ".") if i["code"] == "DP007"]
    assert len(dp007) == 1 and dp007[0]["severity"] == "warning" and "1.24 MB" in dp007[0]["message"]


def test_runtime_deprecation_uses_today(run, tmp_path, monkeypatch):
    write(tmp_path, "src/index.js", "exports.handler = async (e) => e.Records[0].cf.request;\n")
    write(tmp_path, "template.yaml", template("origin-request"))
    # AWS's table for nodejs22.x: deprecated 2027-04-30, create blocked 2027-06-01, update 2027-07-01.
    def dp002(day: str) -> list[tuple[str, str]]:
        monkeypatch.setenv("EDGELINT_TODAY", day)
        return [(i["severity"], i["message"]) for i in findings(run, tmp_path, ".") if i["code"] == "DP002"]

    assert dp002("2026-11-24") == []
    [(severity, message)] = dp002("2027-05-01")
    assert severity == "warning" and "deprecated on 2027-04-30" in message and "from 2027-06-01" in message
    [(severity, message)] = dp002("2027-06-15")
    assert severity == "error" and "blocks creating functions on it since 2027-06-01" in message
    [(severity, message)] = dp002("2027-08-01")
    assert severity == "error" and "cannot be created" in message and "2027-07-01" in message


# -- must-show 5: the valid fixtures are real templates -------------------------------------

def test_cfn_lint_accepts_the_valid_templates(tmp_path):
    cfn_lint = shutil.which("cfn-lint") or str(Path(sys.executable).with_name("cfn-lint"))
    if not Path(cfn_lint).exists():
        pytest.fail("cfn-lint is not installed: it is in the test extra (pip install '.[test]')")
    templates = [FIXTURES / "cloudformation" / "valid-edge-setup.yaml", FIXTURES / "sam" / "template.yaml"]
    proc = subprocess.run([cfn_lint, *map(str, templates), "--regions", "us-east-1"], capture_output=True,
                          text=True, timeout=300)
    errors = [line for line in proc.stdout.splitlines() if line.startswith("E")]
    assert proc.returncode in (0, 4, 8) and not errors, proc.stdout + proc.stderr


# -- regressions from linting real deployment files ---------------------------------------------

def test_event_type_written_as_a_list_is_unknown_not_a_crash(run, tmp_path):
    write(tmp_path, "template.yaml", template("[viewer-request]"))
    result = run("--output-format", "json", "template.yaml", cwd=tmp_path)
    assert result.code in (0, 1) and "Traceback" not in result.err and "internal error" not in result.err
    json.loads(result.out)


@pytest.mark.parametrize("props", [
    "      Architectures: [!Ref Arch]\n",
    "      Environment: !Ref AWS::NoValue\n      Layers: !Ref AWS::NoValue\n",
    "      Environment: !If [IsDev, {Variables: {A: b}}, !Ref AWS::NoValue]\n",
])
def test_unknown_values_are_not_findings(run, tmp_path, props):
    text = template("origin-request").replace("      AutoPublishAlias: live\n", "      AutoPublishAlias: live\n" + props)
    write(tmp_path, "template.yaml", text)
    assert [i for i in findings(run, tmp_path, "template.yaml") if i["code"] in ("DP003", "DP004")] == []


def test_serverless_environment_is_a_warning(run, tmp_path):
    write(tmp_path, "serverless.yml", "service: site\nprovider:\n  name: aws\n  runtime: nodejs22.x\n"
                                      "  environment:\n    TABLE: orders\nfunctions:\n  edge:\n    handler: edge.handler\n"
                                      "    events:\n      - cloudFront:\n          eventType: origin-request\n"
                                      "          origin: https://example.com\n")
    dp003 = [i for i in findings(run, tmp_path, "serverless.yml") if i["code"] == "DP003"]
    assert [(i["line"], i["severity"]) for i in dp003] == [(5, "warning")]
    assert "drops" in dp003[0]["message"]


def test_cdk_assets_are_not_source_even_without_a_region(run, tmp_path):
    out = tmp_path / "cdk.out"
    write(out, "Site.template.json", json.dumps({"Resources": {
        "EdgeFn": {"Type": "AWS::Lambda::Function", "Properties": {
            "Runtime": "nodejs22.x", "Handler": "index.handler", "Role": "arn:aws:iam::123456789012:role/r",
            "Code": {"S3Bucket": "b", "S3Key": "k.zip"}}, "Metadata": {"aws:asset:path": "asset.abc"}},
        "EdgeVersion": {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Ref": "EdgeFn"}}},
        "Dist": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {
            "DefaultCacheBehavior": {"LambdaFunctionAssociations": [
                {"EventType": "origin-request", "LambdaFunctionARN": {"Ref": "EdgeVersion"}}]}}}}}}, indent=1))
    write(out, "asset.abc/index.js", "exports.handler = async (e) => { const x = process.env.NODE_ENV; "
                                     "return e.Records[0].cf.request; };\n")
    write(out, "manifest.json", json.dumps({"version": "36.0.0", "artifacts": {"Site": {
        "type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
        "properties": {"templateFile": "Site.template.json"}}}}))
    assert not any(i["path"].startswith("cdk.out/asset.") for i in findings(run, tmp_path, "."))


def test_terraform_module_split_across_files(run, tmp_path):
    write(tmp_path, "providers.tf", 'provider "aws" {\n  region = "us-east-1"\n}\n')
    write(tmp_path, "lambda.tf", 'resource "aws_lambda_function" "edge" {\n  function_name = "edge"\n'
                                 '  runtime       = "nodejs22.x"\n  handler       = "index.handler"\n'
                                 '  filename      = "edge.zip"\n  role          = "arn:aws:iam::123456789012:role/edge"\n'
                                 '  memory_size   = 1024\n  publish       = true\n}\n')
    write(tmp_path, "cdn.tf", 'resource "aws_cloudfront_distribution" "site" {\n  default_cache_behavior {\n'
                              '    lambda_function_association {\n      event_type = "viewer-request"\n'
                              '      lambda_arn = aws_lambda_function.edge.arn\n    }\n  }\n}\n')
    codes = sorted((i["path"], i["line"], i["code"]) for i in findings(run, tmp_path, "."))
    assert codes == [("cdn.tf", 5, "DP005"), ("lambda.tf", 7, "DP006")]


def test_long_deprecated_runtimes_are_errors(run, tmp_path):
    write(tmp_path, "src/index.js", "exports.handler = async (e) => e.Records[0].cf.request;\n")
    write(tmp_path, "template.yaml", template("origin-request", runtime="nodejs10.x"))
    dp002 = [i for i in findings(run, tmp_path, "template.yaml") if i["code"] == "DP002"]
    assert [i["severity"] for i in dp002] == ["error"] and "2021-07-30" in dp002[0]["message"]


def test_sam_globals_merge_into_functions(run, tmp_path):
    text = template("origin-request").replace("Resources:\n", "Globals:\n  Function:\n    Layers: [arn:aws:lambda:us-east-1:123456789012:layer:x:1]\n"
                                                            "    Environment:\n      Variables: {TABLE: t}\nResources:\n", 1)
    text = text.replace("      AutoPublishAlias: live\n", "      AutoPublishAlias: live\n      Layers: []\n"
                                                        "      Environment: {Variables: {}}\n")
    write(tmp_path, "template.yaml", text)
    codes = {i["code"] for i in findings(run, tmp_path, "template.yaml")}
    assert {"DP003", "DP004"} <= codes  # a local empty value does not clear the global one


def test_python_dotted_handler_is_linked(run, tmp_path):
    write(tmp_path, "src/edge/app.py", "def lambda_handler(event, context):\n"
                                       "    response = event['Records'][0]['cf']['response']\n"
                                       "    response['status'] = '404'\n    return response\n")
    text = template("viewer-response", runtime="python3.13").replace("Handler: index.handler",
                                                                      "Handler: edge.app.lambda_handler")
    write(tmp_path, "template.yaml", text)
    items = findings(run, tmp_path, ".")
    assert ("src/edge/app.py", 3, "LE004") in {(i["path"], i["line"], i["code"]) for i in items}


# -- a role that trusts edgelambda, no association in this file --------------------------------
ROLE_ONLY = """Transform: AWS::Serverless-2016-10-31
Resources:
  EdgeRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com, edgelambda.amazonaws.com]}
            Action: sts:AssumeRole
  EdgeFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: edge/
      Handler: index.handler
      Runtime: nodejs16.x
      Role: !GetAtt EdgeRole.Arn
  BatchFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: batch/
      Handler: app.handler
      Runtime: nodejs16.x
      Timeout: 900
      Role: !GetAtt EdgeRole.Arn
  ToolFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: tool/
      Handler: app.handler
      Runtime: nodejs16.x
      Role: !GetAtt EdgeRole.Arn
"""


def test_role_trust_makes_lambda_edge_only_where_the_code_agrees(run, tmp_path):
    write(tmp_path, "template.yaml", ROLE_ONLY)
    write(tmp_path, "edge/index.js", EDGE_CODE)
    write(tmp_path, "batch/app.js", "exports.handler = async () => ({ statusCode: 200 });\n")
    write(tmp_path, "tool/app.js", "exports.handler = async () => ({ statusCode: 200, body: 'ok' });\n")
    items = {(i["path"], i["line"], i["code"]) for i in findings(run, tmp_path, ".")}
    # EdgeFn: Lambda@Edge by its role: its runtime is judged, and its code is linted as edge code.
    assert ("template.yaml", 16, "DP002") in items
    assert ("edge/index.js", 3, "LE003") not in items  # event unknown: host is read-only on some only
    assert any(path == "edge/index.js" for path, _, _ in items)
    # BatchFn: a 900 s timeout no edge event allows: not Lambda@Edge, whatever its role.
    assert ("template.yaml", 23, "DP002") not in items
    # ToolFn: the role suggests Lambda@Edge but the code never reads a CloudFront event: not linted.
    assert not any(path.startswith(("batch/", "tool/")) for path, _, _ in items)
    shown = run("--show-targets", "tool/app.js", cwd=tmp_path).out
    assert shown.startswith("tool/app.js: skipped: not edge code")


FUNCTIONS_STACK = """Resources:
  EdgeRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com, edgelambda.amazonaws.com]}
            Action: sts:AssumeRole
  AuthFn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Role: !GetAtt EdgeRole.Arn
      Code: auth/
  AuthVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref AuthFn
  AuthVersionParameter:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /edge/auth-version
      Type: String
      Value: !Ref AuthVersion
"""


@pytest.mark.parametrize("arn", ["'{{resolve:ssm:/edge/auth-version}}'", "!Ref AuthArn"])
def test_association_through_an_ssm_parameter_gives_the_event(run, tmp_path, arn):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "functions/stack.yaml", FUNCTIONS_STACK)
    write(tmp_path, "functions/auth/index.js", EDGE_CODE)
    write(tmp_path, "cdn/stack.yaml", f"""Parameters:
  AuthArn:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /edge/auth-version
Resources:
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          LambdaFunctionAssociations:
            - EventType: viewer-request
              LambdaFunctionARN: {arn}
""")
    for paths in ((".",), ("functions/auth/index.js",)):
        shown = run("--show-targets", *paths, cwd=tmp_path).out
        assert ("functions/auth/index.js: lambda-edge nodejs22.x viewer-request (deployment stack.yaml: "
                "AuthFn on viewer-request, associated in stack.yaml)") in shown
        codes = {(i["path"], i["line"], i["code"]) for i in findings(run, tmp_path, *paths)}
        assert ("functions/auth/index.js", 3, "LE003") in codes  # host is read-only in viewer-request
