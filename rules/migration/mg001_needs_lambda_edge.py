from __future__ import annotations

from typing import Any

from edgelint.model import Severity
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, cff

# What each blocking rule means for the move, in the order findings are listed.
_BLOCKERS = {
    "CF001": "network access",
    "CF002": "the request body",
    "CF003": "modules the runtime does not provide",
    "CF005": "timers",
    "CF008": "more than 10 KB of code",
}


class NeedsLambdaEdge(Rule):
    """
    ## What it does
    Reports, once per CloudFront Function, when the code uses something only Lambda@Edge offers:
    network access, the request body, modules the runtime does not provide, timers, or more than
    10 KB of code. The finding lists each blocker with its line and names the Lambda@Edge event to
    move to.

    ## Why is this bad?
    These are not bugs to patch one by one: the CloudFront Functions runtime will never allow
    them. The fix is to run the logic as a Lambda@Edge function (Node.js or Python, network and
    body access, up to 30 s), keeping CloudFront Functions for the lightweight parts.

    `edgelint migrate FILE --to lambda-edge` makes the move: the function's code is kept and a
    Lambda@Edge handler converts the event shapes around it (see the README's migration section).

    ## Example
    ```js
    async function handler(event) {
        var res = await fetch('https://auth.example.com/verify');
        return event.request;
    }
    ```

    Use instead: a Lambda@Edge origin-request function (runs only on cache misses) or
    viewer-request function (runs on every request), deployed in us-east-1 and associated by
    numbered version.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    """

    code = "MG001"
    name = "needs-lambda-edge"
    severity = Severity.INFO
    summary = "CloudFront Function that needs Lambda@Edge"
    help = "move this function to Lambda@Edge: `edgelint migrate FILE --to lambda-edge` does it"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html",)
    example_runtimes = BOTH_RUNTIMES
    uses = tuple(_BLOCKERS)
    valid = (
        Example("function handler(event) {\n  var request = event.request;\n  request.uri = '/index.html';\n"
                "  return request;\n}\n"),
        Example("var crypto = require('crypto');\nfunction handler(event) {\n"
                "  var h = crypto.createHash('sha256').update('x').digest('hex');\n  return event.request;\n}\n"),
    )
    invalid = (
        Example("function handler(event) {\n  var b = event.request.body;\n  return event.request;\n}\n",
                line=1, message="the request body"),
        Example("var _ = require('lodash');\nfunction handler(event) {\n  return event.request;\n}\n",
                line=2, message="modules"),
        Example("async function handler(event) {\n  await fetch('https://x');\n  return event.request;\n}\n",
                runtime="cloudfront-js-2.0", line=1, message="network access"),
    )

    def _directives(self) -> list[Any]:
        from edgelint.engine import _js_comment
        from edgelint.suppress import parse_directives

        ctx = self.ctx
        return parse_directives(_js_comment(c, ctx.lines) for c in ctx.parsed.comments)

    def on_Program_exit(self, node: Any) -> None:
        ctx = self.ctx
        found: dict[str, list[int]] = {}
        directives = self._directives()
        for finding in ctx.findings:
            if finding.code in _BLOCKERS and finding.severity == Severity.ERROR:
                if any(d.matches(finding) is not None for d in directives):
                    continue  # suppressed where it is: the user has accepted it, it blocks nothing
                found.setdefault(finding.code, []).append(finding.line)
        if not found:
            return
        parts = []
        for code, label in _BLOCKERS.items():
            if code in found:
                lines = sorted(set(found[code]))
                where = "" if code == "CF008" else f" (line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines[:5]))})"
                parts.append(f"{label}{where}")
        if "CF002" in found:
            event = "viewer-request or origin-request function with include-body enabled"
        elif ctx.event == "viewer-response":
            event = "origin-response function (or viewer-response if it must run on cached responses)"
        else:
            event = "origin-request function (or viewer-request if it must run on every request)"
        help = f"move it to a Lambda@Edge {event}: `edgelint migrate {ctx.path} --to lambda-edge` does it"
        module = cff()["cloudfront_module"]["name"]
        if any(stmt.type == "ImportDeclaration" and stmt.source.value == module for stmt in node.body):
            # Lambda@Edge cannot read a KeyValueStore: the move has a cost the user must know.
            help += ("; note that Lambda@Edge has no KeyValueStore access, so read that data "
                     "another way (for example from S3 or DynamoDB, cached in a module variable)")
        handler = ctx.handler
        anchor = handler.id if handler is not None and getattr(handler, "id", None) is not None else handler
        self.report(anchor, f"this CloudFront Function needs Lambda@Edge: it uses {', '.join(parts)}",
                    help=help)
