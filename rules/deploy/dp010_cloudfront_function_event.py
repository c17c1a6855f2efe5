from __future__ import annotations

from edgelint.deploy.model import Association
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, dp

_CFF = """Resources:
  Fn:
    Type: AWS::CloudFront::Function
    Properties:
      Name: rewrite
      AutoPublish: true
      FunctionConfig: {{Comment: rewrite, Runtime: cloudfront-js-2.0}}
      FunctionCode: "function handler(event) {{ return event.request; }}"
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          FunctionAssociations:
            - EventType: {event}
              FunctionARN: !GetAtt Fn.FunctionMetadata.FunctionARN
"""


class CloudFrontFunctionEvent(Rule):
    """
    ## What it does
    Flags a CloudFront Function associated with `origin-request` or `origin-response`.

    ## Why is this bad?
    CloudFront Functions run on viewer events only: "You cannot use origin-facing event types
    (origin-request and origin-response) with a CloudFront function". The API schema still lists
    all four values, so the mistake passes schema validation and fails at deploy time
    (`Member must satisfy value set: [viewer-request, viewer-response]`).

    ## Example
    ```yaml
    FunctionAssociations:
      - EventType: origin-request
        FunctionARN: !GetAtt Fn.FunctionMetadata.FunctionARN
    ```

    Use instead: associate it with `viewer-request`, or move the logic to a Lambda@Edge
    origin-request function if it must run only on cache misses.

    ## References
    - https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_FunctionAssociation.html
    """

    code = "DP010"
    name = "cloudfront-function-event"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "CloudFront Function on an origin event"
    help = ("associate the CloudFront Function with viewer-request or viewer-response, or move the logic "
            "to a Lambda@Edge origin-request/origin-response function")
    references = ("https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_FunctionAssociation.html",)
    valid = (
        Example(_CFF.format(event="viewer-request"), filename="template.yaml"),
        Example(_CFF.format(event="viewer-response"), filename="template.yaml"),
    )
    invalid = (
        Example(_CFF.format(event="origin-request"), filename="template.yaml", line=15),
        Example(_CFF.format(event="origin-response"), filename="template.yaml", line=15),
    )

    def on_association(self, assoc: Association) -> None:
        allowed = dp()["cloudfront_function_events"]["allowed"]
        if assoc.kind == "cloudfront-function" and assoc.event.known and assoc.event.value not in allowed:
            self.report(assoc.event.loc, f"a CloudFront Function cannot run on {assoc.event.value}: it runs on "
                                         f"{' and '.join(allowed)} only")
