"""The serverless.yml and Terraform readers: the Deployment model they build from real-shaped files.

Fixtures live in fixtures/deploy/serverless/<case>/serverless.yml and
fixtures/deploy/terraform/<case>/*.tf; their `# expect: DPnnn` markers sit on the lines the
model places the offending setting, association or role (checked at the end of this file).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edgelint.deploy.linking import code_files
from edgelint.deploy.model import UNKNOWN, Deployment, Loc
from edgelint.deploy.read import read_deployment
from edgelint.deploy.serverless import read_serverless
from edgelint.deploy.terraform import read_terraform
from edgelint.deploy.yaml_reader import DeployParseError, load_yaml
from edgelint.testing import expected_findings

ROOT = Path(__file__).resolve().parent.parent
SLS = ROOT / "fixtures" / "deploy" / "serverless"
TF = ROOT / "fixtures" / "deploy" / "terraform"


def read(path: Path) -> Deployment:
    deployment = read_deployment(path, path.read_text("utf-8"))
    assert deployment is not None
    return deployment


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`."""
    seen = 0
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def sls(text: str, tmp_path: Path) -> Deployment:
    path = tmp_path / "serverless.yml"
    path.write_text(text, "utf-8")
    return read_serverless(path, load_yaml(text))


def tf(files: dict[str, str], tmp_path: Path, name: str = "main.tf") -> Deployment:
    for file, text in files.items():
        (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file).write_text(text, "utf-8")
    path = tmp_path / name
    return read_terraform(path, path.read_text("utf-8"))


# == serverless.yml ===========================================================================
def test_serverless_valid_setup() -> None:
    path = SLS / "valid" / "serverless.yml"
    dep = read(path)
    assert dep.format == "serverless"
    assert dep.region is not None and dep.region.value == "us-east-1"
    assert dep.region.loc.line == line_of(path, "region: us-east-1")
    fn = dep.functions["auth"]
    assert fn.kind == "lambda" and fn.runtime is not None and fn.runtime.value == "nodejs22.x"
    assert fn.handler == "src/edge.handler" and fn.code_path == path.parent
    assert code_files(fn) == [path.parent / "src" / "edge.js"]
    # the function's own values, not the provider's 1024 MB / 30 s
    assert fn.settings["memory"].value == 128 and fn.settings["memory"].loc.line == line_of(path, "memorySize: 128")
    assert fn.settings["timeout"].value == 5
    assert fn.settings["architectures"].value == ["x86_64"]
    assert fn.publish is not None and fn.publish.value == "published"
    assert "environment" not in fn.settings and "layers" not in fn.settings
    [assoc] = dep.associations_of("auth")
    assert (assoc.distribution, assoc.behavior, assoc.kind) == ("serverless", "default", "lambda")
    assert assoc.event.value == "viewer-request" and assoc.event.loc.line == line_of(path, "eventType: viewer-request")
    assert assoc.qualifier == "version" and assoc.include_body is None
    assert fn.role == "IamRoleLambdaExecution"
    assert dep.roles[fn.role].principals == {"lambda.amazonaws.com", "edgelambda.amazonaws.com"}
    # resources.Resources is read as CloudFormation: the CloudFront Function and its association
    cff = dep.functions["IndexRewrite"]
    assert cff.kind == "cloudfront-function" and cff.runtime.value == "cloudfront-js-2.0"
    assert cff.inline is not None and cff.inline.text.startswith("function handler(event)")
    [cf_assoc] = dep.associations_of("IndexRewrite")
    assert cf_assoc.event.value == "viewer-request" and cf_assoc.distribution == "StaticSite"


def test_serverless_region_defaults_to_us_east_1(tmp_path: Path) -> None:
    dep = sls("service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions: {}\n", tmp_path)
    assert dep.region is not None and dep.region.value == "us-east-1" and dep.region.loc.line == 2


