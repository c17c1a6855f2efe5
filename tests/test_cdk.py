"""cdk.out linked back to the CDK app's source: findings where users edit, once, at the right place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import write

from edgelint.text import quoted_string_offsets

APP = Path(__file__).resolve().parent.parent / "fixtures" / "projects" / "cdk-app"


def _app(tmp_path: Path) -> Path:
    project = tmp_path / "app"
    shutil.copytree(APP, project)
    (project / ".git").mkdir()
    return project


def _findings(run, project: Path, *paths: str) -> list[dict]:
    result = run("check", "--output-format", "json", *paths, cwd=project)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def test_each_source_gets_the_synthesized_target(run, tmp_path):
    project = _app(tmp_path)
    result = run("check", "--show-targets", ".", cwd=project)
    lines = dict(line.split(": ", 1) for line in result.out.splitlines())
    assert lines["lambda/auth/index.ts"].startswith("lambda-edge nodejs22.x origin-request (deployment")
    assert "bundled into cdk.out/asset.3f0c9a4e…/index.js" in lines["lambda/auth/index.ts"]
    assert lines["lambda/headers/index.js"].startswith("lambda-edge nodejs22.x origin-response")
    assert "copied to cdk.out/asset.8d1e2f3a…/index.js" in lines["lambda/headers/index.js"]
    assert "the template holds this file's code" in lines["functions/redirect.js"]
    assert lines["lambda/auth/tokens.ts"].startswith("skipped")  # a module the entry imports


def test_no_duplicate_between_template_and_source(run, tmp_path):
    project = _app(tmp_path)
    cf012 = [(f["path"], f["line"]) for f in _findings(run, project, ".") if f["code"] == "CF012"]
    assert cf012 == [("cdk.out/EdgeStack.template.json", 182), ("functions/redirect.js", 9)]


def test_template_string_findings_point_into_the_string(run, tmp_path):
    project = _app(tmp_path)
    [finding] = _findings(run, project, "cdk.out/EdgeStack.template.json")
    line = (project / "cdk.out/EdgeStack.template.json").read_text("utf-8").splitlines()[finding["line"] - 1]
    written = line[finding["column"] - 1:finding["end_column"] - 1]
    assert written == 'response.headers[\\"X-Robots-Tag\\"]'


def test_minified_bundle_with_source_map(run, tmp_path):
    project = _app(tmp_path)
    [asset] = (project / "cdk.out").glob("asset.3f*")
    (asset / "index.js").write_text(
        '"use strict";var h=async e=>{const r=e.Records[0].cf.request;delete r.headers["if-none-match"];return r};'
        'module.exports={handler:h};\n//# sourceMappingURL=index.js.map\n', "utf-8")
    # As NodejsFunction bundles with sourceMap: paths relative to the bundling folder.
    (asset / "index.js.map").write_text(json.dumps({"version": 3, "sources": [
        "../../../../node_modules/tslib/tslib.es6.mjs", "../../lambda/auth/tokens.ts", "../../lambda/auth/index.ts"],
        "mappings": ""}), "utf-8")
    codes = {(f["path"], f["code"]) for f in _findings(run, project, "lambda/auth/index.ts")}
    assert codes == {("lambda/auth/index.ts", "LE003")}


def test_unmatched_bundle_is_neither_linked_nor_linted(run, tmp_path):
    project = _app(tmp_path)
    [asset] = (project / "cdk.out").glob("asset.3f*")
    (asset / "index.js").write_text('"use strict";var h=async e=>e.Records[0].cf.request;'
                                    'module.exports={handler:h};\n', "utf-8")
    findings = _findings(run, project, ".")
    assert not any(f["path"].startswith("cdk.out/asset.") for f in findings)
    assert not any(f["path"] == "lambda/auth/index.ts" for f in findings)  # event unknown: no LE003
    shown = run("check", "--show-targets", "lambda/auth/index.ts", cwd=project).out
    assert "heuristic" in shown


def test_inline_code_edited_after_synth_is_linted_in_the_template(run, tmp_path):
    # The source changed since `cdk synth`: the template's copy differs, so both are reported.
    project = _app(tmp_path)
    redirect = project / "functions/redirect.js"
    redirect.write_text(redirect.read_text("utf-8").replace("var uri", "var  uri"), "utf-8")
    paths = sorted(f["path"] for f in _findings(run, project, ".") if f["code"] == "CF012")
    assert paths == ["cdk.out/EdgeStack.template.json"] * 2 + ["functions/redirect.js"]


def test_quoted_string_offsets():
    code = 'function handler(event) {\n  var s = "é\\t\\"";\n}\n'  # JSON writes é as \u00e9
    source = '{"FunctionCode": ' + json.dumps(code) + "}"
    value, offsets = quoted_string_offsets(source, source.index('"', 15))
    assert value == code and len(offsets) == len(code) + 1
    assert source[offsets[code.index("var")]:][:3] == "var"
    assert source[offsets[code.index("é")]:][:6] == "\\u00e9"
    assert quoted_string_offsets('"a\\qb"', 0) is None  # not a JSON escape
    assert quoted_string_offsets('"unterminated', 0) is None
    assert quoted_string_offsets('x', 0) is None


def test_stale_asset_is_named_by_show_targets(run, tmp_path):
    project = _app(tmp_path)
    [asset] = (project / "cdk.out").glob("asset.8d*")
    (asset / "index.js").write_text("exports.handler = async (e) => e.Records[0].cf.response;\n", "utf-8")
    shown = run("check", "--show-targets", "cdk.out", cwd=project).out
    assert "source not found for HeadersFnE2D5C1A8 (not linted)" in shown


def test_cross_region_edge_function_through_cdk_ssm_reader(run, tmp_path):
    """experimental.EdgeFunction from a stack outside us-east-1: CDK puts the function in an
    `edge-lambda-stack-*` stack, stores its version ARN in SSM, and the distribution reads it
    back with a custom resource."""
    (tmp_path / ".git").mkdir()
    parameter = "/cdk/EdgeFunctionArn/eu-west-1/SiteStack/AuthFn"
    edge_stack = {"Resources": {
        "AuthFnServiceRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
            "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {
                "Service": ["edgelambda.amazonaws.com", "lambda.amazonaws.com"]}}]}}},
        "AuthFn": {"Type": "AWS::Lambda::Function", "Properties": {
            "Code": {"S3Bucket": "b", "S3Key": "k.zip"}, "Handler": "index.handler", "Runtime": "nodejs22.x",
            "Role": {"Fn::GetAtt": ["AuthFnServiceRole", "Arn"]}},
            "Metadata": {"aws:asset:path": "asset.abc"}},
        "AuthFnCurrentVersion": {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Ref": "AuthFn"}}},
        "AuthFnParameter": {"Type": "AWS::SSM::Parameter", "Properties": {
            "Type": "String", "Value": {"Ref": "AuthFnCurrentVersion"}, "Name": parameter}}}}
    site_stack = {"Resources": {
        "AuthFnArnReader": {"Type": "Custom::CrossRegionStringParameterReader", "Properties": {
            "ServiceToken": {"Fn::GetAtt": ["ReaderProvider", "Arn"]}, "Region": "us-east-1",
            "ParameterName": parameter}},
        "Dist": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {
            "DefaultCacheBehavior": {"LambdaFunctionAssociations": [{
                "EventType": "viewer-request", "LambdaFunctionARN": {"Fn::GetAtt": ["AuthFnArnReader", "FunctionArn"]}}]}}}}}}
    code = ("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
            "  request.headers.host = [{ key: 'Host', value: 'example.com' }];\n  return request;\n};\n")
    write(tmp_path, "lambda/auth/index.js", code)
    write(tmp_path, "cdk.out/asset.abc/index.js", code)
    write(tmp_path, "cdk.out/edge-lambda-stack-c8bc15e6.template.json", json.dumps(edge_stack, indent=1))
    write(tmp_path, "cdk.out/SiteStack.template.json", json.dumps(site_stack, indent=1))
    write(tmp_path, "cdk.out/manifest.json", json.dumps({"version": "38.0.1", "artifacts": {}}))
    shown = run("check", "--show-targets", "lambda/auth/index.js", cwd=tmp_path).out
    assert "viewer-request" in shown and "associated in SiteStack.template.json" in shown
    codes = {(f["path"], f["line"], f["code"]) for f in _findings(run, tmp_path, "lambda/auth/index.js")}
    assert ("lambda/auth/index.js", 3, "LE003") in codes  # host is read-only in viewer-request
