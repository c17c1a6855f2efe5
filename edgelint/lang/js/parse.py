"""Parse JavaScript and TypeScript, and build scopes while the tree is built.

tree-sitter parses; `treesitter.Converter` builds ESTree nodes bottom-up and hands each finished
node (children before parents) to the collector here, which assigns declarations to the scopes
that own them, so the single walk afterwards resolves every identifier (hoisting included)
without a second pass.
"""

from __future__ import annotations

import re
from edgelint.records import dataclass, field
from typing import Any, Iterator

from edgelint.text import finite

Node = Any

# File extensions per tree-sitter grammar. `.js` may hold JSX; `.ts` never does (`<T>x` is a cast).
JS_DIALECTS = {".js": "js", ".mjs": "js", ".cjs": "js", ".jsx": "js",
               ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx"}


def dialect_of(path: str) -> str:
    """The grammar for a file name; names without a known extension (stdin) are JavaScript."""
    dot = path.rfind(".")
    return JS_DIALECTS.get(path[dot:].lower(), "js") if dot != -1 else "js"


class Binding:
    """A declared name: where it is declared and every value the file gives it.

    `values` holds (expression or None, scope it is evaluated in, destructuring path) for each
    assignment and, for a parameter of a function only ever called directly, each call's
    argument. The context derives what the name aliases from all of them (flow-insensitively),
    so an alias holds wherever the name is used, and a reassigned name aliases nothing.
    """

    __slots__ = ("name", "kind", "node", "decl", "init", "path", "sym", "start", "scope", "values",
                 "state")

    def __init__(self, name: str, kind: str, node: Node, decl: Node, init: Node = None,
                 path: tuple = ()) -> None:
        self.name = name
        self.kind = kind  # var, let, const, function, class, param, import, catch
        self.node = node  # the declaring identifier
        self.decl = decl  # VariableDeclarator, function, class or import declaration
        self.init = init
        self.path = path
        self.sym: tuple | None = None
        self.start: int = node.range[0]
        self.scope: "Scope | None" = None
        self.values: list[tuple[Node, "Scope", tuple]] = []
        self.state = 0  # 0 not resolved, 1 resolving, 2 resolved (sym is final)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Binding({self.name!r}, {self.kind}, sym={self.sym})"


class Scope:
    __slots__ = ("node", "kind", "bindings", "parent", "writes", "calls")

    def __init__(self, node: Node, kind: str) -> None:
        self.node = node
        self.kind = kind
        self.bindings: dict[str, Binding] = {}
        self.parent: Scope | None = None
        # Assignments to plain names and direct calls of plain names made in this scope.
        self.writes: list[tuple[str, Node, tuple]] = []
        self.calls: list[tuple[str, Node]] = []

    def resolve(self, name: str) -> Binding | None:
        scope: Scope | None = self
        while scope is not None:
            binding = scope.bindings.get(name)
            if binding is not None:
                return binding
            scope = scope.parent
        return None


@dataclass
class SyntaxProblem:
    """Where a file stops being valid, for EL001: a message and character offsets."""

    message: str
    start: int
    end: int


@dataclass
class ParsedJs:
    program: Node
    comments: list[Node]
    scopes: dict[int, Scope]
    source_type: str
    # Cheap facts gathered during parsing, used to decide whether a file is edge code.
    records_cf: list[Node] = field(default_factory=list)
    member_roots: set[tuple[str, str]] = field(default_factory=set)
    commonjs_exports: list[Node] = field(default_factory=list)
    dialect: str = "js"
    # The first syntax error (None for a valid file). The tree then holds every statement
    # that parsed; the ones containing errors are left out.
    error: SyntaxProblem | None = None
    # TypeScript constructs with run-time code the compiler rewrites (enum, namespace, parameter
    # properties, decorators): (construct, start offset, end offset).
    ts_syntax: list[tuple[str, int, int]] = field(default_factory=list)
    # What the code says about its target: property names it reads (`String.bytesFrom`), names
    # it uses, whether it uses syntax only cloudfront-js-2.0 has (let, const, async, import), and
    # whether it reads `cf.response` (a Lambda@Edge response event).
    member_names: set[str] = field(default_factory=set)
    global_names: set[str] = field(default_factory=set)
    uses_20_syntax: bool = False
    reads_cf_response: bool = False
    # The code asks which event it runs in (`cf.config.eventType`, `'response' in cf`): one handler
    # for several events, so a `cf.response` read does not make it a response-event handler.
    branches_on_event: bool = False


class JsSyntaxError(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class NestingTooDeep(Exception):
    """Code nested beyond what edgelint analyses."""


def member_key(node: Node) -> str | int | None:
    """The property name of a MemberExpression when it is static (`a.b`, `a['b']`, `a[0]`)."""
    prop = node.property
    if not node.computed:
        return prop.name if prop.type in ("Identifier", "PrivateIdentifier") else None
    if prop.type == "Literal":
        value = prop.value
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)) and finite(value) and value == int(value):
            return int(value)
        if isinstance(value, str):
            return value
    if prop.type == "TemplateLiteral" and not prop.expressions and len(prop.quasis) == 1:
        return prop.quasis[0].value.cooked
    return None


