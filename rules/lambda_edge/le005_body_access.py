from __future__ import annotations

from typing import Any

from edgelint.edge.model import EventRead, EventWrite
from edgelint.model import LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import (EXAMPLE_RUNTIMES, NODE, PYTHON, event_label, le,
                                                response_events_of)

_INCLUDE_BODY_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-include-body-access.html"
_STRUCTURE_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html"
_RESTRICTIONS_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html"
_INCLUDE_BODY_HELP = ("Set include-body on this function's viewer-request or origin-request association "
                      "(IncludeBody: true, serverless includeBody, Terraform include_body)")


def _paths() -> tuple[tuple, tuple]:
    body = le()["body"]
    return tuple(body["request_path"]), tuple(body["response_path"])


class BodyAccess(Rule):
    """
    ## What it does
    Flags reading a body the Lambda@Edge event does not carry:

    - `request.body` (`event.Records[0].cf.request.body`, through aliases such as
      `const { request } = event.Records[0].cf` or `req = cf["request"]`) read in a
      **response** event (E): the request body is never exposed there;
    - `request.body` read in a **request** event whose association does not set include-body (W):
      the body is exposed only with `IncludeBody: true`. With include-body known to be set (from
      the config or deployment file) nothing is reported; when edgelint cannot see the
      association, the warning says so;
    - `response.body` read in any event (E): the origin's response body is not exposed, a function
      can only replace it.

    Reads are member accesses and destructuring in JS (`request.body.data`,
    `const { body } = request`), and subscripts and `.get("body")` in Python. Writes are fine:
    `request.body.action = 'replace'`, `request.body.data = …`, `response.body = …`.

    ## Why is this bad?
    Lambda@Edge passes the request body to viewer-request and origin-request functions only when
    their association sets include-body; otherwise `request.body` is absent and code that reads
    `body.data` throws (the viewer gets a 502). Response events never receive the request body,
    and no event receives the origin's response body: reading them yields nothing.

    ## Example
    ```js
    // origin-response
    exports.handler = async (event) => {
        const { response } = event.Records[0].cf;
        const html = Buffer.from(response.body.data, 'base64').toString();
        response.body = html.replace('{{year}}', '2025');
        return response;
    };
    ```

    Use instead: replace the body without reading the origin's one (or render the page at the
    origin):
    ```js
    exports.handler = async (event) => {
        const { response } = event.Records[0].cf;
        response.body = '<html><body>Maintenance</body></html>';
        response.bodyEncoding = 'text';
        return response;
    };
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-include-body-access.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    """

    code = "LE005"
    name = "body-access"
    summary = "Reading a body the Lambda@Edge event does not expose"
    help = _INCLUDE_BODY_HELP
    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES
    references = (_INCLUDE_BODY_URL, _STRUCTURE_URL, _RESTRICTIONS_URL)
    valid = (
        # Reading back the body the function itself just set reads nothing from the origin.
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  response.body = '<h1>Not here</h1>';\n"
                "  response.headers['content-length'] = [{ value: String(response.body.length) }];\n"
                "  return response;\n};\n", runtime=NODE, event="origin-response"),
        # Replacing the response body in origin-response is allowed.
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  response.body = '<h1>Not found</h1>';\n  response.bodyEncoding = 'text';\n"
                "  return response;\n};\n", runtime=NODE, event="origin-response"),
        # Writing a replacement request body does not read it.
        Example("exports.handler = async (event) => {\n  const { request } = event.Records[0].cf;\n"
                "  request.body.action = 'replace';\n  request.body.encoding = 'text';\n"
                "  request.body.data = JSON.stringify({ ok: true });\n  return request;\n};\n",
                runtime=NODE, event="viewer-request"),
        # A local object with a `body`.
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const msg = { body: 'x' };\n  console.log(msg.body);\n  return request;\n};\n",
                runtime=NODE, event="origin-request"),
        Example("def handler(event, context):\n    response = event['Records'][0]['cf']['response']\n"
                "    response['body'] = 'maintenance'\n    response['bodyEncoding'] = 'text'\n"
                "    return response\n", runtime=PYTHON, event="origin-response"),
        Example("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
                "    request['body']['action'] = 'replace'\n    request['body']['data'] = 'e30='\n"
                "    return request\n", runtime=PYTHON, event="origin-request"),
    )
    invalid = (
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  const html = Buffer.from(response.body.data, 'base64').toString();\n"
                "  return response;\n};\n", runtime=NODE, event="origin-response", line=3,
                severity=Severity.ERROR, message="response body is not exposed"),
        Example("exports.handler = async (event) => {\n  const { request } = event.Records[0].cf;\n"
                "  const form = Buffer.from(request.body.data, 'base64').toString();\n"
                "  return request;\n};\n", runtime=NODE, event="viewer-request", line=3,
                severity=Severity.WARNING, message="include-body"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const { body } = request;\n  return request;\n};\n",
                runtime=NODE, event="viewer-response", line=3, severity=Severity.ERROR,
                message="never exposed to response events"),
        Example("exports.handler = async (event) => {\n  const { request } = event.Records[0].cf;\n"
                "  if (request.body && request.body.inputTruncated) {\n    return request;\n  }\n"
                "  return request;\n};\n", runtime=NODE, line=3, severity=Severity.WARNING,
                message="event is unknown"),
        Example("def handler(event, context):\n    cf = event['Records'][0]['cf']\n    req = cf['request']\n"
                "    data = req['body']['data']\n    return req\n",
                runtime=PYTHON, event="origin-request", line=4, severity=Severity.WARNING),
        Example("def handler(event, context):\n    response = event['Records'][0]['cf']['response']\n"
                "    if response.get('body'):\n        pass\n    return response\n",
                runtime=PYTHON, event="origin-response", line=3, severity=Severity.ERROR),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self._reported: set[tuple[int, tuple]] = set()
        # Once the function has set `response.body`, later reads (`content-length` of the new body)
        # read its own value, not the origin's (the walk is in source order).
        self._response_written = False

    # -- checks ------------------------------------------------------------------
    def _check(self, node: Any, part: tuple | None) -> None:
        if not part:
            return
        # `if (request.body && request.body.data)`: one finding per line is enough.
        line = node.line
        if (line, part) in self._reported:
            return
        self._reported.add((line, part))
        request_path, response_path = _paths()
        event = self.ctx.target.event
        if part == response_path:
            if not self._response_written:
                self.report(node, "the origin's response body is not exposed; a function can only replace it",
                            help="Set a new body (`response.body = …`) without reading the old one, or "
                                 "transform the body at the origin")
            return
        if part != request_path:
            return
        responses = response_events_of(self.ctx.target)
        if responses:
            self.report(node, f"the request body is never exposed to response events: `request.body` "
                              f"is absent in {event_label(responses)}",
                        help="Read the body in a viewer-request or origin-request function whose "
                             "association sets include-body")
            return
        include_body = self.ctx.target.include_body
        if include_body is True:
            return
        message = ("the body is exposed only when the association sets include-body (IncludeBody: true); "
                   "without it request.body is absent")
        if event is None:
            message += " (the event is unknown: only viewer-request and origin-request functions can receive it)"
        elif include_body is False:
            message += f" (this {event} association does not set it)"
        else:
            message += " (edgelint cannot see this function's association)"
        self.report(node, message, severity=Severity.WARNING)

    # -- facts -------------------------------------------------------------------------
    def on_event_write(self, write: EventWrite) -> None:
        if write.path == _paths()[1]:
            self._response_written = True

    def on_event_read(self, read: EventRead) -> None:
        if read.path not in _paths():
            return
        if read.how == "into":  # `response.body.data = …` writes into the body
            if read.path == _paths()[1]:
                self._response_written = True
            return
        if read.how == "read":
            self._check(read.span, read.path)
