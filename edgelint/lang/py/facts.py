"""Python to edge facts: the only place that reads libcst nodes for what a Lambda@Edge handler
does to the event, its headers, responses, environment, definitions and imports.

`PyFacts` is one more visitor in the file's single batched libcst walk (after the engine's own,
which keeps scopes and aliases). Facts go to the rules through the `Sink` as they are found;
generated responses and the module's definitions are known at the end (`finish`).
"""

from __future__ import annotations

import json
from edgelint.records import dataclass, field
from typing import Any, Iterator

import libcst as cst

from edgelint.data import facts
from edgelint.edge.model import (BOOL, BYTES, CONCAT, GENERATED, LIST, NOTHING, NUMBER, OBJECT, OTHER, STRING,
                                 TEMPLATE, EnvRead, EventRead, EventWrite, Field, Function, HeaderWrite, Import,
                                 KeyRef, Module, Param, Reference, Response, Sink, Use, Value, ValueSource)
from edgelint.edge.paths import event_path, header_container, header_rest_ok, response_tables
from edgelint.lang.py.context import PyContext
from edgelint.lang.py.literals import string_value
from edgelint.lang.py.keys import static_key, subscript_key
from edgelint.model import Span
from edgelint.text import finite, int_literal

Node = Any
_MAX_RETURN_DEPTH = 4
_MAX_SIZE_DEPTH = 8
_STRINGS = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
_EQUALITY = (cst.Equal, cst.NotEqual, cst.Is, cst.IsNot)


def _le() -> dict[str, Any]:
    return facts("lambda_edge")


def _literal_string(node: Node) -> str | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = string_value(node)
        return value if isinstance(value, str) else None
    return None


def _literal_number(node: Node) -> int | float | None:
    if isinstance(node, cst.Integer):
        return int_literal(node.value, 0)
    if isinstance(node, cst.Float):
        number = float(node.value)
        return number if finite(number) else None
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        inner = _literal_number(node.expression)
        if inner is not None:
            return -inner if isinstance(node.operator, cst.Minus) else inner
    return None


def _env_key(node: Node) -> str | int | None:
    """A literal key: 'X', or b'X' for os.environb / os.getenvb."""
    key = static_key(node)
    if key is None and isinstance(node, cst.SimpleString):
        value = string_value(node)
        if isinstance(value, bytes):
            return value.decode("latin-1")
    return key