def property_key(prop: Node) -> str | int | None:
    """The static key of an object Property (`{a: 1}`, `{'a': 1}`, `{[`a`]: 1}`)."""
    key = prop.key
    if key is None:
        return None
    if not prop.computed and key.type == "Identifier":
        return key.name
    if key.type == "Literal" and isinstance(key.value, (str, int, float)) and not isinstance(key.value, bool):
        if isinstance(key.value, str):
            return key.value
        return int(key.value) if finite(key.value) and key.value == int(key.value) else None
    return None


def pattern_names(pattern: Node, path: tuple = ()) -> Iterator[tuple[Node, tuple]]:
    """Yield (identifier, path) for every name a binding pattern declares."""
    if pattern is None:
        return
    t = pattern.type
    if t == "Identifier":
        yield pattern, path
    elif t == "ObjectPattern":
        for prop in pattern.properties:
            if prop.type == "RestElement":
                yield from pattern_names(prop.argument, path + (None,))
            else:
                yield from pattern_names(prop.value, path + (property_key(prop),))
    elif t == "ArrayPattern":
        for i, element in enumerate(pattern.elements):
            if element is None:
                continue
            if element.type == "RestElement":
                yield from pattern_names(element.argument, path + (None,))
            else:
                yield from pattern_names(element, path + (i,))
    elif t == "AssignmentPattern":
        yield from pattern_names(pattern.left, path)
    elif t == "RestElement":
        yield from pattern_names(pattern.argument, path + (None,))


_FUNCTIONS = ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")
# Names a build step replaces (`__API_BASE_URL__`, a bundler `define`; `$_Name_` for a `${Name}`
# template placeholder): opaque values, never globals to report.
PLACEHOLDER_RE = re.compile(r"^(__[A-Za-z][A-Za-z0-9_]*__|\$_[A-Za-z][A-Za-z0-9_]*_)$")


def _opaque(name: str, program: Node) -> "Binding":
    from edgelint.lang.js.estree import CLASSES

    ident = CLASSES["Identifier"](0, 0, name)
    binding = Binding(name, "var", ident, ident)
    binding.state = 2  # resolved, aliasing nothing
    return binding


