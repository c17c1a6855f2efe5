"""JavaScript (and TypeScript) to edge facts: the only place that reads ESTree for what a handler
does to the event, its headers, responses, environment, exports and outside names.

`JsFacts` runs in the file's single walk beside the rules: its `on_<Node>` methods are
registered like a rule's, and each fact goes to the rules through the `Sink` as soon as it is
found (in source order). Generated responses, which may come back from helpers, and the module's
exports are known only at the end of the walk (`finish`).
"""

from __future__ import annotations

import re
from typing import Any

from edgelint.data import facts
from edgelint.edge.model import (BOOL, CONCAT, GENERATED, LIST, NOTHING, NUMBER, OBJECT, OTHER, STRING,
                                 TEMPLATE, CallbackUse, EnvRead, EventRead, EventWrite, Field, Function,
                                 HeaderWrite, Import, KeyRef, Module, Param, Reference, Response, Sink, Use,
                                 Value, ValueSource)
from edgelint.edge.paths import event_path, header_container, header_rest_ok, response_tables
from edgelint.lang.js.context import JsContext, pattern_props
from edgelint.lang.js.parse import member_key, pattern_names, property_key
from edgelint.model import LAMBDA_EDGE, Span
from edgelint.text import finite

Node = Any
_FUNCTIONS = ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")
# Nodes a value passes through unchanged on its way to a return or a callback.
_PASS_THROUGH = frozenset({"ConditionalExpression", "LogicalExpression", "AwaitExpression",
                           "SequenceExpression"})
_EXPORTS = (("global", "exports"), ("global", "module", "exports"))
# How many helper calls and conditional branches are followed from a returned value, and how deep
# names and concatenations are followed when measuring a string.
_MAX_RETURN_DEPTH = 4
_MAX_SIZE_DEPTH = 8
_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
# Globals that turn a missing variable into NaN/0, so `parseInt(X, 10) || 2` still has its fallback.
_CONVERSIONS = frozenset({"parseInt", "parseFloat", "Number"})


def _le() -> dict[str, Any]:
    return facts("lambda_edge")


def _cff() -> dict[str, Any]:
    return facts("cloudfront_functions")


def _env_roots() -> set[tuple]:
    """The environment object: the global `process.env` and `env` of the `process` module."""
    env = _le()["environment"]
    prop = env["js_property"]
    roots = {("global", env["js_global"], prop)}
    roots.update(("module", name, prop) for name in env["js_modules"])
    return roots


def _literal_string(node: Node) -> str | None:
    if node.type == "Literal" and isinstance(node.value, str):
        return node.value
    if node.type == "TemplateLiteral" and not node.expressions and len(node.quasis) == 1:
        return node.quasis[0].value.cooked
    return None


def _literal_number(node: Node) -> int | float | None:
    if node.type == "Literal" and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value if finite(node.value) else None
    if node.type == "UnaryExpression" and node.operator in ("-", "+") and node.argument.type == "Literal":
        inner = _literal_number(node.argument)
        if inner is not None:
            return -inner if node.operator == "-" else inner
    return None


def _in_chain(node: Node) -> bool:
    parent = getattr(node, "parent", None)
    return parent is not None and parent.type == "ChainExpression"


def _is_missing_value(node: Node) -> bool:
    """`null`, `undefined`, `''`: what a missing environment variable compares equal to."""
    if node.type == "Literal":
        return node.value is None or node.value == ""
    return node.type == "Identifier" and node.name == "undefined"


def _throws(statement: Node) -> bool:
    if statement.type == "BlockStatement":
        return bool(statement.body) and _throws(statement.body[-1])
    return statement.type == "ThrowStatement"


