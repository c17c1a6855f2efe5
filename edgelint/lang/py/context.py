"""Python front end: libcst parse, one batched walk for every rule, and the context rules see.

Rules name their Python visitors as libcst does (`visit_Call`, `leave_FunctionDef`); all rules'
visitors run in one `MetadataWrapper.visit_batched` traversal. Like the JS context, `sym()` gives
an expression's symbolic path from the handler's parameters, following simple aliases:

    cf = event["Records"][0]["cf"]; req = cf["request"]   ->  req is ("event", "Records", 0, "cf", "request")
"""

from __future__ import annotations

import builtins
from edgelint.records import replace
from typing import Any, Callable, Iterable

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from edgelint.lang.py.keys import static_key, subscript_key
from edgelint.model import EVENTS, Finding, Fix, Severity, Span, Target
from edgelint.suppress import Comment
from edgelint.text import LineIndex

Node = Any
DEFAULT_HANDLERS = ("handler", "lambda_handler")


class PySyntaxError(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


# Past this size a file is first checked with Python's own parser: libcst's takes time quadratic
# in the length of a chain (`1+1+…`, `a.b.…`; 5,000 links: 8 s) and crashes on deep nesting,
# which CPython rejects at once.
_PRECHECK_CHARS = 4096
# Nodes nested deeper than this (in CPython's tree) are not handed to libcst (1,000 links: 0.3 s).
MAX_PYTHON_DEPTH = 1000


# CPython's errors for nesting past its limits (libcst hangs or crashes on the same input).
_NESTING_LIMITS = ("too many nested parentheses", "too many statically nested blocks", "too complex",
                   "too many levels of indentation")


def _precheck(text: str) -> None:
    import ast

    try:
        tree = ast.parse(text)
    except (RecursionError, MemoryError):
        raise PySyntaxError("too deeply nested: Python's own compiler rejects this file "
                            "(too many nested expressions)", 1, 1) from None
    except SyntaxError as exc:
        if any(limit in str(exc.msg) for limit in _NESTING_LIMITS):
            raise PySyntaxError(exc.msg, exc.lineno or 1, exc.offset or 1) from None
        return  # libcst reports the syntax error (maybe newer syntax than this Python's) itself
    except (ValueError, OverflowError):
        return
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_PYTHON_DEPTH:
            line = getattr(node, "lineno", 1)
            raise PySyntaxError(f"expressions nested more than {MAX_PYTHON_DEPTH} deep: not analysed", line, 1)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def parse_python(text: str) -> cst.Module:
    if len(text) > _PRECHECK_CHARS or text.count("(") + text.count("[") + text.count("{") > 200:
        _precheck(text)
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        message = exc.message.removeprefix("parser error: ")
        raise PySyntaxError(message, exc.editor_line, exc.editor_column) from None
    except cst.CSTValidationError as exc:
        # Source the native parser accepts but libcst's nodes refuse (a zero-width joiner in a
        # name): not valid Python either.
        raise PySyntaxError(str(exc).rstrip("."), 1, 1) from None


def find_handlers(module: cst.Module, names: Iterable[str]) -> list[cst.FunctionDef]:
    """Top-level `def NAME(event, context)` functions, for the given handler names."""
    wanted = set(names)
    return [stmt for stmt in module.body if isinstance(stmt, cst.FunctionDef) and stmt.name.value in wanted]


def leading_comments(module: cst.Module) -> list[tuple[str, int]]:
    """Comments before the first statement, with their line numbers (for the pragma)."""
    out = []
    for line, empty in enumerate(module.header, start=1):
        if empty.comment is not None:
            out.append((empty.comment.value, line))
    return out


class PyContext:
    def __init__(self, path: str, text: str, module: cst.Module, target: Target,
                 lines: LineIndex | None = None, byte_size: int | None = None,
                 handler_names: Iterable[str] = DEFAULT_HANDLERS) -> None:
        self.path = path
        self.text = text
        self.module = module
        self.target = target
        self.lines = lines or LineIndex(text)
        self.byte_size = byte_size if byte_size is not None else len(text.encode("utf-8", "surrogatepass"))
        self.findings: list[Finding] = []
        self.comments: list[Comment] = []
        self.handlers = find_handlers(module, handler_names)
        self.handler = self.handlers[0] if self.handlers else None
        self.handler_ids = {id(h) for h in self.handlers}  # a file may define `handler` many times
        self._positions: Any = None  # libcst's PositionProvider map, computed on first use
        self._engine = _EngineVisitor(self)
        # Function scopes, innermost last: name -> sym.
        self._scopes: list[dict[str, tuple | None]] = [{}]
        self.function_stack: list[cst.FunctionDef | cst.Lambda] = []
        # Set by the walk when the code reads event["Records"][0]["cf"] (the Lambda@Edge shape).
        self.records_cf = False
        # Targets to restore when leaving a branch guarded by the event type.
        self._targets: list[Target] = []

    # -- target ------------------------------------------------------------------
    @property
    def runtime(self) -> str:
        return self.target.runtime

    @property
    def event(self) -> str | None:
        return self.target.event

    # -- metadata ----------------------------------------------------------------
    def position(self, node: Node) -> "LazySpan":
        """Where a node is, computed when first read: facts record positions for everything
        they see, but only findings need them, and most files have none."""
        return LazySpan(self, node)

    def _position_now(self, node: Node) -> Span:
        if self._positions is None:
            self._positions = _positions(self.module)
        code_range = self._positions[node]
        start, end = code_range.start, code_range.end
        start_offset = self.lines.offset(start.line, start.column + 1)
        end_offset = self.lines.offset(end.line, end.column + 1)
        return Span(start.line, start.column + 1, end.line, end.column + 1, start_offset, end_offset)

    def qualified_names(self, node: Node) -> set[str]:
        """Import-resolved names: `from os import environ as e; e.get` -> {'os.environ.get'};
        an unbound builtin `open` -> {'builtins.open'}; a local `def getenv` -> set().

        Imports are tracked by the engine's own visitor (libcst's QualifiedNameProvider costs
        four times the rest of the analysis)."""
        sym = self.sym(node)
        if not sym or "()" in sym or any(not isinstance(step, str) for step in sym[1:]):
            return set()
        if sym[0] == "module":
            return {".".join(sym[1:])}
        if sym[0] == "global" and sym[1] in _BUILTINS:
            return {"builtins." + ".".join(sym[1:])}
        return set()

    def code_for(self, node: Node) -> str:
        return self.module.code_for_node(node)

    # -- reporting ---------------------------------------------------------------
    def report(self, rule: Any, node: Node | Span | None, message: str, *,
               severity: Severity | None = None, help: str | None = None, fix: Fix | None = None) -> None:
        if node is None:
            span = Span(1, 1, 1, 1, 0, 0)
        elif isinstance(node, Span):
            span = node
        elif isinstance(node, LazySpan):
            span = node.resolve()
        else:
            span = self._position_now(node)
        self.findings.append(Finding(
            code=rule.code, name=rule.name, severity=severity or rule.severity, message=message,
            help=help or rule.help, path=self.path, span=span, target=self.target, fix=fix))

    # -- symbolic values ---------------------------------------------------------
    def lookup(self, name: str) -> tuple | None | bool:
        """The sym bound to `name` in the enclosing functions; False if the file never binds it."""
        for scope in reversed(self._scopes):
            if name in scope:
                return scope[name]
        return False

    def sym(self, node: Node) -> tuple | None:
        steps: list = []
        while node is not None:
            if isinstance(node, cst.Subscript):
                key = subscript_key(node)
                if key is None:
                    return None
                steps.append(key)
                node = node.value
            elif isinstance(node, cst.Attribute):
                steps.append(node.attr.value)
                node = node.value
            elif (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
                  and node.func.attr.value == "get" and node.args
                  and static_key(node.args[0].value) is not None):
                steps.append(static_key(node.args[0].value))  # d.get('key'[, default])
                node = node.func.value
            elif isinstance(node, cst.Name):
                base = self.lookup(node.value)
                if base is False:
                    base = ("global", node.value)
                if base is None:
                    return None
                return base + tuple(reversed(steps))
            elif isinstance(node, cst.BooleanOperation) and node.operator.__class__ is cst.Or:
                node = node.left  # `headers or {}`
            else:
                return None
        return None

    # -- walk --------------------------------------------------------------------
    def walk(self, rules: list[Any], extractor: Any = None) -> None:
        """One walk for all: the engine's scopes first, then the facts extractor, then the rules.

        Not libcst's visitor: that one rebuilds every node it passes (a visitor may replace
        children), which is most of the time a Python file takes. This walk reads the tree in
        place, in source order, and skips whitespace and punctuation nodes no visitor handles."""
        visitors = [self._engine, *([extractor] if extractor is not None else []),
                    *(rule for rule in rules if _rule_methods(type(rule)))]
        if "edgelint" in self.text:  # suppressions and pragmas: read only where they can be
            self.comments = python_comments(self.text, self.lines)
        _walk(self.module, _dispatch(visitors))


def _positions(module: cst.Module) -> Any:
    """Every node's CodeRange, from libcst's PositionProvider run directly: through a
    MetadataWrapper it costs a second full visit of the tree for nothing this module needs."""
    try:
        provider = PositionProvider()
        provider._gen_impl(module)  # noqa: SLF001 - the provider's own code-generation pass
        return provider._computed  # noqa: SLF001
    except AttributeError:  # a libcst whose internals moved: the public, slower way
        return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)


