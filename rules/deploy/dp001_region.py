from __future__ import annotations

from typing import Any

from edgelint.deploy.model import Association, Function
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, dp, is_edge_lambda

_TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Resources:
  EdgeFn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/edge
      Code: {{S3Bucket: b, S3Key: k}}
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          LambdaFunctionAssociations:
            - EventType: origin-request
              LambdaFunctionARN: {arn}
"""


class Region(Rule):
    """
    ## What it does
    Checks where Lambda@Edge functions are deployed: the region of the stack (`samconfig.toml`,
    the cdk.out stack environment), the serverless `provider.region`, the Terraform provider or
    provider alias a function uses, and the region inside a literal association ARN. Anything but
    `us-east-1` is an error. CloudFront Functions have no region and are not checked.

    ## Why is this bad?
    Lambda@Edge functions must be created in US East (N. Virginia); CloudFront replicates them
    worldwide from there. An association to a function in another region fails with
    `InvalidLambdaFunctionAssociation: The function must be in region 'us-east-1'`.

    ## Example
    ```yaml
    provider:
      name: aws
      region: eu-west-1     # the edge function is created here
    ```

    Use instead: deploy the edge function from a `us-east-1` stack or provider alias (the CDK's
    `cloudfront.experimental.EdgeFunction` does this for you).

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    """

    code = "DP001"
    name = "region"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Lambda@Edge function deployed outside us-east-1"
    help = "create Lambda@Edge functions in us-east-1 (a us-east-1 stack, provider alias or region setting)"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html",)
    valid = (
        Example(_TEMPLATE.format(arn="arn:aws:lambda:us-east-1:123456789012:function:edge:3"), filename="template.yaml"),
        Example(_TEMPLATE.format(arn="!Ref EdgeVersion"), filename="template.yaml"),
    )
    invalid = (
        Example(_TEMPLATE.format(arn="arn:aws:lambda:eu-west-1:123456789012:function:edge:3"),
                filename="template.yaml", line=17, message="eu-west-1"),
        Example("service: site\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  region: eu-west-1\n"
                "functions:\n  edge:\n    handler: index.handler\n    events:\n      - cloudFront:\n"
                "          eventType: origin-request\n          origin: https://example.com\n",
                filename="serverless.yml", line=5, message="eu-west-1"),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.required = dp()["region"]["required"]

    def on_function(self, fn: Function) -> None:
        ctx = self.ctx
        if not is_edge_lambda(ctx, fn):
            return
        setting = fn.region or ctx.deployment.region
        if setting is not None and setting.known and isinstance(setting.value, str):
            if setting.value != self.required:
                self.report(setting.loc, f"Lambda@Edge function `{fn.id}` is deployed to {setting.value}; "
                                            f"it must be created in {self.required}")
            return
        default = getattr(ctx, "default_region", None)
        if setting is None and default and default != self.required:
            self.report(fn.loc, f"Lambda@Edge function `{fn.id}` is deployed to {default} (edgelint "
                                   f"config `region`); it must be created in {self.required}")

    def on_association(self, assoc: Association) -> None:
        if assoc.kind == "lambda" and assoc.region and assoc.region != self.required:
            self.report(assoc.loc, f"the associated function ARN is in {assoc.region}; Lambda@Edge "
                                      f"functions must be in {self.required}")
