from __future__ import annotations

from edgelint.deploy.model import Function
from edgelint.model import Severity
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import (DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, is_edge_lambda,
                                           present)
from edgelint.rules.deploy._templates import edge


class EnvironmentVariables(Rule):
    """
    ## What it does
    Flags environment variables configured on a Lambda@Edge function: CloudFormation
    `Environment`, SAM `Environment` (including `Globals`), serverless `environment` (provider or
    function), Terraform `environment {}` blocks. Ordinary Lambda functions in the same file are
    not affected.

    ## Why is this bad?
    Lambda@Edge does not support environment variables (only Lambda's reserved variables exist).
    The association fails with `InvalidLambdaFunctionAssociation: The function cannot have
    environment variables`.

    ## Example
    ```yaml
    EdgeFn:
      Type: AWS::Lambda::Function
      Properties:
        Environment:
          Variables: {BACKEND_URL: https://api.example.com}
    ```

    Use instead: inline the value at build time, or read it from SSM Parameter Store in us-east-1
    and cache it in a module variable.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    """

    code = "DP003"
    name = "environment-variables"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Environment variables on a Lambda@Edge function"
    help = ("remove the environment variables: inline the values at build time or read them from "
            "SSM Parameter Store / Secrets Manager and cache them in a module variable")
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html",)
    valid = (
        Example(edge(), filename="template.yaml"),
        Example(edge(props="      Environment: {Variables: {}}\n"), filename="template.yaml"),
    )
    invalid = (
        Example(edge(props="      Environment:\n        Variables: {BACKEND_URL: https://api.example.com}\n"),
                filename="template.yaml", line=20),
        Example("service: site\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    STAGE: prod\n"
                "functions:\n  edge:\n    handler: index.handler\n    events:\n      - cloudFront:\n"
                "          eventType: origin-request\n          origin: https://example.com\n",
                filename="serverless.yml", line=5),
    )

    def on_function(self, fn: Function) -> None:
        setting = fn.setting("environment")
        if not (is_edge_lambda(self.ctx, fn) and present(setting)):
            return
        if self.ctx.deployment.format == "serverless":
            # The framework deletes Environment from cloudFront-event functions before deploying.
            self.report(setting.loc, f"`{fn.id}` is a Lambda@Edge function: the Serverless Framework drops these "
                                     "environment variables when it deploys it, so code reading them gets undefined",
                        severity=Severity.WARNING,
                        help="move the values out of `environment` for this function (inline them or read them "
                             "from SSM); LE001 flags the code that reads them")
            return
        self.report(setting.loc, f"Lambda@Edge function `{fn.id}` has environment variables; Lambda@Edge "
                                 "does not support them and CloudFront rejects the association")