class LazySpan:
    """A node's Span, computed on first use (reads like a Span)."""

    __slots__ = ("_ctx", "_node", "_span")

    def __init__(self, ctx: PyContext, node: Node) -> None:
        self._ctx = ctx
        self._node = node
        self._span: Span | None = None

    def resolve(self) -> Span:
        if self._span is None:
            self._span = self._ctx._position_now(self._node)
        return self._span

    line = property(lambda self: self.resolve().line)
    column = property(lambda self: self.resolve().column)
    end_line = property(lambda self: self.resolve().end_line)
    end_column = property(lambda self: self.resolve().end_column)
    start_offset = property(lambda self: self.resolve().start_offset)
    end_offset = property(lambda self: self.resolve().end_offset)

    def __eq__(self, other: object) -> bool:
        return self.resolve() == (other.resolve() if isinstance(other, LazySpan) else other)

    def __hash__(self) -> int:
        return hash(self.resolve())

    def __repr__(self) -> str:
        return repr(self.resolve())


def python_comments(text: str, lines: LineIndex) -> list[Comment]:
    """Every comment of the source, with its span (tokenize: comments are not in libcst's nodes'
    fields the walk reads)."""
    import io
    import tokenize

    out = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type != tokenize.COMMENT:
                continue
            (line, column), (end_line, end_column) = token.start, token.end
            start = lines.offset(line, column + 1)
            span = Span(line, column + 1, end_line, end_column + 1, start, start + len(token.string))
            out.append(Comment(token.string.lstrip("#"), span, bool(token.line[:column].strip())))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass  # libcst parsed it; tokenize's stricter rules only cost us comments past that point
    return out


