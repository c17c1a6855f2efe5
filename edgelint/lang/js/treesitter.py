"""JavaScript and TypeScript through tree-sitter, converted to ESTree nodes.

tree-sitter parses in C, survives syntax errors and knows TypeScript; the rules know ESTree. This
module turns one into the other as typescript-eslint does: TypeScript's type-only syntax
(annotations, interfaces, type aliases, `import type`, `as`, `!`, `satisfies`, generic
arguments, `declare`, overload signatures) disappears, and value-level TypeScript becomes the
JavaScript it compiles to (an enum is a `var` holding an object, a namespace a function that runs
once, `import x = require('y')` a `const`, `export =` an assignment to `module.exports`).

Nodes are built bottom-up, so the scope collector sees every node as it is finished, children
before parents, as esprima's delegate did. A statement that contains a syntax error is left out
(the collector's state is rolled back to before it), so the rest of the file is still linted.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Callable

from edgelint.lang.js.estree import CLASSES, Comment, Node, Regex, TemplateValue

C = CLASSES
Identifier = C["Identifier"]
Literal = C["Literal"]
MemberExpression = C["MemberExpression"]
CallExpression = C["CallExpression"]

COMMENTS = frozenset({"comment", "html_comment", "hash_bang_line"})
# Nesting beyond this is no handwritten edge code; it is reported rather than analysed.
MAX_NESTING = 2000

TsNode = Any


class Broken(Exception):
    """A node that cannot become ESTree: a syntax error in it, or syntax not understood."""

    def __init__(self, node: TsNode, why: str = "") -> None:
        super().__init__(why)
        self.node = node
        self.why = why


class TooDeep(Exception):
    pass


# -- literal values -----------------------------------------------------------------

_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|\r\n|[\s\S])")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v",
           "\n": "", "\r": "", "\r\n": "", "\u2028": "", "\u2029": ""}


def _unescape(match: re.Match) -> str:
    esc = match.group(1)
    first = esc[0]
    if first == "u" and len(esc) > 1:
        digits = esc[2:-1] if esc[1] == "{" else esc[1:]
        code = int(digits, 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"
    if first == "x" and len(esc) == 3:
        return chr(int(esc[1:], 16))
    if first in "01234567":
        return chr(int(esc, 8) & 0xFF) if esc != "0" else "\0"
    return _SIMPLE.get(esc, esc)


def cook(raw: str) -> str:
    """The value of string or template text between its delimiters."""
    return _ESCAPE.sub(_unescape, raw) if "\\" in raw else raw


def number_value(raw: str) -> int | float:
    """The value of a numeric literal: `0x1F`, `0o17`, `0b1`, legacy `017`, `1_000`, `1e3`, `10n`."""
    text = raw.replace("_", "")
    if text.endswith("n"):
        text = text[:-1]
    lower = text.lower()
    try:
        if lower.startswith(("0x", "0o", "0b")):
            return int(text[2:], {"x": 16, "o": 8, "b": 2}[lower[1]])
        if len(text) > 1 and text[0] == "0" and text.isdigit():
            return int(text, 8) if all(c < "8" for c in text) else int(text, 10)
        if text.isdigit():
            return int(text)
        return float(text)
    except ValueError:  # more digits than int() converts: far past any status code or index
        try:
            return float(text)
        except ValueError:
            return float("nan")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class _Offsets:
    """UTF-8 byte offsets (what tree-sitter reports) to character offsets (what the text has)."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.extra: list[int] = []
        extra = 0
        for match in _NON_ASCII.finditer(text):
            offset = match.start()
            for ch in match.group():
                self.starts.append(offset + extra)
                extra += len(ch.encode("utf-8", "surrogatepass")) - 1
                self.extra.append(extra)
                offset += 1

    def __call__(self, byte: int) -> int:
        k = bisect.bisect_left(self.starts, byte)
        return byte - self.extra[k - 1] if k else byte


# -- the converter ---------------------------------------------------------------------