def test_serverless_broken_region() -> None:
    path = SLS / "region" / "serverless.yml"
    dep = read(path)
    assert dep.region.value == "eu-west-1" and dep.region.loc.line == line_of(path, "region: eu-west-1")


@pytest.mark.parametrize(("case", "name", "value", "needle"), [
    ("environment", "environment", {"Variables": {"BACKEND_URL": "https://auth.example.com"}}, "environment:"),
    ("layers", "layers", ["arn:aws:lambda:us-east-1:123456789012:layer:jsonwebtoken:3"], "layers:"),
    ("arm64", "architectures", ["arm64"], "architecture: arm64"),
    ("memory-viewer", "memory", 1024, "memorySize: 1024"),
])
def test_serverless_broken_settings(case: str, name: str, value: object, needle: str) -> None:
    path = SLS / case / "serverless.yml"
    setting = read(path).functions["auth"].settings[name]
    assert setting.value == value and setting.loc.line == line_of(path, needle)


def test_serverless_include_body_and_path_pattern() -> None:
    path = SLS / "include-body-origin-response" / "serverless.yml"
    [assoc] = read(path).associations
    assert assoc.behavior == "/app/*" and assoc.event.value == "origin-response"
    assert assoc.include_body is not None and assoc.include_body.value is True
    assert assoc.include_body.loc.line == line_of(path, "includeBody: true")


def test_serverless_cloudfront_function_on_origin_request() -> None:
    path = SLS / "cf-function-origin-request" / "serverless.yml"
    [assoc] = read(path).associations
    assert assoc.kind == "cloudfront-function" and assoc.function_id == "IndexRewrite"
    assert assoc.event.value == "origin-request" and assoc.event.loc.line == line_of(path, "EventType: origin-request")


def test_serverless_custom_role_from_resources() -> None:
    path = SLS / "role-trust" / "serverless.yml"
    dep = read(path)
    assert dep.functions["auth"].role == "EdgeRole"
    role = dep.roles["EdgeRole"]
    assert role.principals == {"lambda.amazonaws.com"} and role.loc.line == line_of(path, "EdgeRole:  #")
    assert "IamRoleLambdaExecution" not in dep.roles


def test_serverless_two_functions_on_one_event() -> None:
    path = SLS / "conflict" / "serverless.yml"
    dep = read(path)
    pairs = [(a.function_id, a.behavior, a.event.value, a.event.loc.line) for a in dep.associations]
    assert pairs == [("auth", "default", "viewer-request", line_of(path, "eventType: viewer-request")),
                     ("geo", "default", "viewer-request", line_of(path, "eventType: viewer-request", 2))]


def test_serverless_variables_are_unknown() -> None:
    path = SLS / "variables" / "serverless.yml"
    dep = read(path)
    assert dep.region.value is UNKNOWN and dep.region.loc.line == line_of(path, "region:")
    fn = dep.functions["auth"]
    assert fn.runtime.value is UNKNOWN
    assert fn.settings["memory"].value is UNKNOWN
    [assoc] = dep.associations
    assert assoc.event.value is UNKNOWN and assoc.include_body.value is UNKNOWN
    assert assoc.qualifier == "version"