# Fields that hold whitespace, comments, brackets and punctuation: nothing a visitor handles.
_SKIP_FIELDS = frozenset({
    "leading_lines", "lines_after_decorators", "header", "footer", "lpar", "rpar", "comma", "semicolon",
    "newline", "indent", "trailing_whitespace", "default_indent", "default_newline", "colon", "equal", "dot",
    "star", "operator", "lbracket", "rbracket", "lbrace", "rbrace", "asynchronous", "encoding",
    "has_trailing_newline", "lines_after_decorators", "whitespace", "walrus", "arrow", "relative"})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        import dataclasses

        names = _FIELDS[cls] = tuple(
            f.name for f in dataclasses.fields(cls)
            if f.name not in _SKIP_FIELDS and not f.name.startswith("whitespace"))
    return names


def _dispatch(visitors: list[Any]) -> dict[Any, list[Callable[[Node], Any]]]:
    """Class name → the visitors' `visit_X` (key name) and `leave_X` (key (name, "leave"));
    (class name, field) → `visit_X_field`, and ((class name, field), "leave") → `leave_X_field`."""
    table: dict[Any, list[Callable[[Node], Any]]] = {}
    for visitor in visitors:
        for name in _rule_methods(type(visitor)):
            kind, _, rest = name.partition("_")
            cls_name, _, field = rest.partition("_")
            key: Any = (cls_name, field) if field else cls_name
            table.setdefault(key if kind == "visit" else (key, "leave"), []).append(getattr(visitor, name))
    return table