class Converter:
    def __init__(self, text: str, source: bytes, collector: Any, handlers: dict[str, Callable[[Any, Node], None]],
                 typescript: bool) -> None:
        self.text = text
        self.source = source
        self.collector = collector
        self.handlers = handlers
        self.typescript = typescript
        self.to_char: Callable[[int], int] | None = None if len(source) == len(text) else _Offsets(text)
        self.depth = 0
        # Statements left out: (tree-sitter node, reason). Non-empty in a file without syntax
        # errors means syntax edgelint does not understand.
        self.dropped: list[tuple[TsNode, str]] = []
        # TypeScript constructs that exist at run time and that the compiler rewrites:
        # (construct, start, end), for rules of runtimes that take JavaScript only.
        self.ts_syntax: list[tuple[str, int, int]] = []

    def note_ts(self, construct: str, n: TsNode) -> None:
        self.ts_syntax.append((construct, *self.span(n)))

    # -- positions and text ----------------------------------------------------------
    def span(self, n: TsNode) -> tuple[int, int]:
        to_char = self.to_char
        if to_char is None:
            return n.start_byte, n.end_byte
        return to_char(n.start_byte), to_char(n.end_byte)

    def text_of(self, n: TsNode) -> str:
        start, end = self.span(n)
        return self.text[start:end]

    def done(self, node: Node) -> Node:
        """Hand a finished node to the scope collector. Only node types the collector handles
        (`parse.COLLECTED`) are passed; the others are built without this call."""
        handler = self.handlers.get(node.type)
        if handler is not None:
            handler(self.collector, node)
        return node

    @staticmethod
    def kids(n: TsNode) -> list[TsNode]:
        """Named children without comments; an ERROR child means the node is broken."""
        out = []
        for c in n.named_children:
            t = c.type
            if t in COMMENTS:
                continue
            if t == "ERROR" or c.is_missing:
                raise Broken(c, "syntax error")
            out.append(c)
        return out

    @staticmethod
    def tokens(n: TsNode) -> set[str]:
        return {c.type for c in n.children if not c.is_named}

    # -- programs and statement lists --------------------------------------------------
    def program(self, root: TsNode) -> Node:
        body = self.statements(root.children)
        source_type = "module" if any(s.type.startswith(("Import", "Export")) for s in body) else "script"
        program = C["Program"](*self.span(root), body, source_type)
        if self.typescript:
            self._elide_unused_imports(program)
        return self.done(program)

    def statements(self, children: list[TsNode]) -> list[Node]:
        out: list[Node] = []
        collector = self.collector
        for child in children:
            if not child.is_named:
                continue
            t = child.type
            if t in COMMENTS:
                continue
            if t == "ERROR" or child.is_missing:
                self.dropped.append((child, "syntax error"))
                self.declare_dropped(child)
                continue
            mark = collector.mark()
            depth = self.depth
            try:
                node = self.statement(child)
            except Broken as exc:
                collector.rollback(mark)
                self.depth = depth
                self.dropped.append((exc.node, exc.why))
                self.declare_dropped(child)
                continue
            if node is not None:
                out.append(node)
        return out

    def declare_dropped(self, n: TsNode) -> None:
        """Names a dropped statement declares stay declared (aliasing nothing), so their uses in
        the intact code are not taken for globals (`const kvs = cf.kvs(;` then `kvs.get()`)."""
        stack = [n]
        names: list[TsNode] = []
        seen = 0
        while stack and seen < 10_000:
            node = stack.pop()
            seen += 1
            t = node.type
            if t == "variable_declarator":
                name = node.child_by_field_name("name")
                if name is not None:
                    names.extend(self._binding_identifiers(name))
            elif t in ("function_declaration", "generator_function_declaration", "class_declaration",
                       "abstract_class_declaration", "enum_declaration"):
                name = node.child_by_field_name("name")
                if name is not None and not name.is_missing:
                    names.append(name)
            elif t in ("import_clause", "namespace_import", "import_specifier"):
                names.extend(c for c in node.named_children if c.type == "identifier")
            if t not in ("statement_block", "function_declaration", "class_body", "arrow_function",
                         "function_expression"):
                stack.extend(node.named_children)
        for ident in names:
            start, end = self.span(ident)
            if end > start:
                self.collector.declare_opaque(Identifier(start, end, self.text[start:end]))

    @staticmethod
    def _binding_identifiers(pattern: TsNode) -> list[TsNode]:
        found, stack = [], [pattern]
        while stack:
            node = stack.pop()
            if node.type in ("identifier", "shorthand_property_identifier_pattern") and not node.is_missing:
                found.append(node)
            elif node.type not in ("property_identifier",):
                stack.extend(node.named_children)
        return found

    def statement(self, n: TsNode) -> Node | None:
        method = _STATEMENTS.get(n.type)
        if method is None:
            if n.type in _TYPE_ONLY_STATEMENTS:
                return None
            raise Broken(n, f"unexpected {n.type}")
        return method(self, n)

    def block(self, n: TsNode) -> Node:
        if n.type != "statement_block":
            raise Broken(n, "expected a block")
        return self.done(C["BlockStatement"](*self.span(n), self.statements(n.children)))

    def body_statement(self, n: TsNode | None) -> Node:
        """The single statement of `if`, loops, labels (a block or anything else)."""
        if n is None:
            raise Broken(n, "missing statement")
        node = self.statement(n)
        if node is None:  # a type-only declaration where a statement stands: nothing runs
            return C["EmptyStatement"](*self.span(n))
        return node

    # -- statements ------------------------------------------------------------------------
    def expression_statement(self, n: TsNode) -> Node:
        kids = self.kids(n)
        if not kids:
            raise Broken(n, "empty expression")
        inner = kids[0]
        if inner.type in ("internal_module", "module"):
            return self.namespace(inner, n)
        if inner.type in ("function_expression", "function", "generator_function", "class") \
                and inner.child_by_field_name("name") is not None:
            # A statement cannot start with `function` or `class`: this is a declaration tree-sitter
            # read as an expression while recovering from an error (a missing `}` at the end).
            if inner.type == "class":
                return self.class_node(inner, "ClassDeclaration")
            return self.function(inner, "FunctionDeclaration")
        directive = None
        expression = self.expr(inner)
        return C["ExpressionStatement"](*self.span(n), expression, directive)

    def variable_declaration(self, n: TsNode) -> Node:
        kind = "var"
        declarations = []
        for c in n.children:
            t = c.type
            if not c.is_named:
                if t in ("var", "let", "const", "using", "await using"):
                    kind = t
                continue
            if t in COMMENTS:
                continue
            if t != "variable_declarator":
                raise Broken(c, "unexpected declarator")
            declarations.append(self.declarator(c))
        if not declarations:
            raise Broken(n, "no declarator")
        return self.done(C["VariableDeclaration"](*self.span(n), declarations, kind))

    def declarator(self, n: TsNode) -> Node:
        # Children: name, then optionally a type annotation or `!`, `=` and the value.
        children = n.children
        value = None
        seen_equals = False
        for c in children[1:]:
            t = c.type
            if t == "ERROR" or c.is_missing:
                raise Broken(c, "syntax error")
            if t == "=":
                seen_equals = True
            elif seen_equals and c.is_named and t not in COMMENTS:
                value = c
        ident = self.pattern(children[0])
        if seen_equals and value is None:
            raise Broken(n, "declarator without a value")
        init = self.expr(value) if value is not None else None
        return C["VariableDeclarator"](*self.span(n), ident, init)

    def function_declaration(self, n: TsNode) -> Node:
        return self.function(n, "FunctionDeclaration")

    def class_declaration(self, n: TsNode) -> Node:
        return self.class_node(n, "ClassDeclaration")

    def if_statement(self, n: TsNode) -> Node:
        test = self.expr(n.child_by_field_name("condition"))
        consequent = self.body_statement(n.child_by_field_name("consequence"))
        alt = n.child_by_field_name("alternative")
        alternate = None
        if alt is not None:
            inner = self.kids(alt)
            alternate = self.body_statement(inner[0] if inner else None)
        return C["IfStatement"](*self.span(n), test, consequent, alternate)

    def for_statement(self, n: TsNode) -> Node:
        init = test = update = None
        body = None
        for index, c in enumerate(n.children):
            t = c.type
            if t == "ERROR" or c.is_missing:
                raise Broken(c, "syntax error")
            if not c.is_named or t in COMMENTS:
                continue
            field = n.field_name_for_child(index)
            if field == "body":
                body = self.body_statement(c)
            elif field == "initializer":
                if t in ("variable_declaration", "lexical_declaration"):
                    init = self.variable_declaration(c)
                elif t == "expression_statement":
                    init = self.expr(self.kids(c)[0])
                elif t != "empty_statement":
                    init = self.expr(c)
            elif field == "condition":
                if t == "expression_statement":
                    test = self.expr(self.kids(c)[0])
                elif t != "empty_statement":
                    test = self.expr(c)
            elif field == "increment":
                update = self.expr(c)
        if body is None:
            raise Broken(n, "for without a body")
        if init is not None and init.type == "VariableDeclaration":  # its `;` belongs to the for
            init.range = (init.range[0], init.declarations[-1].range[1])
        return self.done(C["ForStatement"](*self.span(n), init, test, update, body))

    def for_in_statement(self, n: TsNode) -> Node:
        kind = None
        of = is_await = False
        kind_node = None
        for c in n.children:
            if c.type == "ERROR" or c.is_missing:
                raise Broken(c, "syntax error")
            if not c.is_named:
                if c.type in ("var", "let", "const"):
                    kind, kind_node = c.type, c
                elif c.type == "of":
                    of = True
                elif c.type == "await":
                    is_await = True
        left_ts = n.child_by_field_name("left")
        right_ts = n.child_by_field_name("right")
        body_ts = n.child_by_field_name("body")
        if left_ts is None or right_ts is None:
            raise Broken(n, "incomplete for-in/of")
        target = self.pattern(left_ts)
        if kind is not None:
            declarator = C["VariableDeclarator"](target.range[0], target.range[1], target, None)
            left = self.done(C["VariableDeclaration"](self.span(kind_node)[0], target.range[1], [declarator], kind))
        else:
            left = target
        right = self.expr(right_ts)
        body = self.body_statement(body_ts)
        if of:
            return self.done(C["ForOfStatement"](*self.span(n), left, right, body, is_await))
        return self.done(C["ForInStatement"](*self.span(n), left, right, body))

    def while_statement(self, n: TsNode) -> Node:
        test = self.expr(n.child_by_field_name("condition"))
        body = self.body_statement(n.child_by_field_name("body"))
        return C["WhileStatement"](*self.span(n), test, body)

    def do_statement(self, n: TsNode) -> Node:
        body = self.body_statement(n.child_by_field_name("body"))
        test = self.expr(n.child_by_field_name("condition"))
        return C["DoWhileStatement"](*self.span(n), body, test)

    def try_statement(self, n: TsNode) -> Node:
        block = self.block(n.child_by_field_name("body"))
        handler = finalizer = None
        catch = n.child_by_field_name("handler")
        if catch is not None:
            param_ts = catch.child_by_field_name("parameter")
            param = self.pattern(param_ts) if param_ts is not None else None
            body = self.block(catch.child_by_field_name("body"))
            handler = self.done(C["CatchClause"](*self.span(catch), param, body))
        fin = n.child_by_field_name("finalizer")
        if fin is not None:
            finalizer = self.block(fin.child_by_field_name("body"))
        return C["TryStatement"](*self.span(n), block, handler, finalizer)

    def switch_statement(self, n: TsNode) -> Node:
        discriminant = self.expr(n.child_by_field_name("value"))
        cases = []
        body = n.child_by_field_name("body")
        if body is None:
            raise Broken(n, "switch without a body")
        for c in self.kids(body):
            if c.type not in ("switch_case", "switch_default"):
                raise Broken(c, "unexpected switch member")
            value = c.child_by_field_name("value") if c.type == "switch_case" else None
            test = self.expr(value) if value is not None else None
            consequent = self.statements(c.children_by_field_name("body"))
            cases.append(C["SwitchCase"](*self.span(c), test, consequent))
        return self.done(C["SwitchStatement"](*self.span(n), discriminant, cases))

    def return_statement(self, n: TsNode) -> Node:
        kids = self.kids(n)
        argument = self.expr(kids[0]) if kids else None
        return C["ReturnStatement"](*self.span(n), argument)

    def throw_statement(self, n: TsNode) -> Node:
        kids = self.kids(n)
        if not kids:
            raise Broken(n, "throw without a value")
        return C["ThrowStatement"](*self.span(n), self.expr(kids[0]))

    def jump_statement(self, n: TsNode) -> Node:
        label_ts = n.child_by_field_name("label")
        label = self.done(Identifier(*self.span(label_ts), self.text_of(label_ts))) if label_ts else None
        kind = "BreakStatement" if n.type == "break_statement" else "ContinueStatement"
        return C[kind](*self.span(n), label)

    def labeled_statement(self, n: TsNode) -> Node:
        label_ts = n.child_by_field_name("label")
        label = self.done(Identifier(*self.span(label_ts), self.text_of(label_ts)))
        body = self.body_statement(n.child_by_field_name("body"))
        return C["LabeledStatement"](*self.span(n), label, body)

    def empty_statement(self, n: TsNode) -> Node:
        return C["EmptyStatement"](*self.span(n))

    def debugger_statement(self, n: TsNode) -> Node:
        return C["DebuggerStatement"](*self.span(n))

    def with_statement(self, n: TsNode) -> Node:
        obj = self.expr(n.child_by_field_name("object"))
        body = self.body_statement(n.child_by_field_name("body"))
        return C["WithStatement"](*self.span(n), obj, body)

    def static_block(self, n: TsNode) -> Node:
        body = n.child_by_field_name("body")
        statements = self.statements(body.children) if body is not None else []
        return self.done(C["StaticBlock"](*self.span(n), statements))

    # -- modules -----------------------------------------------------------------------------
    def import_statement(self, n: TsNode) -> Node | None:
        tokens = self.tokens(n)
        if "type" in tokens or "typeof" in tokens:
            return None  # `import type …`: erased
        source_ts = n.child_by_field_name("source")
        specifiers: list[Node] = []
        for c in self.kids(n):
            if c.type == "import_clause":
                specifiers.extend(self.import_clause(c))
            elif c.type == "import_require_clause":
                return self.import_require(n, c)
            elif c.type == "import_alias":
                return None  # `import a = N.b`: a namespace alias, nothing an edge rule reads
        if source_ts is None:
            raise Broken(n, "import without a source")
        source = self.string(source_ts)
        return self.done(C["ImportDeclaration"](*self.span(n), specifiers, source))

    def import_clause(self, n: TsNode) -> list[Node]:
        out = []
        for c in self.kids(n):
            if c.type == "identifier":
                local = self.identifier(c)
                out.append(C["ImportDefaultSpecifier"](*self.span(c), local))
            elif c.type == "namespace_import":
                ident = self.kids(c)[-1]
                out.append(C["ImportNamespaceSpecifier"](*self.span(c), self.identifier(ident)))
            elif c.type == "named_imports":
                for spec in self.kids(c):
                    if spec.type != "import_specifier":
                        continue
                    if "type" in self.tokens(spec):
                        continue  # `import { type X }`
                    name_ts = spec.child_by_field_name("name")
                    alias_ts = spec.child_by_field_name("alias")
                    imported = self.module_name(name_ts)
                    local = self.identifier(alias_ts if alias_ts is not None else name_ts)
                    out.append(C["ImportSpecifier"](*self.span(spec), imported, local))
        return out

    def import_require(self, statement: TsNode, clause: TsNode) -> Node:
        """`import x = require('y')` is `const x = require('y')`."""
        ident_ts = next(c for c in self.kids(clause) if c.type == "identifier")
        source_ts = clause.child_by_field_name("source")
        if source_ts is None:
            raise Broken(clause, "require without a source")
        ident = self.identifier(ident_ts)
        require_ts = next((c for c in clause.children if c.type == "require"), clause)
        callee = self.done(Identifier(*self.span(require_ts), "require"))
        call = self.done(CallExpression(self.span(require_ts)[0], self.span(clause)[1], callee,
                                        [self.string(source_ts)], False))
        declarator = C["VariableDeclarator"](*self.span(clause), ident, call)
        return self.done(C["VariableDeclaration"](*self.span(statement), [declarator], "const"))

    def module_name(self, n: TsNode) -> Node:
        return self.string(n) if n.type == "string" else self.identifier(n)

    def export_statement(self, n: TsNode) -> Node | None:
        tokens = self.tokens(n)
        start, end = self.span(n)
        if "type" in tokens:
            return None  # `export type { … }`
        if "=" in tokens:  # TypeScript `export = value` is `module.exports = value`
            value = self.expr(self.kids(n)[-1])
            module = self.done(Identifier(start, start, "module"))
            exports = self.done(Identifier(start, start, "exports"))
            target = self.done(MemberExpression(start, start, module, exports, False, False))
            assign = self.done(C["AssignmentExpression"](start, end, target, value, "="))
            return C["ExpressionStatement"](start, end, assign, None)
        if "as" in tokens and "namespace" in tokens:
            return None  # `export as namespace X`: a type declaration
        declaration_ts = n.child_by_field_name("declaration")
        value_ts = n.child_by_field_name("value")
        source_ts = n.child_by_field_name("source")
        if "default" in tokens:
            if declaration_ts is not None:
                declaration = self.statement(declaration_ts)
                if declaration is None:
                    return None
            elif value_ts is not None:
                if value_ts.type in ("function_expression", "function", "generator_function"):
                    declaration = self.function(value_ts, "FunctionDeclaration")
                elif value_ts.type == "class":
                    declaration = self.class_node(value_ts, "ClassDeclaration")
                else:
                    declaration = self.expr(value_ts)
            else:
                raise Broken(n, "export default without a value")
            return C["ExportDefaultDeclaration"](start, end, declaration)
        if declaration_ts is not None:
            if declaration_ts.type in _TYPE_ONLY_STATEMENTS:
                return None
            declaration = self.statement(declaration_ts)
            if declaration is None:
                return None
            return C["ExportNamedDeclaration"](start, end, declaration, [], None)
        source = self.string(source_ts) if source_ts is not None else None
        if "*" in tokens:
            exported = None
            for c in self.kids(n):
                if c.type == "namespace_export":
                    exported = self.module_name(self.kids(c)[-1])
            return C["ExportAllDeclaration"](start, end, exported, source)
        specifiers = []
        for c in self.kids(n):
            if c.type != "export_clause":
                continue
            for spec in self.kids(c):
                if spec.type != "export_specifier" or "type" in self.tokens(spec):
                    continue
                name_ts = spec.child_by_field_name("name")
                alias_ts = spec.child_by_field_name("alias")
                local = self.module_name(name_ts)
                exported = self.module_name(alias_ts) if alias_ts is not None else self.module_name(name_ts)
                specifiers.append(C["ExportSpecifier"](*self.span(spec), local, exported))
        return C["ExportNamedDeclaration"](start, end, None, specifiers, source)

    def _elide_unused_imports(self, program: Node) -> None:
        """TypeScript drops an import whose names are used only as types: rules must not see it.

        Type positions are never converted, so a name whose only Identifier is its import
        binding is used only as a type (or not at all)."""
        counts = self.collector.name_counts

        def used(spec: Node) -> bool:
            # The specifier's own identifiers: `local`, and `imported` when it is a name too.
            own = 1 + (spec.type == "ImportSpecifier" and spec.imported.type == "Identifier"
                       and spec.imported.name == spec.local.name)
            return counts.get(spec.local.name, 0) > own

        dropped: set[int] = set()
        body = []
        for stmt in program.body:
            if stmt.type == "ImportDeclaration" and stmt.specifiers:
                kept = [s for s in stmt.specifiers if used(s)]
                if not kept:
                    dropped.update(id(s.local) for s in stmt.specifiers)
                    continue
                if len(kept) != len(stmt.specifiers):
                    dropped.update(id(s.local) for s in stmt.specifiers if s not in kept)
                    stmt.specifiers = kept
            body.append(stmt)
        if dropped:
            program.body = body
            self.collector.pending[:] = [b for b in self.collector.pending if id(b.node) not in dropped]

    # -- TypeScript value declarations -------------------------------------------------------
    def enum_declaration(self, n: TsNode) -> Node | None:
        """`enum E { A, B = 'b' }` becomes `var E = { A: 0, B: 'b' }`."""
        if "declare" in self.tokens(n):
            return None
        self.note_ts("enum", n)
        name = self.identifier(n.child_by_field_name("name"))
        body = n.child_by_field_name("body")
        properties = []
        counter: int | None = 0
        for member in self.kids(body) if body is not None else []:
            if member.type == "enum_assignment":
                key_ts = member.child_by_field_name("name")
                value_ts = member.child_by_field_name("value")
                value = self.expr(value_ts)
                counter = value.value + 1 if value.type == "Literal" and isinstance(value.value, int) else None
            else:
                key_ts = member
                start, end = self.span(member)
                value = Literal(start, end, counter, str(counter), None) if counter is not None \
                    else self.done(Identifier(start, end, "undefined"))
                counter = counter + 1 if counter is not None else None
            key = self.property_key(key_ts)
            properties.append(C["Property"](*self.span(member), key, value, "init", False, False,
                                                       key_ts.type == "computed_property_name"))
        obj = C["ObjectExpression"](*(self.span(body) if body is not None else self.span(n)), properties)
        declarator = C["VariableDeclarator"](*self.span(n), name, obj)
        return self.done(C["VariableDeclaration"](*self.span(n), [declarator], "var"))

    def namespace(self, n: TsNode, statement: TsNode | None = None) -> Node | None:
        """`namespace N { … }` becomes `var N = (function () { … })()`."""
        name_ts = n.child_by_field_name("name")
        body_ts = n.child_by_field_name("body")
        if name_ts is None or name_ts.type == "string" or body_ts is None:
            return None  # `module 'x' {}` only declares types
        self.note_ts("namespace", n)
        while name_ts.type == "nested_identifier":
            name_ts = name_ts.named_children[0]
        name = self.identifier(name_ts)
        statements = []
        for stmt in self.statements(body_ts.children):
            if stmt.type == "ExportNamedDeclaration" and stmt.declaration is not None:
                stmt = stmt.declaration
            statements.append(stmt)
        start, end = self.span(statement if statement is not None else n)
        block = self.done(C["BlockStatement"](*self.span(body_ts), statements))
        fn = self.done(C["FunctionExpression"](*self.span(n), None, [], block, False, False, False))
        call = self.done(CallExpression(*self.span(n), fn, [], False))
        declarator = C["VariableDeclarator"](*self.span(n), name, call)
        return self.done(C["VariableDeclaration"](start, end, [declarator], "var"))

    def ambient(self, n: TsNode) -> None:
        return None

    # -- functions and classes ----------------------------------------------------------------
    def function(self, n: TsNode, kind: str) -> Node:
        is_async = is_generator = False
        for c in n.children:
            if c.is_named:
                break
            if c.type == "async":
                is_async = True
            elif c.type == "*":
                is_generator = True
        name_ts = n.child_by_field_name("name")
        ident = self.identifier(name_ts) if name_ts is not None else None
        params = self.params(n.child_by_field_name("parameters"))
        body_ts = n.child_by_field_name("body")
        if body_ts is None:
            raise Broken(n, "function without a body")
        body = self.block(body_ts)
        return self.done(C[kind](*self.span(n), ident, params, body, is_generator, False, is_async))

    def arrow_function(self, n: TsNode) -> Node:
        is_async = any(c.type == "async" for c in n.children if not c.is_named)
        single = n.child_by_field_name("parameter")
        if single is not None:
            params = [self.pattern(single)]
        else:
            params = self.params(n.child_by_field_name("parameters"))
        body_ts = n.child_by_field_name("body")
        if body_ts is None:
            raise Broken(n, "arrow function without a body")
        if body_ts.type == "statement_block":
            body, expression = self.block(body_ts), False
        else:
            body, expression = self.expr(body_ts), True
        return self.done(C["ArrowFunctionExpression"](*self.span(n), None, params, body, False, expression,
                                                        is_async))

    def params(self, n: TsNode | None) -> list[Node]:
        if n is None:
            raise Broken(n, "missing parameters")
        out = []
        for c in self.kids(n):
            t = c.type
            if t in ("required_parameter", "optional_parameter"):
                pattern_ts = c.child_by_field_name("pattern")
                if pattern_ts is None or pattern_ts.type == "this":
                    continue  # `this: Type` declares the receiver's type only
                if any(k.type == "accessibility_modifier" or k.type == "readonly" for k in c.children):
                    self.note_ts("parameter-property", c)
                param = self.pattern(pattern_ts)
                value_ts = c.child_by_field_name("value")
                if value_ts is not None:
                    param = C["AssignmentPattern"](*self.span(c), param, self.expr(value_ts))
                out.append(param)
            elif t == "decorator":
                self.note_ts("decorator", c)
            else:
                out.append(self.pattern(c))
        return out

    def class_node(self, n: TsNode, kind: str) -> Node:
        name_ts = n.child_by_field_name("name")
        ident = self.identifier(name_ts) if name_ts is not None else None
        super_class = None
        for c in n.named_children:
            if c.type == "decorator":
                self.note_ts("decorator", c)
            elif c.type == "class_heritage":
                for h in c.named_children:
                    if h.type == "extends_clause":
                        value = h.child_by_field_name("value")
                        if value is not None:
                            super_class = self.expr(value)
                    elif h.type not in ("implements_clause",) and h.type not in COMMENTS:
                        super_class = self.expr(h)
        body_ts = n.child_by_field_name("body")
        if body_ts is None:
            raise Broken(n, "class without a body")
        members = []
        for m in self.kids(body_ts):
            member = self.class_member(m)
            if member is not None:
                members.append(member)
        body = C["ClassBody"](*self.span(body_ts), members)
        return self.done(C[kind](*self.span(n), ident, super_class, body))

    def class_member(self, m: TsNode) -> Node | None:
        t = m.type
        if t == "method_definition":
            return self.method(m, in_class=True)
        if t in ("field_definition", "public_field_definition"):
            tokens = self.tokens(m)
            if "declare" in tokens or "abstract" in tokens:
                return None
            key_ts = m.child_by_field_name("property") or m.child_by_field_name("name")
            value_ts = m.child_by_field_name("value")
            key = self.property_key(key_ts)
            value = self.expr(value_ts) if value_ts is not None else None
            return C["PropertyDefinition"](*self.span(m), key, value,
                                                       key_ts.type == "computed_property_name", "static" in tokens)
        if t == "class_static_block":
            return self.static_block(m)
        if t == "decorator":
            self.note_ts("decorator", m)
            return None
        if t in ("abstract_method_signature", "method_signature", "index_signature",
                 "property_signature"):
            return None
        raise Broken(m, f"unexpected class member {t}")

    def method(self, m: TsNode, in_class: bool) -> Node | None:
        modifiers: set[str] = set()
        for c in m.children:
            if c.is_named:
                if c.type in ("decorator", "accessibility_modifier", "override_modifier") or c.type in COMMENTS:
                    continue
                break
            modifiers.add(c.type)
        key_ts = m.child_by_field_name("name")
        body_ts = m.child_by_field_name("body")
        if key_ts is None:
            raise Broken(m, "method without a name")
        if body_ts is None:
            if in_class:
                return None  # an overload signature or abstract method: no code
            raise Broken(m, "method without a body")
        key = self.property_key(key_ts)
        computed = key_ts.type == "computed_property_name"
        params_ts = m.child_by_field_name("parameters")
        params = self.params(params_ts)
        body = self.block(body_ts)
        fn_start = self.span(params_ts)[0] if params_ts is not None else self.span(m)[0]
        fn = self.done(C["FunctionExpression"](fn_start, self.span(m)[1], None, params, body,
                                               "*" in modifiers, False, "async" in modifiers))
        kind = "get" if "get" in modifiers else "set" if "set" in modifiers else None
        if in_class:
            if kind is None:
                is_ctor = not computed and not ("static" in modifiers) and (
                    (key.type == "Identifier" and key.name == "constructor")
                    or (key.type == "Literal" and key.value == "constructor"))
                kind = "constructor" if is_ctor else "method"
            return C["MethodDefinition"](*self.span(m), key, fn, kind, computed, "static" in modifiers)
        return C["Property"](*self.span(m), key, fn, kind or "init", kind is None, False, computed)

    def property_key(self, n: TsNode) -> Node:
        t = n.type
        if t == "computed_property_name":
            kids = self.kids(n)
            if not kids:
                raise Broken(n, "empty computed key")
            return self.expr(kids[0])
        if t == "private_property_identifier":
            return C["PrivateIdentifier"](*self.span(n), self.text_of(n))
        if t == "string":
            return self.string(n)
        if t == "number":
            return self.number(n)
        return self.identifier(n)

    # -- expressions -------------------------------------------------------------------------------
    def expr(self, n: TsNode | None) -> Node:
        if n is None:
            raise Broken(n, "missing expression")
        if n.is_missing or n.type == "ERROR":
            raise Broken(n, "syntax error")
        method = _EXPRESSIONS.get(n.type)
        if method is None:
            raise Broken(n, f"unexpected {n.type}")
        # No try/finally (it costs on every expression): `statements()` restores the depth
        # when a Broken escapes.
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise TooDeep()
        node = method(self, n)
        self.depth -= 1
        return node

    def identifier(self, n: TsNode) -> Node:
        if n is None or n.is_missing:
            raise Broken(n, "missing name")
        start, end = n.start_byte, n.end_byte
        to_char = self.to_char
        if to_char is not None:
            start, end = to_char(start), to_char(end)
        node = Identifier(start, end, self.text[start:end])
        self.collector.identifier(node)
        return node

    def this(self, n: TsNode) -> Node:
        return C["ThisExpression"](*self.span(n))

    def super_node(self, n: TsNode) -> Node:
        return C["Super"](*self.span(n))

    def number(self, n: TsNode) -> Node:
        raw = self.text_of(n)
        return Literal(*self.span(n), number_value(raw), raw, None)

    def string(self, n: TsNode) -> Node:
        start, end = n.start_byte, n.end_byte
        to_char = self.to_char
        if to_char is not None:
            start, end = to_char(start), to_char(end)
        raw = self.text[start:end]
        if len(raw) < 2 or raw[-1] != raw[0]:
            raise Broken(n, "unterminated string")
        inner = raw[1:-1]
        return Literal(start, end, cook(inner) if "\\" in inner else inner, raw, None)

    def constant(self, n: TsNode) -> Node:
        raw = self.text_of(n)
        value = {"true": True, "false": False, "null": None}[n.type]
        return Literal(*self.span(n), value, raw, None)

    def undefined(self, n: TsNode) -> Node:
        return self.done(Identifier(*self.span(n), "undefined"))

    def regex(self, n: TsNode) -> Node:
        raw = self.text_of(n)
        pattern_ts = n.child_by_field_name("pattern")
        flags_ts = n.child_by_field_name("flags")
        pattern = self.text_of(pattern_ts) if pattern_ts is not None else ""
        flags = self.text_of(flags_ts) if flags_ts is not None else ""
        return Literal(*self.span(n), None, raw, Regex(pattern, flags))

    def template(self, n: TsNode) -> Node:
        start, end = self.span(n)
        quasis: list[Node] = []
        expressions: list[Node] = []
        text = self.text
        # Text between substitutions, delimiters excluded (as acorn reports it).
        cursor = start + 1
        for c in n.named_children:
            if c.type != "template_substitution":
                continue
            c_start, c_end = self.span(c)
            raw = text[cursor:c_start]
            quasis.append(C["TemplateElement"](cursor, c_start, TemplateValue(raw, cook(raw)), False))
            kids = self.kids(c)
            if not kids:
                raise Broken(c, "empty substitution")
            expressions.append(self.expr(kids[0]))
            cursor = c_end
        if end - 1 < cursor or text[end - 1] != "`":
            raise Broken(n, "unterminated template")
        raw = text[cursor:end - 1]
        quasis.append(C["TemplateElement"](cursor, end - 1, TemplateValue(raw, cook(raw)), True))
        return C["TemplateLiteral"](start, end, quasis, expressions)

    def array(self, n: TsNode) -> Node:
        elements: list[Node | None] = []
        expecting = True
        for c in n.children:
            t = c.type
            if t in ("[", "]") and not c.is_named:
                continue
            if t == ",":
                if expecting:
                    elements.append(None)
                expecting = True
                continue
            if t in COMMENTS:
                continue
            if t == "ERROR" or c.is_missing:
                raise Broken(c, "syntax error")
            elements.append(self.expr(c))
            expecting = False
        return C["ArrayExpression"](*self.span(n), elements)

    def object(self, n: TsNode) -> Node:
        properties = []
        for c in self.kids(n):
            t = c.type
            if t == "pair":
                parts = [k for k in c.children if k.is_named and k.type not in COMMENTS]
                if len(parts) != 2:
                    raise Broken(c, "incomplete property")
                key_ts = parts[0]
                key = self.property_key(key_ts)
                value = self.expr(parts[1])
                properties.append(C["Property"](*self.span(c), key, value, "init", False, False,
                                                           key_ts.type == "computed_property_name"))
            elif t == "shorthand_property_identifier":
                key = self.identifier(c)
                value = self.identifier(c)
                properties.append(C["Property"](*self.span(c), key, value, "init", False, True, False))
            elif t == "method_definition":
                properties.append(self.method(c, in_class=False))
            elif t == "spread_element":
                properties.append(self.spread(c))
            else:
                raise Broken(c, f"unexpected object member {t}")
        return C["ObjectExpression"](*self.span(n), properties)

    def spread(self, n: TsNode) -> Node:
        kids = self.kids(n)
        if not kids:
            raise Broken(n, "spread without a value")
        return C["SpreadElement"](*self.span(n), self.expr(kids[0]))

    def function_expression(self, n: TsNode) -> Node:
        return self.function(n, "FunctionExpression")

    def class_expression(self, n: TsNode) -> Node:
        return self.class_node(n, "ClassExpression")

    def parenthesized(self, n: TsNode) -> Node:
        kids = [k for k in self.kids(n) if k.type not in ("type_annotation",)]
        if not kids:
            raise Broken(n, "empty parentheses")
        return self.expr(kids[0])

    def sequence(self, n: TsNode) -> Node:
        expressions = []
        for c in self.kids(n):
            node = self.expr(c)
            if c.type == "sequence_expression":
                expressions.extend(node.expressions)
            else:
                expressions.append(node)
        return C["SequenceExpression"](*self.span(n), expressions)

    def unwrap(self, n: TsNode) -> Node:
        """`x as T`, `x satisfies T`, `x!`, `<T>x`, `f<T>`: the value, its type erased."""
        for c in self.kids(n):
            if c.type not in _TYPE_NODES:
                return self.expr(c)
        raise Broken(n, "type expression without a value")

    def assignment(self, n: TsNode) -> Node:
        left = self.pattern(n.child_by_field_name("left"))
        right = self.expr(n.child_by_field_name("right"))
        operator = "="
        if n.type == "augmented_assignment_expression":
            op = n.child_by_field_name("operator")
            operator = op.type if op is not None else "="
        return self.done(C["AssignmentExpression"](*self.span(n), left, right, operator))

    def binary(self, n: TsNode) -> Node:
        left = self.expr(n.child_by_field_name("left"))
        op = n.child_by_field_name("operator")
        right = self.expr(n.child_by_field_name("right"))
        operator = op.type if op is not None else ""
        kind = "LogicalExpression" if operator in ("&&", "||", "??") else "BinaryExpression"
        node = C[kind](*self.span(n), left, right, operator)
        return self.done(node) if operator == "in" else node  # the collector reads `'x' in y` only

    def unary(self, n: TsNode) -> Node:
        op = n.child_by_field_name("operator")
        argument = self.expr(n.child_by_field_name("argument"))
        return C["UnaryExpression"](*self.span(n), argument, op.type if op is not None else "", True)

    def update(self, n: TsNode) -> Node:
        op = n.child_by_field_name("operator")
        arg_ts = n.child_by_field_name("argument")
        argument = self.expr(arg_ts)
        prefix = op is not None and arg_ts is not None and op.start_byte < arg_ts.start_byte
        return self.done(C["UpdateExpression"](*self.span(n), argument, op.type if op is not None else "++", prefix))

    def ternary(self, n: TsNode) -> Node:
        test = self.expr(n.child_by_field_name("condition"))
        consequent = self.expr(n.child_by_field_name("consequence"))
        alternate = self.expr(n.child_by_field_name("alternative"))
        return C["ConditionalExpression"](*self.span(n), test, consequent, alternate)

    def await_expression(self, n: TsNode) -> Node:
        kids = self.kids(n)
        if not kids:
            raise Broken(n, "await without a value")
        return C["AwaitExpression"](*self.span(n), self.expr(kids[0]))

    def yield_expression(self, n: TsNode) -> Node:
        kids = self.kids(n)
        argument = self.expr(kids[0]) if kids else None
        return C["YieldExpression"](*self.span(n), argument, "*" in self.tokens(n))

    def meta_property(self, n: TsNode) -> Node:
        parts = [c for c in n.children if c.type != "."]
        if len(parts) != 2:
            raise Broken(n, "bad meta property")
        meta = self.done(Identifier(*self.span(parts[0]), self.text_of(parts[0])))
        prop = self.done(Identifier(*self.span(parts[1]), self.text_of(parts[1])))
        return C["MetaProperty"](*self.span(n), meta, prop)

    def new_expression(self, n: TsNode) -> Node:
        callee_ts = n.child_by_field_name("constructor")
        callee = self.expr(callee_ts)
        args_ts = n.child_by_field_name("arguments")
        arguments = self.arguments(args_ts) if args_ts is not None else []
        return C["NewExpression"](*self.span(n), callee, arguments)

    def arguments(self, n: TsNode) -> list[Node]:
        out = []
        for c in self.kids(n):
            out.append(self.spread(c) if c.type == "spread_element" else self.expr(c))
        return out

    # Member and call expressions form optional chains: `a?.b.c()` is one ChainExpression.
    def chain(self, n: TsNode) -> Node:
        node, in_chain = self.chain_part(n)
        if in_chain:
            return C["ChainExpression"](node.range[0], node.range[1], node)
        return node

    def chain_part(self, n: TsNode) -> tuple[Node, bool]:
        t = n.type
        if t == "non_null_expression":  # `a?.b!.c` continues the chain
            inner = next((c for c in self.kids(n) if c.type not in _TYPE_NODES), None)
            if inner is not None and inner.type in _CHAIN_TYPES:
                return self.chain_part(inner)
            return self.expr(n), False
        if t not in _CHAIN_TYPES:
            return self.expr(n), False
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise TooDeep()
        result = self.call(n) if t == "call_expression" else self.member(n)
        self.depth -= 1
        return result

    def member(self, n: TsNode) -> tuple[Node, bool]:
        # Children by position (one call into tree-sitter): the object comes first, then `.` or
        # `?.`, then the property, or `[` index `]`.
        children = n.children
        obj, in_chain = self.chain_part(children[0])
        optional = False
        prop_ts = None
        for c in children[1:]:
            t = c.type
            if t == "ERROR" or c.is_missing:
                raise Broken(c, "syntax error")
            if t == "optional_chain":
                optional = True
            elif c.is_named and t not in COMMENTS:
                prop_ts = c
        if prop_ts is None:
            raise Broken(n, "member without a name")
        if n.type == "subscript_expression":
            prop = self.expr(prop_ts)
            computed = True
        else:
            if prop_ts.type == "private_property_identifier":
                prop = C["PrivateIdentifier"](*self.span(prop_ts), self.text_of(prop_ts))
            else:
                prop = self.identifier(prop_ts)
            computed = False
        node = MemberExpression(*self.span(n), obj, prop, computed, optional)
        self.collector.member(node)
        return node, in_chain or optional

    def call(self, n: TsNode) -> tuple[Node, bool]:
        children = n.children
        callee_ts = children[0]
        args_ts = children[-1]
        if len(children) < 2 or args_ts.type not in ("arguments", "template_string"):
            raise Broken(n, "incomplete call")
        optional = False
        for c in children[1:-1]:
            if c.type == "optional_chain":
                optional = True
            elif c.type == "ERROR" or c.is_missing:
                raise Broken(c, "syntax error")
        if args_ts.type == "template_string":  # tag`…`
            tag = self.expr(callee_ts)
            quasi = self.template(args_ts)
            return C["TaggedTemplateExpression"](*self.span(n), tag, quasi), False
        if callee_ts.type == "import":  # import('x')
            args = self.arguments(args_ts)
            if not args:
                raise Broken(n, "import() without a source")
            return C["ImportExpression"](*self.span(n), args[0]), False
        callee, in_chain = self.chain_part(callee_ts)
        arguments = self.arguments(args_ts)
        node = CallExpression(*self.span(n), callee, arguments, optional)
        self.collector.call(node)
        return node, in_chain or optional

    def jsx(self, n: TsNode) -> Node:
        """JSX: only the embedded expressions matter (names they use, calls they make)."""
        expressions: list[Node] = []
        stack = [n]
        while stack:
            node = stack.pop()
            for c in reversed(node.named_children):
                if c.type == "jsx_expression":
                    kids = self.kids(c)
                    if kids:
                        expressions.append(self.spread(kids[0]) if kids[0].type == "spread_element"
                                           else self.expr(kids[0]))
                elif c.type.startswith("jsx_") or c.type in ("identifier", "member_expression"):
                    if c.type.startswith("jsx_"):
                        stack.append(c)
        expressions.sort(key=lambda e: e.range[0])
        return C["JSXElement"](*self.span(n), expressions)

    # -- patterns (binding and assignment targets) ------------------------------------------------
    def pattern(self, n: TsNode | None) -> Node:
        if n is None or n.is_missing or n.type == "ERROR":
            raise Broken(n, "missing binding")
        t = n.type
        if t in ("identifier", "shorthand_property_identifier_pattern", "undefined"):
            return self.identifier(n)
        if t == "object_pattern":
            return self.object_pattern(n)
        if t == "array_pattern":
            return self.array_pattern(n)
        if t == "assignment_pattern":
            left = self.pattern(n.child_by_field_name("left"))
            right = self.expr(n.child_by_field_name("right"))
            return C["AssignmentPattern"](*self.span(n), left, right)
        if t == "rest_pattern":
            kids = [k for k in self.kids(n) if k.type != "type_annotation"]
            if not kids:
                raise Broken(n, "rest without a name")
            return C["RestElement"](*self.span(n), self.pattern(kids[0]))
        if t == "parenthesized_expression":
            kids = self.kids(n)
            if not kids:
                raise Broken(n, "empty parentheses")
            return self.pattern(kids[0])
        if t in ("non_null_expression", "as_expression", "satisfies_expression", "type_assertion"):
            inner = next((c for c in self.kids(n) if c.type not in _TYPE_NODES), None)
            return self.pattern(inner)
        # Assignment targets: `a.b = …`, `a[0] = …`, and anything else an expression can be.
        return self.expr(n)

    def object_pattern(self, n: TsNode) -> Node:
        properties = []
        for c in self.kids(n):
            t = c.type
            if t in ("shorthand_property_identifier_pattern", "shorthand_property_identifier"):
                key = self.identifier(c)
                value = self.identifier(c)
                properties.append(C["Property"](*self.span(c), key, value, "init", False, True, False))
            elif t == "pair_pattern":
                key_ts = c.child_by_field_name("key")
                key = self.property_key(key_ts)
                value = self.pattern(c.child_by_field_name("value"))
                properties.append(C["Property"](*self.span(c), key, value, "init", False, False,
                                                           key_ts.type == "computed_property_name"))
            elif t == "object_assignment_pattern":
                left_ts = c.child_by_field_name("left")
                key = self.identifier(left_ts)
                left = self.identifier(left_ts)
                value = C["AssignmentPattern"](*self.span(c), left,
                                                         self.expr(c.child_by_field_name("right")))
                properties.append(C["Property"](*self.span(c), key, value, "init", False, True, False))
            elif t == "rest_pattern":
                properties.append(self.pattern(c))
            else:
                raise Broken(c, f"unexpected pattern member {t}")
        return C["ObjectPattern"](*self.span(n), properties)

    def array_pattern(self, n: TsNode) -> Node:
        elements: list[Node | None] = []
        expecting = True
        for c in n.children:
            t = c.type
            if t in ("[", "]") and not c.is_named:
                continue
            if t == ",":
                if expecting:
                    elements.append(None)
                expecting = True
                continue
            if t in COMMENTS:
                continue
            if t == "ERROR" or c.is_missing:
                raise Broken(c, "syntax error")
            elements.append(self.pattern(c))
            expecting = False
        return C["ArrayPattern"](*self.span(n), elements)


