"""ESTree node classes: the tree every JavaScript and TypeScript rule sees.

One small class per node type, with `__slots__` for its fields. `CHILDREN` on each class names
the fields that hold child nodes (or lists of them) in source order, so the walk never inspects
attributes it does not need. `range` is a (start, end) pair of character offsets into the text.
The shapes follow ESTree (https://github.com/estree/estree) as esprima and acorn produce them,
with esprima's `isAsync` for the async flag; TypeScript arrives already reduced to these nodes.
"""

from __future__ import annotations

from typing import Any

# The base of every node class; written at the top of the generated `_nodes.py`.
_NODE_BASE = '''class Node:
    __slots__ = ("range", "parent")
    type = "Node"
    CHILDREN = ()

    def children(self):
        """Child nodes in source order."""
        return []

    def linked_children_reversed(self):
        """Child nodes last-first, their `parent` set to this node (the walk's step)."""
        return []

    def __repr__(self):
        # Short on purpose: parent links make a full dump unbounded.
        return f"<{self.type} {self.range}>"
'''


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


def generate() -> str:
    """The Python source of one class per node type (kept in `_nodes.py`, so that importing the
    classes costs no compile): a positional `__init__`, `children()` and, for the walk,
    `linked_children_reversed()` (children last-first, each linked to its parent), written out
    as dataclasses would generate them, since node creation and the walk are the inner loops."""
    out = ['"""Generated from estree.SHAPES by `python -m edgelint.lang.js.estree`: do not edit."""',
           "", "", _NODE_BASE]
    for type_name, (marked, scalars) in SHAPES.items():
        children = tuple(f.lstrip("*") for f in marked)
        fields = children + scalars
        params = "".join(f", {f}=None" for f in fields)
        out += ["", f"class {type_name}(Node):", f"    __slots__ = {fields!r}", f"    type = {type_name!r}",
                f"    CHILDREN = {children!r}", "",
                f"    def __init__(self, start, end{params}):", "        self.range = (start, end)"]
        out += [f"        self.{f} = {f}" for f in fields]
        out += ["", "    def children(self):", "        out = []"]
        for f in marked:
            if f.startswith("*"):
                out.append(f"        out.extend([c for c in self.{f[1:]} if c is not None])")
            else:
                out += [f"        if self.{f} is not None:", f"            out.append(self.{f})"]
        out += ["        return out", "", "    def linked_children_reversed(self):", "        out = []"]
        for f in marked:
            if f.startswith("*"):
                out += [f"        for c in self.{f[1:]}:", "            if c is not None:",
                        "                c.parent = self", "                out.append(c)"]
            else:
                out += [f"        c = self.{f}", "        if c is not None:", "            c.parent = self",
                        "            out.append(c)"]
        out += ["        out.reverse()", "        return out", ""]
    out += ["", "CLASSES = {" + ", ".join(f"{n!r}: {n}" for n in SHAPES) + "}", ""]
    return "\n".join(out)


def new(type_name: str, start: int, end: int, **fields: Any) -> Node:
    """A node with every field of its type set (missing ones None); for rare or synthetic nodes."""
    return CLASSES[type_name](start, end, **fields)


from edgelint.lang.js._nodes import CLASSES, Node  # noqa: E402


class Comment:
    """A comment: `Line` (`// …`) or `Block` (`/* … */`); value without the delimiters."""

    __slots__ = ("type", "value", "range")

    def __init__(self, type_name: str, value: str, start: int, end: int) -> None:
        self.type = type_name
        self.value = value
        self.range = (start, end)

    def __repr__(self) -> str:
        return f"<{self.type} comment {self.range}>"


if __name__ == "__main__":  # regenerate _nodes.py after changing SHAPES
    from pathlib import Path

    Path(__file__).with_name("_nodes.py").write_text(generate(), "utf-8")