def _walk(module: Node, table: dict[Any, list[Callable[[Node], Any]]]) -> None:
    """Depth first, children in field order (source order for the nodes that matter), calling
    `visit_X` before and `leave_X` after a node's children."""
    stack: list[Any] = [module]
    get = table.get
    is_node = _IS_NODE
    while stack:
        item = stack.pop()
        if type(item) is tuple:  # a deferred call: (functions, node)
            for fn in item[0]:
                fn(item[1])
            continue
        name = type(item).__name__
        for fn in get(name, ()):
            fn(item)
        leave = get((name, "leave"))
        if leave:
            stack.append((leave, item))
        for field in reversed(_child_fields(type(item))):
            value = getattr(item, field)
            hooks = get((name, field))
            after = get(((name, field), "leave"))
            if after:
                stack.append((after, item))
            kind = type(value)
            if kind is list or kind is tuple:
                stack.extend(child for child in reversed(value) if _node_type(type(child), is_node))
            elif _node_type(kind, is_node):
                stack.append(value)
            if hooks:
                stack.append((hooks, item))


# Whether a type is a libcst node (cst.CSTNode is an ABC: isinstance on it is slow).
_IS_NODE: dict[type, bool] = {}


def _node_type(kind: type, known: dict[type, bool]) -> bool:
    answer = known.get(kind)
    if answer is None:
        answer = known[kind] = issubclass(kind, cst.CSTNode)
    return answer


def _rule_methods(cls: type) -> list[str]:
    cached = cls.__dict__.get("_edgelint_py_methods")
    if cached is None:
        cached = [a for a in dir(cls) if a.startswith(("visit_", "leave_"))]
        setattr(cls, "_edgelint_py_methods", cached)
    return cached


