from __future__ import annotations

from typing import Any

from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, RUNTIME_10, RUNTIME_20, cff

_URL_10 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html"
_URL_20 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html"
_URL_ASYNC = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/async-await-syntax.html"

_PATTERNS = frozenset({"ObjectPattern", "ArrayPattern"})
_SEVERITY = {"rejected": Severity.ERROR, "undocumented": Severity.WARNING}


def _inside_pattern(node: Any) -> bool:
    """True if a destructuring pattern is nested in another one (bounded walk up the pattern)."""
    child, parent = node, getattr(node, "parent", None)
    while parent is not None:
        t = parent.type
        if t in _PATTERNS:
            return True
        if t == "Property" and parent.value is child:
            pass
        elif t == "AssignmentPattern" and parent.left is child:
            pass
        elif t == "RestElement":
            pass
        else:
            return False
        child, parent = parent, getattr(parent, "parent", None)
    return False


def _top_level_expression(ctx: Any, fn: Any) -> bool:
    """An async function expression or arrow that is neither nested in another function nor passed
    as an argument (`var helper = async function () {}`, a method of a top-level object): the
    same as a top-level async function declaration, not an async closure or argument."""
    parent = getattr(fn, "parent", None)
    if parent is not None and parent.type in ("CallExpression", "NewExpression") \
            and any(arg is fn for arg in parent.arguments):
        return False
    return ctx.enclosing_function(fn) is None