_CHAIN_TYPES = frozenset({"member_expression", "subscript_expression", "call_expression"})

# TypeScript syntax that only describes types: erased wherever it appears.
_TYPE_NODES = frozenset({
    "type_annotation", "type_arguments", "type_parameters", "predefined_type", "type_identifier",
    "generic_type", "union_type", "intersection_type", "array_type", "tuple_type", "object_type",
    "function_type", "literal_type", "lookup_type", "index_type_query", "type_query", "conditional_type",
    "parenthesized_type", "readonly_type", "template_literal_type", "infer_type", "constructor_type",
    "nested_type_identifier", "this_type", "existential_type", "optional_type", "rest_type",
    "asserts_annotation", "type_predicate_annotation", "opting_type_annotation", "omitting_type_annotation",
    "adding_type_annotation", "flow_maybe_type",
})

_TYPE_ONLY_STATEMENTS = frozenset({
    "interface_declaration", "type_alias_declaration", "ambient_declaration", "function_signature",
    "abstract_method_signature", "index_signature",
})

_STATEMENTS: dict[str, Callable[[Converter, TsNode], Node | None]] = {
    "expression_statement": Converter.expression_statement,
    "variable_declaration": Converter.variable_declaration,
    "lexical_declaration": Converter.variable_declaration,
    "using_declaration": Converter.variable_declaration,
    "function_declaration": Converter.function_declaration,
    "generator_function_declaration": Converter.function_declaration,
    "class_declaration": Converter.class_declaration,
    "abstract_class_declaration": Converter.class_declaration,
    "statement_block": Converter.block,
    "if_statement": Converter.if_statement,
    "for_statement": Converter.for_statement,
    "for_in_statement": Converter.for_in_statement,
    "while_statement": Converter.while_statement,
    "do_statement": Converter.do_statement,
    "try_statement": Converter.try_statement,
    "switch_statement": Converter.switch_statement,
    "return_statement": Converter.return_statement,
    "throw_statement": Converter.throw_statement,
    "break_statement": Converter.jump_statement,
    "continue_statement": Converter.jump_statement,
    "labeled_statement": Converter.labeled_statement,
    "empty_statement": Converter.empty_statement,
    "debugger_statement": Converter.debugger_statement,
    "with_statement": Converter.with_statement,
    "import_statement": Converter.import_statement,
    "export_statement": Converter.export_statement,
    "enum_declaration": Converter.enum_declaration,
    "internal_module": Converter.namespace,
    "module": Converter.namespace,
    "ambient_declaration": Converter.ambient,
}

