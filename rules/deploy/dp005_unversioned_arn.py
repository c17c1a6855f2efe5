from __future__ import annotations

from edgelint.deploy.model import Association
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES
from edgelint.rules.deploy._templates import edge

_WHY = {
    "latest": "`$LATEST`",
    "alias": "an alias",
    "unqualified": "an unqualified function ARN",
}


class UnversionedArn(Rule):
    """
    ## What it does
    Flags a Lambda@Edge association that does not name a numbered version: `$LATEST`, an alias, an
    unqualified ARN (`!GetAtt Fn.Arn`, `!Ref Fn`, Terraform `.arn` instead of `.qualified_arn`),
    a Terraform function without `publish = true` (its `qualified_arn` ends in `$LATEST`), or a
    serverless project with `versionFunctions: false`.

    ## Why is this bad?
    CloudFront requires the ARN of a function version: "You must specify the ARN of a function
    version; you can't specify an alias or $LATEST". The deployment fails with "The function ARN
    must reference a specific function version".

    ## Example
    ```yaml
    LambdaFunctionAssociations:
      - EventType: origin-request
        LambdaFunctionARN: !GetAtt EdgeFn.Arn
    ```

    Use instead: an `AWS::Lambda::Version` (`!Ref EdgeVersion`), SAM `AutoPublishAlias` with
    `!Ref EdgeFn.Version`, or Terraform `publish = true` with `qualified_arn`.

    ## References
    - https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_LambdaFunctionAssociation.html
    """

    code = "DP005"
    name = "unversioned-arn"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Lambda@Edge association without a numbered version"
    help = "associate a published version: AWS::Lambda::Version, SAM `!Ref Fn.Version`, Terraform publish = true + qualified_arn"
    references = ("https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_LambdaFunctionAssociation.html",)
    valid = (
        Example(edge(), filename="template.yaml"),
        Example(edge(arn="arn:aws:lambda:us-east-1:123456789012:function:edge:7"), filename="template.yaml"),
    )
    invalid = (
        Example(edge(arn="!GetAtt EdgeFn.Arn"), filename="template.yaml", line=31, message="unqualified"),
        Example(edge(arn="arn:aws:lambda:us-east-1:123456789012:function:edge:$LATEST"), filename="template.yaml",
                line=31, message="$LATEST"),
        Example(edge(arn="arn:aws:lambda:us-east-1:123456789012:function:edge:live"), filename="template.yaml",
                line=31, message="alias"),
    )

    def on_association(self, assoc: Association) -> None:
        if assoc.kind != "lambda" or assoc.qualifier not in _WHY:
            return
        shown = f" ({assoc.arn_text})" if assoc.arn_text else ""
        self.report(assoc.loc, f"the association names {_WHY[assoc.qualifier]}{shown}: CloudFront needs the ARN of "
                               "a numbered function version")
