from __future__ import annotations

from typing import Any

from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, Edit, Fix, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import (BOTH_RUNTIMES, RUNTIME_10, RUNTIME_20, cff,
                                               lambda_edge_event_for, network_module)

_URL_20 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html"
_URL_10 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html"
_URL_RESTRICTIONS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html"

# Node's scheme for built-in modules (`node:crypto`); CloudFront documents only the bare names.
_NODE_PREFIX = "node:"


def _kb() -> int:
    return cff()["limits"]["max_code_bytes"] // 1024


def _static_string(node: Any) -> str | None:
    if node is None:
        return None
    if node.type == "Literal" and isinstance(node.value, str):
        return node.value
    if node.type == "TemplateLiteral" and not node.expressions and len(node.quasis) == 1:
        return node.quasis[0].value.cooked
    return None


def _is_relative(name: str) -> bool:
    return name.startswith(("./", "../", "/")) or name in (".", "..")


def _quote(raw: str | None) -> str:
    return raw[0] if raw and raw[0] in "'\"`" else "'"


class UnsupportedModule(Rule):
    """
    ## What it does
    Flags loading a module the CloudFront Functions runtime does not provide: `require()` of
    anything but `crypto` and `querystring` (and `buffer` on cloudfront-js-2.0), `import` of anything
    but `cloudfront` and `crypto` on cloudfront-js-2.0, any `import` on cloudfront-js-1.0, relative
    paths (`./rules`), Node built-ins such as `fs`, `path` and `child_process`, `node:`-prefixed
    names, npm packages (`lodash`, `jsonwebtoken`, `uuid`, …) and dynamic `import()`. A `require()`
    whose argument is not a literal is a warning, because it cannot be checked.

    Network modules (`https`, `axios`, `@aws-sdk/*`, …) are reported by CF001 and the
    `import cf from 'cloudfront'` statement by CF011, so they are not repeated here.

    ## Why is this bad?
    A CloudFront Function is a single file that runs without a file system or a package
    installation: only the built-in modules listed in the runtime documentation exist. Loading
    anything else throws when the function runs, and the viewer gets an error response.

    ## Example
    ```js
    var _ = require('lodash');
    var rules = require('./rewrite-rules');

    function handler(event) {
        var rule = _.find(rules, function (r) { return event.request.uri === r.from; });
        return event.request;
    }
    ```

    Use instead: inline the few helpers you need (bundle the function into one file that stays under
    the 10 KB size limit), or move the function to Lambda@Edge, which runs a full Node.js package.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html
    """

    code = "CF003"
    name = "unsupported-module"
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)  # the same runtime
    summary = "Module the CloudFront Functions runtime does not provide"
    help = (f"CloudFront Functions ship a single file with no npm packages: inline the code (mind the "
            f"{_kb()} KB limit) or move the function to Lambda@Edge")
    references = (_URL_20, _URL_10, _URL_RESTRICTIONS)
    fixable = True
    example_runtimes = BOTH_RUNTIMES
    valid = (
        Example("var crypto = require('crypto');\nvar qs = require('querystring');\n"
                "function handler(event) { return event.request; }\n"),
        Example("function handler(event) {\n  function require(m) { return m; }\n  require('lodash');\n"
                "  return event.request;\n}\n"),
        Example("var https = require('https');\nfunction handler(event) { return event.request; }\n"),
        Example("import cf from 'cloudfront';\nimport crypto from 'crypto';\n"
                "function handler(event) { return event.request; }\n", runtime=RUNTIME_20),
        Example("var b = require('buffer');\nfunction handler(event) { return event.request; }\n",
                runtime=RUNTIME_20),
        Example("import cf from 'cloudfront';\nfunction handler(event) { return event.request; }\n",
                runtime=RUNTIME_10),
    )
    invalid = (
        Example("var fs = require('fs');\nfunction handler(event) { return event.request; }\n",
                line=1, severity=Severity.ERROR, message="'fs'"),
        Example("function handler(event) {\n  var rules = require('./rules');\n  return event.request;\n}\n",
                line=2, message="single file"),
        Example("var jwt = require('jsonwebtoken');\nfunction handler(event) { return event.request; }\n",
                line=1),
        Example("var c = require('node:crypto');\nfunction handler(event) { return event.request; }\n",
                line=1, message="node:"),
        Example("var name = 'lod' + 'ash';\nvar m = require(name);\nfunction handler(event) { return event.request; }\n",
                line=2, severity=Severity.WARNING, message="cannot be resolved"),
        Example("async function handler(event) {\n  var m = await import('./x.js');\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=2, message="import()"),
        Example("var b = require('buffer');\nfunction handler(event) { return event.request; }\n",
                runtime=RUNTIME_10, line=1, message="cloudfront-js-2.0"),
        Example("import crypto from 'crypto';\nfunction handler(event) { return event.request; }\n",
                runtime=RUNTIME_10, line=1, message="no import statement"),
        Example("import escapeHtml from 'escape-html';\nfunction handler(event) { return event.request; }\n",
                runtime=RUNTIME_10, line=1),
        Example("import { v4 } from 'uuid';\nfunction handler(event) { return event.request; }\n",
                runtime=RUNTIME_20, line=1, severity=Severity.ERROR, message="'uuid'"),
        Example("import qs from 'querystring';\nfunction handler(event) { return event.request; }\n",
                runtime=RUNTIME_20, line=1, severity=Severity.WARNING, message="require('querystring')"),
        Example("var cf = require('cloudfront');\nfunction handler(event) { return event.request; }\n",
                runtime=RUNTIME_20, line=1, message="import cf from 'cloudfront'"),
    )

    # -- facts -------------------------------------------------------------------------
    def _required(self, runtime: str | None = None) -> list[str]:
        return cff()["modules"]["require"].get(runtime or self.ctx.runtime, [])

    def _imported(self) -> list[str]:
        return cff()["modules"]["import"].get(self.ctx.runtime, [])

    def _lambda_help(self) -> str:
        return (f"CloudFront Functions ship a single file with no npm packages: inline the code (mind the "
                f"{_kb()} KB limit) or move this logic to a Lambda@Edge "
                f"{lambda_edge_event_for(self.ctx.event)} function")

    def _available(self) -> str:
        return ", ".join(self._required())

    # -- visitors ----------------------------------------------------------------------
    def on_CallExpression(self, node: Any) -> None:
        callee = node.callee
        if callee.type == "Import":  # esprima's form of import('x')
            self._dynamic_import(node)
            return
        if not self.ctx.is_global(callee, ("require",)) or not node.arguments:
            return
        arg = node.arguments[0]
        name = _static_string(arg)
        if name is None:
            self.report(node, f"`require()` with a computed module name cannot be resolved; only "
                              f"{self._available()} exist in {self.ctx.runtime}",
                        severity=Severity.WARNING,
                        help=f"require a literal module name ({self._available()}); anything else "
                             f"needs Lambda@Edge")
            return
        if network_module(name) or name in self._required():
            return
        self._unsupported(node, name, arg, via_require=True)

    def on_ImportExpression(self, node: Any) -> None:  # ESTree form of import('x')
        self._dynamic_import(node)

    def _dynamic_import(self, node: Any) -> None:
        self.report(node, "dynamic `import()` is not supported in CloudFront Functions: the function "
                          "is a single file and cannot load code at run time", help=self._lambda_help())

    def on_ImportDeclaration(self, node: Any) -> None:
        name = node.source.value
        if not isinstance(name, str) or network_module(name) or name == cff()["cloudfront_module"]["name"]:
            return
        runtime = self.ctx.runtime
        if name in self._imported():
            return
        if not self._imported():
            # The runtime has no import statement at all (cloudfront-js-1.0).
            if name in self._required():
                self.report(node, f"{runtime} has no import statement; use require('{name}')",
                            help=f"load the module with `var … = require('{name}')`",
                            fix=self._require_fix(node))
            else:
                self.report(node, f"{runtime} has no import statement, and module '{name}' is not provided "
                                  f"by the runtime (only {self._available()}, with require())",
                            help=self._lambda_help())
            return
        if name in self._required():
            self.report(node, f"importing '{name}' is not in the documented feature list of {runtime} "
                              f"(import works for {', '.join(self._imported())}); use require('{name}')",
                        severity=Severity.WARNING,
                        help=f"load the module with `var … = require('{name}')`",
                        fix=self._require_fix(node))
            return
        self._unsupported(node, name, node.source, via_require=False)

    # -- reports -------------------------------------------------------------------------
    def _unsupported(self, node: Any, name: str, literal: Any, *, via_require: bool) -> None:
        runtime = self.ctx.runtime
        provided = self._required() if via_require else self._imported()
        how = "require()" if via_require else "import"
        cf_name = cff()["cloudfront_module"]["name"]
        if name.startswith(_NODE_PREFIX):
            bare = name[len(_NODE_PREFIX):]
            if bare in provided:
                quote = _quote(getattr(literal, "raw", None))
                self.report(node, f"module '{name}' does not exist in {runtime}: the built-in module is "
                                  f"named '{bare}', without the `{_NODE_PREFIX}` prefix",
                            help=f"load it as '{bare}'",
                            fix=Fix(f"Use '{bare}'", (Edit(literal.range[0], literal.range[1],
                                                           f"{quote}{bare}{quote}"),)))
                return
        if via_require and name == cf_name:
            module_runtime = cff()["cloudfront_module"]["runtime"]
            self.report(node, f"the {cf_name} module cannot be loaded with require(); it is loaded with "
                              f"`import cf from '{cf_name}'`",
                        help=f"load it with `import cf from '{cf_name}'` as the first statement "
                             f"(needs {module_runtime})")
            return
        if _is_relative(name):
            self.report(node, f"CloudFront Functions are a single file: '{name}' cannot be loaded",
                        help=f"bundle or inline the code into this file (the function must stay under "
                             f"{_kb()} KB), or move this logic to a Lambda@Edge function")
            return
        others = [r for r in cff()["modules"]["require"] if r != runtime
                  and name in cff()["modules"]["require"][r]]
        if via_require and others:
            self.report(node, f"module '{name}' is not available in {runtime}; it needs {', '.join(others)}",
                        help=f"set the function runtime to {others[0]}")
            return
        available = ", ".join(provided) if provided else "none"
        self.report(node, f"module '{name}' is not provided by {runtime} (modules available with {how}: "
                          f"{available})", help=self._lambda_help())

    def _require_fix(self, node: Any) -> Fix | None:
        """`import x from 'crypto'` → `var x = require('crypto');` when nothing before it can run."""
        program = getattr(node, "parent", None)
        if program is None or program.type != "Program":
            return None
        for stmt in program.body:
            if stmt is node:
                break
            if stmt.type != "ImportDeclaration":
                return None
        raw = node.source.raw if getattr(node.source, "raw", None) else repr(node.source.value)
        call = f"require({raw})"
        parts = []
        for spec in node.specifiers:
            if spec.type == "ImportSpecifier":
                imported = spec.imported
                key = imported.name if imported.type == "Identifier" else imported.value
                if not isinstance(key, str) or not key.isidentifier():
                    return None
                parts.append(f"{spec.local.name} = {call}.{key}")
            else:
                parts.append(f"{spec.local.name} = {call}")
        text = f"var {', '.join(parts)};" if parts else f"{call};"
        return Fix("Load the module with require()", (Edit(node.range[0], node.range[1], text),),
                   applicability="unsafe")