def test_serverless_framework_behaviour(tmp_path: Path) -> None:
    dep = sls("""service: s
provider:
  name: aws
  runtime: nodejs22.x
  memorySize: 1024
  timeout: 30
  versionFunctions: false
  environment:
    TABLE: orders
  layers:
    - arn:aws:lambda:us-east-1:123456789012:layer:shared:1
  tracing:
    lambda: true
functions:
  edge:
    handler: handler.main
    runtime: python3.12
    ephemeralStorageSize: 1024
    runtimeManagement:
      mode: manual
      arn: arn:aws:lambda:us-east-1::runtime:abc
    provisionedConcurrency: 2
    events:
      - cloudFront:
          eventType: origin-request
          includeBody: true
          origin: https://app.example.com
  api:
    handler: api.main
    events:
      - httpApi: GET /
""", tmp_path)
    edge = dep.functions["edge"]
    # the framework gives cloudFront functions 128 MB / 5 s when they set nothing themselves
    assert edge.settings["memory"].value == 128 and edge.settings["memory"].loc == edge.loc
    assert edge.settings["timeout"].value == 5
    # (the framework strips Environment from them: recorded as configured, the provider's here)
    assert edge.settings["environment"].value == {"Variables": {"TABLE": "orders"}}
    assert edge.settings["environment"].loc.line == 8
    assert edge.settings["layers"].value == ["arn:aws:lambda:us-east-1:123456789012:layer:shared:1"]
    assert edge.settings["layers"].loc.line == 10
    assert edge.settings["tracing"].value == {"Mode": "Active"} and edge.settings["tracing"].loc.line == 13
    assert edge.settings["ephemeral_storage"].value == {"Size": 1024}
    assert edge.settings["runtime_management"].value == {"UpdateRuntimeOn": "Manual"}
    assert edge.settings["provisioned_concurrency"].value == 2
    assert edge.runtime.value == "python3.12" and edge.runtime.loc.line == 17
    # ... and publishes a version for them whatever versionFunctions says
    [assoc] = dep.associations
    assert assoc.qualifier == "version" and assoc.include_body.value is True
    api = dep.functions["api"]
    assert api.settings["memory"].value == 1024 and api.settings["memory"].loc.line == 5
    assert api.settings["environment"].value == {"Variables": {"TABLE": "orders"}}
    assert api.publish.value == "unpublished" and api.publish.loc.line == 7
    assert dep.associations_of("api") == []
    assert dep.roles["IamRoleLambdaExecution"].principals == {"lambda.amazonaws.com", "edgelambda.amazonaws.com"}


def test_serverless_custom_role_arn_is_unknown(tmp_path: Path) -> None:
    dep = sls("""service: s
provider:
  name: aws
  iam:
    role: arn:aws:iam::123456789012:role/edge
functions:
  edge:
    handler: index.handler
    events:
      - cloudFront:
          eventType: viewer-request
          origin: https://example.com
""", tmp_path)
    fn = dep.functions["edge"]
    assert fn.role == "arn:aws:iam::123456789012:role/edge"
    assert dep.roles[fn.role].principals is None and dep.roles[fn.role].loc.line == 5


def test_serverless_iam_object_keeps_framework_role(tmp_path: Path) -> None:
    dep = sls("""service: s
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: "*"
functions:
  edge:
    handler: index.handler
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/edge:latest
    architecture: arm64
    package:
      artifact: dist/edge.zip
    events:
      - cloudFront:
          eventType: viewer-request
          pathPattern: /private/*
          origin: https://example.com
""", tmp_path)
    fn = dep.functions["edge"]
    assert fn.role == "IamRoleLambdaExecution"
    assert fn.settings["package_type"].value == "Image"
    assert fn.settings["architectures"].value == ["arm64"] and fn.settings["architectures"].loc.line == 14
    assert dep.associations[0].behavior == "/private/*"


def test_serverless_other_provider_is_empty(tmp_path: Path) -> None:
    dep = sls("service: s\nprovider:\n  name: google\nfunctions:\n  f:\n    handler: index.handler\n", tmp_path)
    assert dep.functions == {} and dep.associations == []


def test_serverless_malformed_yaml() -> None:
    path = SLS / "malformed" / "serverless.yml"
    with pytest.raises(DeployParseError) as info:
        read(path)
    assert info.value.line == line_of(path, "timeout: 5") and info.value.column > 1


