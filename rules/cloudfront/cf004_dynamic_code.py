from __future__ import annotations

from typing import Any

from edgelint.lang.js.parse import member_key
from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, RUNTIME_10, RUNTIME_20, cff

_URL_20 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html"
_URL_10 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html"

# Calling these on eval/Function still evaluates code: `eval.call(null, s)`, `Function.apply(null, a)`.
_INVOKERS = ("call", "apply")


def _is_string_expr(node: Any) -> bool:
    """A string literal, a template literal, or a `+` with a string literal operand (direct children only)."""
    if node is None:
        return False
    if node.type == "Literal":
        return isinstance(node.value, str)
    if node.type == "TemplateLiteral":
        return True
    if node.type == "BinaryExpression" and node.operator == "+":
        return any(side.type == "TemplateLiteral" or (side.type == "Literal" and isinstance(side.value, str))
                   for side in (node.left, node.right))
    return False


class DynamicCode(Rule):
    """
    ## What it does
    Flags dynamic code evaluation: calls of the global `eval` (also `globalThis.eval`, `(0, eval)(…)`
    and aliases such as `var e = eval`), the `Function` constructor (`new Function(…)`, `Function(…)`,
    `globalThis.Function`), and a string passed as the first argument of `setTimeout`,
    `setInterval` or `setImmediate`. A function you declare yourself under one of these names is not
    flagged.

    ## Why is this bad?
    Both CloudFront Functions runtimes list dynamic code evaluation as a restricted feature:
    `eval()` and the `Function` constructor throw an error, so the function fails on every request
    that reaches the call.

    ## Example
    ```js
    var RULES = [{ when: "uri.indexOf('/promo') === 0", to: '/spring/index.html' }];

    function handler(event) {
        var uri = event.request.uri;
        if (eval(RULES[0].when)) {
            event.request.uri = RULES[0].to;
        }
        return event.request;
    }
    ```

    Use instead: express the rules as data (prefixes, regular expressions, lookup tables) and test
    them with ordinary code.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html
    """

    code = "CF004"
    name = "dynamic-code"
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)  # the same runtime
    summary = "eval, the Function constructor or a string timer callback"
    help = ("dynamic code evaluation is not supported: write the logic as ordinary code and drive it "
            "with data (lookup tables, regular expressions)")
    references = (_URL_20, _URL_10)
    example_runtimes = BOTH_RUNTIMES
    valid = (
        Example("function handler(event) {\n  function evaluate(x) { return x; }\n  evaluate('1');\n"
                "  return event.request;\n}\n"),
        Example("function eval(s) { return s; }\nfunction handler(event) {\n  eval('x');\n  return event.request;\n}\n"),
        Example("function handler(event) {\n  var f = function (a) { return a; };\n  f.call(null, 1);\n"
                "  return event.request;\n}\n"),
        Example("function handler(event) {\n  var Function = function (s) { return s; };\n"
                "  new Function('x');\n  return event.request;\n}\n"),
    )
    invalid = (
        Example("function handler(event) {\n  var x = eval('1 + 1');\n  return event.request;\n}\n",
                line=2, message="`eval()`"),
        Example("var add = new Function('a', 'b', 'return a + b');\nfunction handler(event) { return event.request; }\n",
                line=1, message="Function"),
        Example("function handler(event) {\n  var r = globalThis.eval('1');\n  return event.request;\n}\n", line=2),
        Example("function handler(event) {\n  var r = (0, eval)('1');\n  return event.request;\n}\n", line=2),
        Example("function handler(event) {\n  var f = Function('return 1');\n  return event.request;\n}\n", line=2),
        Example("function handler(event) {\n  setTimeout('tick()', 0);\n  return event.request;\n}\n",
                line=2, message="string"),
        Example("function handler(event) {\n  let e = eval;\n  e('1');\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=3),
        Example("function handler(event) {\n  var f = new globalThis.Function('return 1');\n  return event.request;\n}\n",
                runtime=RUNTIME_10, line=2),
    )

    def _global(self, callee: Any) -> tuple[str, str | None] | None:
        """(global name, invoker) when `callee` is a dynamic-code global, or `.call`/`.apply` on one."""
        ctx = self.ctx
        names = cff()["dynamic_code"]["globals"]
        name = ctx.global_name(callee)
        if name in names:
            return name, None
        sym = ctx.sym(callee)
        if sym and sym[0] == "global":
            path = sym[2:] if len(sym) > 2 and sym[1] == "globalThis" else sym[1:]
            if len(path) == 1 and path[0] in names:
                return path[0], None
            if len(path) == 2 and path[0] in names and path[1] in _INVOKERS:
                return path[0], path[1]
        if callee.type == "MemberExpression" and member_key(callee) in _INVOKERS:
            inner = ctx.global_name(callee.object)
            if inner in names:
                return inner, member_key(callee)
        return None

    def _report_global(self, node: Any, name: str, invoker: str | None, new: bool) -> None:
        shown = f"{name}.{invoker}()" if invoker else (f"new {name}()" if new else f"{name}()")
        if name == "Function":
            what = f"the `Function` constructor (`{shown}`) throws in CloudFront Functions"
        else:
            what = f"`{shown}` throws in CloudFront Functions"
        self.report(node, f"{what}: dynamic code evaluation is not supported")

    def on_CallExpression(self, node: Any) -> None:
        found = self._global(node.callee)
        if found is not None:
            self._report_global(node, found[0], found[1], new=False)
            return
        timer = self.ctx.global_name(node.callee)
        if timer is None:
            sym = self.ctx.sym(node.callee)
            if sym and sym[0] == "global" and len(sym) == 2:
                timer = sym[1]
        if timer in cff()["dynamic_code"]["string_timers"] and node.arguments \
                and _is_string_expr(node.arguments[0]):
            self.report(node, f"a string passed to `{timer}()` is evaluated as code: dynamic code "
                              "evaluation is not supported in CloudFront Functions")

    def on_NewExpression(self, node: Any) -> None:
        found = self._global(node.callee)
        if found is not None and found[1] is None:
            self._report_global(node, found[0], None, new=True)
