"""The per-file analysis context JS rules see, and the single walk that drives them.

Besides scopes, the context tracks a symbolic value ("sym") for expressions: a tuple path from a
known root, so rules can recognise `event.request.body` through aliases such as
`const req = event.request; req.body` or `const {request} = event`. Roots:

    ("event",)             the handler's event parameter
    ("context",), ("callback",)   the handler's 2nd and 3rd parameters
    ("module", name, ...)  a `require('name')` or `import ... from 'name'` binding
    ("global", name, ...)  a name no declaration in the file binds (`globalThis.name` too)
"""

from __future__ import annotations

import math
from edgelint.records import replace
from typing import Any, Callable, Iterable, Iterator

from edgelint.edge.paths import event_path
from edgelint.lang.js.parse import Binding, ParsedJs, Scope, member_key, property_key
from edgelint.model import CONNECTION_FUNCTION, EVENTS, LAMBDA_EDGE, Finding, Fix, Severity, Span, Target
from edgelint.targets import CONNECTION_HANDLER
from edgelint.text import LineIndex

Node = Any

_FUNCTIONS = frozenset({"FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"})


# How far up a `typeof` guard is looked for, and how deep inside the guard's test.
_GUARD_DEPTH = 12
_TEST_DEPTH = 6


def _mentions_typeof(test: Node, names: set[str], depth: int = 0) -> bool:
    """`typeof NAME` somewhere in a condition (looked at shallowly)."""
    if test is None or depth > _TEST_DEPTH:
        return False
    t = test.type
    if t == "UnaryExpression":
        arg = test.argument
        if test.operator == "typeof":
            root = arg
            while root.type == "MemberExpression":  # `typeof Reflect.construct` tests Reflect too
                root = root.object
            if root.type == "Identifier" and root.name in names:
                return True
        return _mentions_typeof(arg, names, depth + 1)
    if t in ("BinaryExpression", "LogicalExpression"):
        return _mentions_typeof(test.left, names, depth + 1) or _mentions_typeof(test.right, names, depth + 1)
    return False


def for_connection_function(rule: Any, message: str, help: str) -> tuple[str, str]:
    """A CloudFront Functions rule's finding on a Connection Function (same runtime): named for
    the kind, and without advice to move the code to Lambda@Edge, which has no connection event."""
    message = message.replace("CloudFront Functions", "Connection Functions")
    if "Lambda@Edge" in help:
        help = getattr(rule, "connection_help", "") or (
            "Connection Functions run on the CloudFront Functions runtime during the TLS handshake: "
            "keep to what it provides, and do other work in a viewer function or at the origin")
    return message, help.replace("CloudFront Functions", "Connection Functions")


def _exits(statement: Node) -> bool:
    """A statement that always leaves the function: `return …`, `throw …`, or a block ending so."""
    if statement.type == "BlockStatement":
        return bool(statement.body) and _exits(statement.body[-1])
    return statement.type in ("ReturnStatement", "ThrowStatement")


def _guarded_by_early_exit(block: Node, child: Node, names: set[str]) -> bool:
    """`if (typeof Reflect === "undefined") return false;` earlier in the same block: the code after
    it runs only when the feature exists (compiled helpers from Babel, SWC and tsc do this)."""
    for statement in block.body:
        if statement is child:
            return False
        if (statement.type == "IfStatement" and statement.alternate is None and _exits(statement.consequent)
                and _mentions_typeof(statement.test, names)):
            return True
    return False


def pattern_props(pattern: Node, base: tuple | None) -> Iterator[tuple[Node, tuple]]:
    """(node, sym) for every property/element of a destructuring pattern whose path is static.

    A bounded look at one pattern (not the tree): `{request: {body}}` with base ("event",) gives
    (the `request` property, ("event","request")) and (the `body` property, ("event","request","body")).
    """
    if base is None or pattern is None:
        return
    t = pattern.type
    if t == "AssignmentPattern":
        yield from pattern_props(pattern.left, base)
    elif t == "ObjectPattern":
        for prop in pattern.properties:
            if prop.type != "Property":
                continue
            key = property_key(prop)
            if key is None:
                continue
            sym = base + (key,)
            yield prop, sym
            yield from pattern_props(prop.value, sym)
    elif t == "ArrayPattern":
        for index, element in enumerate(pattern.elements):
            if element is None or element.type == "RestElement":
                continue
            sym = base + (index,)
            yield element, sym
            yield from pattern_props(element, sym)


