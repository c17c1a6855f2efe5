from __future__ import annotations

from edgelint.edge.model import EventRead
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, cff

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html"


def _body_path() -> tuple:
    return tuple(cff()["event"]["request_body_path"])


class BodyAccess(Rule):
    """
    ## What it does
    Flags reading the request body in a CloudFront Function: `event.request.body` (and anything
    under it, such as `.body.data`), directly or through aliases (`var req = event.request;
    req.body`, `const {request} = event; request.body`), and destructuring it
    (`const {body} = event.request`).

    Writing a response body (`event.response.body = …`) or returning a generated response with a
    `body` is fine: CloudFront Functions may set a response body, they just cannot read one.

    ## Why is this bad?
    CloudFront Functions cannot access the HTTP request body: `event.request` has no `body`, so the
    code reads `undefined` (and `body.data` throws a TypeError, which the viewer sees as an error).
    Only Lambda@Edge exposes the body, on viewer-request and origin-request triggers with the
    Include Body option.

    ## Example
    ```js
    function handler(event) {
        var form = querystring.parse(event.request.body.data);
        return event.request;
    }
    ```

    Use instead: a Lambda@Edge viewer-request or origin-request function with Include Body
    enabled, which receives `event.Records[0].cf.request.body` (base64 by default).

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-include-body-access.html
    """

    code = "CF002"
    name = "body-access"
    summary = "Reading the request body in a CloudFront Function"
    help = ("CloudFront Functions cannot read the request body: move this logic to a Lambda@Edge "
            "viewer-request or origin-request function with Include Body enabled")
    references = (
        _URL,
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html",
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-include-body-access.html",
    )
    example_runtimes = BOTH_RUNTIMES
    valid = (
        # Generating a response with a body is allowed.
        Example("function handler(event) {\n  return { statusCode: 200, statusDescription: 'OK',\n"
                "    body: { encoding: 'text', data: 'ok' } };\n}\n", event="viewer-request"),
        # Replacing the response body in viewer-response is allowed.
        Example("function handler(event) {\n  var response = event.response;\n"
                "  response.body = { data: '', encoding: 'text' };\n  return response;\n}\n",
                event="viewer-response"),
        # A local object that happens to have a `body`.
        Example("function handler(event) {\n  var msg = { body: 'x' };\n  var b = msg.body;\n"
                "  return event.request;\n}\n"),
        # A helper's own parameter named `event` is not the handler's event.
        Example("function parse(event) { return event.request.body; }\n"
                "function handler(event) {\n  return event.request;\n}\n"),
    )
    invalid = (
        Example("function handler(event) {\n  var b = event.request.body;\n  return event.request;\n}\n",
                line=2, message="request body"),
        Example("function handler(event) {\n  var req = event.request;\n  if (req.body.data) {\n"
                "    return { statusCode: 400, statusDescription: 'Bad Request' };\n  }\n  return req;\n}\n",
                line=3),
        Example("function handler(event) {\n  const { body } = event.request;\n  return event.request;\n}\n",
                runtime="cloudfront-js-2.0", line=2),
        Example("function handler(event) {\n  var { request: { body } } = event;\n  return event.request;\n}\n",
                line=2),
        Example("function handler(event) {\n  const request = event.request;\n"
                "  const size = request['body'] ? request['body'].data.length : 0;\n  return request;\n}\n",
                runtime="cloudfront-js-2.0", line=3),
    )

    def on_event_read(self, read: EventRead) -> None:
        # Only the member that reaches `body` itself: `req.body.data` is reported once, at `req.body`.
        if read.path == _body_path():
            self.report(read.span, "CloudFront Functions cannot read the request body: `event.request.body` "
                                   "is not available")
