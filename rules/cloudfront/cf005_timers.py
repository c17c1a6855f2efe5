from __future__ import annotations

from typing import Any

from edgelint.lang.js.parse import member_key
from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, RUNTIME_10, RUNTIME_20, cff

_URL_20 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html"
_URL_10 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html"
_URL_ASYNC = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/async-await-syntax.html"



class Timers(Rule):
    """
    ## What it does
    Flags the timer globals `setTimeout`, `setInterval`, `setImmediate`, `clearTimeout`,
    `clearInterval` and `clearImmediate`, whether called directly, through `globalThis`, or passed
    around as a value (`var t = setTimeout;`, `new Promise(r => setTimeout(r, 10))`). A local
    function with one of these names, and a `typeof setTimeout` feature test, are not flagged.

    ## Why is this bad?
    CloudFront Functions have no timers: the runtime documentation lists `setTimeout()`,
    `setImmediate()` and `clearTimeout()` as not supported. A function must run synchronously to
    completion; there is no way to defer work, sleep, or retry after a delay.

    ## Example
    ```js
    function handler(event) {
        var timedOut = false;
        var timer = setTimeout(function () { timedOut = true; }, 20);
        clearTimeout(timer);
        return event.request;
    }
    ```

    Use instead: straight-line code. On cloudfront-js-2.0, wait for a promise with `async`/`await`
    (for example a KeyValueStore read); delays, polling and retries need a Lambda@Edge function.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/async-await-syntax.html
    """

    code = "CF005"
    name = "timers"
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)  # the same runtime
    summary = "Timer functions (setTimeout and friends) in a CloudFront Function"
    help = ("CloudFront Functions must run synchronously to completion: remove the timer (on "
            "cloudfront-js-2.0 use async/await with promises); delays and retries need a Lambda@Edge function")
    references = (_URL_20, _URL_10, _URL_ASYNC)
    example_runtimes = BOTH_RUNTIMES
    valid = (
        Example("function handler(event) {\n  function setTimeout(f) { return f(); }\n"
                "  setTimeout(function () { return 1; });\n  return event.request;\n}\n"),
        Example("function handler(event) {\n  if (typeof setTimeout === 'function') { event.request.uri = '/x'; }\n"
                "  return event.request;\n}\n"),
        Example("var timers = { setTimeout: 1 };\nfunction handler(event) {\n  var n = timers.setTimeout;\n"
                "  return event.request;\n}\n"),
        Example("async function handler(event) {\n  const v = await Promise.resolve(1);\n  return event.request;\n}\n",
                runtime=RUNTIME_20),
    )
    invalid = (
        Example("function handler(event) {\n  setTimeout(function () { event.request.uri = '/'; }, 10);\n"
                "  return event.request;\n}\n", line=2, message="setTimeout"),
        Example("function handler(event) {\n  var t = setInterval(function () {}, 1000);\n  clearInterval(t);\n"
                "  return event.request;\n}\n", line=3, message="clearInterval"),
        Example("function handler(event) {\n  globalThis.setImmediate(function () {});\n  return event.request;\n}\n",
                line=2),
        Example("var later = setTimeout;\nfunction handler(event) { return event.request; }\n", line=1),
        Example("function sleep(ms) {\n  return new Promise(function (r) { setTimeout(r, ms); });\n}\n"
                "async function handler(event) {\n  await sleep(5);\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=2),
        Example("function handler(event) {\n  var t = setTimeout(function () {}, 20);\n  clearTimeout(t);\n"
                "  return event.request;\n}\n", runtime=RUNTIME_10, line=3, message="clearTimeout"),
    )

    def _report(self, node: Any, name: str, use: Any) -> None:
        parent = getattr(use, "parent", None)
        called = parent is not None and parent.type in ("CallExpression", "NewExpression") and parent.callee is use
        if called:
            message = f"`{name}()` is not supported: CloudFront Functions have no timers"
        else:
            message = f"`{name}` is not available: CloudFront Functions have no timers"
        self.report(node, message)

    def on_Identifier(self, node: Any) -> None:
        ctx = self.ctx
        if node.name not in cff()["timers"]["globals"] or not ctx.is_reference(node):
            return
        if ctx.lookup(node.name) is not None or ctx.is_write_target(node) or ctx.in_typeof(node):
            return
        self._report(node, node.name, node)

    def on_MemberExpression(self, node: Any) -> None:
        ctx = self.ctx
        if not ctx.is_global(node.object, ("globalThis",)):
            return
        key = member_key(node)
        if key not in cff()["timers"]["globals"] or ctx.is_write_target(node) or ctx.in_typeof(node):
            return
        self._report(node, key, node)
