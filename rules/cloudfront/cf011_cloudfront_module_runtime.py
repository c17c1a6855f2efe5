from __future__ import annotations

from typing import Any

from edgelint.lang.js.parse import member_key
from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, Edit, Fix, Severity
from edgelint.text import whole_lines
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import RUNTIME_10, RUNTIME_20, cff

_URL_METHODS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-custom-methods.html"
_URL_ORIGIN = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/helper-functions-origin-modification.html"
_URL_RESTRICTIONS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html"


def _module() -> dict[str, Any]:
    return cff()["cloudfront_module"]



class CloudfrontModuleRuntime(Rule):
    """
    ## What it does
    Checks the use of the `cloudfront` module (`import cf from 'cloudfront'`: KeyValueStore,
    origin helpers, `edgeLocation`, CWT, distribution tenants):

    - on cloudfront-js-1.0 the import and every use of the module (`cf.kvs()`,
      `cf.updateRequestOrigin(…)`, …) are errors: the module exists only in cloudfront-js-2.0;
    - on cloudfront-js-2.0 the import must be the first statement of the code (comments and other
      imports may precede it, as in AWS's token-validation example, which imports `crypto` first),
      and the module is imported once;
    - the origin helpers `updateRequestOrigin`, `selectRequestOriginById` and
      `createRequestOriginGroup` are errors in a viewer-response function;
    - a member that the documentation does not list (such as `cf.overrideRequestOrigin`, which
      appears only in a documentation example) is a warning.

    Default (`import cf`), namespace (`import * as cf`) and named (`import { kvs }`) imports are
    all followed, as are aliases (`var c = cf;`, `const { kvs } = cf;`).

    ## Why is this bad?
    KeyValueStore and the `cloudfront` helper methods are available only in the cloudfront-js-2.0
    runtime, and the documentation requires `import cf from 'cloudfront'` on the first line of the
    function code. Origin modification only makes sense before CloudFront contacts the origin, so
    the helpers work in viewer-request functions only.

    ## Example
    ```js
    var DEFAULT_ORIGIN = 'primary-alb';
    import cf from 'cloudfront';

    function handler(event) {
        cf.selectRequestOriginById(DEFAULT_ORIGIN);
        return event.request;
    }
    ```

    Use instead: put `import cf from 'cloudfront';` first, run the function on cloudfront-js-2.0
    and associate it with the viewer-request event.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-custom-methods.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/helper-functions-origin-modification.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html
    """

    code = "CF011"
    name = "cloudfront-module-runtime"
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)  # the same runtime
    summary = "cloudfront module used on the wrong runtime, event, or not imported first"
    help = ("use the cloudfront module only on cloudfront-js-2.0, with `import cf from 'cloudfront'` as the "
            "first statement; origin helpers only in viewer-request functions")
    references = (_URL_METHODS, _URL_ORIGIN, _URL_RESTRICTIONS)
    fixable = True
    valid = (
        Example("import crypto from 'crypto';\nimport cf from 'cloudfront';\nconst kvsHandle = cf.kvs();\n"
                "async function handler(event) {\n  return event.request;\n}\n", runtime=RUNTIME_20),
        Example("import cf from 'cloudfront';\nconst kvsHandle = cf.kvs();\n"
                "async function handler(event) {\n  return event.request;\n}\n", runtime=RUNTIME_20),
        Example("// Routes /api to the API origin.\n/* second comment */\nimport cf from 'cloudfront';\n"
                "function handler(event) {\n  cf.updateRequestOrigin({ domainName: 'api.example.com' });\n"
                "  return event.request;\n}\n", runtime=RUNTIME_20, event="viewer-request"),
        Example("import * as cf from 'cloudfront';\nfunction handler(event) {\n"
                "  cf.selectRequestOriginById('blue');\n  return event.request;\n}\n", runtime=RUNTIME_20),
        Example("import cf from 'cloudfront';\nfunction handler(event) {\n  var r = event.response;\n"
                "  r.headers['x-pop'] = { value: cf.edgeLocation.name };\n  return r;\n}\n",
                runtime=RUNTIME_20, event="viewer-response"),
        Example("var cf = { kvs: function () { return 1; } };\nfunction handler(event) {\n  cf.kvs();\n"
                "  return event.request;\n}\n", runtime=RUNTIME_10),
        Example("var crypto = require('crypto');\nfunction handler(event) {\n"
                "  return event.request;\n}\n", runtime=RUNTIME_10),
    )
    invalid = (
        Example("import cf from 'cloudfront';\nvar kvsHandle = cf.kvs();\nfunction handler(event) {\n"
                "  return event.request;\n}\n", runtime=RUNTIME_10, line=1, message="requires cloudfront-js-2.0"),
        Example("import cf from 'cloudfront';\nfunction handler(event) {\n  cf.selectRequestOriginById('b');\n"
                "  return event.request;\n}\n", runtime=RUNTIME_10, line=3, message="cf.selectRequestOriginById()"),
        Example("var x = 1;\nimport cf from 'cloudfront';\nfunction handler(event) {\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=2, message="must be the first statement"),
        Example("import cf from 'cloudfront';\nfunction handler(event) {\n  var r = event.response;\n"
                "  cf.updateRequestOrigin({ domainName: 'b.example.com' });\n  return r;\n}\n",
                runtime=RUNTIME_20, event="viewer-response", line=4, message="viewer-request"),
        Example("import cf from 'cloudfront';\nfunction handler(event) {\n"
                "  cf.overrideRequestOrigin('alb', {});\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=3, severity=Severity.WARNING, message="not a documented method"),
        Example("import { kvs, getValue } from 'cloudfront';\nfunction handler(event) {\n"
                "  return event.request;\n}\n", runtime=RUNTIME_20, line=1, message="getValue"),
        Example("import cf from 'cloudfront';\nimport { kvs } from 'cloudfront';\nfunction handler(event) {\n"
                "  return event.request;\n}\n", runtime=RUNTIME_20, line=2, message="imported once"),
        Example("import { createRequestOriginGroup } from 'cloudfront';\nfunction handler(event) {\n"
                "  var r = event.response;\n  createRequestOriginGroup({ originIds: [] });\n  return r;\n}\n",
                runtime=RUNTIME_20, event="viewer-response", line=4),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self._imports: list[Any] = []

    def _on_module_runtime(self) -> bool:
        return self.ctx.runtime == _module()["runtime"]

    # -- the import ---------------------------------------------------------------------
    def on_ImportDeclaration(self, node: Any) -> None:
        name = _module()["name"]
        if node.source.value != name:
            return
        earlier = self._imports[0] if self._imports else None
        self._imports.append(node)
        if not self._on_module_runtime():
            self.report(node, f"the {name} module (KeyValueStore, origin helpers) requires {_module()['runtime']}; "
                              f"{self.ctx.runtime} cannot import it",
                        help=f"set the function runtime to {_module()['runtime']}")
            return
        program = node.parent
        if earlier is not None:
            line = self.ctx.span(earlier).line
            self.report(node, f"the {name} module is already imported on line {line}; it must be imported "
                              "once, with one import as the first statement",
                        help=f"merge the imports into one `import cf from '{name}'` on the first line")
        elif any(stmt.type != "ImportDeclaration" for stmt in program.body[:program.body.index(node)]):
            # AWS's token-validation example imports crypto first: only other imports may precede it.
            self.report(node, f"`import … from '{name}'` must be the first statement of the function code "
                              "(only other imports may precede it)",
                        help=f"move `import cf from '{name}'` to the first line (comments may precede it)",
                        fix=self._move_fix(node, program))
        for spec in node.specifiers:
            if spec.type != "ImportSpecifier":
                continue
            imported = spec.imported
            member = imported.name if imported.type == "Identifier" else imported.value
            if member not in _module()["members"]:
                self._undocumented(spec, member)

    def _move_fix(self, node: Any, program: Any) -> Fix:
        text = self.ctx.text
        start, end = whole_lines(text, *node.range)
        statement = text[node.range[0]:node.range[1]]
        first = program.body[0].range[0]
        return Fix("Move the import to the first line",
                   (Edit(first, first, statement + "\n"), Edit(start, end, "")))

    # -- uses of the module ----------------------------------------------------------------
    def on_MemberExpression(self, node: Any) -> None:
        key = member_key(node)
        if not isinstance(key, str) or self.ctx.is_write_target(node):
            return
        if self.ctx.sym(node.object) == ("module", _module()["name"]):
            self._use(node, key, named_import=False)

    def on_Identifier(self, node: Any) -> None:
        ctx = self.ctx
        binding = ctx.lookup(node.name)
        if binding is None or binding.node is node or not ctx.is_reference(node):
            return
        sym = ctx.binding_sym(binding)
        if not sym or len(sym) != 3 or sym[:2] != ("module", _module()["name"]) or not isinstance(sym[2], str):
            return
        # Named imports and destructured members; `var k = cf.kvs` was reported at `cf.kvs` already.
        if binding.kind == "import" or binding.path:
            self._use(node, sym[2], named_import=binding.kind == "import")

    def _use(self, node: Any, member: str, *, named_import: bool) -> None:
        ctx = self.ctx
        parent = getattr(node, "parent", None)
        called = parent is not None and parent.type in ("CallExpression", "NewExpression") and parent.callee is node
        at = parent if called else node
        shown = ctx.text[node.range[0]:node.range[1]] + ("()" if called else "")
        module = _module()
        if not self._on_module_runtime():
            self.report(at, f"`{shown}` uses the {module['name']} module, which requires {module['runtime']}",
                        help=f"set the function runtime to {module['runtime']}")
            return
        event = ctx.event
        if member in module["viewer_request_only"] and event is not None and event not in module["origin_helper_events"]:
            allowed = ", ".join(module["origin_helper_events"])
            self.report(at, f"`{shown}` works in {allowed} functions only; this function runs on {event}",
                        help=f"associate the function with {allowed}, or choose the origin in a Lambda@Edge "
                             "origin-request function")
            return
        if member not in module["members"] and not named_import:
            self._undocumented(at, member)

    def _undocumented(self, node: Any, member: str) -> None:
        module = _module()
        self.report(node, f"`{member}` is not a documented method or property of the {module['name']} module "
                          f"(not in the documented feature list)",
                    severity=Severity.WARNING,
                    help=f"use a documented member: {', '.join(module['members'])}")
