from __future__ import annotations

from typing import Any

from edgelint.lang.py import cst

from edgelint.lang.js.parse import member_key, pattern_names, property_key
from edgelint.model import LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, le

_CREATE_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-create-function.html"
_NODE_URL = "https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html"
_PYTHON_URL = "https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html"
_NODE24_URL = "https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/"
_FUNCTIONS = ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")
_EXPORTS = (("global", "exports"), ("global", "module", "exports"))


def _runtimes() -> dict[str, Any]:
    return le()["runtimes"]


def _ticks(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _or(names: list[str]) -> str:
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _js_length(fn: Any) -> int:
    """`fn.length` in JavaScript: the parameters before the first default or rest parameter."""
    count = 0
    for param in fn.params:
        if param.type in ("AssignmentPattern", "RestElement"):
            break
        count += 1
    return count


class HandlerExport(Rule):
    """
    ## What it does
    Checks that Lambda can find and call the function's handler:

    - JavaScript: the module must export the handler named by the deployment's `Handler`
      setting (`index.handler` → the export `handler`; `handler` when no deployment file says).
      A top-level `function handler(event)` that is not exported (the CloudFront Functions
      style) is the common mistake. The finding lists the exports the file has.
    - Python: the module must define the handler at top level (`def handler` or
      `def lambda_handler` by default), and it must accept the two positional arguments Lambda
      passes, `(event, context)`: fewer parameters, or a third one without a default, raise
      `TypeError` on every request.
    - On runtimes that removed callback-style handlers (`nodejs24.x`), the exported JavaScript
      handler must not take a third `callback` parameter (Lambda rejects handlers whose
      `length` is 3 or more with `Runtime.CallbackHandlerDeprecated` at start-up), nor call the
      removed `context.succeed`/`fail`/`done`.

    Exports that cannot be read statically (`module.exports = require('./impl')`,
    `export * from`, bundler helpers such as `__export(exports, …)`) are not flagged, nor is a
    file only recognised by its `Records[0].cf` reads that looks like a helper module (it
    exports other functions and none of them takes `(event, context)`).

    ## Why is this bad?
    Lambda imports the module and calls the export named in the function's `Handler`
    setting. When there is none, every invocation fails with `Runtime.HandlerNotFound` and
    CloudFront returns a 502/503 to the viewer. Node.js 24 removed callback-style handlers:
    a function with a `callback` parameter does not even start.

    ## Example
    ```js
    function handler(event, context, callback) {
        callback(null, event.Records[0].cf.request);
    }
    ```

    Use instead:
    ```js
    export const handler = async (event) => {
        return event.Records[0].cf.request;
    };
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-create-function.html
    - https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
    - https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html
    - https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/
    """

    code = "LE007"
    name = "handler-export"
    summary = "Handler Lambda cannot find or call"
    help = "export the handler under the name the function's Handler setting gives (`exports.handler = …`)"
    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES
    references = (_CREATE_URL, _NODE_URL, _PYTHON_URL, _NODE24_URL)
    valid = (
        # A helper module next to the handler file: only the file the Handler names must export it.
        Example("exports.addHeaders = function (event, names) {\n  const { response } = event.Records[0].cf;\n"
                "  return response;\n};\n", runtime=NODE, event="origin-response"),
        Example("export const handler = async (event) => event.Records[0].cf.request;\n",
                runtime=NODE, event="origin-request"),
        Example("function handler(event, context, callback) {\n  callback(null, event.Records[0].cf.request);\n}\n"
                "module.exports = { handler };\n", runtime=NODE, event="origin-request"),
        Example("const middy = require('@middy/core');\nconst base = async (event) => event.Records[0].cf.request;\n"
                "exports.handler = middy(base);\n", runtime=NODE, event="origin-request"),
        Example("exports.handler = async (event, context) => {\n  return event.Records[0].cf.request;\n};\n",
                runtime="nodejs24.x", event="origin-request"),
        Example("def lambda_handler(event, context):\n    return event[\"Records\"][0][\"cf\"][\"request\"]\n",
                runtime=PYTHON, event="origin-request"),
        Example("def handler(event, context=None, *rest):\n    return event[\"Records\"][0][\"cf\"][\"request\"]\n",
                runtime=PYTHON, event="origin-request"),
        Example("from mangum import Mangum\n\ndef route(event):\n    return event[\"Records\"][0][\"cf\"][\"request\"]\n\n"
                "handler = Mangum(route)\n", runtime=PYTHON, event="origin-request"),
    )
    invalid = (
        Example("function handler(event) {\n  return event.Records[0].cf.request;\n}\n",
                runtime=NODE, event="origin-request", line=1, message="exports.handler = handler"),
        Example("exports.main = async (event, context) => event.Records[0].cf.request;\n",
                runtime=NODE, event="origin-request", line=1, message="exports `main`, not `handler`"),
        Example("exports.handler = (event, context, callback) => {\n"
                "  callback(null, event.Records[0].cf.request);\n};\n",
                runtime="nodejs24.x", event="origin-request", line=1, message="Node.js 24"),
        Example("def main(event, context):\n    return event[\"Records\"][0][\"cf\"][\"request\"]\n",
                runtime=PYTHON, event="origin-request", line=1, message="`main`"),
        Example("def handler(event):\n    return event[\"Records\"][0][\"cf\"][\"request\"]\n",
                runtime=PYTHON, event="origin-request", line=1, message="TypeError"),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        # Names the module exports (JS) or binds at top level (Python), with the function when seen.
        self._exports: dict[str, Any] = {}
        # The module's exports cannot be listed statically.
        self._dynamic = False
        # `module.exports = function …`: the module itself is the function.
        self._module_function: Any = None
        self._has_esm = False
        self._callback_binding: Any = None
        self._class_depth = 0

    # -- shared ------------------------------------------------------------------------------
    def _wanted(self) -> list[str]:
        configured = self.ctx.target.handler
        if configured:
            return [configured.rsplit(".", 1)[-1]]
        return list(_runtimes()["default_handlers"][self.ctx.target.language])

    def _heuristic_target(self) -> bool:
        """True unless a deployment file names this file's handler. A heuristic, a pragma, a config
        glob or --runtime say the file is Lambda@Edge code, not that it is the entry point Lambda
        loads: it may be a helper or test module next to the handler file."""
        return self.ctx.target.handler is None

    def _severity(self) -> Severity:
        """Without a pragma, config or deployment file, the Handler setting is unknown: a function
        exported under another name may be the configured handler, so say it as a warning."""
        return Severity.WARNING if self._heuristic_target() else Severity.ERROR

    def _unless(self) -> str:
        if self._heuristic_target():
            return "; no deployment file names the handler, so check the function's Handler setting"
        return ""

    def _where(self) -> str:
        handler = self.ctx.target.handler
        if handler:
            return f"the Handler setting (`{handler}`)"
        return "Lambda's default handler name" + ("s" if len(self._wanted()) > 1 else "")

    # -- JavaScript: observe exports during the walk ----------------------------------------
    def _is_exports(self, node: Any) -> bool:
        return node is not None and self.ctx.sym(node) in _EXPORTS

    def on_AssignmentExpression(self, node: Any) -> None:
        left = node.left
        if left.type != "MemberExpression":
            return
        ctx = self.ctx
        right = node.right
        while right.type == "AssignmentExpression":  # module.exports.handler = exports.handler = fn
            right = right.right
        if self._is_exports(left.object):
            key = member_key(left)
            if isinstance(key, str):
                self._exports.setdefault(key, self._function(right))
            else:
                self._dynamic = True  # exports[name] = …
            return
        if ctx.sym(left) != ("global", "module", "exports"):
            return
        if right.type == "ObjectExpression":
            for prop in right.properties:
                key = property_key(prop) if prop.type == "Property" else None
                if key is None:
                    self._dynamic = True  # ...spread or a computed key
                    continue
                self._exports.setdefault(str(key), self._function(prop.value))
        elif self._function(right) is not None:
            self._module_function = self._function(right)
        elif right.type == "ClassExpression":
            self._module_function = right
        else:
            self._dynamic = True  # module.exports = require('./impl'), = app, = factory()

    def on_CallExpression(self, node: Any) -> None:
        ctx = self.ctx
        args = node.arguments
        # Object.defineProperty(exports, 'handler', …) (TypeScript and Babel output).
        if (ctx.sym(node.callee) == ("global", "Object", "defineProperty") and len(args) >= 2
                and self._is_exports(args[0])):
            if args[1].type == "Literal" and isinstance(args[1].value, str):
                self._exports.setdefault(args[1].value, None)
            else:
                self._dynamic = True
            return
        # Any other call that receives the exports object (Object.assign, __export, __exportStar)
        # can add exports we cannot see.
        if any(self._is_exports(arg) or ctx.sym(arg) == ("global", "module") for arg in args):
            self._dynamic = True
        self._check_callback_call(node)

    def on_ExportNamedDeclaration(self, node: Any) -> None:
        self._has_esm = True
        decl = node.declaration
        if decl is not None:
            if decl.type in ("FunctionDeclaration", "ClassDeclaration") and decl.id is not None:
                self._exports.setdefault(decl.id.name, decl if decl.type == "FunctionDeclaration" else None)
            elif decl.type == "VariableDeclaration":
                for d in decl.declarations:
                    for ident, _path in pattern_names(d.id):
                        init = d.init if d.id.type == "Identifier" else None
                        self._exports.setdefault(ident.name, init if init is not None and init.type in _FUNCTIONS
                                                 else None)
        for spec in node.specifiers or ():
            exported = spec.exported
            name = exported.name if exported.type == "Identifier" else exported.value
            local = None if node.source is not None else self._top_level_function(spec.local.name)
            self._exports.setdefault(name, local)

    def on_ExportDefaultDeclaration(self, node: Any) -> None:
        self._has_esm = True
        decl = node.declaration
        self._exports.setdefault("default", decl if decl.type in _FUNCTIONS else None)

    def on_ExportAllDeclaration(self, node: Any) -> None:
        self._has_esm = True
        exported = getattr(node, "exported", None)
        if exported is not None:
            self._exports.setdefault(exported.name if exported.type == "Identifier" else exported.value, None)
        else:
            self._dynamic = True  # export * from './impl'

    def on_ImportDeclaration(self, node: Any) -> None:
        self._has_esm = True

    def _function(self, value: Any) -> Any:
        """The function an exported value is: written inline, or a top-level function it names."""
        if value.type in _FUNCTIONS:
            return value
        if value.type == "Identifier":
            return self._top_level_function(value.name)
        return None

    def _top_level_function(self, name: str) -> Any:
        scope = self.ctx.parsed.scopes.get(id(self.ctx.program))
        binding = scope.bindings.get(name) if scope is not None else None
        if binding is None:
            return None
        if binding.kind == "function" and binding.decl.type == "FunctionDeclaration":
            return binding.decl
        init = binding.init
        if binding.decl.type == "VariableDeclarator" and init is not None and init.type in _FUNCTIONS:
            return init
        return None

    # -- JavaScript: callback-style handlers -------------------------------------------------
    def on_Program(self, node: Any) -> None:
        handler = self.ctx.handler
        if handler is None or self.ctx.runtime not in _runtimes()["no_callback"]:
            return
        index = _runtimes()["callback_param_index"]
        if _js_length(handler) > index:
            params = ", ".join(p.name if p.type == "Identifier" else "…" for p in handler.params)
            self.report(handler, f"Node.js 24 removed callback-style handlers: this handler takes "
                                 f"({params}), so {self.ctx.runtime} refuses to start it "
                                 f"({_runtimes()['no_callback_error']})",
                        help="Node.js 24 removed callback-style handlers: make the handler async and return "
                             "the request/response")
            return
        # `(event, context, callback = noop)` starts, but Lambda never passes the callback.
        if len(handler.params) > index:
            param = handler.params[index]
            ident = param.left if param.type == "AssignmentPattern" else param
            scope = self.ctx.parsed.scopes.get(id(handler))
            if ident.type == "Identifier" and scope is not None:
                self._callback_binding = scope.bindings.get(ident.name)

    def _check_callback_call(self, node: Any) -> None:
        ctx = self.ctx
        if ctx.handler is None or ctx.runtime not in _runtimes()["no_callback"]:
            return
        callee = node.callee
        if (self._callback_binding is not None and callee.type == "Identifier"
                and ctx.lookup(callee.name) is self._callback_binding):
            self.report(node, f"Node.js 24 removed callback-style handlers: Lambda does not pass a callback "
                              f"on {ctx.runtime}, so this call does not send the response",
                        help="Node.js 24 removed callback-style handlers: make the handler async and return "
                             "the request/response")
            return
        sym = ctx.sym(callee)
        if sym is not None and len(sym) == 2 and sym[0] == "context" and sym[1] in _runtimes()["no_callback_context"]:
            self.report(node, f"`context.{sym[1]}()` was removed with callback-style handlers in Node.js 24 "
                              f"({ctx.runtime})",
                        help="Node.js 24 removed callback-style handlers: make the handler async and return "
                             "the request/response")

    # -- JavaScript: decide ------------------------------------------------------------------
    def on_Program_exit(self, node: Any) -> None:
        ctx = self.ctx
        if ctx.handler is not None or ctx.handler_export is not None:
            return
        wanted = self._wanted()
        if any(name in self._exports for name in wanted) or self._dynamic:
            return
        looked_for = _or(wanted)
        first = wanted[0]
        declared = self._top_level_function(first)
        exports = sorted(self._exports)
        if self._module_function is not None:
            if self._heuristic_target() and not self._lambda_shaped(self._module_function):
                return
            self.report(None, f"`module.exports` is the function itself, but Lambda calls the export "
                              f"named {looked_for} ({self._where()}): no handler is found",
                        severity=self._severity(),
                        help=f"export it by name: `module.exports = {{ {first} }}` or "
                             f"`exports.{first} = …`")
            return
        if exports:
            if self._heuristic_target() and not any(self._lambda_shaped(f) for f in self._exports.values()):
                return  # a helper module next to the handler, not an entry point
            self.report(None, f"no exported handler: the module exports {_ticks(exports)}, not {looked_for} "
                              f"({self._where()}){self._unless()}",
                        severity=self._severity(),
                        help=f"rename the export to `{first}`, or point the function's Handler setting "
                             f"at the exported name (file.{exports[0]})")
            return
        if declared is not None:
            example = f"`export {{ {first} }}`" if self._has_esm else f"`exports.{first} = {first}`"
            other = f"`exports.{first} = {first}`" if self._has_esm else f"`export {{ {first} }}`"
            self.report(None, f"`{first}` is declared but not exported (the CloudFront Functions style): "
                              f"Lambda@Edge imports the module and calls its exported handler: add "
                              f"{example} or {other}",
                        help=f"add {example} (or {other})")
            return
        if self._heuristic_target():
            return  # a script that reads an event (a test or a local runner), not an entry point
        self.report(None, f"no exported handler: the module exports nothing, and Lambda calls the export "
                          f"named {looked_for} ({self._where()})",
                    help=f"export the handler: `export const {first} = async (event) => {{ … }}` or "
                         f"`exports.{first} = async (event) => {{ … }}`")

    @staticmethod
    def _lambda_shaped(fn: Any) -> bool:
        """(event, context[, callback]): the Lambda handler signature."""
        if fn is None or not hasattr(fn, "params") or len(fn.params) < 2:
            return False
        second = fn.params[1]
        return second.type == "Identifier" and second.name in _runtimes()["context_param_names"]

    # -- Python: observe top-level bindings --------------------------------------------------
    def _top(self) -> bool:
        return not self.ctx.function_stack and self._class_depth == 0

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self._top():
            self._exports.setdefault(node.name.value, None)
        self._class_depth += 1

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._class_depth -= 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        # The engine has already pushed this function: top level means it is alone on the stack.
        stack = self.ctx.function_stack
        if len(stack) == 1 and stack[0] is node and self._class_depth == 0:
            self._exports.setdefault(node.name.value, node)

    def _bind_target(self, target: Any) -> None:
        if isinstance(target, cst.Name):
            self._exports.setdefault(target.value, None)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        if self._top():
            for target in node.targets:
                self._bind_target(target.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if self._top() and node.value is not None:
            self._bind_target(node.target)

    def visit_Import(self, node: cst.Import) -> None:
        if self._top():
            for alias in node.names:
                bound = alias.asname.name if alias.asname else alias.name
                while isinstance(bound, cst.Attribute):  # import a.b binds a
                    bound = bound.value
                self._bind_target(bound)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if not self._top():
            return
        if isinstance(node.names, cst.ImportStar):
            self._dynamic = True
            return
        for alias in node.names:
            self._bind_target(alias.asname.name if alias.asname else alias.name)

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self._exports.setdefault(item.name.value, None)

    # -- Python: decide ------------------------------------------------------------------------
    def leave_Module(self, original_node: cst.Module) -> None:
        ctx = self.ctx
        if ctx.handlers:
            # With no Handler setting, `handler` and `lambda_handler` are both candidates: when the
            # file defines both, one may be a helper, so only a signature every candidate shares
            # is reported.
            bad = [h for h in ctx.handlers if self._python_signature_problem(h) is not None]
            if len(bad) == len(ctx.handlers):
                for handler in bad:
                    self._check_python_signature(handler)
            return
        wanted = self._wanted()
        if any(name in self._exports for name in wanted) or self._dynamic:
            return
        functions = [name for name, fn in self._exports.items() if isinstance(fn, cst.FunctionDef)]
        if self._heuristic_target() and not any(
                self._python_lambda_shaped(self._exports[name]) for name in functions):
            return  # a helper module that reads the event, not the function's entry point
        looked_for = " or ".join(f"`def {n}`" for n in wanted)
        if functions:
            self.report(None, f"no handler: the module defines {_ticks(functions)}, but Lambda calls "
                              f"{looked_for} ({self._where()}){self._unless()}",
                        severity=self._severity(),
                        help=f"rename the function to `{wanted[0]}`, or point the function's Handler "
                             f"setting at it (file.{functions[0]})")
            return
        self.report(None, f"no handler: Lambda calls a top-level {looked_for} ({self._where()}), and this "
                          "module defines no top-level function",
                    help=f"define `def {wanted[0]}(event, context):` at the top level of the module")

    @staticmethod
    def _python_lambda_shaped(fn: cst.FunctionDef) -> bool:
        params = fn.params.params
        return len(params) >= 2 and params[1].name.value in _runtimes()["context_param_names"]

    def _python_signature_problem(self, handler: cst.FunctionDef) -> tuple[str, str] | None:
        """(message, help) when Lambda's handler(event, context) call raises TypeError."""
        if handler.decorators:
            return None  # a decorator may change the signature Lambda sees
        params = handler.params
        args = _runtimes()["python_handler_args"]
        positional = [*params.posonly_params, *params.params]
        star = isinstance(params.star_arg, cst.Param)
        name = handler.name.value
        if len(positional) < args and not star:
            shown = ", ".join(p.name.value for p in positional)
            return (f"Lambda calls `{name}(event, context)` with {args} arguments, but `{name}({shown})` "
                    f"accepts {len(positional)}: every invocation raises TypeError",
                    f"declare the handler as `def {name}(event, context):`")
        required = [p for p in positional if p.default is None]
        extra = required[args:] + [p for p in params.kwonly_params if p.default is None]
        if extra:
            missing = extra[0].name.value
            return (f"Lambda calls `{name}(event, context)`, but parameter `{missing}` has no default: "
                    "every invocation raises TypeError",
                    f"give `{missing}` a default, or declare the handler as `def {name}(event, context):`")
        return None

    def _check_python_signature(self, handler: cst.FunctionDef) -> None:
        problem = self._python_signature_problem(handler)
        if problem is not None:
            self.report(handler.name, problem[0], help=problem[1])