class _Collector:
    """Sees every node as it is finished; assigns each declaration to the innermost scope that
    owns it."""

    def __init__(self, result: ParsedJs) -> None:
        self.result = result
        self.pending: list[Binding] = []
        # Registered scopes waiting for their parent; writes and calls waiting for their scope.
        self.pending_scopes: list[Scope] = []
        self.pending_writes: list[tuple[int, str, Node, tuple]] = []
        self.pending_calls: list[tuple[int, str, Node]] = []
        # How often each name appears, and how often as a direct callee: a function whose name
        # appears elsewhere may be called with anything, so its parameters alias nothing.
        self.name_counts: dict[str, int] = {}
        self.callee_counts: dict[str, int] = {}
        # Names bound to `event.Records[0].cf` (`const cf = …`): `cf.response` reads the response.
        self.cf_names: set[str] = set()

    def __call__(self, node: Node) -> None:
        handler = _HANDLERS.get(node.type)
        if handler is not None:
            handler(self, node)

    def declare_opaque(self, ident: Node) -> None:
        """A name declared by code that could not be read: it exists, and aliases nothing."""
        binding = Binding(ident.name, "var", ident, ident)
        binding.state = 2  # resolved: sym stays None
        self.pending.append(binding)

    def mark(self) -> tuple[int, ...]:
        """The state before a statement, to undo it if the statement turns out broken."""
        result = self.result
        return (len(self.pending), len(self.pending_scopes), len(self.pending_writes),
                len(self.pending_calls), len(result.records_cf), len(result.commonjs_exports))

    def rollback(self, mark: tuple[int, ...]) -> None:
        result = self.result
        del self.pending[mark[0]:]
        del self.pending_scopes[mark[1]:]
        del self.pending_writes[mark[2]:]
        del self.pending_calls[mark[3]:]
        del result.records_cf[mark[4]:]
        del result.commonjs_exports[mark[5]:]

    # -- helpers -------------------------------------------------------------
    def _claim(self, node: Node, kind: str, block_only: bool) -> Scope:
        scope = Scope(node, kind)
        start = node.range[0]
        pending = self.pending
        kept: list[Binding] = []
        while pending and pending[-1].start >= start:
            binding = pending.pop()
            if block_only and binding.kind == "var":
                kept.append(binding)
            else:
                # Popped last-first, so the earliest declaration of a name is kept.
                scope.bindings[binding.name] = binding
        pending.extend(reversed(kept))
        return scope

    def _register(self, scope: Scope) -> None:
        if not (scope.bindings or scope.kind in ("function", "program")):
            return  # its writes and calls stay pending for the enclosing scope
        self.result.scopes[id(scope.node)] = scope
        start = scope.node.range[0]
        for binding in scope.bindings.values():
            binding.scope = scope
        pending_scopes = self.pending_scopes
        while pending_scopes and pending_scopes[-1].node.range[0] >= start:
            pending_scopes.pop().parent = scope
        pending_scopes.append(scope)
        writes = self.pending_writes
        while writes and writes[-1][0] >= start:
            _, name, value, path = writes.pop()
            scope.writes.append((name, value, path))
        calls = self.pending_calls
        while calls and calls[-1][0] >= start:
            _, name, call = calls.pop()
            scope.calls.append((name, call))

    # -- node handlers ---------------------------------------------------------
    def variable_declaration(self, node: Node) -> None:
        if node.kind != "var":
            self.result.uses_20_syntax = True
        for declarator in node.declarations:
            init = declarator.init
            is_cf = init is not None and (init.type == "MemberExpression" and member_key(init) == "cf" or
                                          init.type == "Identifier" and init.name in self.cf_names)
            if is_cf and declarator.id.type == "Identifier":
                self.cf_names.add(declarator.id.name)  # const cf = event.Records[0].cf
            if (is_cf and declarator.id.type == "ObjectPattern"
                    and any(property_key(p) == "response" for p in declarator.id.properties if p.type == "Property")):
                self.result.reads_cf_response = True  # const { response } = event.Records[0].cf
            for ident, path in pattern_names(declarator.id):
                self.pending.append(Binding(ident.name, node.kind, ident, declarator, declarator.init, path))

    def function(self, node: Node) -> None:
        if node.isAsync:
            self.result.uses_20_syntax = True
        scope = self._claim(node, "function", block_only=False)
        for index, param in enumerate(node.params):
            for ident, path in pattern_names(param):
                binding = Binding(ident.name, "param", ident, node, None, (index,) + path)
                scope.bindings.setdefault(ident.name, binding)
        if node.id is not None:
            if node.type == "FunctionDeclaration":
                self.pending.append(Binding(node.id.name, "function", node.id, node))
            else:  # a named function expression sees its own name
                scope.bindings.setdefault(node.id.name, Binding(node.id.name, "function", node.id, node))
        self._register(scope)

    def block(self, node: Node) -> None:
        self._register(self._claim(node, "block", block_only=True))

    def catch_clause(self, node: Node) -> None:
        scope = self._claim(node, "block", block_only=True)
        for ident, path in pattern_names(node.param):
            scope.bindings.setdefault(ident.name, Binding(ident.name, "catch", ident, node, None, path))
        self._register(scope)

    def class_node(self, node: Node) -> None:
        if node.id is None:
            return
        binding = Binding(node.id.name, "class", node.id, node)
        if node.type == "ClassDeclaration":
            self.pending.append(binding)
        else:
            scope = Scope(node, "block")
            scope.bindings[binding.name] = binding
            self._register(scope)

    def import_declaration(self, node: Node) -> None:
        self.result.uses_20_syntax = True
        source = node.source.value
        for spec in node.specifiers:
            local = spec.local
            binding = Binding(local.name, "import", local, node)
            if spec.type == "ImportSpecifier":
                imported = spec.imported
                name = imported.name if imported.type == "Identifier" else imported.value
                binding.sym = ("module", source, name)
            else:  # default or namespace import
                binding.sym = ("module", source)
            binding.state = 2
            self.pending.append(binding)

    def program(self, node: Node) -> None:
        scope = Scope(node, "program")
        for binding in self.pending:
            scope.bindings.setdefault(binding.name, binding)
        self.pending.clear()
        declared = set(scope.bindings)
        for other in self.result.scopes.values():
            declared.update(other.bindings)
        for name in self.name_counts:
            if name in declared:
                continue
            if PLACEHOLDER_RE.match(name):
                # `__API_URL__`: a value the build puts in (a bundler define); opaque, never a global.
                scope.bindings[name] = _opaque(name, node)
            else:
                self.result.global_names.add(name)
        self._register(scope)
        _link(self)

    def member(self, node: Node) -> None:
        obj = node.object
        key = member_key(node)
        if not node.computed and isinstance(key, str):
            self.result.member_names.add(key)
            if key == "eventType":
                self.result.branches_on_event = True
        if obj.type == "Identifier":
            if key in ("request", "response", "Records"):
                self.result.member_roots.add((obj.name, key))
            if key == "response" and obj.name in self.cf_names:
                self.result.reads_cf_response = True
        elif key == "cf" and obj.type == "MemberExpression" and member_key(obj) == 0:
            inner = obj.object
            if inner.type == "MemberExpression" and member_key(inner) == "Records":
                self.result.records_cf.append(node)
        elif key == "response" and obj.type == "MemberExpression" and member_key(obj) == "cf":
            self.result.reads_cf_response = True

    def assignment(self, node: Node) -> None:
        left = node.left
        if left.type == "Identifier":
            value = node.right if node.operator == "=" else None
            self.pending_writes.append((node.range[0], left.name, value, ()))
            return
        if left.type in ("ObjectPattern", "ArrayPattern"):
            for ident, path in pattern_names(left):
                self.pending_writes.append((node.range[0], ident.name, node.right, path))
            return
        if left.type != "MemberExpression":
            return
        obj = left.object
        if obj.type == "Identifier" and obj.name in ("exports", "module"):
            self.result.commonjs_exports.append(node)
        elif (obj.type == "MemberExpression" and obj.object.type == "Identifier"
              and obj.object.name == "module" and member_key(obj) == "exports"):
            self.result.commonjs_exports.append(node)

    def update(self, node: Node) -> None:
        if node.argument.type == "Identifier":
            self.pending_writes.append((node.range[0], node.argument.name, None, ()))

    def for_in_of(self, node: Node) -> None:
        left = node.left
        if left.type != "VariableDeclaration":  # `for (x in o)` assigns an existing name
            for ident, _ in pattern_names(left):
                self.pending_writes.append((node.range[0], ident.name, None, ()))
        self.block(node)

    def call(self, node: Node) -> None:
        callee = node.callee
        if callee.type == "Identifier":
            self.pending_calls.append((node.range[0], callee.name, node))
            self.callee_counts[callee.name] = self.callee_counts.get(callee.name, 0) + 1

    def identifier(self, node: Node) -> None:
        self.name_counts[node.name] = self.name_counts.get(node.name, 0) + 1


