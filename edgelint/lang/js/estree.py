"""ESTree node classes: the tree every JavaScript and TypeScript rule sees.

One small class per node type, with `__slots__` for its fields. `CHILDREN` on each class names
the fields that hold child nodes (or lists of them) in source order, so the walk never inspects
attributes it does not need. `range` is a (start, end) pair of character offsets into the text.
The shapes follow ESTree (https://github.com/estree/estree) as esprima and acorn produce them,
with esprima's `isAsync` for the async flag; TypeScript arrives already reduced to these nodes.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Node:
    __slots__ = ("range", "parent")
    type: ClassVar[str] = "Node"
    CHILDREN: ClassVar[tuple[str, ...]] = ()

    def children(self) -> list["Node"]:
        """Child nodes in source order."""
        return []

    def linked_children_reversed(self) -> list["Node"]:
        """Child nodes last-first, their `parent` set to this node (the walk's step)."""
        return []

    def __repr__(self) -> str:
        # Short on purpose: parent links make a full dump unbounded.
        return f"<{self.type} {self.range}>"


class TemplateValue:
    __slots__ = ("raw", "cooked")

    def __init__(self, raw: str, cooked: str | None) -> None:
        self.raw = raw
        self.cooked = cooked


class Regex:
    __slots__ = ("pattern", "flags")

    def __init__(self, pattern: str, flags: str) -> None:
        self.pattern = pattern
        self.flags = flags


# type -> (child fields in source order, other fields). Every field is a slot, set by the builder.
# A `*` marks a field holding a list (whose items may be None: array holes).
SHAPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Program": (("*body",), ("sourceType",)),
    # Statements and declarations.
    "ExpressionStatement": (("expression",), ("directive",)),
    "BlockStatement": (("*body",), ()),
    "StaticBlock": (("*body",), ()),
    "EmptyStatement": ((), ()),
    "DebuggerStatement": ((), ()),
    "WithStatement": (("object", "body"), ()),
    "ReturnStatement": (("argument",), ()),
    "LabeledStatement": (("label", "body"), ()),
    "BreakStatement": (("label",), ()),
    "ContinueStatement": (("label",), ()),
    "IfStatement": (("test", "consequent", "alternate"), ()),
    "SwitchStatement": (("discriminant", "*cases"), ()),
    "SwitchCase": (("test", "*consequent"), ()),
    "ThrowStatement": (("argument",), ()),
    "TryStatement": (("block", "handler", "finalizer"), ()),
    "CatchClause": (("param", "body"), ()),
    "WhileStatement": (("test", "body"), ()),
    "DoWhileStatement": (("body", "test"), ()),
    "ForStatement": (("init", "test", "update", "body"), ()),
    "ForInStatement": (("left", "right", "body"), ()),
    "ForOfStatement": (("left", "right", "body"), ("isAwait",)),
    "FunctionDeclaration": (("id", "*params", "body"), ("generator", "expression", "isAsync")),
    "VariableDeclaration": (("*declarations",), ("kind",)),
    "VariableDeclarator": (("id", "init"), ()),
    "ClassDeclaration": (("id", "superClass", "body"), ()),
    "ClassExpression": (("id", "superClass", "body"), ()),
    "ClassBody": (("*body",), ()),
    "MethodDefinition": (("key", "value"), ("kind", "computed", "static")),
    "PropertyDefinition": (("key", "value"), ("computed", "static")),
    # Modules.
    "ImportDeclaration": (("*specifiers", "source"), ()),
    "ImportSpecifier": (("imported", "local"), ()),
    "ImportDefaultSpecifier": (("local",), ()),
    "ImportNamespaceSpecifier": (("local",), ()),
    "ExportNamedDeclaration": (("declaration", "*specifiers", "source"), ()),
    "ExportSpecifier": (("local", "exported"), ()),
    "ExportDefaultDeclaration": (("declaration",), ()),
    "ExportAllDeclaration": (("exported", "source"), ()),
    # Expressions.
    "Identifier": ((), ("name",)),
    "PrivateIdentifier": ((), ("name",)),
    "Literal": ((), ("value", "raw", "regex")),
    "ThisExpression": ((), ()),
    "Super": ((), ()),
    "ArrayExpression": (("*elements",), ()),
    "ObjectExpression": (("*properties",), ()),
    "Property": (("key", "value"), ("kind", "method", "shorthand", "computed")),
    "FunctionExpression": (("id", "*params", "body"), ("generator", "expression", "isAsync")),
    "ArrowFunctionExpression": (("id", "*params", "body"), ("generator", "expression", "isAsync")),
    "UnaryExpression": (("argument",), ("operator", "prefix")),
    "UpdateExpression": (("argument",), ("operator", "prefix")),
    "BinaryExpression": (("left", "right"), ("operator",)),
    "LogicalExpression": (("left", "right"), ("operator",)),
    "AssignmentExpression": (("left", "right"), ("operator",)),
    "MemberExpression": (("object", "property"), ("computed", "optional")),
    "ChainExpression": (("expression",), ()),
    "ConditionalExpression": (("test", "consequent", "alternate"), ()),
    "CallExpression": (("callee", "*arguments"), ("optional",)),
    "NewExpression": (("callee", "*arguments"), ()),
    "SequenceExpression": (("*expressions",), ()),
    "YieldExpression": (("argument",), ("delegate",)),
    "AwaitExpression": (("argument",), ()),
    "TemplateLiteral": (("*quasis", "*expressions"), ()),
    "TaggedTemplateExpression": (("tag", "quasi"), ()),
    "TemplateElement": ((), ("value", "tail")),
    "SpreadElement": (("argument",), ()),
    "MetaProperty": (("meta", "property"), ()),
    "ImportExpression": (("source",), ()),
    # Patterns.
    "ObjectPattern": (("*properties",), ()),
    "ArrayPattern": (("*elements",), ()),
    "RestElement": (("argument",), ()),
    "AssignmentPattern": (("left", "right"), ()),
    # JSX is kept opaque: only the expressions inside it, for scopes and names.
    "JSXElement": (("*expressions",), ()),
}


