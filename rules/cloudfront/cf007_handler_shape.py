from __future__ import annotations

from typing import Any

from edgelint.model import Edit, Fix, Severity
from edgelint.text import whole_lines
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, RUNTIME_10, RUNTIME_20, cff

_URL_PURPOSE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/function-code-choose-purpose.html"
_URL_ASYNC = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/async-await-syntax.html"
_URL_STRUCTURE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html"

_HANDLER = "handler"
_FUNCTIONS = ("FunctionExpression", "ArrowFunctionExpression")
_EXPORTS = ("ExportNamedDeclaration", "ExportDefaultDeclaration", "ExportAllDeclaration")
# CommonJS globals an export goes through; code guarded by `typeof module` never runs on CloudFront.
_MODULE_NAMES = ("module", "exports")

class HandlerShape(Rule):
    """
    ## What it does
    Checks the entry point of a CloudFront Function:

    - the file must declare a top-level function named `handler` (`function handler(event)`,
      or `var handler = function (event) {…}` / an arrow function);
    - the handler must not be exported: `module.exports = …`, `module.exports.handler = …`,
      `exports.handler = …` and `export` declarations are flagged (an export wrapped in
      `if (typeof module !== 'undefined')` or a `try` block is left alone: it never runs on CloudFront);
    - the handler takes a single `event` argument: `(event, context, callback)` is the Lambda@Edge
      signature;
    - an `async` handler needs cloudfront-js-2.0.

    ## Why is this bad?
    CloudFront calls the top-level function named `handler` with one argument, the event, and uses
    what it returns. There is no module system: `module` and `exports` are undefined, so an export
    statement throws before the handler ever runs, and a handler written for Lambda@Edge waits
    for a `callback` that is never passed.

    ## Example
    ```js
    exports.handler = function (event, context, callback) {
        callback(null, event.Records[0].cf.request);
    };
    ```

    Use instead:
    ```js
    function handler(event) {
        return event.request;
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/function-code-choose-purpose.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/async-await-syntax.html
    """

    code = "CF007"
    name = "handler-shape"
    summary = "Missing, exported or Lambda-shaped handler"
    help = "declare a top-level `function handler(event) { … }` that returns the request or response, with no exports"
    references = (_URL_PURPOSE, _URL_STRUCTURE, _URL_ASYNC)
    fixable = True
    example_runtimes = BOTH_RUNTIMES
    valid = (
        Example("function handler(event) {\n  return event.request;\n}\n"),
        Example("var handler = function (event) {\n  return event.request;\n};\n"),
        Example("var handler = (event) => event.request;\n"),
        Example("function handler() {\n  return { statusCode: 204, statusDescription: 'No Content' };\n}\n"),
        Example("function handler(event) {\n  return event.request;\n}\n"
                "if (typeof module !== 'undefined') {\n  module.exports = { handler: handler };\n}\n"),
        Example("function handler(event) {\n  var module = { exports: {} };\n  module.exports.x = 1;\n"
                "  return event.request;\n}\n"),
        Example("async function handler(event) {\n  return event.request;\n}\n", runtime=RUNTIME_20),
        Example("function make() {\n  return function (event) { return event.request; };\n}\nvar handler = make();\n"),
    )
    invalid = (
        Example("function main(event) {\n  return event.request;\n}\n", line=1, message="named `handler`"),
        Example("function handler(event) {\n  return event.request;\n}\nmodule.exports = { handler: handler };\n",
                line=4, message="no module system"),
        Example("function handler(event) {\n  return event.request;\n}\nexports.handler = handler;\n", line=4),
        Example("export function handler(event) {\n  return event.request;\n}\n", line=1, message="export"),
        Example("function handler(event, context, callback) {\n  callback(null, event.request);\n}\n",
                line=1, message="Lambda@Edge signature"),
        Example("exports.handler = function (event, context) {\n  return event.request;\n};\n",
                line=1, severity=Severity.ERROR),
        Example("async function handler(event) {\n  return event.request;\n}\n", runtime=RUNTIME_10,
                line=1, message="cloudfront-js-2.0"),
        Example("var handler = async (event) => event.request;\n", runtime=RUNTIME_10, line=1,
                message="async"),
        Example("export default function handler(event) {\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=1),
        Example("Object.defineProperty(exports, '__esModule', { value: true });\n"
                "function handler(event) {\n  return event.request;\n}\n", line=1, message="exports"),
    )

    # -- the handler ------------------------------------------------------------------
    def on_Program(self, node: Any) -> None:
        ctx = self.ctx
        handler = ctx.handler
        if handler is None:
            handler = self._exported_handler(node)
            if handler is None and self._declared_at_top(node):
                # `var handler = makeHandler();` or `var handler; handler = function …`: a handler
                # whose value is not a function literal cannot be checked, but it exists.
                return
            if handler is None:
                self.report(None, "no top-level `handler` function: CloudFront Functions call a top-level "
                                  "function named `handler`")
                return
            if handler is True:  # exported by name only; the export finding says what to do
                return
        self._check_signature(handler)

    def _declared_at_top(self, program: Any) -> bool:
        scope = self.ctx.parsed.scopes.get(id(program))
        return scope is not None and _HANDLER in scope.bindings

    def _check_signature(self, handler: Any) -> None:
        if len(handler.params) >= 2:
            self.report(handler, f"handler takes a single `event` argument; ({self._params(handler)}) "
                                 "is the Lambda@Edge signature",
                        help="take only `event` and return the request or response instead of calling "
                             "`callback`; or deploy this code as a Lambda@Edge function")
        if getattr(handler, "isAsync", False) and not self._async_allowed():
            runtimes = [r for r in cff()["runtimes"]["names"]
                        if cff()["syntax"]["async"].get(r) == "supported"]
            need = ", ".join(runtimes) or "another runtime"
            self.report(handler, f"async handlers need {need}; {self.ctx.runtime} has no async/await",
                        help=f"set the function runtime to {need}, or make the handler synchronous")

    def _async_allowed(self) -> bool:
        return cff()["syntax"]["async"].get(self.ctx.runtime) == "supported"

    @staticmethod
    def _params(handler: Any) -> str:
        names = []
        for param in handler.params:
            names.append(param.name if param.type == "Identifier" else "…")
        return ", ".join(names)

    def _exported_handler(self, program: Any) -> Any:
        """The handler function when the file exports it (so the export finding covers it);
        True when a `handler` is exported but its function is not visible; None otherwise."""
        found: Any = None
        for stmt in program.body:
            t = stmt.type
            if t in ("ExportNamedDeclaration", "ExportDefaultDeclaration"):
                decl = stmt.declaration
                if decl is None:
                    if any(self._spec_name(s) == _HANDLER for s in stmt.specifiers or ()):
                        found = found or True
                    continue
                if decl.type == "FunctionDeclaration" and decl.id is not None and decl.id.name == _HANDLER:
                    return decl
                if decl.type == "VariableDeclaration":
                    for d in decl.declarations:
                        if d.id.type == "Identifier" and d.id.name == _HANDLER:
                            if d.init is not None and d.init.type in _FUNCTIONS:
                                return d.init
                            found = found or True
                if t == "ExportDefaultDeclaration" and decl.type in _FUNCTIONS + ("FunctionDeclaration",):
                    return decl
            elif t == "ExpressionStatement" and stmt.expression.type == "AssignmentExpression":
                expr = stmt.expression
                path = self._export_path(expr.left)
                if path is None:
                    continue
                value = expr.right
                if path == (_HANDLER,) or (path == () and value.type in _FUNCTIONS):
                    if value.type in _FUNCTIONS:
                        return value
                    found = found or True
                elif path == () and value.type == "ObjectExpression":
                    prop = self.ctx.object_properties(value).get(_HANDLER)
                    if prop is not None:
                        if prop.value.type in _FUNCTIONS:
                            return prop.value
                        found = found or True
        return found

    @staticmethod
    def _spec_name(spec: Any) -> str | None:
        exported = getattr(spec, "exported", None)
        if exported is None:
            return None
        return exported.name if exported.type == "Identifier" else exported.value

    def _export_path(self, left: Any) -> tuple | None:
        """For an assignment target under the global `module.exports` / `exports`: the path below
        it (`()` for `module.exports` itself, `('handler',)` for `exports.handler`)."""
        if left.type != "MemberExpression":
            return None
        sym = self.ctx.sym(left)
        if not sym or sym[0] != "global":
            return None
        if sym[1:3] == ("module", "exports"):
            return tuple(sym[3:])
        if sym[1] == "exports" and len(sym) > 2:
            return tuple(sym[2:])
        return None

    # -- exports ----------------------------------------------------------------------
    def on_AssignmentExpression(self, node: Any) -> None:
        path = self._export_path(node.left)
        if path is None or self.ctx.typeof_guarded(node, _MODULE_NAMES):
            return
        parent = getattr(node, "parent", None)
        if (parent is not None and parent.type == "AssignmentExpression" and parent.right is node
                and self._export_path(parent.left) is not None):
            return  # `module.exports.handler = exports.handler = …`: reported once, at the outer one
        stmt = parent if parent is not None and parent.type == "ExpressionStatement" else node
        root = self.ctx.sym(node.left)[1]
        target = "module.exports" if root == "module" else "exports"
        shown = ".".join([target, *map(str, path)])
        self.report(stmt, f"`{shown} = …`: CloudFront Functions have no module system: `{root}` is "
                          "undefined, so this throws; declare `function handler(event)` without exports",
                    fix=self._delete_fix(stmt, node.right))

    def on_CallExpression(self, node: Any) -> None:
        """`Object.defineProperty(exports, '__esModule', …)`, as TypeScript and Babel emit."""
        ctx = self.ctx
        if not node.arguments or ctx.sym(node.callee) != ("global", "Object", "defineProperty"):
            return
        target = ctx.sym(node.arguments[0])
        if target not in (("global", "exports"), ("global", "module", "exports")) or self.ctx.typeof_guarded(node, _MODULE_NAMES):
            return
        parent = getattr(node, "parent", None)
        stmt = parent if parent is not None and parent.type == "ExpressionStatement" else node
        self.report(stmt, f"`Object.defineProperty({'.'.join(target[1:])}, …)`: CloudFront Functions have no "
                          f"module system: `{target[1]}` is undefined, so this throws; compile to a plain "
                          "script with a top-level `function handler(event)` and no exports")

    def _delete_fix(self, stmt: Any, value: Any) -> Fix | None:
        """Delete a top-level export statement that only names existing bindings."""
        if stmt.type != "ExpressionStatement" or getattr(stmt.parent, "type", None) != "Program":
            return None
        if value.type == "Identifier":
            pass
        elif value.type == "ObjectExpression":
            for prop in value.properties:
                if prop.type != "Property" or prop.value.type != "Identifier" or prop.computed:
                    return None
        else:
            return None
        start, end = whole_lines(self.ctx.text, *stmt.range)
        return Fix("Remove the export", (Edit(start, end, ""),), applicability="unsafe")

    def on_ExportNamedDeclaration(self, node: Any) -> None:
        self._export(node)

    def on_ExportDefaultDeclaration(self, node: Any) -> None:
        self._export(node)

    def on_ExportAllDeclaration(self, node: Any) -> None:
        self._export(node)

    def _export(self, node: Any) -> None:
        fix = None
        decl = getattr(node, "declaration", None)
        if node.type == "ExportNamedDeclaration" and decl is not None:
            fix = Fix("Remove `export`", (Edit(node.range[0], decl.range[0], ""),), applicability="unsafe")
        elif (node.type == "ExportDefaultDeclaration" and decl is not None and decl.type == "FunctionDeclaration"
              and decl.id is not None):
            fix = Fix("Remove `export default`", (Edit(node.range[0], decl.range[0], ""),), applicability="unsafe")
        elif decl is None or (node.type == "ExportDefaultDeclaration" and decl.type == "Identifier"):
            start, end = whole_lines(self.ctx.text, *node.range)
            fix = Fix("Remove the export", (Edit(start, end, ""),), applicability="unsafe")
        keyword = "export default" if node.type == "ExportDefaultDeclaration" else "export"
        self.report(node, f"`{keyword}`: CloudFront Functions have no module system, nothing imports this "
                          "file; declare `function handler(event)` without exports", fix=fix)