_DESTRUCTURING = ("ObjectPattern", "ArrayPattern")


_GUARDS = frozenset({"IfStatement", "ConditionalExpression", "LogicalExpression", "SwitchCase"})


def _is_nothing(node: Node) -> bool:
    return (node.type == "Literal" and node.value is None and node.raw == "null") or (
        node.type == "Identifier" and node.name == "undefined")


class _Exit:
    __slots__ = ("node", "scoped", "restore")

    def __init__(self, node: Node, scoped: bool, restore: Target | None = None) -> None:
        self.node = node
        self.scoped = scoped
        self.restore = restore  # the target to put back after a branch guarded by the event type


def find_handler(program: Node, name: str = "handler") -> Node | None:
    """The top-level function named `handler`: a declaration or `var handler = function/arrow`."""
    for stmt in program.body:
        if stmt.type == "FunctionDeclaration" and stmt.id is not None and stmt.id.name == name:
            return stmt
        if stmt.type == "VariableDeclaration":
            for decl in stmt.declarations:
                if (decl.id.type == "Identifier" and decl.id.name == name and decl.init is not None
                        and decl.init.type in ("FunctionExpression", "ArrowFunctionExpression")):
                    return decl.init
    return None


def _top_level_functions(program: Node) -> dict[str, Node]:
    functions: dict[str, Node] = {}
    for stmt in program.body:
        decl = stmt.declaration if stmt.type == "ExportNamedDeclaration" and stmt.declaration else stmt
        if decl.type == "FunctionDeclaration" and decl.id is not None:
            functions[decl.id.name] = decl
        elif decl.type == "VariableDeclaration":
            for d in decl.declarations:
                if (d.id.type == "Identifier" and d.init is not None
                        and d.init.type in ("FunctionExpression", "ArrowFunctionExpression")):
                    functions[d.id.name] = d.init
    return functions


def _is_exports(node: Node) -> bool:
    """`exports` or `module.exports` (as written; the caller checks they are the globals)."""
    if node.type == "Identifier":
        return node.name == "exports"
    return (node.type == "MemberExpression" and node.object.type == "Identifier"
            and node.object.name == "module" and member_key(node) == "exports")


def find_exported_handler(program: Node, names: Iterable[str] = ("handler",)) -> tuple[Node | None, Node | None]:
    """A Lambda handler exported as one of `names`: (the function, the exporting node).

    CommonJS: `exports.handler = fn`, `module.exports.handler = fn`, `module.exports = {handler}`;
    ESM: `export const handler = fn`, `export async function handler`, `export { handler }`.
    The function may be written inline or be a top-level function the export names.
    """
    wanted = set(names)
    functions = _top_level_functions(program)
    # Compiled TypeScript declares `exports.handler = void 0;` before the real export: keep the
    # first export that names a function, else the first export at all.
    first_export: Node | None = None

    def resolve(value: Node) -> Node | None:
        if value is None:
            return None
        if value.type in _FUNCTIONS:
            return value
        if value.type == "Identifier":
            return functions.get(value.name)
        if value.type == "AssignmentExpression":  # module.exports.handler = exports.handler = fn
            return resolve(value.right)
        return None

    for stmt in program.body:
        if stmt.type == "ExpressionStatement" and stmt.expression.type == "AssignmentExpression":
            assign = stmt.expression
            left = assign.left
            if left.type == "MemberExpression" and _is_exports(left.object) and member_key(left) in wanted:
                function = resolve(assign.right)
                if function is not None:
                    return function, stmt
                first_export = first_export or stmt
            if _is_exports(left) and assign.right.type == "ObjectExpression":
                for prop in assign.right.properties:
                    if prop.type == "Property" and property_key(prop) in wanted:
                        function = resolve(prop.value)
                        if function is not None:
                            return function, stmt
                        first_export = first_export or stmt
        elif stmt.type == "ExportNamedDeclaration":
            decl = stmt.declaration
            if decl is not None and decl.type == "FunctionDeclaration" and decl.id and decl.id.name in wanted:
                return decl, stmt
            if decl is not None and decl.type == "VariableDeclaration":
                for d in decl.declarations:
                    if d.id.type == "Identifier" and d.id.name in wanted:
                        return resolve(d.init), stmt
            for spec in stmt.specifiers or ():
                exported = spec.exported
                name = exported.name if exported.type == "Identifier" else exported.value
                if name in wanted and stmt.source is None:
                    return functions.get(spec.local.name), stmt
    return None, first_export


