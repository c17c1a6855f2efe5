from __future__ import annotations

import re
from typing import Any

from edgelint.model import Edit, Fix
from edgelint.rule import Example, Rule
from edgelint.text import finite
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, cff, is_generated_response

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


def _static_string(node: Any) -> str | None:
    if node.type == "Literal" and isinstance(node.value, str):
        return node.value
    if node.type == "TemplateLiteral" and not node.expressions and len(node.quasis) == 1:
        return node.quasis[0].value.cooked
    return None


def _number(node: Any) -> float | int | None:
    """A number literal, or a negated one (`-1`)."""
    if node.type == "Literal" and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value if finite(node.value) else None
    if node.type == "UnaryExpression" and node.operator in ("-", "+"):
        inner = _number(node.argument)
        if inner is not None and node.argument.type == "Literal":
            return -inner if node.operator == "-" else inner
    return None


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
    def _check_status(self, report_node: Any, value: Any) -> None:
        """A `statusCode` value: a string, a non-integer or an out-of-range number."""
        r = _response()
        text = _static_string(value)
        if text is not None:
            fix = None
            if _DIGITS.fullmatch(text):
                fix = Fix(f"Use the number {int(text)}", (Edit(value.range[0], value.range[1], str(int(text))),))
            self.report(report_node, f"statusCode must be an integer, not a string ({text!r})", fix=fix)
            return
        number = _number(value)
        if number is None:
            return
        if number != int(number):
            self.report(report_node, f"statusCode must be an integer in {_range_text()}, not {number}")
        elif not r["status_min"] <= number <= r["status_max"]:
            self.report(report_node, f"statusCode {int(number)} is outside {_range_text()}: CloudFront "
                                     "returns an error instead of this response")

    def _status_fix(self, key: Any, value: Any) -> Fix | None:
        number = _number(value)
        if number is None or value.type != "Literal" or number != int(number):
            return None
        field = _response()["status_field"]
        return Fix(f"Rename `status` to `{field}`", (Edit(key.range[0], key.range[1], field),))

    # -- visitors ----------------------------------------------------------------
    def on_ObjectExpression(self, node: Any) -> None:
        r = _response()
        props = self.ctx.object_properties(node)
        status = props.get(r["status_field"])
        if status is not None:
            if is_generated_response(self.ctx, node):
                self._check_status(status, status.value)
            return
        le_status = props.get(r["lambda_edge_status_field"])
        if le_status is None or not any(name in props for name in r["lambda_edge_status_companions"]):
            return
        fix = None if getattr(le_status, "shorthand", False) else self._status_fix(le_status.key, le_status.value)
        self.report(le_status, f"`{r['lambda_edge_status_field']}` is the Lambda@Edge response field: "
                               f"CloudFront Functions use `{r['status_field']}` (an integer)", fix=fix)

    def on_AssignmentExpression(self, node: Any) -> None:
        left = node.left
        if left.type != "MemberExpression" or node.operator != "=":
            return
        sym = self.ctx.sym(left)
        r = _response()
        if sym is None or len(sym) != 3 or sym[:2] != ("event", "response"):
            return
        if sym[2] == r["status_field"]:
            self._check_status(node, node.right)
        elif sym[2] == r["lambda_edge_status_field"]:
            fix = None
            if not left.computed:
                fix = self._status_fix(left.property, node.right)
            self.report(node, f"`response.{sym[2]}` is the Lambda@Edge field: CloudFront Functions "
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
