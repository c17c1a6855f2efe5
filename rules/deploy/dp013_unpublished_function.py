"""DP013 unpublished-function: a CloudFront or Connection Function associated but never published."""

from __future__ import annotations

from edgelint.deploy.model import Function
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES

_CFN = """Resources:
  Rewrite:
    Type: AWS::CloudFront::Function
    Properties:
      Name: rewrite
{publish}      FunctionConfig: {{Comment: rewrite, Runtime: cloudfront-js-2.0}}
      FunctionCode: "function handler(event) {{ return event.request; }}"
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          FunctionAssociations:
            - EventType: viewer-request
              FunctionARN: !GetAtt Rewrite.FunctionMetadata.FunctionARN
"""

_TF = """resource "aws_cloudfront_{kind}" "fn" {{
  name = "fn"
{body}{publish}}}

resource "aws_cloudfront_distribution" "site" {{
{association}  default_cache_behavior {{
    target_origin_id       = "site"
    viewer_protocol_policy = "https-only"
{cff}  }}
}}
"""
_TF_CFF = dict(kind="function", body='  runtime = "cloudfront-js-2.0"\n  code = "function handler(event) { return event.request; }"\n',
               association="", cff="    function_association {\n      event_type   = \"viewer-request\"\n"
                                   "      function_arn = aws_cloudfront_function.fn.arn\n    }\n")
_TF_CN = dict(kind="connection_function",
              body='  connection_function_code = "function connectionHandler(c) { c.allow(); }"\n'
                   '  connection_function_config {\n    comment = "fn"\n    runtime = "cloudfront-js-2.0"\n  }\n',
              association="  connection_function_association {\n    id = aws_cloudfront_connection_function.fn.id\n  }\n"
                          "  viewer_mtls_config {\n    mode = \"required\"\n    trust_store_config {\n"
                          "      trust_store_id = \"ts-1\"\n    }\n  }\n", cff="")


class UnpublishedFunction(Rule):
    """
    ## What it does
    Flags a CloudFront Function or Connection Function that a distribution in the same file uses
    while the function is never published to the LIVE stage: CloudFormation `AutoPublish: false`
    or no `AutoPublish` at all; Terraform `publish = false` (and, for
    `aws_cloudfront_connection_function`, no `publish`, since its default is false).

    ## Why is this bad?
    A new function is in the DEVELOPMENT stage, and "you can only associate cache behaviors with
    functions that are in the LIVE stage"; a Connection Function likewise "must be in the LIVE
    stage" to be associated with a distribution. The distribution update fails, or — when the
    function was published once by hand — keeps running the old LIVE code while every change to
    the template stays in DEVELOPMENT.

    ## Example
    ```yaml
    Rewrite:
      Type: AWS::CloudFront::Function
      Properties:
        Name: rewrite
        FunctionConfig: {Comment: rewrite, Runtime: cloudfront-js-2.0}
        FunctionCode: "function handler(event) { return event.request; }"
    ```

    Use instead: add `AutoPublish: true` (Terraform: `publish = true`).

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/publish-function.html
    - https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-function.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/associate-connection-functions.html
    """

    code = "DP013"
    name = "unpublished-function"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "A CloudFront or Connection Function associated while it is never published"
    help = "publish the function to LIVE: `AutoPublish: true` in CloudFormation, `publish = true` in Terraform"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/publish-function.html",
                  "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-function.html",
                  "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/associate-connection-functions.html")
    valid = (
        Example(_CFN.format(publish="      AutoPublish: true\n"), filename="template.yaml"),
        Example(_TF.format(**_TF_CFF, publish=""), filename="main.tf"),
        Example(_TF.format(**_TF_CN, publish="  publish = true\n"), filename="main.tf"),
        # Not associated here: publishing may be another step's business.
        Example(_CFN.split("  Dist:")[0].format(publish="      AutoPublish: false\n"), filename="template.yaml"),
    )
    invalid = (
        Example(_CFN.format(publish="      AutoPublish: false\n"), filename="template.yaml", line=6,
                message="never published"),
        Example(_CFN.format(publish=""), filename="template.yaml", line=2, message="no `AutoPublish`"),
        Example(_TF.format(**_TF_CFF, publish="  publish = false\n"), filename="main.tf", line=5,
                message="DEVELOPMENT"),
        Example(_TF.format(**_TF_CN, publish=""), filename="main.tf", line=1, message="defaults to false"),
    )

    def on_function(self, fn: Function) -> None:
        publish = fn.publish
        if fn.kind not in ("cloudfront-function", "connection-function") or publish is None or not publish.known:
            return
        if publish.value not in ("unpublished", "unset") or not self.ctx.associations_of(fn):
            return
        what = "Connection Function" if fn.kind == "connection-function" else "CloudFront Function"
        terraform = self.ctx.deployment.format == "terraform"
        if publish.value == "unset":
            why = ("`publish` defaults to false for aws_cloudfront_connection_function" if terraform
                   else "it has no `AutoPublish`, so CloudFormation leaves it in the DEVELOPMENT stage")
        else:
            why = "it is never published: its code stays in the DEVELOPMENT stage"
        at = fn.loc if publish.value == "unset" else publish.loc
        self.report(at, f"{what} `{fn.id}` is associated with a distribution, but {why}; only LIVE "
                            "functions can be associated", help=self.help)