def _function_of(binding: Binding) -> Node | None:
    if binding.kind == "function" and binding.decl.type in _FUNCTIONS:
        return binding.decl
    if binding.kind in ("var", "let", "const") and binding.init is not None and not binding.path:
        init = binding.init
        return init if init.type in _FUNCTIONS else None
    return None


def _link(collector: _Collector) -> None:
    """Attach every write to the binding it assigns, and every direct call's arguments to the
    parameters of the function it calls (when that function is only ever called directly)."""
    scopes = collector.result.scopes
    for scope in scopes.values():
        for name, value, path in scope.writes:
            binding = scope.resolve(name)
            if binding is not None:
                binding.values.append((value, scope, path))
        for name, call in scope.calls:
            binding = scope.resolve(name)
            if binding is None:
                continue
            function = _function_of(binding)
            if function is None:
                continue
            # The name also appears other than as a callee (or twice declared): it may escape.
            uses = collector.name_counts.get(name, 0) - collector.callee_counts.get(name, 0)
            if uses != 1:
                continue
            function_scope = scopes.get(id(function))
            if function_scope is None:
                continue
            args = call.arguments
            spread = next((i for i, a in enumerate(args) if a.type == "SpreadElement"), len(args))
            for param in function_scope.bindings.values():
                if param.kind != "param" or param.decl is not function:
                    continue
                index, rest = param.path[0], param.path[1:]
                arg = args[index] if index < spread and index < len(args) else None
                param.values.append((arg, scope, rest))


