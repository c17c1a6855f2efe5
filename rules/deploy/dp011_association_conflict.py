from __future__ import annotations

from collections import defaultdict

from edgelint.deploy.model import Association, Deployment
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, dp
from edgelint.rules.deploy._templates import edge

_BOTH = "            - EventType: {second}\n              LambdaFunctionARN: !Ref EdgeVersion\n"
_MIXED = ("          FunctionAssociations:\n            - EventType: {cff}\n"
          "              FunctionARN: arn:aws:cloudfront::123456789012:function/rewrite\n")


class AssociationConflict(Rule):
    """
    ## What it does
    Checks each cache behaviour's associations: two functions on one event type, or a CloudFront
    Function and a Lambda@Edge function both on viewer events.

    ## Why is this bad?
    Each event type of a cache behaviour takes one function ("The event type of a function
    association must be unique in the cache behavior"), and CloudFront Functions and Lambda@Edge
    cannot be combined on viewer events. A CloudFront Function on viewer events with Lambda@Edge on
    origin events is fine.

    ## Example
    ```yaml
    FunctionAssociations:
      - EventType: viewer-request
        FunctionARN: !GetAtt Rewrite.FunctionMetadata.FunctionARN
    LambdaFunctionAssociations:
      - EventType: viewer-response
        LambdaFunctionARN: !Ref HeadersVersion
    ```

    Use instead: one function per event; put the Lambda@Edge part on an origin event, or do both
    jobs in one function type.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html
    """

    code = "DP011"
    name = "association-conflict"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Conflicting function associations in one cache behaviour"
    help = "use one function per event type, and do not mix CloudFront Functions and Lambda@Edge on viewer events"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html",)
    valid = (
        Example(edge(extra=_BOTH.format(second="origin-response")), filename="template.yaml"),
        Example(edge(event="origin-request", extra=_MIXED.format(cff="viewer-request")), filename="template.yaml"),
    )
    invalid = (
        Example(edge(extra=_BOTH.format(second="origin-request")), filename="template.yaml", line=32,
                message="origin-request"),
        Example(edge(event="viewer-response", extra=_MIXED.format(cff="viewer-request")), filename="template.yaml",
                line=33, message="viewer"),
    )

    def on_deployment(self, dep: Deployment) -> None:
        viewer = set(dp()["associations"]["viewer_events"])
        behaviors: dict[tuple[str, str], list[Association]] = defaultdict(list)
        for assoc in dep.associations:
            if not assoc.foreign:
                behaviors[(assoc.distribution, assoc.behavior)].append(assoc)
        for (distribution, behavior), items in behaviors.items():
            where = f"cache behaviour {behavior!r} of {distribution}"
            seen: dict[str, Association] = {}
            for assoc in items:
                if not assoc.event.known:
                    continue
                event = assoc.event.value
                if event in seen:
                    self.report(assoc.event.loc, f"{event} already has a function in the {where} (line "
                                                 f"{seen[event].event.loc.line}): one function per event type")
                else:
                    seen[event] = assoc
            cff = [a for a in items if a.kind == "cloudfront-function" and a.event.known and a.event.value in viewer]
            lam = [a for a in items if a.kind == "lambda" and a.event.known and a.event.value in viewer]
            if cff and lam:
                self.report(cff[0].event.loc, f"a CloudFront Function ({cff[0].event.value}) and a Lambda@Edge function "
                                              f"({lam[0].event.value}) on viewer events of the {where}: CloudFront "
                                              "does not allow combining them on viewer events")