class JsContext:
    def __init__(self, path: str, text: str, parsed: ParsedJs, target: Target,
                 lines: LineIndex | None = None, byte_size: int | None = None,
                 handler_names: Iterable[str] = ("handler",)) -> None:
        self.path = path
        self.text = text
        self.parsed = parsed
        self.program = parsed.program
        self.target = target
        self.lines = lines or LineIndex(text)
        self.findings: list[Finding] = []
        self.scope_stack: list[Scope] = []
        self._sym_cache: dict[tuple[int, int], tuple | None] = {}
        if target.kind == LAMBDA_EDGE:
            self.handler, self.handler_export = find_exported_handler(self.program, handler_names)
        elif target.kind == CONNECTION_FUNCTION:
            self.handler, self.handler_export = find_handler(self.program, CONNECTION_HANDLER), None
        else:
            self.handler, self.handler_export = find_handler(self.program), None
        # Size as uploaded: UTF-8 bytes of the file, comments included.
        self.byte_size = byte_size if byte_size is not None else len(text.encode("utf-8", "surrogatepass"))

    # -- target ------------------------------------------------------------------
    @property
    def runtime(self) -> str:
        return self.target.runtime

    @property
    def event(self) -> str | None:
        return self.target.event

    # -- reporting ---------------------------------------------------------------
    def span(self, node: Node) -> Span:
        start, end = node.range
        return self.lines.span(start, end)

    def report(self, rule: Any, node: Node | Span | None, message: str, *,
               severity: Severity | None = None, help: str | None = None,
               fix: Fix | None = None) -> None:
        if node is None:
            span = Span(1, 1, 1, 1, 0, 0)
        elif isinstance(node, Span):
            span = node
        else:
            span = self.span(node)
        help = help or rule.help
        if self.target.kind == CONNECTION_FUNCTION:
            message, help = for_connection_function(rule, message, help)
        self.findings.append(Finding(
            code=rule.code, name=rule.name, severity=severity or rule.severity,
            message=message, help=help, path=self.path, span=span,
            target=self.target, fix=fix))

    # -- scopes ------------------------------------------------------------------
    def lookup(self, name: str) -> Binding | None:
        """The binding `name` refers to at the walk's current position (None: a global)."""
        return self.scope_stack[-1].resolve(name) if self.scope_stack else None

    def is_global(self, node: Node, names: Iterable[str] | None = None) -> bool:
        """True if `node` is an identifier that no declaration in the file binds."""
        if node is None or node.type != "Identifier":
            return False
        if names is not None and node.name not in names:
            return False
        return self.lookup(node.name) is None

    def global_name(self, node: Node) -> str | None:
        """The global a callee names: `fetch`, `globalThis.fetch`, `globalThis['eval']`."""
        if node is None:
            return None
        if node.type == "Identifier":
            return node.name if self.lookup(node.name) is None else None
        if node.type == "MemberExpression" and self.is_global(node.object, ("globalThis",)):
            key = member_key(node)
            return key if isinstance(key, str) else None
        if node.type == "SequenceExpression" and node.expressions:  # (0, eval)(...)
            return self.global_name(node.expressions[-1])
        return None

    @staticmethod
    def is_reference(node: Node) -> bool:
        """True if an Identifier is read or written as a variable (not a key or a declaration)."""
        parent = getattr(node, "parent", None)
        if parent is None:
            return True
        t = parent.type
        if t == "MemberExpression":
            return parent.object is node or parent.computed
        if t in ("Property", "MethodDefinition", "PropertyDefinition"):
            if parent.key is node and not parent.computed:
                return t == "Property" and parent.shorthand and parent.value is node
            return parent.value is node
        if t in _FUNCTIONS:
            return False  # the function's name or a parameter
        if t == "VariableDeclarator":
            return parent.init is node
        if t in ("ClassDeclaration", "ClassExpression"):
            return parent.superClass is node
        if t in ("LabeledStatement", "BreakStatement", "ContinueStatement"):
            return False
        if t in ("ImportSpecifier", "ImportDefaultSpecifier", "ImportNamespaceSpecifier",
                 "ExportSpecifier", "CatchClause", "RestElement", "ArrayPattern", "ObjectPattern"):
            return t == "ExportSpecifier" and parent.local is node
        if t == "AssignmentPattern":
            return parent.right is node
        if t == "MetaProperty":
            return False
        return True

    @staticmethod
    def is_write_target(node: Node) -> bool:
        parent = getattr(node, "parent", None)
        if parent is None:
            return False
        if parent.type == "AssignmentExpression":
            return parent.left is node
        if parent.type == "UpdateExpression":
            return True
        if parent.type == "UnaryExpression" and parent.operator == "delete":
            return True
        return False

    @staticmethod
    def in_typeof(node: Node) -> bool:
        """`typeof X` only tests whether X exists: it never throws."""
        parent = getattr(node, "parent", None)
        return parent is not None and parent.type == "UnaryExpression" and parent.operator == "typeof"

    def typeof_guarded(self, node: Node, names: Iterable[str]) -> bool:
        """True inside code that runs only when a `typeof NAME` test passes, or inside a `try`:
        `if (typeof process !== 'undefined') …`, `typeof Buffer !== 'undefined' ? Buffer… : …`,
        `typeof module === 'object' && module.exports = …`. Such code never throws on a runtime
        that lacks NAME."""
        wanted = set(names)
        child, parent = node, getattr(node, "parent", None)
        for _ in range(_GUARD_DEPTH):
            if parent is None:
                return False
            t = parent.type
            if t in ("Program", "BlockStatement") and _guarded_by_early_exit(parent, child, wanted):
                return True
            if t == "Program":
                return False
            if t in ("IfStatement", "ConditionalExpression") and parent.test is not child:
                if _mentions_typeof(parent.test, wanted):
                    return True
            elif t == "LogicalExpression" and parent.right is child:
                if _mentions_typeof(parent.left, wanted):
                    return True
            elif t == "TryStatement" and parent.block is child:
                return True
            child, parent = parent, getattr(parent, "parent", None)
        return False

    @staticmethod
    def enclosing_function(node: Node) -> Node | None:
        parent = getattr(node, "parent", None)
        while parent is not None:
            if parent.type in _FUNCTIONS:
                return parent
            parent = getattr(parent, "parent", None)
        return None

    # -- symbolic values ---------------------------------------------------------
    def require_source(self, node: Node) -> str | None:
        """`require('x')` with the global `require` → 'x'."""
        if node is None or node.type != "CallExpression":
            return None
        return self._require_in(node, self.scope_stack[-1] if self.scope_stack else None)

    def sym(self, node: Node) -> tuple | None:
        """The symbolic path of an expression at the walk's current position.

        Memoised per (node, scope): several rules ask for the same expression, and what a name
        aliases never changes during the walk (aliases are resolved flow-insensitively)."""
        scope = self.scope_stack[-1] if self.scope_stack else None
        key = (id(node), id(scope))
        cache = self._sym_cache
        if key in cache:
            return cache[key]
        result = cache[key] = self.sym_in(node, scope)
        return result

    def sym_in(self, node: Node, scope: Scope | None) -> tuple | None:
        steps: list = []
        while node is not None:
            t = node.type
            if t == "MemberExpression":
                key = self._member_key_in(node, scope)
                if key is None:
                    return None
                steps.append(key)
                node = node.object
            elif t == "ChainExpression":
                node = node.expression
            elif t == "Identifier":
                binding = scope.resolve(node.name) if scope is not None else None
                if binding is None:
                    if node.name == "globalThis" and steps:  # globalThis.X is the global X
                        return ("global",) + tuple(reversed(steps))
                    base: tuple | None = ("global", node.name)
                else:
                    base = self.binding_sym(binding)
                if base is None:
                    return None
                return base + tuple(reversed(steps))
            elif t == "CallExpression":
                source = self._require_in(node, scope)
                if source is not None:
                    return ("module", source) + tuple(reversed(steps))
                steps.append("()")
                node = node.callee
            elif t == "AwaitExpression":
                node = node.argument
            elif t == "LogicalExpression" and node.operator in ("||", "??"):
                node = node.left
            elif t == "ConditionalExpression":
                # `event.request ? event.request : null` aliases event.request.
                a, b = (self.sym_in(x, scope) for x in (node.consequent, node.alternate))
                if a is None and _is_nothing(node.alternate):
                    a, b = b, a
                base = a if (a == b or _is_nothing(node.alternate) or _is_nothing(node.consequent)) else None
                if base is None and a is not None and b is not None:
                    base = self._shape_alias({a, b})  # `event.Records ? event.Records[0].cf.request : event.request`
                if base is None:
                    return None
                return base + tuple(reversed(steps))
            else:
                return None
        return None

    @staticmethod
    def binding_values(binding: Binding) -> list[tuple[Node, Scope | None, tuple]]:
        """Every value the file gives a name: (expression or None, scope, destructuring path)."""
        values = list(binding.values)
        if binding.kind in ("var", "let", "const") and binding.init is not None:
            values.append((binding.init, binding.scope, binding.path))
        return values

    def binding_sym(self, binding: Binding) -> tuple | None:
        """What a name aliases: the common sym of every value the file gives it, else None."""
        if binding.state == 2:
            return binding.sym
        if binding.state == 1:  # a cycle: `var a = a.b`
            return None
        binding.state = 1
        candidates = self.binding_values(binding)
        result: tuple | None = None
        if candidates and binding.kind in ("var", "let", "const", "param"):
            found: set[tuple | None] = set()
            for value, scope, path in candidates:
                # `const [request, response] = [cf.request, cf.response]`: pick the element.
                while path and isinstance(path[0], int) and value is not None and value.type == "ArrayExpression":
                    elements = value.elements
                    value = elements[path[0]] if path[0] < len(elements) else None
                    if value is not None and value.type == "SpreadElement":
                        value = None
                    path = path[1:]
                if value is None or None in path:
                    found.add(None)
                    break
                base = self.sym_in(value, scope)
                found.add(base + path if base is not None else None)
                if None in found:
                    break
            if len(found) == 1:
                result = found.pop()
            elif None not in found:
                result = self._shape_alias(found)
        binding.sym = result
        binding.state = 2
        return result

    def _shape_alias(self, syms: set) -> tuple | None:
        """Code written for both event shapes gives one name a value per shape: `let request =
        event; if (event.Records) request = event.Records[0].cf.request;`. When every value comes
        from the event and exactly one is in the shape of the function's kind, the name aliases
        that one (it is the value the name has when this code runs as that kind)."""
        if not all(sym[0] == "event" for sym in syms):
            return None
        kind = self.target.kind
        fitting = {sym for sym in syms if (p := event_path(sym, kind)) is not None
                   and (kind == LAMBDA_EDGE or not p or p[0] != "Records")}
        return fitting.pop() if len(fitting) == 1 else None

    def static_value(self, node: Node, scope: Scope | None = None) -> str | int | None:
        """A string or number the expression always has: literals, `'x-' + 'cache'`, and names
        only ever given one such value (`var HOST = 'host'`)."""
        if scope is None and self.scope_stack:
            scope = self.scope_stack[-1]
        return self._static(node, scope, 0)

    def _static(self, node: Node, scope: Scope | None, depth: int) -> str | int | None:
        if node is None or depth > 8:
            return None
        t = node.type
        if t == "Literal":
            value = node.value
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                return None
            if isinstance(value, str):
                return value
            return int(value) if math.isfinite(value) and value == int(value) else None
        if t == "TemplateLiteral" and not node.expressions:
            return node.quasis[0].value.cooked
        if t == "BinaryExpression" and node.operator == "+":
            left, right = self._static(node.left, scope, depth + 1), self._static(node.right, scope, depth + 1)
            if isinstance(left, str) and isinstance(right, (str, int)) or isinstance(right, str) and isinstance(left, int):
                return f"{left}{right}"
            return None
        if t == "Identifier" and scope is not None:
            binding = scope.resolve(node.name)
            if binding is None or binding.kind not in ("var", "let", "const"):
                return None
            values = self.binding_values(binding)
            found = {self._static(v, s, depth + 1) if v is not None and not p else None for v, s, p in values}
            return found.pop() if len(found) == 1 else None
        return None

    def member_key(self, node: Node) -> str | int | None:
        """A member's property name, also when computed from a constant (`headers[HOST]`)."""
        return self._member_key_in(node, self.scope_stack[-1] if self.scope_stack else None)

    def _member_key_in(self, node: Node, scope: Scope | None) -> str | int | None:
        key = member_key(node)
        if key is None and node.computed:
            key = self._static(node.property, scope, 0)
        return key

    def _require_in(self, node: Node, scope: Scope | None) -> str | None:
        if len(node.arguments) != 1 or node.callee.type != "Identifier" or node.callee.name != "require":
            return None
        if scope is not None and scope.resolve("require") is not None:
            return None
        arg = node.arguments[0]
        if arg.type == "Literal" and isinstance(arg.value, str):
            return arg.value
        if arg.type == "TemplateLiteral" and not arg.expressions:
            return arg.quasis[0].value.cooked
        return None

    # -- the walk ------------------------------------------------------------------
    def _seed_handler(self) -> None:
        handler = self.handler
        if handler is None:
            return
        scope = self.parsed.scopes.get(id(handler))
        if scope is None:
            return
        roots = (("event",), ("context",), ("callback",))
        for index, param in enumerate(handler.params[:3]):
            if param.type == "Identifier":
                binding = scope.bindings.get(param.name)
                if binding is not None:
                    binding.sym = roots[index]
                    binding.state = 2

    def walk(self, enter: dict[str, list[Callable[[Node], None]]],
             exit: dict[str, list[Callable[[Node], None]]]) -> None:
        """One pre-order walk over the whole tree, with `:exit` handlers and parent links."""
        self._seed_handler()
        scopes = self.parsed.scopes
        scope_stack = self.scope_stack
        program = self.program
        program.parent = None
        stack: list[Any] = [program]
        pop, push, extend = stack.pop, stack.append, stack.extend
        while stack:
            item = pop()
            if type(item) is _Exit:
                if item.restore is not None:
                    self.target = item.restore
                    continue
                node = item.node
                for handler in exit.get(node.type, ()):
                    handler(node)
                if item.scoped:
                    scope_stack.pop()
                continue
            node = item
            t = node.type
            parent = node.parent
            if parent is not None and parent.type in _GUARDS:
                event = self._branch_event(node, parent)
                if event is not None and event != self.target.event:
                    # `if (cf.config.eventType === 'origin-request') { … }` runs only on that event.
                    push(_Exit(node, False, self.target))
                    self.target = replace(self.target, event=event)
            scope = scopes.get(id(node))
            if scope is not None:
                scope_stack.append(scope)
            for handler in enter.get(t, ()):
                handler(node)
            if scope is not None or t in exit:
                push(_Exit(node, scope is not None))
            extend(node.linked_children_reversed())

    def _branch_event(self, node: Node, parent: Node) -> str | None:
        """The event a branch runs on when its condition tests the event type, else None."""
        t = parent.type
        if t in ("IfStatement", "ConditionalExpression"):
            if node is parent.consequent:
                return self._event_test(parent.test, True)
            if node is parent.alternate:
                return self._event_test(parent.test, False)
        elif t == "LogicalExpression" and parent.operator == "&&" and node is parent.right:
            return self._event_test(parent.left, True)
        elif t == "SwitchCase" and node is not parent.test and parent.test is not None:
            switch = getattr(parent, "parent", None)
            if switch is not None and self._is_event_type(switch.discriminant):
                value = parent.test.value if parent.test.type == "Literal" else None
                return value if value in EVENTS else None
        return None

    def _event_test(self, test: Node, positive: bool) -> str | None:
        if test is None or test.type != "BinaryExpression":
            return None
        if test.operator not in (("===", "==") if positive else ("!==", "!=")):
            return None
        for probe, literal in ((test.left, test.right), (test.right, test.left)):
            if literal.type == "Literal" and literal.value in EVENTS and self._is_event_type(probe):
                return literal.value
        return None

    def _is_event_type(self, node: Node) -> bool:
        """`event.Records[0].cf.config.eventType` (Lambda@Edge) or `event.context.eventType`."""
        sym = self.sym(node)
        return bool(sym) and len(sym) >= 2 and sym[-1] == "eventType" and sym[-2] in ("config", "context")

    # -- small helpers rules share ---------------------------------------------------
    def pattern_roots(self, node: Node) -> Iterator[tuple[Node, tuple | None]]:
        """Destructuring patterns a node declares or assigns, with the sym of the destructured value."""
        ctx = self
        t = node.type
        if t == "VariableDeclarator":
            if node.id.type in _DESTRUCTURING and node.init is not None:
                yield node.id, ctx.sym(node.init)
        elif t == "AssignmentExpression":
            if node.operator == "=" and node.left.type in _DESTRUCTURING:
                yield node.left, ctx.sym(node.right)
        elif t in _FUNCTIONS and node is ctx.handler:
            roots = (("event",), ("context",), ("callback",))
            for index, param in enumerate(node.params[:3]):
                inner = param.left if param.type == "AssignmentPattern" else param
                if inner.type in _DESTRUCTURING:
                    yield inner, roots[index]

    @staticmethod
    def object_properties(node: Node) -> dict[Any, Node]:
        """Static keys of an ObjectExpression → their Property nodes."""
        props: dict[Any, Node] = {}
        if node is not None and node.type == "ObjectExpression":
            for prop in node.properties:
                if prop.type == "Property":
                    key = property_key(prop)
                    if key is not None:
                        props[key] = prop
        return props