def _binary(self: "_Collector", node: Node) -> None:
    left = node.left
    if node.operator == "in" and left.type == "Literal" and left.value in ("request", "response"):
        self.result.branches_on_event = True  # 'response' in event.Records[0].cf


_HANDLERS = {
    "BinaryExpression": _binary,
    "VariableDeclaration": _Collector.variable_declaration,
    "FunctionDeclaration": _Collector.function,
    "FunctionExpression": _Collector.function,
    "ArrowFunctionExpression": _Collector.function,
    "BlockStatement": _Collector.block,
    "StaticBlock": _Collector.block,
    "ForStatement": _Collector.block,
    "ForInStatement": _Collector.for_in_of,
    "ForOfStatement": _Collector.for_in_of,
    "SwitchStatement": _Collector.block,
    "CatchClause": _Collector.catch_clause,
    "ClassDeclaration": _Collector.class_node,
    "ClassExpression": _Collector.class_node,
    "ImportDeclaration": _Collector.import_declaration,
    "Program": _Collector.program,
    "MemberExpression": _Collector.member,
    "AssignmentExpression": _Collector.assignment,
    "UpdateExpression": _Collector.update,
    "CallExpression": _Collector.call,
    "Identifier": _Collector.identifier,
}

_LANGUAGES: dict[str, Any] = {}


def _parser(dialect: str) -> tuple[Any, Any, Any]:
    """(parser, comment query, QueryCursor) for a dialect; built once per process."""
    cached = _LANGUAGES.get(dialect)
    if cached is None:
        import tree_sitter

        if dialect == "js":
            import tree_sitter_javascript

            language = tree_sitter.Language(tree_sitter_javascript.language())
        else:
            import tree_sitter_typescript

            raw = (tree_sitter_typescript.language_tsx() if dialect == "tsx"
                   else tree_sitter_typescript.language_typescript())
            language = tree_sitter.Language(raw)
        query = tree_sitter.Query(language, "(comment) @c (html_comment) @c" if dialect == "js" else "(comment) @c")
        cached = _LANGUAGES[dialect] = (tree_sitter.Parser(language), query, tree_sitter.QueryCursor)
    return cached