# == Terraform ================================================================================
def test_terraform_valid_module() -> None:
    path = TF / "valid" / "main.tf"
    dep = read(path)
    assert dep.format == "terraform"
    # the region comes from providers.tf → var.region → the default in variables.tf
    variables = TF / "valid" / "variables.tf"
    assert dep.region.value == "us-east-1"
    assert dep.region.loc.path == variables and dep.region.loc.line == line_of(variables, 'default     = "us-east-1"')
    fn = dep.functions["aws_lambda_function.auth"]
    assert fn.runtime.value == "nodejs22.x" and fn.handler == "index.handler"
    assert fn.code_zip == path.parent / "./build/auth.zip"
    assert fn.code_path is not None and code_files(fn) == [fn.code_path / "index.js"]
    assert fn.code_path.resolve() == (path.parent / "src").resolve()
    assert fn.settings["memory"].value == 128 and fn.settings["memory"].loc.path == variables
    assert fn.settings["timeout"].value == 5 and fn.settings["timeout"].loc.line == line_of(path, "timeout ")
    assert fn.settings["architectures"].value == ["x86_64"]
    assert fn.publish.value == "published" and fn.publish.loc.line == line_of(path, "publish          = true")
    assert fn.role == "edge"
    assert dep.roles["edge"].principals == {"lambda.amazonaws.com", "edgelambda.amazonaws.com"}
    assert dep.roles["edge"].loc.line == line_of(path, "assume_role_policy")
    cff = dep.functions["aws_cloudfront_function.index_rewrite"]
    assert cff.kind == "cloudfront-function" and cff.runtime.value == "cloudfront-js-2.0"
    assert cff.publish.value == "published"
    assert cff.inline is not None and cff.inline.first_line == line_of(path, "function handler(event)")
    assert cff.inline.indent == 4 and cff.inline.text.startswith("function handler(event) {\n  var request")
    lam, cf = dep.associations
    assert (lam.distribution, lam.behavior, lam.kind) == ("site", "default", "lambda")
    assert lam.event.value == "viewer-request"
    assert lam.qualifier == "version" and lam.function_id == fn.id
    assert lam.loc.line == line_of(path, "lambda_arn") and lam.include_body.value is False
    assert lam.arn_text == "aws_lambda_function.auth.qualified_arn"
    assert (cf.behavior, cf.kind, cf.function_id) == ("/docs/*", "cloudfront-function", cff.id)


def test_terraform_region() -> None:
    path = TF / "region-eu-west-1" / "main.tf"
    dep = read(path)
    assert dep.region.value == "eu-west-1" and dep.region.loc == Loc(line_of(path, "region ="), 3)


def test_terraform_provider_alias() -> None:
    path = TF / "provider-alias" / "main.tf"
    dep = read(path)
    assert dep.region.value == "eu-west-1"
    fn = dep.functions["aws_lambda_function.auth"]
    assert fn.region is not None and fn.region.value == "us-east-1"
    assert fn.region.loc.line == line_of(path, 'region = "us-east-1"')


@pytest.mark.parametrize(("case", "qualifier"), [
    ("unqualified-arn", "unqualified"),
    ("publish-false", "latest"),
])
def test_terraform_unversioned_associations(case: str, qualifier: str) -> None:
    path = TF / case / "main.tf"
    lam = read(path).associations[0]
    assert lam.qualifier == qualifier and lam.function_id == "aws_lambda_function.auth"
    assert lam.loc.line == line_of(path, "expect: DP005")


def test_terraform_publish_false_setting() -> None:
    path = TF / "publish-false" / "main.tf"
    fn = read(path).functions["aws_lambda_function.auth"]
    assert fn.publish.value == "unpublished" and fn.publish.loc.line == line_of(path, "publish          = false")


@pytest.mark.parametrize(("case", "name", "value"), [
    ("environment", "environment", {"Variables": {"SESSION_COOKIE": "session"}}),
    ("layers", "layers", [UNKNOWN]),
    ("arm64", "architectures", ["arm64"]),
    ("memory-viewer", "memory", 1024),
])
def test_terraform_broken_settings(case: str, name: str, value: object) -> None:
    path = TF / case / "main.tf"
    setting = read(path).functions["aws_lambda_function.auth"].settings[name]
    assert setting.value == value and setting.loc.line == line_of(path, "expect: DP")


