from __future__ import annotations

from typing import Any

from edgelint.lang.js.parse import member_key, property_key
from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, Edit, Fix, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, RUNTIME_10, RUNTIME_20, cff

_URL_20 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html"
_URL_10 = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html"
_URL_FEATURES = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-features.html"
_URL_RESTRICTIONS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html"

_HELP_UNDOCUMENTED = ("use a documented built-in instead (plain objects for Map/Set, string handling for URLs, "
                      "a loop for Array.from), or confirm it with the CloudFront TestFunction API first")
_HELP_RUNTIME_20 = "set the function runtime to cloudfront-js-2.0, which provides it"
_HELP_REMOVED = ("on cloudfront-js-2.0 use Buffer (`Buffer.from(s, encoding)`, `buf.toString(encoding)`), "
                 "or keep the function on cloudfront-js-1.0")
_HELP_ENV = "use CloudFront KeyValueStore (runtime 2.0) instead, or inline the value as a constant"
_HELP_PROCESS = "CloudFront Functions have no `process` object: remove this use"
_HELP_CONSOLE = "use console.log, the only console method CloudFront Functions provide"


def _other_runtimes(runtime: str) -> list[str]:
    return [r for r in cff()["runtimes"]["names"] if r != runtime]


def _documented_globals(runtime: str) -> set[str]:
    g = cff()["globals"]
    return set(g["common"]) | set(g.get(runtime, ()))


def _owned_elsewhere() -> set[str]:
    """Globals that other rules report (network, dynamic code, timers, module shape, callback)."""
    facts = cff()
    return (set(facts["globals"]["owned_elsewhere"]) | set(facts["network"]["globals"])
            | set(facts["dynamic_code"]["globals"]) | set(facts["timers"]["globals"]))


def _static_members(obj: str, runtime: str) -> list[str] | None:
    """The documented static members of built-in `obj` on `runtime`, or None if not tabulated."""
    members = cff()["static_methods"].get(obj)
    if not isinstance(members, list):
        return None
    if runtime != RUNTIME_20:
        only_20 = cff()["static_methods_only_20"].get(obj)
        if isinstance(only_20, list):
            members = [m for m in members if m not in only_20]
    return members


def _is_callee(node: Any) -> bool:
    parent = getattr(node, "parent", None)
    return parent is not None and parent.type in ("CallExpression", "NewExpression") and parent.callee is node