def _names(target: Node) -> Iterator[cst.Name]:
    if isinstance(target, cst.Name):
        yield target
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _names(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from _names(target.value)


@dataclass
class _Scope:
    """What the walk saw in one function (or the module, for None): names' values and returns."""

    assigns: dict[str, list[Any]] = field(default_factory=dict)  # name -> values (None: unknown)
    returns: list[Any] = field(default_factory=list)


class _LazyKeyRef(KeyRef):
    """A key whose place is computed only if a fix or a finding needs it."""

    __slots__ = ("_lazy",)

    def __init__(self, lazy: Any, lines: Any, quote: str, prefix: str) -> None:
        self._lazy = lazy
        self._lines = lines
        self._span = None
        self.quote = quote
        self.prefix = prefix
        self.identifier = False

    start = property(lambda self: self._lazy.start_offset)  # type: ignore[assignment]
    end = property(lambda self: self._lazy.end_offset)  # type: ignore[assignment]
    span = property(lambda self: self._lazy.resolve())  # type: ignore[assignment]



def _missing_test(test: Any) -> Any:
    """The expression an `if` tests for being missing: `not X`, `X is None`, `X == ""`."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return test.expression
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if isinstance(target.operator, (cst.Is, cst.Equal)) and (
                (isinstance(target.comparator, cst.Name) and target.comparator.value == "None")
                or (isinstance(target.comparator, cst.SimpleString) and target.comparator.value in ('""', "''"))):
            return test.left
    return None

class PyFacts(ValueSource):
    def __init__(self, ctx: PyContext, sink: Sink) -> None:
        self.ctx = ctx
        self.sink = sink
        self.kind = ctx.target.kind
        self.wants = {t: sink.wants(t) for t in (HeaderWrite, Response, EventWrite, EventRead, EnvRead,
                                                  Module, Function, Import, Use, Reference)}
        self.response_fields, self.request_fields = response_tables(self.kind)
        self._scopes: dict[int | None, _Scope] = {}
        self._seen: set[int] = set()
        # Targets of assignments and `del` (writes, not reads), and what they write into
        # (`request["body"]` in `request["body"]["data"] = …`); names bound to os.environ.
        self._writes: set[int] = set()
        self._into: set[int] = set()
        self._env_aliases: dict[tuple[int | None, str], bool] = {}
        self._main_blocks: set[int] = set()
        self._tested: set[int] = set()  # expressions used only for their truth value
        self._raise_if_missing: set[int] = set()  # `if not os.getenv("X"): raise …`
        self._main_depth = 0
        # Top-level definitions (LE007).
        self._top: dict[str, Function | None] = {}
        self._dynamic = False
        self._class_depth = 0
        # Names that are not variable references: parameters, attribute names, keyword arguments.
        self._not_refs: set[int] = set()

    # -- values ------------------------------------------------------------------------------
    def span_of(self, node: Node) -> Span:
        return self.ctx.position(node)

    def _function(self) -> Any:
        stack = self.ctx.function_stack
        return stack[-1] if stack else None

    def value(self, node: Node, scope: Any = None) -> Value:
        if scope is None:
            scope = self._function()
        if isinstance(node, cst.SimpleString):
            if "b" in node.prefix.lower():
                return Value(BYTES, node, scope, self)
            return Value(STRING, node, scope, self, literal=_literal_string(node))
        if isinstance(node, cst.ConcatenatedString):
            return Value(STRING, node, scope, self, literal=_literal_string(node))
        if isinstance(node, cst.FormattedString):
            return Value(TEMPLATE, node, scope, self)
        number = _literal_number(node)
        if number is not None or isinstance(node, (cst.Integer, cst.Float)):
            return Value(NUMBER, node, scope, self, number=number)
        if isinstance(node, cst.Name) and node.value in ("True", "False"):
            return Value(BOOL, node, scope, self)
        if isinstance(node, cst.Name) and node.value == "None":
            return Value(NOTHING, node, scope, self)
        if isinstance(node, cst.Dict):
            fields, spread = self._fields(node, scope)
            return Value(OBJECT, node, scope, self, fields=fields, spread=spread)
        if isinstance(node, (cst.List, cst.Tuple)):
            items = tuple(self.value(e.value, scope) for e in node.elements if not isinstance(e, cst.StarredElement))
            spread = any(isinstance(e, cst.StarredElement) for e in node.elements)
            return Value(LIST, node, scope, self, items=items, spread=spread)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            stringy = any(isinstance(s, _STRINGS) for s in (node.left, node.right))
            return Value(CONCAT, node, scope, self, stringy=stringy)
        return Value(OTHER, node, scope, self)

    def _fields(self, node: cst.Dict, scope: Any) -> tuple[dict[str, Field], bool]:
        fields: dict[str, Field] = {}
        spread = False
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                spread = True
                continue
            key = static_key(element.key)
            if not isinstance(key, str):
                if key is None:
                    spread = True
                continue
            fields[key] = Field(key, self.ctx.position(element), self.value(element.value, scope),
                                self.key_ref(element.key))
        return fields, spread

    def key_ref(self, node: Node) -> KeyRef | None:
        if not isinstance(node, cst.SimpleString):
            return None
        quote = node.quote if node.quote in ("'", '"') else ""
        return _LazyKeyRef(self.ctx.position(node), self.ctx.lines, quote, node.prefix)

    def size_of(self, value: Value) -> int | None:
        return self._size(value.node, value.scope, 0)

    @staticmethod
    def _utf8(text: str) -> int:
        return len(text.encode("utf-8", "surrogatepass"))

    def _size(self, node: Node, function: Any, depth: int) -> int | None:
        if node is None or depth > _MAX_SIZE_DEPTH:
            return None
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            value = string_value(node)
            if isinstance(value, bytes):
                return len(value)
            return self._utf8(value) if isinstance(value, str) else None
        if isinstance(node, cst.FormattedString):
            if all(isinstance(p, cst.FormattedStringText) for p in node.parts):
                return self._utf8("".join(p.value for p in node.parts))
            return None
        if isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, cst.Add):
                left, right = self._size(node.left, function, depth + 1), self._size(node.right, function, depth + 1)
                return left + right if left is not None and right is not None else None
            if isinstance(node.operator, cst.Multiply):
                for text, count in ((node.left, node.right), (node.right, node.left)):
                    if isinstance(count, cst.Integer):
                        unit = self._size(text, function, depth + 1)
                        times = int_literal(count.value, 0)
                        if unit is not None and times is not None:
                            return unit * times
            return None
        if isinstance(node, cst.Name):
            values = self._lookup(node.value, function)
            if values is None or len(values) != 1:
                return None
            return self._size(values[0], function if self._local(node.value, function) else None, depth + 1)
        return None

    def static_of(self, value: Value) -> str | None:
        return _literal_string(value.node)

    def _path(self, node: Node) -> tuple | None:
        return event_path(self.ctx.sym(node), self.kind)

    # -- names each function gives values (for responses and sizes) ------------------------------
    def _record(self, name: str, value: Any) -> None:
        function = self._function()
        scope = self._scopes.setdefault(id(function) if function is not None else None, _Scope())
        scope.assigns.setdefault(name, []).append(value)

    def _lookup(self, name: str, function: Any) -> list[Any] | None:
        """The values a name is given in `function` (its own names) or, failing that, the module."""
        own = self._scopes.get(id(function)) if function is not None else None
        if own is not None and name in own.assigns:
            return own.assigns[name]
        module = self._scopes.get(None)
        if module is not None and name in module.assigns:
            return module.assigns[name]
        return None

    def _local(self, name: str, function: Any) -> bool:
        info = self._scopes.get(id(function)) if function is not None else None
        return info is not None and name in info.assigns

    # -- definitions --------------------------------------------------------------------------------
    def _at_top(self) -> bool:
        return not self.ctx.function_stack and self._class_depth == 0

    def _bind_top(self, target: Node) -> None:
        for name in _names(target):
            self._top.setdefault(name.value, None)

    def function(self, node: cst.FunctionDef) -> Function:
        params = node.params
        out = [Param(p.name.value, p.default is not None, "posonly") for p in params.posonly_params]
        out += [Param(p.name.value, p.default is not None) for p in params.params]
        if isinstance(params.star_arg, cst.Param):
            out.append(Param(params.star_arg.name.value, False, "star"))
        out += [Param(p.name.value, p.default is not None, "kwonly") for p in params.kwonly_params]
        if params.star_kwarg is not None:
            out.append(Param(params.star_kwarg.name.value, False, "starstar"))
        return Function(node.name.value, self.ctx.position(node), self.ctx.position(node.name), tuple(out),
                        node.asynchronous is not None, bool(node.decorators))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            self._record(param.name.value, None)
            self._not_refs.add(id(param.name))
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                self._record(star.name.value, None)
                self._not_refs.add(id(star.name))
        # The engine has already pushed this function: top level means it is alone on the stack.
        stack = self.ctx.function_stack
        if len(stack) == 1 and stack[0] is node and self._class_depth == 0:
            self._top.setdefault(node.name.value, self.function(node))
            if self.wants[Function] and node is self.ctx.handler:
                self.sink(self.function(node))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self._at_top():
            self._top.setdefault(node.name.value, None)
        self._class_depth += 1

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._class_depth -= 1

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self._top.setdefault(item.name.value, None)

    # -- assignments ---------------------------------------------------------------------------------
    def _mark_writes(self, target: Node) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._mark_writes(element.value)
        elif isinstance(target, cst.StarredElement):
            self._mark_writes(target.value)
        else:
            self._writes.add(id(target))
            if isinstance(target, (cst.Subscript, cst.Attribute)):
                self._into.add(id(target.value))  # `request["body"]["data"] = …` writes into the body

    def visit_Assign(self, node: cst.Assign) -> None:
        is_env = self._is_env_mapping(node.value)
        scope = self._scope_key()
        for target in node.targets:
            t = target.target
            self._mark_writes(t)
            if isinstance(t, cst.Name):
                self._record(t.value, node.value)
                # `env = os.environ` makes `env` an alias, in the function (or module) that assigns it.
                if is_env:
                    self._env_aliases[(scope, t.value)] = True
                elif (scope, t.value) in self._env_aliases:
                    self._env_aliases[(scope, t.value)] = False
            elif isinstance(t, (cst.Subscript, cst.Attribute)):
                self._target(t, node.value, "set")
            else:
                for name in _names(t):
                    self._record(name.value, None)
            if self._at_top():
                self._bind_top(t)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is None:
            return
        self._mark_writes(node.target)
        if isinstance(node.target, cst.Name):
            self._record(node.target.value, node.value)
        else:
            self._target(node.target, node.value, "set")
        if self._at_top():
            self._bind_top(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        t = node.target
        if isinstance(t, cst.Name):
            self._record(t.value, None)
        elif isinstance(t, (cst.Subscript, cst.Attribute)):
            self._target(t, node.value, "modify")

    def visit_For(self, node: cst.For) -> None:
        for name in _names(node.target):
            self._record(name.value, None)

    def visit_AsName(self, node: cst.AsName) -> None:
        for name in _names(node.name):
            self._record(name.value, None)

    def visit_Del(self, node: cst.Del) -> None:
        self._mark_writes(node.target)
        targets = [e.value for e in node.target.elements] if isinstance(node.target, (cst.Tuple, cst.List)) \
            else [node.target]
        for target in targets:
            if isinstance(target, cst.Subscript):
                if self.wants[HeaderWrite]:
                    obj = header_container(self._path(target.value))
                    if obj is not None:
                        self.sink(HeaderWrite(self.ctx.position(target), obj, subscript_key(target), "delete",
                                              self._subscript_key_ref(target), language="python"))
                if self.wants[EventWrite]:
                    path = self._path(target)
                    if path:
                        self.sink(EventWrite(target, self, path, "delete", None, self._subscript_key_ref(target), "python"))

    def _subscript_key_ref(self, sub: Node) -> KeyRef | None:
        if isinstance(sub, cst.Subscript) and len(sub.slice) == 1 and isinstance(sub.slice[0].slice, cst.Index):
            return self.key_ref(sub.slice[0].slice.value)
        return None

    def _key_at(self, node: Node, depth: int) -> KeyRef | None:
        for _ in range(depth):
            if not isinstance(node, cst.Subscript):
                return None
            node = node.value
        return self._subscript_key_ref(node) if isinstance(node, cst.Subscript) else None

    def _target(self, target: Node, value: Node, action: str) -> None:
        """An assignment to a subscript or attribute: header and event writes."""
        ctx = self.ctx
        if self.wants[EventWrite]:
            path = self._path(target)
            if path:
                scope = self._function()
                self.sink(EventWrite(target, self, path, action,
                                     (lambda: self.value(value, scope)) if value is not None else None,
                                     self._subscript_key_ref(target), "python"))
        if not self.wants[HeaderWrite] or not isinstance(target, cst.Subscript):
            return
        obj = header_container(self._path(target.value))
        if obj is not None:
            self.sink(HeaderWrite(ctx.position(target), obj, subscript_key(target), action,
                                  self._subscript_key_ref(target),
                                  self.value(value) if action == "set" else None, language="python"))
            return
        path = self._path(target)
        if path and len(path) >= 3 and header_container(path[:2]) and header_rest_ok(path[3:], self.kind):
            rest = path[3:]
            elements = (self.value(value),) if (action == "set" and value is not None and len(rest) == 1) else ()
            self.sink(HeaderWrite(ctx.position(target), path[0], path[2], "modify", self._key_at(target, len(rest)),
                                  elements=elements, rest=rest, language="python"))
            return
        obj = header_container(path)
        if obj is not None and action == "set" and isinstance(value, cst.Dict):
            self._header_entries(value, obj)  # response["headers"] = {...}

    def _header_entries(self, dict_node: cst.Dict, obj: str) -> None:
        for element in dict_node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            name = static_key(element.key)
            if not isinstance(name, str):
                continue
            self.sink(HeaderWrite(self.ctx.position(element), obj, name, "set", self.key_ref(element.key),
                                  self.value(element.value), language="python"))

    # -- returns: generated responses ---------------------------------------------------------------
    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            function = self._function()
            scope = self._scopes.setdefault(id(function) if function is not None else None, _Scope())
            scope.returns.append(node.value)

    def _follow(self, expr: Node, function: Any, depth: int) -> None:
        if expr is None or depth > _MAX_RETURN_DEPTH:
            return
        if isinstance(expr, cst.Dict):
            self._found(expr, True, function)
        elif isinstance(expr, cst.Await):
            self._follow(expr.expression, function, depth)
        elif isinstance(expr, cst.IfExp):
            self._follow(expr.body, function, depth + 1)
            self._follow(expr.orelse, function, depth + 1)
        elif isinstance(expr, cst.BooleanOperation):
            self._follow(expr.right, function, depth + 1)
        elif isinstance(expr, cst.Name):
            values = self._lookup(expr.value, function)
            if values is not None and len(values) == 1:
                if isinstance(values[0], cst.Dict):
                    self._found(values[0], False, function)
                elif isinstance(values[0], (cst.Call, cst.Await)):
                    self._follow(values[0], function, depth + 1)
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name):
            helper = self._helpers().get(expr.func.value)
            if helper is not None and not any(helper is h for h in self.ctx.handlers):
                info = self._scopes.get(id(helper))
                for value in info.returns if info else ():
                    self._follow(value, helper, depth + 1)

    def _helpers(self) -> dict[str, cst.FunctionDef]:
        """Top-level functions by name (a name defined twice is left out)."""
        found: dict[str, Any] = {}
        for stmt in self.ctx.module.body:
            if isinstance(stmt, cst.FunctionDef):
                name = stmt.name.value
                found[name] = None if name in found else stmt
        module = self._scopes.get(None)
        return {k: v for k, v in found.items() if v is not None and not (module and k in module.assigns)}

    def _found(self, node: cst.Dict, direct: bool, function: Any) -> None:
        if id(node) in self._seen:
            return
        keys = {static_key(e.key) for e in node.elements if isinstance(e, cst.DictElement)}
        if not keys & self.response_fields or keys & self.request_fields:
            return
        self._seen.add(id(node))
        value = self.value(node, function)
        if self.wants[Response]:
            self.sink(Response(self.ctx.position(node), value.fields or {}, value.spread, direct, value,
                               language="python"))
        headers = (value.fields or {}).get(_le()["response"]["headers_field"])
        if self.wants[HeaderWrite] and headers is not None and isinstance(headers.value.node, cst.Dict):
            self._header_entries(headers.value.node, GENERATED)

    # -- reads of the event and of the environment --------------------------------------------------
    def visit_Subscript(self, node: cst.Subscript) -> None:
        written = id(node) in self._writes
        if self.wants[EventRead] and not written:
            path = self._path(node)
            if path:
                how = "into" if id(node) in self._into else "read"
                self.sink(EventRead(node, self, path, how, "python"))
        if self.wants[EnvRead] and not written and self._is_env_mapping(node.value):
            key = subscript_key(node)
            if key is None and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
                key = _env_key(node.slice[0].slice.value)
            mapping = self._mapping_name(node.value)
            self._env(node, key, f"`{mapping}[{json.dumps(key)}]`", f"`{self.ctx.code_for(node)}`", raises=True)
        if self.wants[Use] and self.ctx.qualified_names(node.value) & set(_le()["environment"]["python_mappings"]):
            self.sink(Use(node, self, "qualified", min(self.ctx.qualified_names(node.value))))

    def visit_If(self, node: cst.If) -> None:
        if self._is_main_test(node.test):
            self._main_blocks.add(id(node.body))
        self._tested.add(id(node.test))
        missing = _missing_test(node.test)
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        last = body[-1] if body else None
        if missing is not None and isinstance(last, cst.SimpleStatementLine) and \
                any(isinstance(s, cst.Raise) for s in last.body):
            self._raise_if_missing.add(id(missing))

    def visit_IfExp(self, node: cst.IfExp) -> None:
        self._tested.add(id(node.test))

    def visit_While(self, node: cst.While) -> None:
        self._tested.add(id(node.test))

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        if isinstance(node.operator, cst.Not):
            self._tested.add(id(node.expression))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        # `os.getenv("X") is not None`, `os.getenv("X") == "1"`: compared, as JavaScript's `===` is.
        if all(isinstance(c.operator, _EQUALITY) for c in node.comparisons):
            self._tested.update(id(side) for side in (node.left, *(c.comparator for c in node.comparisons)))

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        if isinstance(node.operator, cst.Or):
            self._tested.add(id(node.left))  # `os.getenv("X") or "d"`: the right side is the fallback

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        if id(node) in self._main_blocks:
            self._main_depth += 1

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        if id(original_node) in self._main_blocks:
            self._main_depth -= 1

    @staticmethod
    def _is_main_test(test: Node) -> bool:
        """`__name__ == "__main__"` (either order)."""
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return False
        target = test.comparisons[0]
        if not isinstance(target.operator, cst.Equal):
            return False
        name, main = _le()["environment"]["python_main_test"]
        sides = [test.left, target.comparator]
        names = [s.value for s in sides if isinstance(s, cst.Name)]
        strings = [static_key(s) for s in sides if isinstance(s, (cst.SimpleString, cst.ConcatenatedString))]
        return names == [name] and strings == [main]

    def _scope_key(self) -> int | None:
        function = self._function()
        return id(function) if function is not None else None

    def _is_alias(self, name: str) -> bool:
        for fn in reversed(self.ctx.function_stack):
            found = self._env_aliases.get((id(fn), name))
            if found is not None:
                return found
        return self._env_aliases.get((None, name), False)

    def _is_env_mapping(self, node: Node) -> bool:
        if self.ctx.qualified_names(node) & set(_le()["environment"]["python_mappings"]):
            return True
        return isinstance(node, cst.Name) and self._is_alias(node.value)

    def _mapping_name(self, node: Node) -> str:
        mappings = _le()["environment"]["python_mappings"]
        names = self.ctx.qualified_names(node) & set(mappings)
        return min(names) if names else mappings[0]

    def _env(self, node: Node, key: Any, shown: str, text: str, *, raises: bool = False,
             has_default: bool = False) -> None:
        if self._main_depth:
            return  # local-run code: Lambda imports the module, so this never runs at the edge
        name = None if key is None else str(key)
        fallback = not raises and (has_default or id(node) in self._tested) and id(node) not in self._raise_if_missing
        self.sink(EnvRead(self.ctx.position(node), name, shown, text, raises=raises, has_default=has_default,
                          fallback=fallback, language="python", throws=id(node) in self._raise_if_missing))

    def _env_call(self, node: cst.Call) -> None:
        func = node.func
        env = _le()["environment"]
        readers = set(env["python_readers"])
        names = self.ctx.qualified_names(func) & readers
        if names:
            reader = min(names)
        elif (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and self._is_alias(func.value.value)
              and f"{env['python_mappings'][0]}.{func.attr.value}" in readers):
            reader = f"{env['python_mappings'][0]}.{func.attr.value}"  # env = os.environ; env.get("X")
        else:
            return
        positional = [a for a in node.args if a.keyword is None and not a.star]
        keyword = {a.keyword.value: a for a in node.args if a.keyword is not None}
        key_arg = positional[0] if positional else keyword.get("key")
        if key_arg is None:
            if any(a.star for a in node.args):
                key_arg = node.args[0]  # os.getenv(*args): unknown key
            else:
                return
        key = _env_key(key_arg.value) if not key_arg.star else None
        has_default = len(positional) > 1 or "default" in keyword or "value" in keyword
        shown = f"`{reader}({json.dumps(key)})`" if key is not None else ""
        self._env(node, key, shown, f"`{reader}(…)`", has_default=has_default)

    # -- calls: header lists and dict methods, `.get()` reads, outside names ----------------------------
    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if self.wants[HeaderWrite] and isinstance(func, cst.Attribute) and node.args:
            self._header_call(node, func)
        if self.wants[EventRead] and isinstance(func, cst.Attribute) and func.attr.value == "get":
            path = self._path(node)
            if path:
                self.sink(EventRead(node, self, path, language="python"))
        if self.wants[EnvRead]:
            self._env_call(node)
        if self.wants[Use]:
            scope = self._function()

            def args() -> tuple[Value, ...]:
                return tuple(self.value(a.value, scope) for a in node.args if not a.star)

            for name in self.ctx.qualified_names(func):
                module = name.rpartition(".")[0]
                self.sink(Use(node, self, "call", name, module=module or None, args=args))

    def _header_call(self, node: cst.Call, func: cst.Attribute) -> None:
        method = func.attr.value
        args = [a for a in node.args if a.star == "" and a.keyword is None]
        ctx = self.ctx
        if method in ("pop", "update", "setdefault"):
            obj = header_container(self._path(func.value))
            if obj is None or not args:
                return
            first = args[0].value
            if method == "update":
                if isinstance(first, cst.Dict):
                    self._header_entries(first, obj)
                return
            name = static_key(first)
            if method == "pop":
                self.sink(HeaderWrite(ctx.position(node), obj, name, "delete", self.key_ref(first), language="python"))
            elif len(args) >= 2:  # setdefault adds the header when it is missing
                self.sink(HeaderWrite(ctx.position(node), obj, name, "set", self.key_ref(first),
                                      self.value(args[1].value), language="python"))
        elif method in ("append", "insert"):
            path = self._path(func.value)
            if not path or len(path) != 3 or header_container(path[:2]) is None:
                return
            index = 0 if method == "append" else 1
            elements = (self.value(args[index].value),) if len(args) > index else ()
            key = self._subscript_key_ref(func.value) if isinstance(func.value, cst.Subscript) else None
            self.sink(HeaderWrite(ctx.position(func.value), path[0], path[2], "modify", key, elements=elements,
                                  language="python"))

    def visit_Param(self, node: cst.Param) -> None:
        self._not_refs.add(id(node.name))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._not_refs.add(id(node.keyword))

    def visit_Name(self, node: cst.Name) -> None:
        if not self.wants[Reference] or id(node) in self._not_refs:
            return
        sym = self.ctx.sym(node)
        if sym is not None and sym[:1] == ("context",):
            self.sink(Reference(node, self, "context", node.value))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._not_refs.add(id(node.attr))
        if self.wants[Use]:
            for name in self.ctx.qualified_names(node):
                self.sink(Use(node, self, "qualified", name))

    # -- imports -------------------------------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> None:
        if self._at_top():
            for alias in node.names:
                bound = alias.asname.name if alias.asname else alias.name
                while isinstance(bound, cst.Attribute):  # import a.b binds a
                    bound = bound.value
                self._bind_top(bound)
        if self.wants[Import]:
            for alias in node.names:
                self.sink(Import(self.ctx.position(node), self.ctx.code_for(alias.name).strip(), "import"))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        star = isinstance(node.names, cst.ImportStar)
        if self._at_top():
            if star:
                self._dynamic = True
            else:
                for alias in node.names:
                    self._bind_top(alias.asname.name if alias.asname else alias.name)
        if not self.wants[Import]:
            return
        if node.relative:
            self.sink(Import(self.ctx.position(node), None, "relative"))
            return
        module = self.ctx.code_for(node.module).strip() if node.module is not None else ""
        names = ("*",) if star else tuple(self.ctx.code_for(a.name).strip() for a in node.names)
        self.sink(Import(self.ctx.position(node), module, "from", names))

    # -- the end of the walk ----------------------------------------------------------------------------
    def leave_Module(self, original_node: cst.Module) -> None:
        # Still inside the walk (positions are available only there); rules' own leave_Module
        # visitors run after this.
        self.finish()
        self.sink.end()

    def finish(self) -> None:
        if self.wants[Response] or self.wants[HeaderWrite]:
            for handler in self.ctx.handlers:
                info = self._scopes.get(id(handler))
                for value in info.returns if info else ():
                    self._follow(value, handler, 0)
        if self.wants[Module]:
            handlers = [self.function(h) for h in self.ctx.handlers]
            declared = {name: fn for name, fn in self._top.items() if fn is not None}
            self.sink(Module("python", dict(self._top), handlers, declared, dynamic=self._dynamic))