def test_terraform_include_body_on_response() -> None:
    path = TF / "include-body-origin-response" / "main.tf"
    lam = read(path).associations[0]
    assert lam.event.value == "origin-response" and lam.include_body.value is True
    assert lam.include_body.loc.line == line_of(path, "include_body = true")


def test_terraform_cloudfront_function_file_on_origin_request() -> None:
    path = TF / "cf-function-origin-request" / "main.tf"
    dep = read(path)
    cff = dep.functions["aws_cloudfront_function.index_rewrite"]
    assert cff.inline is None and cff.code_path is not None
    assert code_files(cff) == [cff.code_path]
    assert cff.code_path.resolve() == (path.parent / "index-rewrite.js").resolve()
    cf = dep.associations[1]
    assert cf.kind == "cloudfront-function" and cf.event.value == "origin-request"
    assert cf.event.loc.line == line_of(path, "expect: DP010")


def test_terraform_role_trusting_lambda_only() -> None:
    path = TF / "role-trust" / "main.tf"
    role = read(path).roles["edge"]
    assert role.principals == {"lambda.amazonaws.com"} and role.loc.line == line_of(path, "assume_role_policy")


def test_terraform_two_functions_on_one_event() -> None:
    path = TF / "conflict" / "main.tf"
    dep = read(path)
    lambdas = [(a.behavior, a.event.value, a.function_id) for a in dep.associations if a.kind == "lambda"]
    assert lambdas == [("default", "viewer-request", "aws_lambda_function.auth"),
                       ("default", "viewer-request", "aws_lambda_function.geo")]
    assert dep.associations[1].event.loc.line == line_of(path, "expect: DP011")


def test_terraform_unknown_values() -> None:
    dep = read(TF / "unknown-values" / "main.tf")
    fn = dep.functions["aws_lambda_function.auth"]
    assert dep.region.value is UNKNOWN
    assert fn.settings["memory"].value is UNKNOWN and fn.publish.value is UNKNOWN
    assert dep.associations[0].qualifier == "unknown" and dep.associations[0].function_id is None
    assert dep.roles["edge"].principals is None


def test_terraform_malformed() -> None:
    path = TF / "malformed" / "main.tf"
    with pytest.raises(DeployParseError) as info:
        read(path)
    assert info.value.line == line_of(path, "timeout") and info.value.column == 20
    assert "','" in info.value.message


@pytest.mark.parametrize("text", ['a = "x', 'resource "a" "b" {\n  c = 1\n', "x = 1\n$$$\n", "}", "a = [1,\n"])
def test_terraform_malformed_never_crashes(tmp_path: Path, text: str) -> None:
    with pytest.raises(DeployParseError) as info:
        tf({"main.tf": text}, tmp_path)
    assert info.value.line >= 1 and info.value.column >= 1 and info.value.message.startswith("invalid HCL")