def parse_js(text: str, dialect: str = "js") -> ParsedJs:
    """Parse JavaScript (`js`, JSX included), TypeScript (`ts`) or TSX (`tsx`) to ESTree.

    Never raises for a syntax error: `ParsedJs.error` names the first one and the tree keeps the
    statements that parsed. Raises NestingTooDeep for code nested beyond MAX_NESTING.
    """
    from edgelint.lang.js.treesitter import Broken, Converter, TooDeep, collect_comments, first_error

    parser, query, cursor = _parser(dialect)
    source = text.encode("utf-8", "surrogatepass")
    tree = parser.parse(source)
    root = tree.root_node
    result = ParsedJs(program=None, comments=[], scopes={}, source_type="script", dialect=dialect)
    collector = _Collector(result)
    converter = Converter(text, source, collector, _HANDLERS, dialect != "js")
    try:
        result.program = converter.program(root)
    except TooDeep:
        raise NestingTooDeep() from None
    except Broken as exc:  # pragma: no cover - statements catch their own; kept as a guard
        converter.dropped.append((exc.node, exc.why))
        result.program = _empty_program(len(text))
    result.source_type = result.program.sourceType
    result.comments = collect_comments(root, query, cursor, converter)
    result.ts_syntax = converter.ts_syntax
    if root.has_error:
        result.error = _describe(first_error(root), converter)
    elif converter.dropped:
        node, why = converter.dropped[0]
        start, end = converter.span(node) if node is not None else (0, 0)
        result.error = SyntaxProblem(f"edgelint cannot analyse this syntax ({why})", start, max(end, start + 1))
    return result


_TOKEN_RE = re.compile(r"[A-Za-z_$][\w$]*|\d[\w.]*|\S")


def _next_token(text: str, offset: int) -> tuple[int, str] | None:
    """The first token at or after `offset` (skipping white space), as (offset, text)."""
    match = _TOKEN_RE.search(text, offset)
    return (match.start(), match.group()) if match else None


def _describe(node: Any, converter: Any) -> SyntaxProblem:
    """A readable message for the first error: "unexpected `)`", "missing `}`"."""
    if node is None:
        return SyntaxProblem("invalid syntax", 0, 1)
    text = converter.text
    start, end = converter.span(node)
    if node.is_missing:
        if node.is_named:
            # A missing expression or name: the token that stands where it should is the error.
            token = _next_token(text, start)
            if token is not None:
                return SyntaxProblem(f"unexpected `{token[1]}`", token[0], token[0] + len(token[1]))
            return SyntaxProblem(f"unexpected end of file (expected {node.type.replace('_', ' ')})",
                                 len(text), len(text))
        if not text[start:].strip():  # `}` missing at the very end
            return SyntaxProblem(f"missing `{node.type}` at the end of the file", len(text), len(text))
        return SyntaxProblem(f"missing `{node.type}`", start, start + 1)
    # An ERROR node: name its first token.
    leaf = node
    while leaf.child_count:
        leaf = leaf.children[0]
    l_start, l_end = converter.span(leaf)
    token = text[l_start:l_end]
    if not token.strip():
        found = _next_token(text, l_start)
        if found is None:
            return SyntaxProblem("unexpected end of file", len(text), len(text))
        l_start, token = found
        l_end = l_start + len(token)
    token = token.strip().splitlines()[0]
    if len(token) > 30:
        token = token[:27] + "..."
        l_end = l_start + 1
    return SyntaxProblem(f"unexpected `{token}`", l_start, max(l_end, l_start + 1))


def _empty_program(length: int) -> Node:
    from edgelint.lang.js.estree import CLASSES

    return CLASSES["Program"](0, length, [], "script")