class JsFacts(ValueSource):
    def __init__(self, ctx: JsContext, sink: Sink) -> None:
        self.ctx = ctx
        self.sink = sink
        self.kind = ctx.target.kind
        self.lines = ctx.lines
        self.wants = {t: sink.wants(t) for t in (HeaderWrite, Response, EventWrite, EventRead, EnvRead,
                                                  Module, Function, CallbackUse, Import, Use, Reference)}
        self.response_fields, self.request_fields = response_tables(self.kind)
        # Generated responses: returns of every function, helpers the handler returns, literals seen.
        self._returns: dict[int, list[tuple[Node, Any]]] = {}
        self._helpers: dict[int, tuple[Node, int]] = {}
        self._seen: set[int] = set()
        # Exports (LE007).
        self._exports: dict[str, Function | None] = {}
        self._dynamic = False
        self._esm = False
        self._module_function: Function | None = None
        self._callback: Any = None
        # `if (require.main === module) { … }`: local-run code, never run by Lambda.
        self._main_blocks: set[int] = set()
        self._main_depth = 0

    def handlers(self) -> dict[str, Any]:
        """Node type (with `_exit`) -> this extractor's method, for the engine's walk."""
        return {name[3:]: getattr(self, name) for name in _VISITORS}

    # -- values ----------------------------------------------------------------------------
    def span_of(self, node: Node) -> Span:
        return self.ctx.span(node)

    def _scope(self) -> Any:
        stack = self.ctx.scope_stack
        return stack[-1] if stack else None

    def value(self, node: Node, scope: Any = None) -> Value:
        scope = scope if scope is not None else self._scope()
        t = node.type
        if t == "Literal":
            v = node.value
            if isinstance(v, str):
                return Value(STRING, node, scope, self, literal=v)
            if isinstance(v, bool):
                return Value(BOOL, node, scope, self)
            if isinstance(v, (int, float)):
                return Value(NUMBER, node, scope, self, number=v if finite(v) else None)
            if v is None and node.raw == "null":
                return Value(NOTHING, node, scope, self)
            return Value(OTHER, node, scope, self)
        if t == "TemplateLiteral":
            return Value(TEMPLATE, node, scope, self, literal=_literal_string(node))
        if t == "BinaryExpression" and node.operator == "+":
            stringy = any(s.type == "TemplateLiteral" or (s.type == "Literal" and isinstance(s.value, str))
                          for s in (node.left, node.right))
            return Value(CONCAT, node, scope, self, stringy=stringy)
        if t == "UnaryExpression":
            number = _literal_number(node)
            if number is not None:
                return Value(NUMBER, node, scope, self, number=number)
            return Value(OTHER, node, scope, self)
        if t == "Identifier" and node.name == "undefined" and self.ctx.is_global(node):
            return Value(NOTHING, node, scope, self)
        if t == "ObjectExpression":
            fields, spread = self._fields(node, scope)
            return Value(OBJECT, node, scope, self, fields=fields, spread=spread)
        if t == "ArrayExpression":
            items = tuple(self.value(e, scope) for e in node.elements if e is not None and e.type != "SpreadElement")
            spread = any(e is not None and e.type == "SpreadElement" for e in node.elements)
            return Value(LIST, node, scope, self, items=items, spread=spread)
        return Value(OTHER, node, scope, self)

    def _fields(self, node: Node, scope: Any) -> tuple[dict[str, Field], bool]:
        fields: dict[str, Field] = {}
        spread = False
        for prop in node.properties:
            if prop.type != "Property":
                spread = True
                continue
            key = property_key(prop)
            if not isinstance(key, str) or prop.kind != "init" or prop.method:
                if key is None:
                    spread = True  # a computed key may be any field
                continue
            ref = None if prop.shorthand else self.key_ref(prop.key, prop.computed)
            fields[key] = Field(key, self.ctx.span(prop), self.value(prop.value, scope), ref, bool(prop.shorthand))
        return fields, spread

    def key_ref(self, node: Node, computed: bool) -> KeyRef | None:
        """A key the source spells as a plain string literal or (not computed) an identifier."""
        if node is None:
            return None
        if node.type == "Literal" and isinstance(node.value, str):
            quote = self.ctx.text[node.range[0]]
            return KeyRef(node.range[0], node.range[1], self.lines, quote=quote if quote in ("'", '"') else "")
        if node.type == "Identifier" and not computed:
            return KeyRef(node.range[0], node.range[1], self.lines, identifier=True)
        return None

    def size_of(self, value: Value) -> int | None:
        return self._size(value.node, value.scope, 0)

    def _size(self, node: Node, scope: Any, depth: int) -> int | None:
        """UTF-8 size of a string the code writes as literals, or None."""
        if node is None or depth > _MAX_SIZE_DEPTH:
            return None
        t = node.type
        if t in ("Literal", "TemplateLiteral"):
            text = _literal_string(node)
            return len(text.encode("utf-8", "surrogatepass")) if text is not None else None
        if t == "BinaryExpression" and node.operator == "+":
            left, right = self._size(node.left, scope, depth + 1), self._size(node.right, scope, depth + 1)
            return left + right if left is not None and right is not None else None
        if (t == "CallExpression" and node.callee.type == "MemberExpression" and not node.callee.computed
                and node.callee.property.type == "Identifier" and node.callee.property.name == "repeat"
                and len(node.arguments) == 1):
            count = self.ctx.static_value(node.arguments[0], scope)
            unit = self._size(node.callee.object, scope, depth + 1)
            if isinstance(count, int) and not isinstance(count, bool) and count >= 0 and unit is not None:
                return unit * count
            return None
        if t == "Identifier" and scope is not None:
            binding = scope.resolve(node.name)
            if binding is None or binding.kind not in ("var", "let", "const"):
                return None
            values = self.ctx.binding_values(binding)
            if len(values) != 1 or values[0][0] is None or values[0][2]:
                return None
            return self._size(values[0][0], values[0][1], depth + 1)
        return None

    def static_of(self, value: Value) -> str | None:
        result = self.ctx.static_value(value.node, value.scope)
        return result if isinstance(result, str) else None

    def _path(self, node: Node) -> tuple | None:
        sym = self.ctx.sym(node)
        if not sym or sym[0] != "event":
            return None
        return event_path(sym, self.kind)

    # -- assignments: header writes, event writes, exports, env destructuring -------------------
    def on_AssignmentExpression(self, node: Node) -> None:
        left = node.left
        if left.type == "MemberExpression":
            path = self._path(left)
            if self.wants[HeaderWrite]:
                self._header_assignment(node, left, path)
            if self.wants[EventWrite]:
                if path:
                    action = "set" if node.operator == "=" else "modify"
                    key = self.key_ref(left.property, left.computed)
                    scope = self._scope()
                    self.sink(EventWrite(node, self, path, action, lambda: self.value(node.right, scope), key))
            if self.wants[Module]:
                self._export_assignment(node, left)
        elif node.operator == "=" and left.type in ("ObjectPattern", "ArrayPattern"):
            if self.wants[EnvRead] and left.type == "ObjectPattern":
                self._env_pattern(left, self.ctx.sym(node.right))
            self._pattern_reads(node)

    def _header_assignment(self, node: Node, left: Node, path: tuple | None) -> None:
        ctx = self.ctx
        obj = header_container(self._path(left.object))
        if obj is not None:
            action = "set" if node.operator == "=" else "modify"
            name = ctx.member_key(left)
            self.sink(HeaderWrite(ctx.span(left), obj, name, action, self.key_ref(left.property, left.computed),
                                  self.value(node.right) if action == "set" else None,
                                  constant=name is not None and member_key(left) is None))
            return
        if path and len(path) >= 3 and header_container(path[:2]) and header_rest_ok(path[3:], self.kind):
            rest = path[3:]
            elements = (self.value(node.right),) if (node.operator == "=" and len(rest) == 1
                                                      and isinstance(rest[0], int)) else ()
            self.sink(HeaderWrite(ctx.span(left), path[0], path[2], "modify", self._key_at(left, len(rest)),
                                  elements=elements, rest=rest))
            return
        obj = header_container(path)
        if obj is not None and node.operator == "=" and node.right.type == "ObjectExpression":
            self._header_entries(node.right, obj)  # cf.response.headers = { … }

    def _key_at(self, node: Node, depth: int) -> KeyRef | None:
        """For `H['x'][0].value` (depth 2), the key of `H['x']`."""
        for _ in range(depth):
            if node.type != "MemberExpression":
                return None
            node = node.object
        return self.key_ref(node.property, node.computed) if node.type == "MemberExpression" else None

    def _header_entries(self, obj_node: Node, obj: str) -> None:
        """Each property of a headers object literal is a header set."""
        value = self.value(obj_node)
        for prop in obj_node.properties:
            if prop.type != "Property" or prop.kind != "init" or prop.method:
                continue
            name = property_key(prop)
            if name is None:
                continue
            field = value.fields.get(name) if isinstance(name, str) else None
            self.sink(HeaderWrite(self.ctx.span(prop), obj, name, "set",
                                  None if prop.shorthand else self.key_ref(prop.key, prop.computed),
                                  field.value if field is not None else self.value(prop.value),
                                  shorthand=bool(prop.shorthand)))

    def on_UnaryExpression(self, node: Node) -> None:
        if node.operator != "delete" or node.argument.type != "MemberExpression":
            return
        arg = node.argument
        if self.wants[HeaderWrite]:
            obj = header_container(self._path(arg.object))
            if obj is not None:
                name = self.ctx.member_key(arg)
                self.sink(HeaderWrite(self.ctx.span(node), obj, name, "delete", self.key_ref(arg.property, arg.computed),
                                      constant=name is not None and member_key(arg) is None))
        if self.wants[EventWrite]:
            path = self._path(arg)
            if path:
                self.sink(EventWrite(node, self, path, "delete", None, self.key_ref(arg.property, arg.computed)))

    # -- reads of the event ------------------------------------------------------------------
    def on_MemberExpression(self, node: Node) -> None:
        if self.wants[EventRead]:
            path = self._path(node)
            if path:
                how = self._how_read(node)
                if how is not None:
                    self.sink(EventRead(node, self, path, how))
        if self.wants[EnvRead] and self.ctx.sym(node.object) in _env_roots():
            self._env_member(node)

    def _how_read(self, node: Node) -> str | None:
        """"read", "typeof" (`typeof x.body`, which never throws), "into" (`x.body.data = …`:
        written into, not read), or None for a write of the member itself."""
        if self.ctx.in_typeof(node):
            return "typeof"
        parent = getattr(node, "parent", None)
        if parent is None:
            return "read"
        if parent.type == "AssignmentExpression" and parent.left is node:
            return "read" if parent.operator != "=" else None  # `+=` reads first
        if parent.type == "UnaryExpression" and parent.operator == "delete":
            return None
        if parent.type == "UpdateExpression":
            return "read"
        if parent.type == "MemberExpression" and parent.object is node:
            grand = getattr(parent, "parent", None)
            if grand is not None and grand.type == "AssignmentExpression" and grand.left is parent:
                return "read" if grand.operator != "=" else "into"
            if grand is not None and grand.type == "UnaryExpression" and grand.operator == "delete":
                return "into"
        return "read"

    def _pattern_reads(self, node: Node) -> None:
        if not self.wants[EventRead]:
            return
        for pattern, base in self.ctx.pattern_roots(node):
            for prop, sym in pattern_props(pattern, base):
                path = event_path(sym, self.kind)
                if path:
                    self.sink(EventRead(prop, self, path, "read"))

    def on_VariableDeclarator(self, node: Node) -> None:
        if node.init is not None and node.id.type == "ObjectPattern" and self.wants[EnvRead]:
            self._env_pattern(node.id, self.ctx.sym(node.init))
        self._pattern_reads(node)

    def _function_patterns(self, node: Node) -> None:
        self._pattern_reads(node)

    on_FunctionDeclaration = _function_patterns
    on_FunctionExpression = _function_patterns

    def on_ArrowFunctionExpression(self, node: Node) -> None:
        self._pattern_reads(node)
        if node.expression or node.body.type != "BlockStatement":
            self._returned(node.body, node)

    # -- environment variables -----------------------------------------------------------------
    def on_IfStatement(self, node: Node) -> None:
        if self.wants[EnvRead] and node.consequent.type == "BlockStatement" and self._is_main_test(node.test):
            self._main_blocks.add(id(node.consequent))

    def _is_main_test(self, test: Node) -> bool:
        """`require.main === module` (either order)."""
        if test.type != "BinaryExpression" or test.operator not in ("===", "=="):
            return False
        main, module = _le()["environment"]["js_main_test"]
        sides = {".".join(map(str, s[1:])) for s in (self.ctx.sym(test.left), self.ctx.sym(test.right))
                 if s is not None and s[0] == "global"}
        return sides == {main, module}

    def on_BlockStatement(self, node: Node) -> None:
        if id(node) in self._main_blocks:
            self._main_depth += 1

    def on_BlockStatement_exit(self, node: Node) -> None:
        if id(node) in self._main_blocks:
            self._main_depth -= 1

    @staticmethod
    def _env_shown(key: Any) -> str:
        if isinstance(key, str) and _IDENT.match(key):
            return f"`process.env.{key}`"
        return f"`process.env[{key!r}]`"

    def _env(self, node: Node, key: Any, text: str, fallback: bool) -> None:
        if self._main_depth:
            return  # local-run code: Lambda imports the module, so this never runs at the edge
        name = None if key is None else str(key)
        throws = not fallback and node.type == "MemberExpression" and self._throws_when_missing(node)
        self.sink(EnvRead(self.ctx.span(node), name, self._env_shown(key), text, fallback=fallback, throws=throws))

    def _env_member(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.is_write_target(node):
            return  # process.env.X = …, delete process.env.X
        parent = getattr(node, "parent", None)
        if parent is not None and parent.type == "CallExpression" and parent.callee is node:
            return  # a method of the env object: process.env.hasOwnProperty('X')
        text = ctx.text[node.range[0]:node.range[1]]
        self._env(node, member_key(node), f"`{text}`" if len(text) <= 60 else "this read", self._fallback(node))

    def _fallback(self, node: Node) -> bool:
        """`X || 'd'`, `X ?? 'd'`, `X?.split(',') ?? []`, a default in a destructuring, X only
        tested (`if (X)`, `!X`, `X === 'true'`), or read in a branch its own test guards
        (`X == null ? 'd' : X`). Not when a missing X makes the code throw (`if (!X) throw …`)."""
        child, parent = node, getattr(node, "parent", None)
        # Up through optional chains on the read: `X?.split(',')`, `X?.trim()`.
        while parent is not None and (
                (parent.type == "MemberExpression" and parent.object is child and parent.optional)
                or (parent.type == "CallExpression" and parent.callee is child and parent.optional)
                or parent.type == "ChainExpression"
                or (parent.type in ("MemberExpression", "CallExpression") and _in_chain(parent))):
            if parent.type == "MemberExpression" and parent.object is not child:
                break
            if parent.type == "CallExpression" and parent.callee is not child:
                break
            child, parent = parent, getattr(parent, "parent", None)
        # Through a number conversion: `parseInt(X, 10) || 2` falls back just as `X || '2'` does.
        if (parent is not None and parent.type == "CallExpression" and parent.arguments
                and parent.arguments[0] is child and self.ctx.global_name(parent.callee) in _CONVERSIONS):
            child, parent = parent, getattr(parent, "parent", None)
        if parent is None:
            return False
        t = parent.type
        if t == "LogicalExpression" and parent.left is child and parent.operator in ("||", "??"):
            return True
        if self._throws_when_missing(node):
            return False
        if t in ("IfStatement", "ConditionalExpression", "WhileStatement") and parent.test is child:
            return True
        if t == "UnaryExpression" and parent.operator == "!":
            return True
        if t == "BinaryExpression" and parent.operator in ("==", "===", "!=", "!=="):
            return True
        if t == "CallExpression" and parent.arguments and parent.arguments[0] is child and _regex_test(parent.callee):
            return True  # `/^(yes|on)$/.test(X)`: compared, like `X === 'yes'`
        return self._guarded_branch(node)

    def _guarded_branch(self, node: Node) -> bool:
        """`process.env.X == null ? 'd' : process.env.X`: the read in a branch of a test on the same
        variable runs only when the test saw it set, which at the edge it never is."""
        text = self.ctx.text[node.range[0]:node.range[1]]
        child, parent = node, getattr(node, "parent", None)
        for _ in range(6):
            if parent is None:
                return False
            if parent.type in ("ConditionalExpression", "IfStatement") and parent.test is not child:
                test = parent.test
                return text in self.ctx.text[test.range[0]:test.range[1]]
            child, parent = parent, getattr(parent, "parent", None)
        return False

    def _throws_when_missing(self, node: Node) -> bool:
        """`if (!process.env.KEY) throw …` / `if (process.env.KEY == null) throw …`: at the edge the
        variable is missing, so the function always throws."""
        child, parent = node, getattr(node, "parent", None)
        negated = False
        for _ in range(4):
            if parent is None:
                return False
            if parent.type == "UnaryExpression" and parent.operator == "!":
                negated = not negated
            elif parent.type == "BinaryExpression" and parent.operator in ("==", "==="):
                other = parent.right if parent.left is child else parent.left
                negated = negated or _is_missing_value(other)
            elif parent.type == "LogicalExpression" and parent.operator == "||":
                pass
            elif parent.type == "IfStatement" and parent.test is child:
                return negated and _throws(parent.consequent)
            else:
                return False
            child, parent = parent, getattr(parent, "parent", None)
        return False

    def _env_pattern(self, pattern: Node, sym: tuple | None) -> None:
        """`const { X, Y: y = 'd' } = process.env`, and `const { env: { X } } = process`."""
        if sym is None:
            return
        if pattern.type == "AssignmentPattern":
            pattern = pattern.left
        if pattern.type != "ObjectPattern":
            return
        is_env = sym in _env_roots()
        for prop in pattern.properties:
            if prop.type != "Property":
                continue  # ...rest copies the whole environment: no particular variable
            key = property_key(prop)
            if is_env:
                self._env(prop, key, "a computed key destructured from `process.env`",
                          prop.value.type == "AssignmentPattern")
            elif key is not None:
                self._env_pattern(prop.value, sym + (key,))

    # -- returns: generated responses -----------------------------------------------------------
    def on_ReturnStatement(self, node: Node) -> None:
        self._returned(node.argument, self.ctx.enclosing_function(node))

    def _returned(self, expr: Node, function: Node) -> None:
        if function is None or expr is None or not (self.wants[Response] or self.wants[HeaderWrite]):
            return
        if function is self.ctx.handler:
            self._follow(expr, self._scope(), 0)
        else:
            self._returns.setdefault(id(function), []).append((expr, self._scope()))

    def _follow(self, expr: Node, scope: Any, depth: int) -> None:
        """Find the literal responses an expression the handler returns may be."""
        if expr is None or depth > _MAX_RETURN_DEPTH:
            return
        t = expr.type
        if t == "ObjectExpression":
            self._found(expr, True, scope)
        elif t == "AwaitExpression":
            self._follow(expr.argument, scope, depth)
        elif t == "ConditionalExpression":
            self._follow(expr.consequent, scope, depth + 1)
            self._follow(expr.alternate, scope, depth + 1)
        elif t == "LogicalExpression":
            self._follow(expr.right, scope, depth + 1)
        elif t == "SequenceExpression" and expr.expressions:
            self._follow(expr.expressions[-1], scope, depth)
        elif t == "Identifier" and scope is not None:
            binding = scope.resolve(expr.name)
            if binding is None or binding.kind not in ("var", "let", "const"):
                return
            values = self.ctx.binding_values(binding)
            if len(values) == 1:
                value, value_scope, path = values[0]
                if value is not None and not path:
                    if value.type == "ObjectExpression":
                        self._found(value, False, value_scope if value_scope is not None else scope)
                    elif value.type in ("CallExpression", "AwaitExpression"):
                        self._follow(value, value_scope if value_scope is not None else scope, depth + 1)
        elif t == "CallExpression" and expr.callee.type == "Identifier" and scope is not None:
            function = self._local_function(scope.resolve(expr.callee.name))
            if function is not None and function is not self.ctx.handler:
                self._helpers.setdefault(id(function), (function, depth + 1))

    @staticmethod
    def _local_function(binding: Any) -> Node | None:
        if binding is None:
            return None
        if binding.kind == "function" and binding.decl.type in _FUNCTIONS:
            return binding.decl
        if (binding.kind in ("var", "let", "const") and binding.init is not None and not binding.path
                and not binding.values and binding.init.type in _FUNCTIONS):
            return binding.init
        return None

    def _found(self, node: Node, direct: bool, scope: Any) -> None:
        if id(node) in self._seen:
            return
        props = self.ctx.object_properties(node)
        keys = {k for k in props if isinstance(k, str)}
        if not keys & self.response_fields or keys & self.request_fields:
            return
        self._seen.add(id(node))
        value = self.value(node, scope)
        span = self.ctx.span(node)
        if self.wants[Response]:
            self.sink(Response(span, value.fields or {}, value.spread, direct, value))
        headers = props.get(_le()["response"]["headers_field"])
        if self.wants[HeaderWrite] and headers is not None and headers.value.type == "ObjectExpression":
            self._header_entries(headers.value, GENERATED)

    # -- calls: callbacks, header lists, Object.assign, exports, imports, outside names -------------
    def on_CallExpression(self, node: Node) -> None:
        ctx = self.ctx
        callee = node.callee
        args = node.arguments
        if len(args) >= 2 and ctx.sym(callee) == ("callback",):
            self._follow(args[1], self._scope(), 0)
        if callee.type == "MemberExpression" and self.wants[HeaderWrite]:
            self._header_call(node, callee)
        if self.wants[Module]:
            self._export_call(node)
        if self.wants[CallbackUse]:
            self._callback_call(node)
        if self.wants[Import] or self.wants[Use]:
            self._call_use(node, False)

    def _header_call(self, node: Node, callee: Node) -> None:
        ctx = self.ctx
        method = member_key(callee)
        if method in ("push", "unshift") and self.kind == LAMBDA_EDGE:
            path = self._path(callee.object)
            if path and len(path) == 3 and header_container(path[:2]):
                elements = tuple(self.value(a) for a in node.arguments if a.type != "SpreadElement")
                key = self.key_ref(callee.object.property, callee.object.computed) \
                    if callee.object.type == "MemberExpression" else None
                self.sink(HeaderWrite(ctx.span(callee.object), path[0], path[2], "modify", key, elements=elements))
        elif method == "assign" and ctx.sym(callee) == ("global", "Object", "assign") and len(node.arguments) >= 2:
            obj = header_container(self._path(node.arguments[0]))
            if obj is not None:
                for source in node.arguments[1:]:
                    if source.type == "ObjectExpression":
                        self._header_entries(source, obj)

    def _call_use(self, node: Node, new: bool) -> None:
        ctx = self.ctx
        callee = node.callee
        if not new and ctx.is_global(callee, ("require",)):
            source = ctx.require_source(node)
            if self.wants[Import]:
                self.sink(Import(ctx.span(node), source, "require"))
            return
        if not self.wants[Use]:
            return
        scope = self._scope()

        def args() -> tuple[Value, ...]:
            return tuple(self.value(a, scope) for a in node.arguments if a.type != "SpreadElement")

        name = ctx.global_name(callee)
        if name is not None:
            self.sink(Use(node, self, "call", name, args=args, new=new))
        sym = ctx.sym(callee)
        if sym is None:
            return
        if sym[0] == "global" and len(sym) > 2 and all(isinstance(s, str) for s in sym[1:]):
            self.sink(Use(node, self, "call", ".".join(sym[1:]), args=args, new=new))
        elif sym[0] == "module" and len(sym) == 3 and isinstance(sym[2], str):
            self.sink(Use(node, self, "call", f"{sym[1]}.{sym[2]}", module=sym[1], args=args, new=new))

    def on_NewExpression(self, node: Node) -> None:
        if self.wants[Use]:
            self._call_use(node, True)

    def on_ImportDeclaration(self, node: Node) -> None:
        self._esm = True
        if self.wants[Import] and isinstance(node.source.value, str):
            self.sink(Import(self.ctx.span(node), node.source.value, "import"))

    def on_ImportExpression(self, node: Node) -> None:
        if self.wants[Import]:
            source = node.source
            self.sink(Import(self.ctx.span(node), source.value if source.type == "Literal" and
                             isinstance(source.value, str) else None, "dynamic"))

    def on_Identifier(self, node: Node) -> None:
        if not self.wants[Reference]:
            return
        ctx = self.ctx
        if not ctx.is_reference(node):
            return
        binding = ctx.lookup(node.name)
        if binding is not None:
            if binding.sym is not None and binding.sym[:1] == ("context",):
                self.sink(Reference(node, self, "context", node.name))
            return
        self.sink(Reference(node, self, "global", node.name))

    # -- the handler, its callback, the module's exports ---------------------------------------------
    def function(self, fn: Node, name: str | None = None) -> Function:
        params = []
        rest_seen = False
        for param in fn.params:
            kind = "positional"
            if param.type == "RestElement":
                kind, rest_seen = "rest", True
            elif param.type == "AssignmentPattern" or rest_seen:
                kind = "positional"
            ident = param.left if param.type == "AssignmentPattern" else param
            params.append(Param(ident.name if ident.type == "Identifier" else None,
                                default=param.type == "AssignmentPattern", kind=kind))
        anchor = fn
        parent = getattr(fn, "parent", None)
        if getattr(fn, "id", None) is not None:
            anchor = fn.id
        elif parent is not None and parent.type == "AssignmentExpression":
            anchor = parent.left
        elif parent is not None and parent.type == "VariableDeclarator":
            anchor = parent.id
        elif parent is not None and parent.type == "Property":
            anchor = parent.key
        if name is None and getattr(fn, "id", None) is not None:
            name = fn.id.name
        return Function(name, self.ctx.span(fn), self.ctx.span(anchor), tuple(params),
                        bool(getattr(fn, "isAsync", False)))

    def on_Program(self, node: Node) -> None:
        handler = self.ctx.handler
        if handler is None:
            return
        index = _le()["runtimes"]["callback_param_index"]
        if len(handler.params) > index:
            param = handler.params[index]
            ident = param.left if param.type == "AssignmentPattern" else param
            scope = self.ctx.parsed.scopes.get(id(handler))
            if ident.type == "Identifier" and scope is not None:
                self._callback = scope.bindings.get(ident.name)

    def _callback_call(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.handler is None:
            return
        callee = node.callee
        if self._callback is not None and callee.type == "Identifier" and ctx.lookup(callee.name) is self._callback:
            self.sink(CallbackUse(ctx.span(node), None))
            return
        sym = ctx.sym(callee)
        if sym is not None and len(sym) == 2 and sym[0] == "context":
            self.sink(CallbackUse(ctx.span(node), sym[1]))

    def _is_exports(self, node: Node) -> bool:
        return node is not None and self.ctx.sym(node) in _EXPORTS

    def _exported_function(self, value: Node) -> Function | None:
        """The function an exported value is: written inline, or a top-level function it names."""
        if value.type in _FUNCTIONS:
            return self.function(value)
        if value.type == "Identifier":
            fn = self._top_level_function(value.name)
            return self.function(fn, value.name) if fn is not None else None
        return None

    def _top_level_function(self, name: str) -> Node | None:
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

    def _export_assignment(self, node: Node, left: Node) -> None:
        right = node.right
        while right.type == "AssignmentExpression":  # module.exports.handler = exports.handler = fn
            right = right.right
        if self._is_exports(left.object):
            key = member_key(left)
            if isinstance(key, str):
                if key not in self._exports:
                    self._exports[key] = self._exported_function(right)
            else:
                self._dynamic = True  # exports[name] = …
            return
        if self.ctx.sym(left) != ("global", "module", "exports"):
            return
        if right.type == "ObjectExpression":
            for prop in right.properties:
                key = property_key(prop) if prop.type == "Property" else None
                if key is None:
                    self._dynamic = True  # ...spread or a computed key
                    continue
                if str(key) not in self._exports:
                    self._exports[str(key)] = self._exported_function(prop.value)
        elif self._exported_function(right) is not None:
            self._module_function = self._exported_function(right)
        elif right.type == "ClassExpression":
            self._module_function = Function(None, self.ctx.span(right), self.ctx.span(right), ())
        else:
            self._dynamic = True  # module.exports = require('./impl'), = app, = factory()

    def _export_call(self, node: Node) -> None:
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

    def on_ExportNamedDeclaration(self, node: Node) -> None:
        self._esm = True
        if not self.wants[Module]:
            return
        decl = node.declaration
        if decl is not None:
            if decl.type in ("FunctionDeclaration", "ClassDeclaration") and decl.id is not None:
                if decl.id.name not in self._exports:
                    self._exports[decl.id.name] = self.function(decl) if decl.type == "FunctionDeclaration" else None
            elif decl.type == "VariableDeclaration":
                for d in decl.declarations:
                    for ident, _path in pattern_names(d.id):
                        init = d.init if d.id.type == "Identifier" else None
                        if ident.name not in self._exports:
                            self._exports[ident.name] = (self.function(init, ident.name)
                                                         if init is not None and init.type in _FUNCTIONS else None)
        for spec in node.specifiers or ():
            exported = spec.exported
            name = exported.name if exported.type == "Identifier" else exported.value
            local = None if node.source is not None else self._top_level_function(spec.local.name)
            if name not in self._exports:
                self._exports[name] = self.function(local, spec.local.name) if local is not None else None

    def on_ExportDefaultDeclaration(self, node: Node) -> None:
        self._esm = True
        decl = node.declaration
        if "default" not in self._exports:
            self._exports["default"] = self.function(decl) if decl.type in _FUNCTIONS else None

    def on_ExportAllDeclaration(self, node: Node) -> None:
        self._esm = True
        exported = getattr(node, "exported", None)
        if exported is not None:
            self._exports.setdefault(exported.name if exported.type == "Identifier" else exported.value, None)
        else:
            self._dynamic = True  # export * from './impl'
        if self.wants[Import] and node.source is not None and isinstance(node.source.value, str):
            self.sink(Import(self.ctx.span(node), node.source.value, "import"))

    # -- the end of the walk ------------------------------------------------------------------
    def finish(self) -> None:
        # The handler (with parent links set by the walk, its anchor is the name it is exported as).
        if self.wants[Function] and self.ctx.handler is not None:
            self.sink(self.function(self.ctx.handler))
        done: set[int] = set()
        while True:
            pending = [(k, v) for k, v in self._helpers.items() if k not in done]
            if not pending:
                break
            for key, (_, depth) in pending:
                done.add(key)
                for expr, scope in self._returns.get(key, ()):
                    self._follow(expr, scope, depth)
        if self.wants[Module]:
            ctx = self.ctx
            handlers = []
            if ctx.handler is not None:
                handlers.append(self.function(ctx.handler))
            declared = {}
            scope = ctx.parsed.scopes.get(id(ctx.program))
            for name in (scope.bindings if scope is not None else {}):
                fn = self._top_level_function(name)
                if fn is not None:
                    declared[name] = self.function(fn, name)
            self.sink(Module("js", dict(self._exports), handlers, declared, esm=self._esm,
                             dynamic=self._dynamic, module_function=self._module_function))



def _regex_test(callee: Node) -> bool:
    """`/…/.test`: a regular expression literal's test method."""
    return (callee.type == "MemberExpression" and member_key(callee) == "test"
            and callee.object.type == "Literal" and getattr(callee.object, "regex", None) is not None)


_VISITORS = tuple(name for name in dir(JsFacts) if name.startswith("on_"))