class _EngineVisitor:
    """Runs first on every node: function scopes and aliases, for the rules after it."""

    def __init__(self, ctx: PyContext) -> None:
        self.ctx = ctx

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        ctx = self.ctx
        ctx._scopes[-1][node.name.value] = None  # a local def shadows an import of the same name
        scope: dict[str, tuple | None] = {}
        params = [p.name.value for p in node.params.params]
        is_handler = id(node) in ctx.handler_ids
        for index, name in enumerate(params):
            scope[name] = (("event",), ("context",))[index] if is_handler and index < 2 else None
        for param in (*node.params.posonly_params, *node.params.kwonly_params):
            scope[param.name.value] = None
        ctx._scopes.append(scope)
        ctx.function_stack.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.ctx._scopes.pop()
        self.ctx.function_stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.ctx._scopes.append({p.name.value: None for p in node.params.params})
        self.ctx.function_stack.append(node)

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.ctx._scopes.pop()
        self.ctx.function_stack.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        ctx = self.ctx
        for target in node.targets:
            names = target.target
            if isinstance(names, cst.Name):
                self._bind(names.value, ctx.sym(node.value))
            elif isinstance(names, (cst.Tuple, cst.List)):
                # `request, response = cf["request"], cf["response"]`: pair the elements.
                values = node.value.elements if isinstance(node.value, (cst.Tuple, cst.List)) else None
                for index, element in enumerate(names.elements):
                    if isinstance(element.value, cst.Name):
                        value = (ctx.sym(values[index].value) if values is not None and len(values) == len(names.elements)
                                 and not isinstance(values[index], cst.StarredElement) else None)
                        self._bind(element.value.value, value)

    def _bind(self, name: str, value: tuple | None) -> None:
        # A name assigned twice with different values is not a reliable alias.
        scope = self.ctx._scopes[-1]
        scope[name] = value if name not in scope or scope[name] == value else None

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name) and node.value is not None:
            self.ctx._scopes[-1][node.target.value] = self.ctx.sym(node.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.ctx._scopes[-1][node.name.value] = None

    def visit_Import(self, node: cst.Import) -> None:
        scope = self.ctx._scopes[-1]
        for alias in node.names:
            dotted = _dotted(alias.name)
            if dotted is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                scope[alias.asname.name.value] = ("module", *dotted)  # import a.b as x: x is a.b
            else:
                scope[dotted[0]] = ("module", dotted[0])  # import a.b binds a

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        module = _dotted(node.module) if node.module is not None else ()
        relative = bool(node.relative)
        scope = self.ctx._scopes[-1]
        for alias in node.names:
            name = alias.asname.name if alias.asname else alias.name
            if not isinstance(name, cst.Name) or not isinstance(alias.name, cst.Name):
                continue
            if relative or module is None:
                scope[name.value] = None  # a project module: not a library name
            else:
                scope[name.value] = ("module", *module, alias.name.value)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        ctx = self.ctx
        if ctx.records_cf or subscript_key(node) != "cf":
            return
        inner = node.value
        if isinstance(inner, cst.Subscript) and subscript_key(inner) == 0:
            records = inner.value
            if isinstance(records, cst.Subscript) and subscript_key(records) == "Records":
                ctx.records_cf = True
            elif (isinstance(records, cst.Call) and isinstance(records.func, cst.Attribute)
                  and records.func.attr.value == "get" and records.args
                  and static_key(records.args[0].value) == "Records"):
                ctx.records_cf = True

    # `if cf["config"]["eventType"] == "origin-request":` — the branch runs only on that event.
    def visit_If_body(self, node: cst.If) -> None:
        self._enter_branch(self._event_test(node.test, True))

    def leave_If_body(self, node: cst.If) -> None:
        self._leave_branch()

    def visit_If_orelse(self, node: cst.If) -> None:
        self._enter_branch(self._event_test(node.test, False))

    def leave_If_orelse(self, node: cst.If) -> None:
        self._leave_branch()

    def _enter_branch(self, event: str | None) -> None:
        ctx = self.ctx
        ctx._targets.append(ctx.target)
        if event is not None and event != ctx.target.event:
            ctx.target = replace(ctx.target, event=event)

    def _leave_branch(self) -> None:
        self.ctx.target = self.ctx._targets.pop()

    def _event_test(self, test: Node, positive: bool) -> str | None:
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return None
        target = test.comparisons[0]
        if not isinstance(target.operator, cst.Equal if positive else cst.NotEqual):
            return None
        for probe, literal in ((test.left, target.comparator), (target.comparator, test.left)):
            value = static_key(literal)
            sym = self.ctx.sym(probe)
            if value in EVENTS and sym and len(sym) >= 2 and sym[-1] == "eventType" and sym[-2] == "config":
                return value  # type: ignore[return-value]
        return None




_BUILTINS = frozenset(dir(builtins))


def _dotted(node: Node) -> tuple[str, ...] | None:
    """`a.b.c` as ("a", "b", "c")."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return tuple(reversed(parts))
