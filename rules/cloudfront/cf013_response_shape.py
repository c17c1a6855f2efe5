from __future__ import annotations

import re
from typing import Any

from edgelint.edge.model import EventWrite, KeyRef, Response, Value, rename_key
from edgelint.model import Edit, Fix
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, cff

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html"
_DIGITS = re.compile(r"[0-9]{1,6}")  # a status code, not a long digit string


def _response() -> dict[str, Any]:
    return cff()["response"]


def _range_text() -> str:
    r = _response()
    return f"{r['status_min']}–{r['status_max']}"


def _help() -> str:
    return (f"Give a generated response an integer `statusCode` in {_range_text()} "
            "(`{ statusCode: 302, statusDescription: 'Found', headers: {…} }`), and return "
            "`event.request` or `event.response`")


class ResponseShape(Rule):
    """
    ## What it does
    Checks the response a CloudFront Function returns or changes:

    - a generated response (an object literal with `statusCode`) whose `statusCode` is a string
      (`'302'`; a safe fix turns a numeric string into the number) or a number outside 200–599;
    - an object literal with the Lambda@Edge `status` field (and `statusDescription`, `headers` or
      `body`) instead of `statusCode` (fixed when the value is a number literal);
    - `event.response.statusCode = '404'` (string or out of range) and `event.response.status = …`;
    - `return event;` in the handler: the function must return `event.request` or
      `event.response`, not the whole event.

    Changing `event.response.statusCode` to an integer in a viewer-response function is valid for
    CloudFront Functions (unlike Lambda@Edge viewer-response triggers).

    ## Why is this bad?
    In CloudFront Functions `statusCode` is an integer, not a string, and CloudFront accepts only
    statuses from 200 to 599. `status` is the Lambda@Edge field name: CloudFront Functions ignore
    it, so the response has no status. A function returns only the `request` or `response`
    object; returning the whole event is an invalid result and the viewer gets an error.

    ## Example
    ```js
    function handler(event) {
        if (event.request.uri === '/old') {
            return { statusCode: '302', headers: { location: { value: '/new' } } };
        }
        return event;
    }
    ```

    Use instead:
    ```js
    function handler(event) {
        if (event.request.uri === '/old') {
            return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/new' } } };
        }
        return event.request;
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/function-code-choose-purpose.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-generating-http-responses.html
    """

    code = "CF013"
    name = "response-shape"
    summary = "Invalid response object or return value in a CloudFront Function"
    help = _help()
    references = (
        _URL,
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/function-code-choose-purpose.html",
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-generating-http-responses.html",
    )
    example_runtimes = BOTH_RUNTIMES
    fixable = True
    valid = (
        Example("function handler(event) {\n  return { statusCode: 302, statusDescription: 'Found',\n"
                "    headers: { location: { value: '/' } } };\n}\n", event="viewer-request"),
        # Changing the status in viewer-response is allowed for CloudFront Functions.
        Example("function handler(event) {\n  var response = event.response;\n"
                "  if (event.request.uri.indexOf('/internal/') === 0) {\n    response.statusCode = 404;\n"
                "    response.statusDescription = 'Not Found';\n  }\n  return response;\n}\n",
                event="viewer-response"),
        # A redirect table is data, not a response.
        Example("var RULES = [{ from: '/a', to: '/b', statusCode: '301' }];\nfunction handler(event) {\n"
                "  return { statusCode: parseInt(RULES[0].statusCode, 10), headers: { location: { value: '/b' } } };\n}\n"),
        # Non-literal status codes and unrelated `status` fields are not flagged.
        Example("var CODES = { moved: 301 };\nfunction handler(event) {\n  var state = { status: 'ok' };\n"
                "  return { statusCode: CODES.moved, headers: { location: { value: '/' } } };\n}\n"),
        # Returning the event from a nested helper is not the handler's return.
        Example("function handler(event) {\n  var pick = function (event) { return event; };\n"
                "  return pick(event.request);\n}\n"),
    )
    invalid = (
        Example("function handler(event) {\n  return {\n    statusCode: '302',\n"
                "    headers: { location: { value: '/' } }\n  };\n}\n", line=3, message="not a string"),
        Example("function handler(event) {\n  return { statusCode: 700, statusDescription: 'Nope' };\n}\n",
                line=2, message="200–599"),
        Example("function handler(event) {\n  return {\n    status: 200,\n    statusDescription: 'OK',\n"
                "    body: 'ok'\n  };\n}\n", line=3, message="`status`"),
        Example("function handler(event) {\n  event.request.uri = '/index.html';\n  return event;\n}\n",
                line=3, message="not the whole event"),
        Example("function handler(event) {\n  var response = event.response;\n  response.statusCode = '404';\n"
                "  return response;\n}\n", event="viewer-response", line=3),
        Example("function handler(event) {\n  var response = event.response;\n  response.status = 404;\n"
                "  return response;\n}\n", event="viewer-response", line=3, message="statusCode"),
    )

    # -- checks ------------------------------------------------------------------
    def _check_status(self, at: Any, value: Value | None) -> None:
        """A `statusCode` value: a string, a non-integer or an out-of-range number."""
        if value is None:
            return
        r = _response()
        text = value.literal
        if text is not None:
            fix = None
            if _DIGITS.fullmatch(text):
                span = value.span
                fix = Fix(f"Use the number {int(text)}", (Edit(span.start_offset, span.end_offset, str(int(text))),))
            self.report(at, f"statusCode must be an integer, not a string ({text!r})", fix=fix)
            return
        number = value.number
        if number is None:
            return
        if number != int(number):
            self.report(at, f"statusCode must be an integer in {_range_text()}, not {number}")
        elif not r["status_min"] <= number <= r["status_max"]:
            self.report(at, f"statusCode {int(number)} is outside {_range_text()}: CloudFront "
                            "returns an error instead of this response")

    @staticmethod
    def _status_fix(key: KeyRef | None, value: Value | None) -> Fix | None:
        """Rename `status` when its value is a plain integer literal."""
        number = value.number if value is not None else None
        if number is None or number < 0 or number != int(number):
            return None
        return rename_key(key, _response()["status_field"], f"Rename `status` to `{_response()['status_field']}`")

    # -- facts -------------------------------------------------------------------
    def on_response(self, response: Response) -> None:
        r = _response()
        status = response.fields.get(r["status_field"])
        if status is not None:
            self._check_status(status.span, status.value)
            return
        le_status = response.fields.get(r["lambda_edge_status_field"])
        if le_status is None or not any(name in response.fields for name in r["lambda_edge_status_companions"]):
            return
        fix = None if le_status.shorthand else self._status_fix(le_status.key, le_status.value)
        self.report(le_status.span, f"`{r['lambda_edge_status_field']}` is the Lambda@Edge response field: "
                                    f"CloudFront Functions use `{r['status_field']}` (an integer)", fix=fix)

    def on_event_write(self, write: EventWrite) -> None:
        r = _response()
        if write.action != "set" or len(write.path) != 2 or write.path[0] != "response":
            return
        if write.path[1] == r["status_field"]:
            self._check_status(write.span, write.value)
        elif write.path[1] == r["lambda_edge_status_field"]:
            fix = self._status_fix(write.key, write.value) if write.key is not None and write.key.identifier else None
            self.report(write.span, f"`response.{write.path[1]}` is the Lambda@Edge field: CloudFront Functions "
                                    f"use `response.{r['status_field']}` (an integer)", fix=fix)

    def _returns_event(self, report_node: Any, value: Any) -> None:
        if value is None or self.ctx.sym(value) != ("event",):
            return
        fix = None
        event = self.ctx.target.event
        objects = cff()["event"]["objects"]
        obj = event.rsplit("-", 1)[-1] if event else None
        if obj in objects and value.type == "Identifier":
            fix = Fix(f"Return `{value.name}.{obj}`", (Edit(value.range[1], value.range[1], f".{obj}"),),
                      applicability="unsafe")
        self.report(report_node, "return event.request or event.response, not the whole event",
                    fix=fix)

    def on_ReturnStatement(self, node: Any) -> None:
        handler = self.ctx.handler
        if handler is not None and self.ctx.enclosing_function(node) is handler:
            self._returns_event(node, node.argument)

    def on_ArrowFunctionExpression(self, node: Any) -> None:
        if node is self.ctx.handler and getattr(node, "expression", False):
            self._returns_event(node.body, node.body)
