from __future__ import annotations

from edgelint.data import facts
from edgelint.deploy.model import Association
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES
from edgelint.rules.deploy._templates import edge


class IncludeBodyEvent(Rule):
    """
    ## What it does
    Flags include-body (`IncludeBody: true`, serverless `includeBody`, Terraform `include_body`)
    on an association to a response event.

    ## Why is this bad?
    CloudFront exposes the request body to viewer-request and origin-request functions only; the
    setting is rejected on response events ("Only valid for 'request' event types").

    ## Example
    ```yaml
    - EventType: origin-response
      LambdaFunctionARN: !Ref EdgeVersion
      IncludeBody: true
    ```

    Use instead: drop `IncludeBody`, or move the body handling to a request event.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-include-body-access.html
    """

    code = "DP008"
    name = "include-body-event"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Include-body on a response event"
    help = "remove include-body from response events; only viewer-request and origin-request receive the body"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-include-body-access.html",)
    valid = (
        Example(edge(event="origin-request", extra="              IncludeBody: true\n"), filename="template.yaml"),
        Example(edge(event="origin-response", extra="              IncludeBody: false\n"), filename="template.yaml"),
    )
    invalid = (
        Example(edge(event="origin-response", extra="              IncludeBody: true\n"), filename="template.yaml",
                line=32),
        Example(edge(event="viewer-response", extra="              IncludeBody: true\n"), filename="template.yaml",
                line=32),
    )

    def on_association(self, assoc: Association) -> None:
        body = assoc.include_body
        if body is None or not body.known or body.value is not True and body.value != 1:
            return
        allowed = facts("lambda_edge")["body"]["include_body_events"]
        if assoc.event.known and assoc.event.value not in allowed:
            self.report(body.loc, f"include-body on {assoc.event.value}: CloudFront passes the body only to "
                                  f"{' and '.join(allowed)} functions")
