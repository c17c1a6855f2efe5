from __future__ import annotations

from typing import Any

from edgelint.edge.model import CallbackUse, Function, Module
from edgelint.model import LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, le

_CREATE_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-create-function.html"
_NODE_URL = "https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html"
_PYTHON_URL = "https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html"
_NODE24_URL = "https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/"
_NODE24_HELP = ("Node.js 24 removed callback-style handlers: make the handler async and return the "
                "request/response")


def _runtimes() -> dict[str, Any]:
    return le()["runtimes"]


def _ticks(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _or(names: list[str]) -> str:
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _js_length(fn: Function) -> int:
    """`fn.length` in JavaScript: the parameters before the first default or rest parameter."""
    count = 0
    for param in fn.params:
        if param.default or param.kind == "rest":
            break
        count += 1
    return count


def _lambda_shaped(fn: Function | None, python: bool) -> bool:
    """(event, context[, callback]): the Lambda handler signature."""
    if fn is None:
        return False
    params = [p for p in fn.params if p.kind == "positional"] if python else list(fn.params)
    return len(params) >= 2 and params[1].name in _runtimes()["context_param_names"]

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
        self._callback_reported = False
        self._callback_uses: list[CallbackUse] = []

    # -- shared ------------------------------------------------------------------------------
    def _wanted(self) -> list[str]:
        configured = self.ctx.target.handler
        if configured:
            return [configured.rsplit(".", 1)[-1]]
        return list(_runtimes()["default_handlers"][self.ctx.target.language])

    # A heuristic, a pragma, a config glob or --runtime say the file is Lambda@Edge code, not that
    # it is the entry point Lambda loads (it may be a helper or a test next to it): unless a
    # deployment file names the handler, a missing one is a warning that says so.
    def _heuristic_target(self) -> bool:
        return self.ctx.target.handler is None

    def _severity(self) -> Severity:
        return Severity.WARNING if self._heuristic_target() else Severity.ERROR

    def _unless(self) -> str:
        return "; no deployment file names the handler, so check the function's Handler setting" \
            if self._heuristic_target() else ""

    def _where(self) -> str:
        handler = self.ctx.target.handler
        if handler:
            return f"the Handler setting (`{handler}`)"
        return "Lambda's default handler name" + ("s" if len(self._wanted()) > 1 else "")

    # -- JavaScript: callback-style handlers on Node.js 24 --------------------------------------
    def _no_callback(self) -> bool:
        return self.ctx.target.language == "js" and self.ctx.runtime in _runtimes()["no_callback"]

    def on_handler(self, handler: Function) -> None:
        if not self._no_callback() or _js_length(handler) <= _runtimes()["callback_param_index"]:
            return
        params = ", ".join(p.name if p.name and not p.default and p.kind != "rest" else "…"
                           for p in handler.params)
        self._callback_reported = True
        self.report(handler.span, f"Node.js 24 removed callback-style handlers: this handler takes "
                                  f"({params}), so {self.ctx.runtime} refuses to start it "
                                  f"({_runtimes()['no_callback_error']})", help=_NODE24_HELP)

    def on_callback_use(self, use: CallbackUse) -> None:
        if self._no_callback():
            self._callback_uses.append(use)  # judged at the end, once the handler is known

    def on_end(self) -> None:
        for use in self._callback_uses:
            if use.method is None and not self._callback_reported:
                self.report(use.span, f"Node.js 24 removed callback-style handlers: Lambda does not pass a "
                                      f"callback on {self.ctx.runtime}, so this call does not send the response",
                            help=_NODE24_HELP)
            elif use.method in _runtimes()["no_callback_context"]:
                self.report(use.span, f"`context.{use.method}()` was removed with callback-style handlers in "
                                      f"Node.js 24 ({self.ctx.runtime})", help=_NODE24_HELP)

    # -- the module's exports ---------------------------------------------------------------------
    def on_module(self, module: Module) -> None:
        if module.language == "python":
            self._python(module)
        else:
            self._javascript(module)

    def _javascript(self, module: Module) -> None:
        if module.handlers:
            return
        wanted = self._wanted()
        if any(name in module.exports for name in wanted) or module.dynamic:
            return
        looked_for = _or(wanted)
        first = wanted[0]
        exports = sorted(module.exports)
        if module.module_function is not None:
            if self._heuristic_target() and not _lambda_shaped(module.module_function, False):
                return
            self.report(None, f"`module.exports` is the function itself, but Lambda calls the export "
                              f"named {looked_for} ({self._where()}): no handler is found",
                        severity=self._severity(),
                        help=f"export it by name: `module.exports = {{ {first} }}` or "
                             f"`exports.{first} = …`")
            return
        if exports:
            if self._heuristic_target() and not any(_lambda_shaped(f, False) for f in module.exports.values()):
                return  # a helper module next to the handler, not an entry point
            self.report(None, f"no exported handler: the module exports {_ticks(exports)}, not {looked_for} "
                              f"({self._where()}){self._unless()}",
                        severity=self._severity(),
                        help=f"rename the export to `{first}`, or point the function's Handler setting "
                             f"at the exported name (file.{exports[0]})")
            return
        if first in module.declared:
            example = f"`export {{ {first} }}`" if module.esm else f"`exports.{first} = {first}`"
            other = f"`exports.{first} = {first}`" if module.esm else f"`export {{ {first} }}`"
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

    def _python(self, module: Module) -> None:
        if module.handlers:
            # With no Handler setting, `handler` and `lambda_handler` are both candidates: when the
            # file defines both, one may be a helper, so only a signature every candidate shares
            # is reported.
            problems = [(h, self._signature_problem(h)) for h in module.handlers]
            if all(problem is not None for _, problem in problems):
                for handler, problem in problems:
                    self.report(handler.anchor, problem[0], help=problem[1])
            return
        wanted = self._wanted()
        if any(name in module.exports for name in wanted) or module.dynamic:
            return
        functions = [name for name, fn in module.exports.items() if fn is not None]
        if self._heuristic_target() and not any(_lambda_shaped(module.exports[n], True) for n in functions):
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
    def _signature_problem(handler: Function) -> tuple[str, str] | None:
        """(message, help) when Lambda's handler(event, context) call raises TypeError."""
        if handler.decorated:
            return None  # a decorator may change the signature Lambda sees
        args = _runtimes()["python_handler_args"]
        positional = handler.positional()
        star = any(p.kind == "star" for p in handler.params)
        name = handler.name
        if len(positional) < args and not star:
            shown = ", ".join(p.name or "" for p in positional)
            return (f"Lambda calls `{name}(event, context)` with {args} arguments, but `{name}({shown})` "
                    f"accepts {len(positional)}: every invocation raises TypeError",
                    f"declare the handler as `def {name}(event, context):`")
        required = [p for p in positional if not p.default]
        extra = required[args:] + [p for p in handler.params if p.kind == "kwonly" and not p.default]
        if extra:
            missing = extra[0].name
            return (f"Lambda calls `{name}(event, context)`, but parameter `{missing}` has no default: "
                    "every invocation raises TypeError",
                    f"give `{missing}` a default, or declare the handler as `def {name}(event, context):`")
        return None