class UnavailableGlobal(Rule):
    """
    ## What it does
    Flags globals and built-in methods a CloudFront Functions runtime does not provide. Errors:
    `process` (and `process.env`), `console` methods other than `log`, the 2.0-only globals
    (`Buffer`, `atob`, `btoa`, `TextEncoder`, `TextDecoder`, `DataView`) on `cloudfront-js-1.0`,
    and the 1.0-only string methods (`bytesFrom`, `fromBytes`, `fromUTF8`, `toBytes`, `toUTF8`) on
    `cloudfront-js-2.0`. Warnings: any other global missing from the runtime's documented list
    (`Map`, `Set`, `Proxy`, `Reflect`, `Intl`, `URL`, `URLSearchParams`, `structuredClone`, …),
    static members missing from the documented lists (`Array.from`, `Object.fromEntries`,
    `Promise.all` on 1.0) and undocumented methods such as `matchAll`, `flat` or `at`.

    Names declared in the file (a local `process`, `Map` or `Buffer`) are never flagged, nor is
    code behind a `typeof X` feature test (`if (typeof X …)`, `typeof X … ? X… : …`,
    `typeof X … && X…`, or an earlier `if (typeof X …) return …;` in the same block, as Babel, SWC
    and tsc helpers write it). Network globals, `eval`/`Function`, timers, `require`,
    `module`/`exports` and `callback` are left to their own rules.

    ## Why is this bad?
    CloudFront Functions run on a purpose-built JavaScript engine, not Node.js: the runtime pages
    list all the built-in objects it provides. There is no `process` and there are no
    environment variables; `console` has only `log`. A missing global throws a `ReferenceError`
    (or a `TypeError` for a missing method) when the function runs, and the viewer gets an error.

    ## Example
    ```js
    function handler(event) {
        if (process.env.STAGE === 'dev') {
            console.warn('dev request');
        }
        return event.request;
    }
    ```

    Use instead: a constant or a KeyValueStore lookup (cloudfront-js-2.0), and `console.log`.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-features.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html
    """

    code = "CF010"
    name = "unavailable-global"
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)  # the same runtime
    severity = Severity.ERROR
    summary = "A global or built-in method the CloudFront Functions runtime does not provide"
    help = _HELP_UNDOCUMENTED
    references = (_URL_20, _URL_10, _URL_FEATURES, _URL_RESTRICTIONS)
    fixable = True
    example_runtimes = BOTH_RUNTIMES
    valid = (
        Example("function handler(event) {\n  if (typeof process !== 'undefined' && process.env) { event.request.uri = '/'; }\n"
                "  var s = typeof Buffer !== 'undefined' ? Buffer.from('aGk=', 'base64').toString() : 'hi';\n"
                "  return event.request;\n}\n", runtime=RUNTIME_10),
        Example("var Map = function () { this.items = {}; };\nfunction process(u) { return u; }\n"
                "function handler(event) {\n  var m = new Map();\n  event.request.uri = process(event.request.uri);\n"
                "  console.log('uri ' + event.request.uri);\n  return event.request;\n}\n"),
        Example("function handler(event) {\n  var keys = Object.keys(event.request.headers);\n"
                "  var ok = Array.isArray(keys) && typeof Buffer === 'undefined' && !isNaN(parseInt('7', 10));\n"
                "  var e = JSON.stringify(Object.entries({ a: 1 })) + encodeURIComponent('x') + Math.max(1, 2);\n"
                "  return event.request;\n}\n"),
        Example("function handler(event) {\n  var b = String.bytesFrom('aGk=', 'base64');\n"
                "  var u = b.toUTF8();\n  return Promise.resolve(event.request);\n}\n", runtime=RUNTIME_10),
        Example("function handler(event) {\n  const s = btoa('a:b') + atob('YQ==');\n"
                "  const b = Buffer.from(s, 'base64url').toString('hex');\n  const t = new TextEncoder().encode(s);\n"
                "  return Promise.all([event.request]).then(function (r) { return r[0]; });\n}\n",
                runtime=RUNTIME_20),
        Example("var utils = { normalize: function (u) { return u.toLowerCase(); } };\n"
                "function handler(event) {\n  event.request.uri = utils.normalize(event.request.uri);\n"
                "  return event.request;\n}\n"),
        # Compiled helpers (Babel's _typeof, SWC/Babel's _isNativeReflectConstruct) test first.
        Example("function _typeof(o) { return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof "
                "Symbol.iterator ? function (o) { return typeof o; } : function (o) { return o && \"function\" == "
                "typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype ? \"symbol\" : typeof o; }, "
                "_typeof(o); }\nfunction handler(event) {\n  _typeof(event);\n  return event.request;\n}\n",
                runtime=RUNTIME_20),
        Example("function _isNativeReflectConstruct() {\n"
                "  if (typeof Reflect === \"undefined\" || !Reflect.construct) return false;\n"
                "  if (Reflect.construct.sham) return false;\n"
                "  try { Boolean.prototype.valueOf.call(Reflect.construct(Boolean, [], function () {})); return true; }\n"
                "  catch (e) { return false; }\n}\n"
                "function handler(event) {\n  _isNativeReflectConstruct();\n  return event.request;\n}\n",
                runtime=RUNTIME_20),
    )
    invalid = (
        # A guard on another name, or one that does not leave the function, protects nothing.
        Example("function handler(event) {\n  if (typeof Map === 'undefined') { console.log('no map'); }\n"
                "  var seen = new Map();\n  return event.request;\n}\n",
                line=3, severity=Severity.WARNING, message="`Map`"),
        Example("function handler(event) {\n  if (typeof Symbol !== 'function') return event.request;\n"
                "  var p = Reflect.ownKeys(event.request.headers);\n  return event.request;\n}\n",
                line=3, severity=Severity.WARNING, message="`Reflect`"),
        Example("function handler(event) {\n  var key = process.env.API_KEY;\n  return event.request;\n}\n",
                line=2, severity=Severity.ERROR, message="no environment variables"),
        Example("function handler(event) {\n  console.error('bad');\n  return event.request;\n}\n",
                line=2, severity=Severity.ERROR, message="`console.error`"),
        Example("function handler(event) {\n  var s = btoa('a:b');\n  return event.request;\n}\n",
                runtime=RUNTIME_10, line=2, severity=Severity.ERROR, message="cloudfront-js-2.0 provides it"),
        Example("function handler(event) {\n  var b = Buffer.from('x', 'utf8');\n  return event.request;\n}\n",
                runtime=RUNTIME_10, line=2, severity=Severity.ERROR, message="`Buffer`"),
        Example("function handler(event) {\n  const b = event.request.uri.toUTF8();\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=2, severity=Severity.ERROR, message="removed in cloudfront-js-2.0"),
        Example("function handler(event) {\n  const b = String.bytesFrom('aGk=', 'base64');\n  return event.request;\n}\n",
                runtime=RUNTIME_20, line=2, severity=Severity.ERROR, message="removed in cloudfront-js-2.0"),
        Example("function handler(event) {\n  var seen = new Map();\n  return event.request;\n}\n",
                line=2, severity=Severity.WARNING, message="`Map` is not in the documented globals"),
        Example("function handler(event) {\n  var names = Array.from(Object.keys(event.request.headers));\n"
                "  return event.request;\n}\n", line=2, severity=Severity.WARNING, message="`Array.from`"),
        Example("function handler(event) {\n  var all = Promise.all([1]);\n  return event.request;\n}\n",
                runtime=RUNTIME_10, line=2, severity=Severity.WARNING, message="cloudfront-js-2.0 documents it"),
        Example("function handler(event) {\n  var parts = event.request.uri.split('/');\n"
                "  var last = parts.at(-1);\n  return event.request;\n}\n",
                line=3, severity=Severity.WARNING, message="`at()`"),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.owned_elsewhere = _owned_elsewhere()
        self.documented = _documented_globals(ctx.runtime)
        self.defined_members: set[str] = set()
        # (member node, method name, kind) for method calls on values of unknown type, kind being
        # "removed", "only_20" or "undocumented": reported at the end of the file, unless the file
        # defines a property of that name itself (`var utils = {normalize: ...}`).
        self.method_calls: list[tuple[Any, str, str]] = []

    # -- globals ---------------------------------------------------------------------------
    def on_Identifier(self, node: Any) -> None:
        ctx = self.ctx
        if not ctx.is_reference(node) or ctx.lookup(node.name) is not None:
            return
        if ctx.in_typeof(node) or ctx.typeof_guarded(node, (node.name,)):
            return  # a feature test, or code that runs only when the feature exists, never throws
        self._global(node, node.name, env=self._is_env(node), write=ctx.is_write_target(node))

    @staticmethod
    def _is_env(node: Any) -> bool:
        parent = getattr(node, "parent", None)
        return (parent is not None and parent.type == "MemberExpression" and parent.object is node
                and member_key(parent) == "env")

    def _global(self, node: Any, name: str, *, env: bool = False, write: bool = False,
                known_only: bool = False) -> None:
        runtime = self.ctx.runtime
        g = cff()["globals"]
        if name in g["absent"]:
            if env:
                self.report(node, f"`{name}.env` is not available: CloudFront Functions have no `{name}` "
                                  "global and no environment variables", help=_HELP_ENV)
            else:
                self.report(node, f"`{name}` is not available in CloudFront Functions", help=_HELP_PROCESS)
            return
        if name in self.owned_elsewhere or name in self.documented:
            return
        if runtime != RUNTIME_20 and name in g["only_20"]:
            self.report(node, f"`{name}` is not available on {runtime}; {RUNTIME_20} provides it",
                        help=_HELP_RUNTIME_20)
            return
        if known_only:
            return
        if write:
            self.report(node, f"`{name}` is assigned but never declared: CloudFront Functions always run in "
                              "strict mode, where this throws a ReferenceError",
                        severity=Severity.WARNING, help="declare it with `var` at the top level")
            return
        message = f"`{name}` is not in the documented globals of {runtime}"
        others = [r for r in _other_runtimes(runtime) if name in _documented_globals(r)]
        if others:
            message += f"; {' and '.join(others)} {'documents' if len(others) == 1 else 'document'} it"
        self.report(node, message, severity=Severity.WARNING, help=_HELP_UNDOCUMENTED)

    # -- members ---------------------------------------------------------------------------
    def on_MemberExpression(self, node: Any) -> None:
        key = member_key(node)
        if not isinstance(key, str):
            return
        ctx = self.ctx
        sym = ctx.sym(node.object)
        if sym == ("global", "globalThis"):  # globalThis.X: only the names that are certain errors
            if not ctx.is_write_target(node):
                self._global(node, key, env=self._is_env(node), known_only=True)
            return
        if sym == ("global", "console"):
            self._console(node, key)
            return
        called = _is_callee(node)
        removed = key in cff()["string_methods"]["removed_in_20"] and ctx.runtime == RUNTIME_20
        if sym is not None and len(sym) == 2 and sym[0] == "global":
            # A static member of a global object (`String.bytesFrom`, `Array.from`).
            if removed and called:
                self._removed(node, f"{sym[1]}.{key}")
                return
            self._static(node, sym[1], key)
            return
        if not called or (sym is not None and sym[0] == "module"):
            return
        methods = cff()["string_methods"]
        if removed:
            self.method_calls.append((node, key, "removed"))
        elif key in methods["undocumented_methods"]:
            self.method_calls.append((node, key, "undocumented"))
        elif key in methods["only_20_methods"] and ctx.runtime != RUNTIME_20:
            self.method_calls.append((node, key, "only_20"))

    def _console(self, node: Any, key: str) -> None:
        console = cff()["console"]
        if key in console["methods"] or self.ctx.is_write_target(node):
            return
        fix = None
        prop = node.property
        if _is_callee(node) and key in console["log_like"] and not node.computed and prop.type == "Identifier":
            fix = Fix(f"Replace `console.{key}` with `console.log`",
                      (Edit(prop.range[0], prop.range[1], console["methods"][0]),))
        self.report(node, f"`console.{key}` is not available: CloudFront Functions provide only "
                          f"{', '.join('console.' + m for m in console['methods'])}",
                    help=_HELP_CONSOLE, fix=fix)

    def _static(self, node: Any, obj: str, key: str) -> None:
        runtime = self.ctx.runtime
        if obj not in self.documented:
            return  # the global itself is reported (or is declared elsewhere)
        members = _static_members(obj, runtime)
        if members is None or key in members:
            return
        ctx = self.ctx
        if ctx.in_typeof(node) or ctx.typeof_guarded(node, (obj,)):
            return  # `typeof Symbol === "function" && … Symbol.iterator`: compiled helpers test first
        kind = "methods" if _is_callee(node) else "members"
        message = f"`{obj}.{key}` is not in the documented {kind} of `{obj}` in {runtime}"
        others = [r for r in _other_runtimes(runtime) if key in (_static_members(obj, r) or ())]
        if others:
            message += f"; {' and '.join(others)} {'documents' if len(others) == 1 else 'document'} it"
        self.report(node, message, severity=Severity.WARNING,
                    help=_HELP_RUNTIME_20 if RUNTIME_20 in others else _HELP_UNDOCUMENTED)

    def _removed(self, node: Any, what: str) -> None:
        self.report(node, f"`{what}()` was removed in {RUNTIME_20}: it is a non-standard "
                          f"{RUNTIME_10} string method", help=_HELP_REMOVED)

    # -- names the file defines itself ---------------------------------------------------------
    def _define(self, key: Any) -> None:
        if isinstance(key, str):
            self.defined_members.add(key)

    def on_Property(self, node: Any) -> None:
        self._define(property_key(node))

    def on_MethodDefinition(self, node: Any) -> None:
        if not node.computed and node.key.type == "Identifier":
            self._define(node.key.name)

    on_PropertyDefinition = on_MethodDefinition
    on_FieldDefinition = on_MethodDefinition

    def on_AssignmentExpression(self, node: Any) -> None:
        if node.left.type == "MemberExpression":
            self._define(member_key(node.left))

    def on_Program_exit(self, node: Any) -> None:
        runtime = self.ctx.runtime
        for member, key, kind in self.method_calls:
            if key in self.defined_members:
                continue
            at = member.property  # the method name: the receiver may start lines earlier
            if kind == "removed":
                self._removed(at, f".{key}")
            elif kind == "only_20":
                self.report(at, f"`{key}()` is not in the documented String and Array methods of {runtime}; "
                                f"{RUNTIME_20} documents it", severity=Severity.WARNING, help=_HELP_RUNTIME_20)
            else:
                self.report(at, f"`{key}()` is not in the documented String and Array methods of {runtime}",
                            severity=Severity.WARNING, help=_HELP_UNDOCUMENTED)
