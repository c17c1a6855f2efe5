from __future__ import annotations

from edgelint.deploy.model import Function
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, dp, is_edge_lambda
from edgelint.rules.deploy._templates import edge


class RoleTrust(Rule):
    """
    ## What it does
    Reads the trust policy of a Lambda@Edge function's execution role (an `AWS::IAM::Role` in the
    same template, a SAM-generated role, a Terraform `aws_iam_role`) and flags it when it does not
    let both `lambda.amazonaws.com` and `edgelambda.amazonaws.com` assume the role.

    ## Why is this bad?
    CloudFront refuses the association: "The function execution role must be assumable with
    edgelambda.amazonaws.com as well as lambda.amazonaws.com principals". SAM creates roles that
    trust only `lambda.amazonaws.com` unless you give `AssumeRolePolicyDocument`.

    ## Example
    ```yaml
    Principal:
      Service: lambda.amazonaws.com
    ```

    Use instead: `Service: [lambda.amazonaws.com, edgelambda.amazonaws.com]`.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html
    """

    code = "DP009"
    name = "role-trust"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Execution role not assumable by edgelambda.amazonaws.com"
    help = "add edgelambda.amazonaws.com (and lambda.amazonaws.com) to the role's trust policy (sts:AssumeRole)"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html",)
    valid = (
        Example(edge(), filename="template.yaml"),
        Example(edge().replace("Service: [lambda.amazonaws.com, edgelambda.amazonaws.com]",
                               "Service:\n                - edgelambda.amazonaws.com\n                - lambda.amazonaws.com"),
                filename="template.yaml"),
    )
    invalid = (
        Example(edge().replace("[lambda.amazonaws.com, edgelambda.amazonaws.com]", "lambda.amazonaws.com"),
                filename="template.yaml", line=3, message="edgelambda.amazonaws.com"),
        Example("Transform: AWS::Serverless-2016-10-31\nResources:\n  EdgeFn:\n    Type: AWS::Serverless::Function\n"
                "    Properties:\n      CodeUri: src/\n      Handler: index.handler\n      Runtime: nodejs22.x\n"
                "      AutoPublishAlias: live\n  Dist:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n"
                "      DistributionConfig:\n        DefaultCacheBehavior:\n          LambdaFunctionAssociations:\n"
                "            - EventType: origin-request\n              LambdaFunctionARN: !Ref EdgeFn.Version\n",
                filename="template.yaml", line=3, message="SAM"),
    )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.reported: set[str] = set()

    def on_function(self, fn: Function) -> None:
        ctx = self.ctx
        if not is_edge_lambda(ctx, fn):
            return
        role = ctx.role(fn.role)
        if role is None or role.principals is None or role.id in self.reported:
            return
        self.reported.add(role.id)
        missing = [p for p in dp()["trust"]["principals"] if p not in role.principals]
        if missing:
            made_by = " (the role SAM creates)" if role.id == f"{fn.id}Role" and role.id not in _declared(ctx) else ""
            self.report(role.loc, f"the execution role of `{fn.id}`{made_by} is not assumable by "
                                  f"{' or '.join(missing)}")


def _declared(ctx) -> set[str]:
    return {rid for rid in ctx.deployment.roles if rid not in {f"{f}Role" for f in ctx.deployment.functions}}