class UnsupportedSyntax(Rule):
    """
    ## What it does
    Flags JavaScript syntax the CloudFront Functions runtime rejects or does not document:
    `let`/`const` and `async`/`await` on `cloudfront-js-1.0`; `async` callbacks, closures and
    `await` outside an async function on both runtimes (errors); and syntax that is missing from
    the runtime's list of all supported features (warnings): classes, generators, destructuring,
    spread, default parameter values, `for…of`, optional chaining `?.`, nullish coalescing `??`,
    logical assignment, BigInt literals, and numeric separators on `cloudfront-js-1.0`.

    Documented syntax is never flagged: arrow functions, template literals, rest parameters
    (`...args`), `**`, named capture groups, `for…in`, labels, `try`/`catch`/`finally`, `switch`,
    shorthand properties and methods, computed keys, getters and setters.

    A CloudFront Function written in TypeScript (declared by a pragma, config entry or deployment)
    is checked as the JavaScript it compiles to; each TypeScript construct with run-time code
    (`enum`, `namespace`, constructor parameter properties, decorators) gets a warning, because
    what the runtime receives is the compiler's output, not this file.

    ## Why is this bad?
    CloudFront Functions run on a purpose-built JavaScript engine, not Node.js. `cloudfront-js-1.0`
    supports ES 5.1 plus a listed subset of ES 6–9 ("The const and let statements are not
    supported"); `cloudfront-js-2.0` adds a listed subset of ES 6–12, including `async`/`await` —
    but "async arguments and closures are not supported". The runtime pages list *all* supported
    features, so anything else may be rejected when the function is created or fail at run time.

    ## Example
    ```js
    function handler(event) {
        const { uri } = event.request;
        return event.request;
    }
    ```

    Use instead:
    ```js
    function handler(event) {
        var request = event.request;
        var uri = request.uri;
        return request;
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/async-await-syntax.html
    """

    code = "CF006"
    name = "unsupported-syntax"
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)  # the same runtime
    severity = Severity.ERROR
    summary = "Syntax the CloudFront Functions runtime rejects or does not document"
    help = "rewrite with the syntax the runtime documents, or use cloudfront-js-2.0 where it supports it"
    references = (_URL_10, _URL_20, _URL_ASYNC)
    example_runtimes = BOTH_RUNTIMES
    valid = (
        # Documented ES 6+ syntax on both runtimes.
        Example("var f = (x) => `${x}/index.html`;\nfunction g(...rest) { return rest.length; }\n"
                "function handler(event) {\n  var r = event.request;\n  var m = /(?<y>\\d{4})/.exec(r.uri);\n"
                "  var o = { r, k() { return 2 ** 8; }, ['x' + 1]: 1, get n() { return 1; } };\n"
                "  outer: for (var k in r.headers) { try { continue outer; } catch (e) {} finally {} }\n"
                "  r.uri = f(`${m ? m.groups.y : `x${g(1, 2)}`}`);\n  return r;\n}\n"),
        Example("function handler(event) {\n  var request = event.request;\n  var i = 0;\n"
                "  do { i++; } while (i < 3);\n  switch (i) { case 3: break; default: i = 0; }\n"
                "  return request;\n}\n"),
        # 2.0: let/const, async handler and top-level async helpers, numeric separators.
        Example("import cf from 'cloudfront';\nconst kvs = cf.kvs();\nasync function helper(k) {\n"
                "  return await kvs.get(k);\n}\nasync function handler(event) {\n  let n = 1_000;\n"
                "  const v = await helper('k');\n  return event.request;\n}\n", runtime=RUNTIME_20),
        Example("async function answer() { return 6; }\nasync function handler(event) {\n"
                "  const r = await answer().then(value => value * value);\n  return event.request;\n}\n",
                runtime=RUNTIME_20),
        # TypeScript types are erased: nothing of them reaches the runtime.
        Example("interface Redirect { from: string; to: string }\nvar table: Redirect[] = [];\n"
                "function handler(event: { request: { uri: string } }): { uri: string } {\n"
                "  var r = event.request as { uri: string };\n  return r;\n}\n", filename="fn.ts"),
    )
    invalid = (
        Example("function handler(event) {\n  const request = event.request;\n  return request;\n}\n",
                runtime=RUNTIME_10, line=2, severity=Severity.ERROR,
                message="`const` declarations are not supported on cloudfront-js-1.0; cloudfront-js-2.0 supports them"),
        Example("function handler(event) {\n  var r = event.request;\n  for (let i = 0; i < 2; i++) {}\n  return r;\n}\n",
                runtime=RUNTIME_10, line=3, severity=Severity.ERROR, message="`let` declarations"),
        Example("async function handler(event) {\n  var r = await Promise.resolve(event.request);\n  return r;\n}\n",
                runtime=RUNTIME_10, line=1, severity=Severity.ERROR, message="not supported on cloudfront-js-1.0"),
        Example("var N = 86_400;\nfunction handler(event) { return event.request; }\n",
                runtime=RUNTIME_10, line=1, severity=Severity.WARNING, message="cloudfront-js-2.0 supports them"),
        Example("import cf from 'cloudfront';\nconst kvs = cf.kvs();\nasync function handler(event) {\n"
                "  const keys = ['a', 'b'];\n  const v = keys.map(async (k) => await kvs.get(k));\n"
                "  return event.request;\n}\n",
                runtime=RUNTIME_20, line=5, severity=Severity.ERROR, message="async arguments and closures"),
        Example("async function handler(event) {\n  async function inner() { return 1; }\n"
                "  await inner();\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=2, severity=Severity.ERROR, message="not supported on cloudfront-js-2.0"),
        Example("class A {}\nfunction handler(event) { return event.request; }\n", line=1,
                severity=Severity.WARNING, message="classes are not in the documented feature list"),
        Example("function handler(event) {\n  var r = event.request;\n  var w = r.querystring.w?.value ?? '0';\n"
                "  return r;\n}\n", line=3, severity=Severity.WARNING, message="optional chaining"),
        Example("function handler(event) {\n  var { uri, headers: { host } } = event.request;\n"
                "  return event.request;\n}\n", line=2, severity=Severity.WARNING, message="destructuring"),
        Example("function pick(x, y = 1) { return [...x, y]; }\nfunction handler(event) { return event.request; }\n",
                line=1, severity=Severity.WARNING, message="default parameter values"),
        Example("enum Page { Home = '/index.html' }\nfunction handler(event: any) {\n"
                "  event.request.uri = Page.Home;\n  return event.request;\n}\n",
                filename="fn.ts", line=1, severity=Severity.WARNING, message="`enum`"),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.chain_depth = 0

    # -- reporting ---------------------------------------------------------------------
    def _feature(self, node: Any, feature: str) -> None:
        facts = cff()["syntax"][feature]
        runtime = self.ctx.runtime
        status = facts.get(runtime)
        severity = _SEVERITY.get(status)
        if severity is None:
            return
        label = facts["label"]
        plural = facts.get("plural", True)
        verb, them = ("are", "them") if plural else ("is", "it")
        if status == "rejected":
            message = f"{label} {verb} not supported on {runtime}"
        else:
            message = (f"{label} {verb} not in the documented feature list of {runtime} "
                       f"(the runtime may reject {them})")
        others = [r for r in cff()["runtimes"]["names"] if r != runtime and facts.get(r) == "supported"]
        if others:
            message += f"; {' and '.join(others)} {'supports' if len(others) == 1 else 'support'} {them}"
        note = facts.get("note")
        if note and status == "rejected":
            message += f" ({note})"
        self.report(node, message, severity=severity, help=facts.get("help"))

    def _supported(self, feature: str) -> bool:
        return cff()["syntax"][feature].get(self.ctx.runtime) == "supported"

    # -- TypeScript ----------------------------------------------------------------------
    def on_Program(self, node: Any) -> None:
        """A .ts CloudFront Function is uploaded as compiled JavaScript: each TypeScript construct
        with run-time code is linted as what it compiles to, and named here as such."""
        facts = cff()["typescript"]
        for construct, start, end in self.ctx.parsed.ts_syntax:
            what = facts["constructs"][construct]
            self.report(self.ctx.lines.span(start, end),
                        f"{what} is TypeScript: {self.ctx.runtime} runs the JavaScript your compiler "
                        f"emits for it, which edgelint checks as compiled; the upload must be the "
                        f"compiled file", severity=Severity.WARNING,
                        help="upload the compiled JavaScript and lint it too (`edgelint check dist/`), "
                             "or write this part in plain JavaScript")

    # -- declarations ------------------------------------------------------------------
    def on_VariableDeclaration(self, node: Any) -> None:
        if node.kind in cff()["syntax"]:
            self._feature(node, node.kind)

    # -- functions -----------------------------------------------------------------------
    def _function(self, node: Any) -> None:
        if node.generator:
            self._feature(node, "generator")
        for param in node.params:
            if param.type == "AssignmentPattern":
                self._feature(param, "default-param")
        if not getattr(node, "isAsync", False):
            return
        if not self._supported("async"):
            self._feature(node, "async")  # reported once per function, not per `await`
            return
        if node.type == "FunctionDeclaration":
            if self.ctx.enclosing_function(node) is None:
                return  # a top-level `async function` is documented
        elif _top_level_expression(self.ctx, node):
            return
        self._feature(node, "async-closure")

    on_FunctionDeclaration = _function
    on_FunctionExpression = _function
    on_ArrowFunctionExpression = _function

    def on_AwaitExpression(self, node: Any) -> None:
        fn = self.ctx.enclosing_function(node)
        if fn is None or not getattr(fn, "isAsync", False):
            self._feature(node, "top-level-await")

    # -- literals ------------------------------------------------------------------------
    def on_Literal(self, node: Any) -> None:
        raw = getattr(node, "raw", None)
        if not raw or not (raw[0].isdigit() or raw[0] == "."):
            return  # strings, regular expressions, booleans, null
        if "_" in raw:
            self._feature(node, "numeric-separator")
        if raw.endswith("n"):  # no decimal, hex, octal or binary digit is an `n`
            self._feature(node, "bigint")

    # -- classes, loops, patterns ------------------------------------------------------------
    def on_ClassDeclaration(self, node: Any) -> None:
        self._feature(node, "class")

    on_ClassExpression = on_ClassDeclaration

    def on_ForOfStatement(self, node: Any) -> None:
        self._feature(node, "for-of")

    on_ForAwaitStatement = on_ForOfStatement

    def on_ObjectPattern(self, node: Any) -> None:
        if not _inside_pattern(node):
            self._feature(node, "destructuring")

    on_ArrayPattern = on_ObjectPattern

    def on_SpreadElement(self, node: Any) -> None:
        self._feature(node, "spread")

    # -- operators -------------------------------------------------------------------------
    def on_ChainExpression(self, node: Any) -> None:
        if self.chain_depth == 0:
            self._feature(node, "optional-chaining")
        self.chain_depth += 1

    def on_ChainExpression_exit(self, node: Any) -> None:
        self.chain_depth -= 1

    def on_LogicalExpression(self, node: Any) -> None:
        if node.operator in cff()["syntax"]["nullish"]["operators"]:
            self._feature(node, "nullish")

    def on_AssignmentExpression(self, node: Any) -> None:
        if node.operator in cff()["syntax"]["logical-assignment"]["operators"]:
            self._feature(node, "logical-assignment")