def test_terraform_arn_shapes(tmp_path: Path) -> None:
    dep = tf({"main.tf": '''
resource "aws_lambda_function" "pub" {
  publish = true
}
resource "aws_lambda_function" "unpub" {
  filename = "fn.zip"
}
resource "aws_lambda_alias" "live" {
  name          = "live"
  function_name = aws_lambda_function.pub.function_name
}
resource "aws_cloudfront_distribution" "cdn" {
  default_cache_behavior {
    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = "${aws_lambda_function.pub.arn}:${aws_lambda_function.pub.version}"
    }
    lambda_function_association {
      event_type = "origin-request"
      lambda_arn = "${aws_lambda_function.unpub.arn}:${aws_lambda_function.unpub.version}"
    }
    lambda_function_association {
      event_type = "origin-response"
      lambda_arn = aws_lambda_alias.live.arn
    }
    lambda_function_association {
      event_type = "viewer-response"
      lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:edge:7"
    }
  }
  ordered_cache_behavior {
    path_pattern = "/a/*"
    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = "${aws_lambda_function.pub.arn}:$LATEST"
    }
    lambda_function_association {
      event_type = "origin-request"
      lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:edge"
    }
    lambda_function_association {
      event_type = "origin-response"
      lambda_arn = var.edge_arn
    }
    lambda_function_association {
      event_type = "viewer-response"
      lambda_arn = "${aws_lambda_function.pub.qualified_arn}"
    }
  }
}
variable "edge_arn" {
  default = "arn:aws:lambda:us-east-1:123456789012:function:edge:live"
}
'''}, tmp_path)
    got = [(a.behavior, a.qualifier, a.function_id, a.region) for a in dep.associations]
    assert got == [
        ("default", "version", "aws_lambda_function.pub", None),
        ("default", "latest", "aws_lambda_function.unpub", None),
        ("default", "alias", "aws_lambda_function.pub", None),
        ("default", "version", None, "eu-west-1"),
        ("/a/*", "latest", "aws_lambda_function.pub", None),
        ("/a/*", "unqualified", None, "us-east-1"),
        ("/a/*", "alias", None, "us-east-1"),
        ("/a/*", "version", "aws_lambda_function.pub", None),
    ]
    assert dep.functions["aws_lambda_function.unpub"].publish.value == "unpublished"
    assert dep.functions["aws_lambda_function.unpub"].code_zip == tmp_path / "fn.zip"


def test_terraform_lambda_features(tmp_path: Path) -> None:
    dep = tf({"main.tf": '''resource "aws_lambda_function" "edge" {
  image_uri     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/edge:1"
  kms_key_arn   = aws_kms_key.env.arn
  reserved_concurrent_executions = -1
  vpc_config {
    subnet_ids         = ["subnet-1"]
    security_group_ids = ["sg-1"]
  }
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }
  tracing_config {
    mode = "Active"
  }
  ephemeral_storage {
    size = 1024
  }
  dynamic "environment" {
    for_each = var.env == null ? [] : [1]
    content {
      variables = var.env
    }
  }
}
resource "aws_lambda_provisioned_concurrency_config" "edge" {
  function_name                     = aws_lambda_function.edge.function_name
  provisioned_concurrent_executions = 2
  qualifier                         = aws_lambda_function.edge.version
}
resource "aws_lambda_runtime_management_config" "edge" {
  function_name     = aws_lambda_function.edge.function_name
  update_runtime_on = "Manual"
}
'''}, tmp_path)
    settings = dep.functions["aws_lambda_function.edge"].settings
    assert settings["package_type"].value == "Image" and settings["package_type"].loc.line == 2
    assert "kms_key" not in settings  # kms_key_arn encrypts environment variables: not SourceKMSKeyArn
    assert "reserved_concurrency" not in settings
    assert settings["vpc"].value == {"subnet_ids": ["subnet-1"], "security_group_ids": ["sg-1"]}
    assert settings["vpc"].loc.line == 5
    assert settings["dead_letter"].value == {"target_arn": UNKNOWN}
    assert settings["tracing"].value == {"Mode": "Active"} and settings["tracing"].loc.line == 12
    assert settings["ephemeral_storage"].value == {"Size": 1024}
    assert settings["environment"].value is UNKNOWN and settings["environment"].loc.line == 18
    assert settings["provisioned_concurrency"].value == 2 and settings["provisioned_concurrency"].loc.line == 27
    assert settings["runtime_management"].value == {"UpdateRuntimeOn": "Manual"}


