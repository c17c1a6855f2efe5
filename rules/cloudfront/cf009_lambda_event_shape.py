from __future__ import annotations

from typing import Any

from edgelint.model import Edit, Fix
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, cff
from edgelint.lang.js.context import pattern_props

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html"


def _is_index(step: Any) -> bool:
    return isinstance(step, int) and not isinstance(step, bool)


class LambdaEventShape(Rule):
    """
    ## What it does
    Flags Lambda@Edge event handling in a CloudFront Function:

    - `event.Records` (reported once per expression, at the outermost `event.Records…` chain),
      and `X.cf.request` / `X.cf.response` where `X` comes from `event.Records`;
    - header arrays: `request.headers.host[0].value` (a safe fix removes the `[0]`), and writing
      a header as an array, `headers['x-a'] = [{key: 'X-A', value: 'b'}]`;
    - calling the Lambda `callback(...)`.

    `headers.name.multiValue[0]` is not flagged: `multiValue` is an array in CloudFront Functions.

    ## Why is this bad?
    A CloudFront Function receives `event.request` / `event.response` directly: there is no
    `event.Records`, so `event.Records[0]` throws a TypeError. Headers are `{value, multiValue?}`
    objects, not `[{key, value}]` arrays, so `headers.host[0]` is `undefined`, and a header written
    as an array fails CloudFront's validation. The handler receives a single `event` argument and
    returns the request or response; there is no callback to call.

    ## Example
    ```js
    function handler(event, context, callback) {
        var request = event.Records[0].cf.request;
        var host = request.headers.host[0].value;
        callback(null, request);
    }
    ```

    Use instead:
    ```js
    function handler(event) {
        var request = event.request;
        var host = request.headers.host.value;
        return request;
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/function-code-choose-purpose.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html
    """

    code = "CF009"
    name = "lambda-event-shape"
    summary = "Lambda@Edge event shape in a CloudFront Function"
    help = ("CloudFront Functions get `event.request`/`event.response` directly, headers as "
            "`{value: …}` objects, and return the object instead of calling a callback")
    references = (
        _URL,
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/function-code-choose-purpose.html",
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html",
    )
    example_runtimes = BOTH_RUNTIMES
    fixable = True
    valid = (
        Example("function handler(event) {\n  var request = event.request;\n"
                "  var host = request.headers.host ? request.headers.host.value : '';\n"
                "  request.headers['x-host'] = { value: host };\n  return request;\n}\n"),
        # multiValue is an array in CloudFront Functions.
        Example("function handler(event) {\n  var h = event.request.headers['accept'];\n"
                "  var first = h && h.multiValue ? h.multiValue[0].value : '';\n"
                "  return event.request;\n}\n"),
        # A local `callback` and a local object with Records are not the Lambda shapes.
        Example("function handler(event) {\n  function callback(x) { return x; }\n"
                "  var log = { Records: [] };\n  log.Records[0] = 1;\n"
                "  return callback(event.request);\n}\n"),
        Example("function handler(event) {\n  var parts = event.request.uri.split('/');\n"
                "  event.request.uri = '/' + parts[1];\n  return event.request;\n}\n"),
    )
    invalid = (
        Example("function handler(event) {\n  var request = event.Records[0].cf.request;\n  return request;\n}\n",
                line=2, message="event.Records"),
        Example("function handler(event) {\n  var host = event.request.headers.host[0].value;\n"
                "  return event.request;\n}\n", line=2, message="[0]"),
        Example("function handler(event) {\n  var headers = event.request.headers;\n"
                "  headers['x-a'] = [{ key: 'X-A', value: 'b' }];\n  return event.request;\n}\n", line=3),
        Example("function handler(event, context, callback) {\n  callback(null, event.request);\n}\n",
                line=2, message="callback"),
        Example("function handler(event) {\n  var records = event.Records;\n  var cf = records[0].cf;\n"
                "  var request = cf.request;\n  return request;\n}\n", line=4, message="cf.request"),
        Example("function handler(event) {\n  const { Records } = event;\n  return Records[0].cf.request;\n}\n",
                runtime="cloudfront-js-2.0", line=2),
    )

    # -- helpers -----------------------------------------------------------------
    def _records(self) -> tuple:
        return ("event", cff()["event"]["lambda_edge_records"])

    def _has_records(self, sym: tuple | None) -> bool:
        records = self._records()
        return sym is not None and sym[:len(records)] == records

    def _is_cf_object(self, sym: tuple | None) -> bool:
        """("event","Records",…,"cf","request"|"response")."""
        event = cff()["event"]
        return (self._has_records(sym) and len(sym) >= 4 and sym[-2] == event["lambda_edge_cf"]
                and sym[-1] in event["objects"])

    def _chain_reaches_records(self, node: Any) -> bool:
        """True if a member chain (`event.Records[0].cf`) itself contains `event.Records`, which
        is reported already. A bounded look down one chain of member objects."""
        records = self._records()
        while node is not None and node.type in ("MemberExpression", "ChainExpression"):
            if node.type == "ChainExpression":
                node = node.expression
                continue
            if self.ctx.sym(node) == records:
                return True
            node = node.object
        return False

    def _header_index(self, sym: tuple | None) -> bool:
        """("event", "request"|"response", "headers", <name>, <int>)."""
        event = cff()["event"]
        return (sym is not None and len(sym) == 5 and sym[0] == "event" and sym[1] in event["objects"]
                and sym[2] == event["header_container"] and isinstance(sym[3], str) and _is_index(sym[4]))

    def _header(self, sym: tuple | None) -> bool:
        event = cff()["event"]
        return (sym is not None and len(sym) == 4 and sym[0] == "event" and sym[1] in event["objects"]
                and sym[2] == event["header_container"] and isinstance(sym[3], str))

    # -- visitors ----------------------------------------------------------------
    def on_MemberExpression(self, node: Any) -> None:
        ctx = self.ctx
        sym = ctx.sym(node)
        if sym is None:
            return
        if self._has_records(sym):
            if sym == self._records():
                # The outermost chain: climb while the parent extends this chain.
                outer = node
                parent = getattr(outer, "parent", None)
                while parent is not None and (
                        (parent.type == "MemberExpression" and parent.object is outer)
                        or parent.type == "ChainExpression"):
                    outer = parent
                    parent = getattr(outer, "parent", None)
                self.report(outer, "`event.Records` is the Lambda@Edge event shape: a CloudFront "
                                   "Function receives `event.request` and `event.response` directly")
            elif self._is_cf_object(sym) and not self._chain_reaches_records(node.object):
                self.report(node, f"`cf.{sym[-1]}` is the Lambda@Edge event shape: use "
                                  f"`event.{sym[-1]}` in a CloudFront Function")
            return
        if self._header_index(sym):
            index = sym[4]
            fix = None
            if index == 0:
                fix = Fix(f"Remove `[{index}]`", (Edit(node.object.range[1], node.range[1], ""),))
            self.report(node, f"header `{sym[3]}` is indexed like a Lambda@Edge array (`[{index}]`): "
                              f"CloudFront Functions headers are `{{value}}` objects, use "
                              f"`headers['{sym[3]}'].value`", fix=fix)

    def on_AssignmentExpression(self, node: Any) -> None:
        ctx = self.ctx
        for pattern, base in self.ctx.pattern_roots(node):
            self._check_pattern(pattern, base, node.right)
        left = node.left
        if (node.operator == "=" and left.type == "MemberExpression" and node.right.type == "ArrayExpression"
                and self._header(ctx.sym(left))):
            name = ctx.sym(left)[3]
            self.report(node, f"header `{name}` is written as a Lambda@Edge `[{{key, value}}]` array: "
                              f"CloudFront Functions expect `{{value: …}}`")

    def _check_pattern(self, pattern: Any, base: tuple | None, init: Any) -> None:
        if base is None or self._chain_reaches_records(init):
            return
        records = self._records()
        for prop, sym in pattern_props(pattern, base):
            if sym == records:
                self.report(prop, "`event.Records` is the Lambda@Edge event shape: a CloudFront "
                                  "Function receives `event.request` and `event.response` directly")
                return  # everything below it is the same mistake
            if self._is_cf_object(sym):
                self.report(prop, f"`cf.{sym[-1]}` is the Lambda@Edge event shape: use "
                                  f"`event.{sym[-1]}` in a CloudFront Function")

    def on_VariableDeclarator(self, node: Any) -> None:
        for pattern, base in self.ctx.pattern_roots(node):
            self._check_pattern(pattern, base, node.init)

    def on_CallExpression(self, node: Any) -> None:
        ctx = self.ctx
        callee = node.callee
        if callee.type != "Identifier":
            return
        name = cff()["event"]["lambda_edge_callback"]
        sym = ctx.sym(callee)
        if sym == (name,) or sym == ("global", name):
            self.report(node, f"`{callee.name}(...)` is the Lambda@Edge callback style: a CloudFront "
                              "Function returns the request or response object",
                        help="CloudFront Functions take a single `event` argument: `return` the "
                             "request or response object instead of calling a callback")