_EXPRESSIONS: dict[str, Callable[[Converter, TsNode], Node]] = {
    "identifier": Converter.identifier,
    "type_identifier": Converter.identifier,
    "shorthand_property_identifier": Converter.identifier,
    "this": Converter.this,
    "super": Converter.super_node,
    "number": Converter.number,
    "string": Converter.string,
    "true": Converter.constant,
    "false": Converter.constant,
    "null": Converter.constant,
    "undefined": Converter.undefined,
    "regex": Converter.regex,
    "template_string": Converter.template,
    "array": Converter.array,
    "object": Converter.object,
    "function_expression": Converter.function_expression,
    "function": Converter.function_expression,
    "generator_function": Converter.function_expression,
    "arrow_function": Converter.arrow_function,
    "class": Converter.class_expression,
    "parenthesized_expression": Converter.parenthesized,
    "sequence_expression": Converter.sequence,
    "assignment_expression": Converter.assignment,
    "augmented_assignment_expression": Converter.assignment,
    "binary_expression": Converter.binary,
    "unary_expression": Converter.unary,
    "update_expression": Converter.update,
    "ternary_expression": Converter.ternary,
    "await_expression": Converter.await_expression,
    "yield_expression": Converter.yield_expression,
    "meta_property": Converter.meta_property,
    "new_expression": Converter.new_expression,
    "member_expression": Converter.chain,
    "subscript_expression": Converter.chain,
    "call_expression": Converter.chain,
    "spread_element": Converter.spread,
    "as_expression": Converter.unwrap,
    "satisfies_expression": Converter.unwrap,
    "non_null_expression": Converter.unwrap,
    "type_assertion": Converter.unwrap,
    "instantiation_expression": Converter.unwrap,
    "jsx_element": Converter.jsx,
    "jsx_self_closing_element": Converter.jsx,
    "jsx_fragment": Converter.jsx,
    # Patterns parsed where an expression stands (`[a, b] = c` inside a sequence).
    "object_pattern": Converter.object_pattern,
    "array_pattern": Converter.array_pattern,
}


def collect_comments(root: TsNode, query: Any, cursor_type: Any, convert: Converter) -> list[Comment]:
    found = []
    for node in cursor_type(query).captures(root).get("c", []):
        if node.type == "hash_bang_line":
            continue
        start, end = convert.span(node)
        raw = convert.text[start:end]
        if raw.startswith("/*"):
            found.append(Comment("Block", raw[2:-2] if raw.endswith("*/") and len(raw) >= 4 else raw[2:], start, end))
        elif raw.startswith("<!--"):
            found.append(Comment("Line", raw[4:], start, end))
        else:
            found.append(Comment("Line", raw[2:] if raw.startswith("//") else raw, start, end))
    found.sort(key=lambda c: c.range[0])
    return found


def first_error(root: TsNode) -> TsNode | None:
    """The first ERROR or MISSING node in source order."""
    node = root
    while True:
        if node.is_missing or node.type == "ERROR":
            return node
        for child in node.children:
            if child.is_missing or child.type == "ERROR" or child.has_error:
                node = child
                break
        else:
            return node if node is not root else None