def _make(type_name: str, marked: tuple[str, ...], scalars: tuple[str, ...]) -> type[Node]:
    children = tuple(f.lstrip("*") for f in marked)
    fields = children + scalars
    # A positional __init__ and a `children()` per class, generated as dataclasses does: node
    # creation is the converter's inner loop and `children()` the walk's.
    params = "".join(f", {f}=None" for f in fields)
    body = "".join(f"\n    self.{f} = {f}" for f in fields)
    gather = "".join(
        f"\n    out.extend([c for c in self.{f[1:]} if c is not None])" if f.startswith("*")
        else f"\n    if self.{f} is not None: out.append(self.{f})" for f in marked)
    # For the walk: children last-first (to push on its stack), each linked to its parent.
    link = "".join(
        f"\n    for c in self.{f[1:]}:\n        if c is not None: c.parent = self; out.append(c)"
        if f.startswith("*") else f"\n    c = self.{f}\n    if c is not None: c.parent = self; out.append(c)"
        for f in marked)
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, start, end{params}):\n    self.range = (start, end){body}\n"
         f"def children(self):\n    out = []{gather}\n    return out\n"
         f"def linked_children_reversed(self):\n    out = []{link}\n    out.reverse()\n    return out\n",
         namespace)
    return type(type_name, (Node,), {"__slots__": fields, "type": type_name, "CHILDREN": children,
                                     "__init__": namespace["__init__"], "children": namespace["children"],
                                     "linked_children_reversed": namespace["linked_children_reversed"]})


CLASSES: dict[str, type[Node]] = {name: _make(name, *shape) for name, shape in SHAPES.items()}


def new(type_name: str, start: int, end: int, **fields: Any) -> Node:
    """A node with every field of its type set (missing ones None); for rare or synthetic nodes."""
    return CLASSES[type_name](start, end, **fields)


class Comment:
    """A comment: `Line` (`// …`) or `Block` (`/* … */`); value without the delimiters."""

    __slots__ = ("type", "value", "range")

    def __init__(self, type_name: str, value: str, start: int, end: int) -> None:
        self.type = type_name
        self.value = value
        self.range = (start, end)

    def __repr__(self) -> str:
        return f"<{self.type} comment {self.range}>"
