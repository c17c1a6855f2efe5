from __future__ import annotations

from typing import Any

from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, Edit, Fix, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, RUNTIME_10, RUNTIME_20, cff

_URL_20 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html"

# Expressions that bind tighter than `+`: joined without parentheses.
_SIMPLE = frozenset({"Identifier", "MemberExpression", "Literal", "CallExpression", "TemplateLiteral",
                     "ThisExpression"})
_SEPARATOR = " + ' ' + "


class ConsoleLogArgs(Rule):
    """
    ## What it does
    Flags `console.log` (the global `console`, also through an alias) called with more than one
    argument, and offers to join the arguments with `+ ' ' +`.

    ## Why is this bad?
    The `cloudfront-js-2.0` runtime page says the comma syntax is not supported: only the first
    argument is logged, so `console.log('uri', request.uri)` writes just `uri` to the CloudWatch
    log and the value you wanted to see is lost. Build one string instead.

    ## Example
    ```js
    function handler(event) {
        console.log('uri', event.request.uri);
        return event.request;
    }
    ```

    Use instead:
    ```js
    function handler(event) {
        console.log('uri ' + event.request.uri);
        return event.request;
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
    """

    code = "CF014"
    name = "console-log-args"
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)  # the same runtime
    severity = Severity.WARNING
    summary = "console.log with more than one argument (only the first is logged)"
    help = "concatenate the values into one string: console.log('a ' + b)"
    references = (_URL_20,)
    fixable = True
    example_runtimes = BOTH_RUNTIMES
    valid = (
        Example("function handler(event) {\n  console.log('uri=' + event.request.uri);\n"
                "  console.log(`method=${event.request.method}`);\n  return event.request;\n}\n"),
        Example("var logger = { log: function (a, b) { return a + b; } };\nfunction handler(event) {\n"
                "  var console = logger;\n  console.log('a', 'b');\n  logger.log('x', 1);\n  return event.request;\n}\n"),
    )
    invalid = (
        Example("function handler(event) {\n  console.log('uri', event.request.uri);\n  return event.request;\n}\n",
                line=2, severity=Severity.WARNING, message="logs only the first argument"),
        Example("function handler(event) {\n  var log = console.log;\n  var n = 2;\n"
                "  console.log('n:', n + 1, event.request.uri);\n  return event.request;\n}\n",
                line=4, severity=Severity.WARNING, message="the other 2 arguments are dropped"),
        Example("function handler(event) {\n  const c = console;\n  c.log('status', 200);\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=3, message="cloudfront-js-2.0 logs only the first argument"),
    )

    def on_CallExpression(self, node: Any) -> None:
        args = node.arguments
        if len(args) < 2:
            return
        if self.ctx.sym(node.callee) != ("global", "console", "log"):
            return
        dropped = len(args) - 1
        other = "the second argument is dropped" if dropped == 1 else f"the other {dropped} arguments are dropped"
        if self.ctx.runtime == RUNTIME_10:
            message = (f"console.log with {len(args)} arguments: the CloudFront Functions docs do not support the "
                       f"comma syntax ({RUNTIME_20} logs only the first argument of console.log); {other}")
        else:
            message = f"{self.ctx.runtime} logs only the first argument of console.log; {other}"
        self.report(node, message, fix=self._fix(args))

    def _fix(self, args: list[Any]) -> Fix | None:
        text = self.ctx.text
        if any(arg.type == "SpreadElement" for arg in args):
            return None
        first = args[0]
        if first.type == "Literal" and isinstance(first.value, str) and \
                any(d in first.value for d in cff()["console"]["format_directives"]):
            return None  # printf-style format string: joining would not reproduce it
        for left, right in zip(args, args[1:]):
            if text[left.range[1]:right.range[0]].strip() != ",":
                return None  # a comment between the arguments would be lost
        parts = []
        for arg in args:
            source = text[arg.range[0]:arg.range[1]]
            parts.append(source if arg.type in _SIMPLE else f"({source})")
        return Fix("Join the arguments into one string",
                   (Edit(first.range[0], args[-1].range[1], _SEPARATOR.join(parts)),))