def test_terraform_sibling_files_and_tfvars(tmp_path: Path) -> None:
    dep = tf({
        "providers.tf": 'provider "aws" {\n  region = var.region\n}\n\nprovider "aws" {\n  alias  = "edge"\n'
                        '  region = var.edge_region\n}\n',
        "variables.tf": 'variable "region" {\n  default = "us-east-1"\n}\nvariable "edge_region" {\n'
                        '  default = "us-east-1"\n}\nvariable "memory" {}\n',
        "terraform.tfvars": 'edge_region = "eu-central-1"\n',
        "data.tf": 'data "archive_file" "edge" {\n  type        = "zip"\n  source_file = "${path.module}/edge.py"\n'
                   '  output_path = "${path.module}/edge.zip"\n}\n',
        "edge.py": "def handler(event, context):\n    return event['Records'][0]['cf']['request']\n",
        "lambda.tf": 'resource "aws_lambda_function" "edge" {\n  provider    = aws.edge\n'
                     '  filename    = "edge.zip"\n  handler     = "edge.handler"\n  runtime     = "python3.12"\n'
                     '  memory_size = var.memory\n  timeout     = local.timeout\n}\n\nlocals {\n  timeout = 5\n}\n',
        "broken.tf": "this is { not hcl",
    }, tmp_path, name="lambda.tf")
    assert dep.region.value == "us-east-1" and dep.region.loc.path == tmp_path / "variables.tf"
    fn = dep.functions["aws_lambda_function.edge"]
    assert fn.region.value == "eu-central-1"
    assert fn.region.loc.path == tmp_path / "terraform.tfvars" and fn.region.loc.line == 1
    assert fn.settings["memory"].value is UNKNOWN  # a variable without a default
    assert fn.settings["timeout"].value == 5 and fn.settings["timeout"].loc.line == 11
    # filename = "edge.zip" is the archive_file's output_path: its source_file is the code
    assert fn.code_path is not None and code_files(fn) == [fn.code_path]
    assert fn.code_path.resolve() == (tmp_path / "edge.py").resolve()
    # sibling files give values, never functions
    assert list(dep.functions) == ["aws_lambda_function.edge"]


def test_terraform_trust_policies(tmp_path: Path) -> None:
    dep = tf({
        "main.tf": '''resource "aws_iam_role" "heredoc" {
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                 "Principal": {"Service": ["lambda.amazonaws.com", "edgelambda.amazonaws.com"]}}]
}
EOF
}
resource "aws_iam_role" "doc" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
resource "aws_iam_role" "file" {
  assume_role_policy = file("${path.module}/trust.json")
}
resource "aws_iam_role" "opaque" {
  assume_role_policy = var.trust
}
resource "aws_iam_role" "service_var" {
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { Service = var.services } }]
  })
}
''',
        "iam.tf": '''data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}
''',
        "trust.json": '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "edgelambda.amazonaws.com"}}]}',
    }, tmp_path)
    roles = {name: role.principals for name, role in dep.roles.items()}
    assert roles == {"heredoc": {"lambda.amazonaws.com", "edgelambda.amazonaws.com"},
                     "doc": {"lambda.amazonaws.com"}, "file": {"edgelambda.amazonaws.com"},
                     "opaque": None, "service_var": None}


def test_terraform_cloudfront_function_code(tmp_path: Path) -> None:
    dep = tf({"main.tf": '''resource "aws_cloudfront_function" "plain" {
  runtime = "cloudfront-js-1.0"
  publish = false
  code    = <<EOF
function handler(event) {
  var uri = `$${event.request.uri}`;
  return event.request;
}
EOF
  key_value_store_associations = [aws_cloudfront_key_value_store.a.arn, aws_cloudfront_key_value_store.b.arn]
}
resource "aws_cloudfront_function" "templated" {
  runtime = "cloudfront-js-2.0"
  code    = <<-EOF
    function handler(event) { return "${var.domain}"; }
  EOF
}
resource "aws_cloudfront_function" "from_file" {
  runtime = "cloudfront-js-2.0"
  code    = file("fn.js")
}
resource "aws_cloudfront_function" "one_line" {
  runtime = "cloudfront-js-2.0"
  code    = "function handler(event) {\\n  return event.request;\\n}"
}
'''}, tmp_path)
    plain = dep.functions["aws_cloudfront_function.plain"]
    assert plain.inline is not None and plain.inline.first_line == 5 and plain.inline.indent == 0
    assert "`${event.request.uri}`" in plain.inline.text  # $${ is Terraform's escape for ${
    assert plain.publish.value == "unpublished" and plain.kvs_count.value == 2 and plain.kvs_count.loc.line == 10
    assert dep.functions["aws_cloudfront_function.templated"].inline is None  # Terraform interpolates it
    assert dep.functions["aws_cloudfront_function.from_file"].code_path == tmp_path / "fn.js"
    one_line = dep.functions["aws_cloudfront_function.one_line"].inline
    assert one_line is not None and not one_line.multiline and one_line.first_line == 24
    assert one_line.text == "function handler(event) {\n  return event.request;\n}"


def test_terraform_count_index_and_no_edge_resources(tmp_path: Path) -> None:
    dep = tf({"main.tf": '''resource "aws_lambda_function" "edge" {
  count   = 1
  publish = true
}
resource "aws_cloudfront_distribution" "cdn" {
  default_cache_behavior {
    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = aws_lambda_function.edge[0].qualified_arn
    }
  }
}
'''}, tmp_path)
    [assoc] = dep.associations
    assert assoc.qualifier == "version" and assoc.function_id == "aws_lambda_function.edge"
    assert tf({"other.tf": 'resource "aws_s3_bucket" "b" {}\n'}, tmp_path / "x", name="other.tf").functions == {}


# == expect markers sit on lines the model points at ==========================================
def _model_lines(dep: Deployment) -> set[int]:
    lines: set[int] = set()

    def add(loc: Loc | None) -> None:
        if loc is not None and loc.path is None:
            lines.add(loc.line)

    if dep.region is not None:
        add(dep.region.loc)
    for fn in dep.functions.values():
        add(fn.loc)
        for setting in (*fn.settings.values(), fn.runtime, fn.region, fn.publish, fn.kvs_count):
            if setting is not None:
                add(setting.loc)
    for assoc in dep.associations:
        add(assoc.loc)
        add(assoc.event.loc)
        if assoc.include_body is not None:
            add(assoc.include_body.loc)
    for role in dep.roles.values():
        add(role.loc)
    for dist in dep.distributions.values():
        add(dist.loc)
        for setting in (dist.mtls, dist.mtls_mode, dist.trust_store, dist.http_version,
                        *(policy for _, policy in dist.viewer_protocols)):
            if setting is not None:
                add(setting.loc)
    return lines


DEPLOY_FILES = sorted([*SLS.glob("*/serverless.yml"), *TF.glob("*/*.tf")])


@pytest.mark.parametrize("path", DEPLOY_FILES, ids=[p.relative_to(ROOT / "fixtures").as_posix() for p in DEPLOY_FILES])
def test_expect_markers_point_at_model_positions(path: Path) -> None:
    expected = {(line, code) for line, code in expected_findings(path.read_text("utf-8")) if code.startswith("DP")}
    if "malformed" in path.parts:
        assert {code for _, code in expected_findings(path.read_text("utf-8"))} == {"EL001"}
        return
    lines = _model_lines(read(path))
    assert {line for line, _ in expected} <= lines


def test_fixture_corpus_covers_the_brief() -> None:
    cases = {p.parent.name for p in DEPLOY_FILES}
    assert {"valid", "region", "environment", "layers", "arm64", "memory-viewer", "include-body-origin-response",
            "cf-function-origin-request", "role-trust", "conflict", "variables", "malformed", "region-eu-west-1",
            "unqualified-arn", "publish-false", "provider-alias", "unknown-values"} <= cases
