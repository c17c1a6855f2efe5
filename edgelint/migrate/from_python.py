"""Python Lambda@Edge → JavaScript Lambda@Edge, for the subset MG002 accepts: URI and header
rewrites, redirects and literal generated responses. The result keeps the Lambda@Edge event
shape; `to_cloudfront` then makes it a CloudFront Function.

Python's semantics are kept where JavaScript differs: truth values of empty lists and dicts,
`in` on strings, lists and dicts, `dict.get`, negative indexes and slices go through small
helpers. Anything outside the subset (imports in use, classes, comprehensions, try, with,
generators, keyword arguments to unknown functions, …) is a blocker with its line."""

from __future__ import annotations

import ast
import json

from edgelint.migrate.common import Blocker, Refusal

_HELPERS = {
    "truthy": """function edgelintTruthy(value) {
  if (Array.isArray(value) || typeof value === 'string') { return value.length > 0; }
  if (value && typeof value === 'object') { return Object.keys(value).length > 0; }
  return !!value;
}""",
    "in": """function edgelintIn(item, container) {
  if (typeof container === 'string' || Array.isArray(container)) { return container.indexOf(item) !== -1; }
  return container != null && Object.prototype.hasOwnProperty.call(container, item);
}""",
    "get": """function edgelintGet(container, key, fallback) {
  var value = container[key];
  return value === undefined ? (fallback === undefined ? null : fallback) : value;
}""",
    "at": """function edgelintAt(sequence, index) {
  return sequence[index < 0 ? sequence.length + index : index];
}""",
    "slice": """function edgelintSlice(sequence, start, end) {
  return sequence.slice(start === null ? 0 : start, end === null ? undefined : end);
}""",
    "len": """function edgelintLen(value) {
  if (typeof value === 'string' || Array.isArray(value)) { return value.length; }
  return Object.keys(value).length;
}""",
    "str": """function edgelintStr(value) {
  if (value === null || value === undefined) { return 'None'; }
  if (value === true) { return 'True'; }
  if (value === false) { return 'False'; }
  return String(value);
}""",
}

_STRING_METHODS = {"startswith": "startsWith", "endswith": "endsWith", "lower": "toLowerCase",
                   "upper": "toUpperCase", "strip": "trim", "lstrip": "trimStart", "rstrip": "trimEnd"}
_BINOPS = {ast.Add: "+", ast.Sub: "-"}
_COMPARE = {ast.Eq: "===", ast.NotEq: "!==", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_PURE = (ast.Name, ast.Attribute, ast.Subscript, ast.Constant)


class _Translator:
    def __init__(self, text: str) -> None:
        self.text = text
        self.blockers: list[Blocker] = []
        self.helpers: set[str] = set()
        self.imported: dict[str, ast.AST] = {}
        self.functions: set[str] = set()
        self.lists: set[str] = set()    # module-level names bound to a list or tuple literal
        self.strings: set[str] = set()  # names only ever given a certainly-string value

    def block(self, node: ast.AST, why: str) -> None:
        self.blockers.append(Blocker(getattr(node, "lineno", 1), why))

    # -- module --------------------------------------------------------------------------------------
    def module(self, tree: ast.Module, handler: str) -> str:
        out = ["'use strict';"]
        self.functions = {s.name for s in tree.body if isinstance(s, ast.FunctionDef)}
        assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, (ast.AugAssign, ast.For)) and isinstance(node.target, ast.Name):
                assigned.setdefault(node.target.id, []).append(None)  # type: ignore[arg-type]
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                    and isinstance(stmt.value, (ast.List, ast.Tuple)) and len(assigned.get(stmt.targets[0].id, [])) == 1:
                self.lists.add(stmt.targets[0].id)
        for _ in range(3):  # names given only strings (a string from another such name counts)
            for name, values in assigned.items():
                if values and all(v is not None and self._stringy(v) for v in values):
                    self.strings.add(name)
        for stmt in tree.body:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                for alias in stmt.names:
                    self.imported[alias.asname or alias.name.split(".")[0]] = stmt
                continue
            if isinstance(stmt, ast.If) and self._is_main(stmt.test):
                continue  # local runs only
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
                out.append("// " + stmt.value.value.strip().replace("\n", "\n// "))
                continue
            out.append(self.stmt(stmt, 0))
        names = {getattr(s, "name", None) for s in tree.body}
        if handler not in names:
            self.blocker_line(1, f"no top-level `{handler}` function")
        out.append(f"\nexports.handler = {handler};")
        for name in sorted(self.helpers):
            out.append("\n" + _HELPERS[name])
        return "\n".join(out) + "\n"

    def blocker_line(self, line: int, why: str) -> None:
        self.blockers.append(Blocker(line, why))

    @staticmethod
    def _is_main(test: ast.AST) -> bool:
        return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__")

    # -- statements ------------------------------------------------------------------------------------
    def body(self, stmts: list[ast.stmt], depth: int) -> str:
        return "\n".join(self.stmt(s, depth) for s in stmts)

    def stmt(self, node: ast.stmt, depth: int) -> str:
        pad = "  " * depth
        if isinstance(node, ast.FunctionDef):
            args = node.args
            if args.vararg or args.kwarg or args.kwonlyargs or args.defaults or node.decorator_list:
                self.block(node, "a function with defaults, *args, **kwargs or decorators")
            params = ", ".join(a.arg for a in args.args)
            body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
            return f"{pad}function {node.name}({params}) {{\n{self.body(body, depth + 1)}\n{pad}}}"
        if isinstance(node, ast.Return):
            return f"{pad}return {self.expr(node.value) if node.value is not None else 'null'};"
        if isinstance(node, ast.Assign):
            if len(node.targets) != 1:
                self.block(node, "chained assignment")
            target = node.targets[0]
            value = self.expr(node.value)
            if isinstance(target, ast.Name):
                return f"{pad}var {target.id} = {value};"
            if isinstance(target, ast.Tuple):
                self.block(node, "tuple unpacking")
                return ""
            return f"{pad}{self.expr(target)} = {value};"
        if isinstance(node, ast.AugAssign):
            op = _BINOPS.get(type(node.op))
            if op is None:
                self.block(node, "an augmented assignment JavaScript spells differently")
                return ""
            return f"{pad}{self.expr(node.target)} {op}= {self.expr(node.value)};"
        if isinstance(node, ast.If):
            text = f"{pad}if ({self.test(node.test)}) {{\n{self.body(node.body, depth + 1)}\n{pad}}}"
            orelse = node.orelse
            while len(orelse) == 1 and isinstance(orelse[0], ast.If):
                inner = orelse[0]
                text += f" else if ({self.test(inner.test)}) {{\n{self.body(inner.body, depth + 1)}\n{pad}}}"
                orelse = inner.orelse
            if orelse:
                text += f" else {{\n{self.body(orelse, depth + 1)}\n{pad}}}"
            return text
        if isinstance(node, ast.For):
            if not isinstance(node.target, ast.Name) or node.orelse:
                self.block(node, "a for loop over more than one name, or with else")
                return ""
            if not (isinstance(node.iter, (ast.List, ast.Tuple)) or
                    isinstance(node.iter, ast.Name) and node.iter.id in self.lists):
                self.block(node, "a for loop over something other than a literal list (dicts and header lists "
                                 "iterate differently in JavaScript)")
                return ""
            seq = self.expr(node.iter)
            index = f"i{node.lineno}"
            return (f"{pad}for (var {index} = 0, seq{node.lineno} = {seq}; {index} < seq{node.lineno}.length; "
                    f"{index}++) {{\n{pad}  var {node.target.id} = seq{node.lineno}[{index}];\n"
                    f"{self.body(node.body, depth + 1)}\n{pad}}}")
        if isinstance(node, ast.Expr):
            return f"{pad}{self.expr(node.value)};"
        if isinstance(node, ast.Pass):
            return f"{pad}// pass"
        if isinstance(node, ast.Delete):
            return "\n".join(f"{pad}delete {self.expr(t)};" for t in node.targets)
        self.block(node, f"a `{type(node).__name__}` statement")
        return ""

    # -- expressions -------------------------------------------------------------------------------------
    def test(self, node: ast.expr) -> str:
        """An expression used for its truth value, with Python's idea of truth."""
        if isinstance(node, ast.BoolOp):
            op = " && " if isinstance(node.op, ast.And) else " || "
            return "(" + op.join(self.test(v) for v in node.values) + ")"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return f"!({self.test(node.operand)})"
        if isinstance(node, ast.Compare):
            return self.expr(node)
        self.helpers.add("truthy")
        return f"edgelintTruthy({self.expr(node)})"

    def expr(self, node: ast.expr | None) -> str:
        if node is None:
            return "null"
        if isinstance(node, ast.Constant):
            value = node.value
            if value is None:
                return "null"
            if value is True or value is False:
                return "true" if value else "false"
            if isinstance(value, str):
                return json.dumps(value, ensure_ascii=False)
            if isinstance(value, int):
                return repr(value)
            if isinstance(value, float):
                self.block(node, "a float literal (Python and JavaScript print floats differently)")
                return "0"
            self.block(node, "a bytes or complex literal")
            return "null"
        if isinstance(node, ast.Name):
            if node.id in self.imported:
                self.block(node, f"uses the imported `{node.id}`")
            return node.id
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    parts.append(str(value.value).replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${"))
                elif isinstance(value, ast.FormattedValue) and value.format_spec is None and value.conversion == -1:
                    self.helpers.add("str")
                    parts.append("${edgelintStr(" + self.expr(value.value) + ")}")
                else:
                    self.block(node, "an f-string format specification")
            return "`" + "".join(parts) + "`"
        if isinstance(node, ast.Dict):
            items = []
            for key, value in zip(node.keys, node.values):
                if key is None:
                    items.append("..." + self.expr(value))
                else:
                    items.append(f"[{self.expr(key)}]: {self.expr(value)}" if not isinstance(key, ast.Constant)
                                 else f"{json.dumps(str(key.value))}: {self.expr(value)}")
            return "{ " + ", ".join(items) + " }" if items else "{}"
        if isinstance(node, (ast.List, ast.Tuple)):
            return "[" + ", ".join(self.expr(e) for e in node.elts) + "]"
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, ast.Attribute):
            self.block(node, f"reads attribute `.{node.attr}`")
            return "null"
        if isinstance(node, ast.BinOp):
            op = _BINOPS.get(type(node.op))
            if op is None:
                self.block(node, "an operator whose meaning differs in JavaScript (*, /, %, //, **, …)")
                return "null"
            if isinstance(node.op, ast.Add) and not (self._stringy(node.left) or self._stringy(node.right)
                                                     or self._numeric(node.left) and self._numeric(node.right)):
                self.block(node, "`+` on values that may be lists (JavaScript would join them as text)")
            return f"({self.expr(node.left)} {op} {self.expr(node.right)})"
        if isinstance(node, ast.BoolOp):
            # A value, not a test: `x or 'default'` — the operand is read twice, so it must be plain.
            result = self.expr(node.values[-1])
            for value in reversed(node.values[:-1]):
                pure_get = (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                            and value.func.attr == "get" and isinstance(value.func.value, _PURE)
                            and all(isinstance(a, _PURE) for a in value.args))
                if not isinstance(value, _PURE) and not pure_get:
                    self.block(node, "`and`/`or` on a value with side effects")
                text = self.expr(value)
                self.helpers.add("truthy")
                if isinstance(node.op, ast.Or):
                    result = f"(edgelintTruthy({text}) ? {text} : {result})"
                else:
                    result = f"(edgelintTruthy({text}) ? {result} : {text})"
            return result
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                return f"!({self.test(node.operand)})"
            if isinstance(node.op, ast.USub):
                return f"-{self.expr(node.operand)}"
        if isinstance(node, ast.IfExp):
            return f"({self.test(node.test)} ? {self.expr(node.body)} : {self.expr(node.orelse)})"
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        self.block(node, f"a `{type(node).__name__}` expression")
        return "null"

    def _stringy(self, node: ast.expr) -> bool:
        """Certainly a string: a literal, an f-string, str(), a string method's result, `uri`."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str) or isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._stringy(node.left) or self._stringy(node.right)
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "str":
                return True
            if isinstance(node.func, ast.Attribute) and node.func.attr in ("lower", "upper", "strip", "lstrip", "rstrip",
                                                                          "replace", "join"):
                return True
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and \
                node.slice.value in ("uri", "method", "querystring", "clientIp", "value", "status"):
            return True
        return isinstance(node, ast.Name) and node.id in self.strings

    @staticmethod
    def _numeric(node: ast.expr) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool)

    def subscript(self, node: ast.Subscript) -> str:
        value = self.expr(node.value)
        index = node.slice
        if isinstance(index, ast.Slice):
            if index.step is not None:
                self.block(node, "a slice with a step")
            self.helpers.add("slice")
            return f"edgelintSlice({value}, {self.expr(index.lower)}, {self.expr(index.upper)})"
        if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub):
            self.helpers.add("at")
            return f"edgelintAt({value}, {self.expr(index)})"
        return f"{value}[{self.expr(index)}]"

    def compare(self, node: ast.Compare) -> str:
        parts = []
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.Is, ast.IsNot)):
                if not (isinstance(right, ast.Constant) and right.value is None):
                    self.block(node, "`is` with something other than None")
                test = "==" if isinstance(op, ast.Is) else "!="
                parts.append(f"({self.expr(left)} {test} null)")
            elif isinstance(op, (ast.In, ast.NotIn)):
                self.helpers.add("in")
                text = f"edgelintIn({self.expr(left)}, {self.expr(right)})"
                parts.append(text if isinstance(op, ast.In) else f"!{text}")
            else:
                if any(isinstance(x, (ast.List, ast.Tuple, ast.Dict, ast.Set)) or
                       isinstance(x, ast.Name) and x.id in self.lists for x in (left, right)):
                    self.block(node, "compares lists or dicts (JavaScript compares identity)")
                parts.append(f"({self.expr(left)} {_COMPARE[type(op)]} {self.expr(right)})")
            left = right
        return parts[0] if len(parts) == 1 else "(" + " && ".join(parts) + ")"

    def call(self, node: ast.Call) -> str:
        func = node.func
        if node.keywords:
            self.block(node, "a call with keyword arguments")
        args = [self.expr(a) for a in node.args]
        if isinstance(func, ast.Name):
            name = func.id
            if name == "len" and len(args) == 1:
                self.helpers.add("len")
                return f"edgelintLen({args[0]})"
            if name == "str" and len(args) == 1:
                self.helpers.add("str")
                return f"edgelintStr({args[0]})"
            if name == "int":
                self.block(node, "int() (JavaScript's parseInt accepts what Python refuses)")
                return "null"
            if name == "print":
                joined = " + ' ' + ".join(args) or "''"
                return f"console.log({joined})"
            if name in self.imported:
                self.block(node, f"calls the imported `{name}`")
            elif name not in self.functions:
                self.block(node, f"calls `{name}()`, which has no translation")
            return f"{name}({', '.join(args)})"
        if isinstance(func, ast.Attribute):
            target = self.expr(func.value)
            method = func.attr
            if method in ("startswith", "endswith") and node.args and (
                    isinstance(node.args[0], (ast.Tuple, ast.List))
                    or isinstance(node.args[0], ast.Name) and node.args[0].id in self.lists):
                self.block(node, f"{method}() with a tuple")
                return "null"
            if method in _STRING_METHODS and (method in ("startswith", "endswith") or not args):
                if method in ("strip", "lstrip", "rstrip") and args:
                    self.block(node, "strip() with characters")
                return f"{target}.{_STRING_METHODS[method]}({', '.join(args)})"
            if method == "get" and len(args) == 1:
                # None and undefined behave alike in the translated tests (`== null`, truth), and
                # a plain member keeps the event path visible to the CloudFront rewrite.
                return f"{target}[{args[0]}]"
            if method == "get" and len(args) == 2:
                if not (isinstance(func.value, _PURE) and isinstance(node.args[0], _PURE)):
                    self.block(node, "dict.get with a default on an expression with side effects")
                return f"({target}[{args[0]}] !== undefined ? {target}[{args[0]}] : {args[1]})"
            if method == "replace" and len(args) == 2:
                return f"{target}.split({args[0]}).join({args[1]})"
            if method == "split" and len(args) == 1:
                return f"{target}.split({args[0]})"
            if method == "join" and len(args) == 1:
                return f"{args[0]}.join({target})"
            if method == "append" and len(args) == 1:
                return f"{target}.push({args[0]})"
            if method == "pop" and len(args) in (1, 2):
                key = args[0]
                return f"(function (o, k) {{ var v = o[k]; delete o[k]; return v; }})({target}, {key})"
            if isinstance(func.value, ast.Name) and func.value.id in self.imported:
                self.block(node, f"calls `{func.value.id}.{method}`")
                return "null"
            self.block(node, f"calls `.{method}()`")
            return "null"
        self.block(node, "a call JavaScript cannot express the same way")
        return "null"


def python_to_lambda_edge_js(text: str, handler: str = "handler") -> str:
    """JavaScript (Lambda@Edge shape) for a Python Lambda@Edge module; raises Refusal."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        raise Refusal([Blocker(1, "the file does not parse")]) from None
    names = {getattr(s, "name", None) for s in tree.body}
    if handler not in names:
        handler = "lambda_handler" if "lambda_handler" in names else handler
    translator = _Translator(text)
    out = translator.module(tree, handler)
    if translator.blockers:
        raise Refusal(sorted(set(translator.blockers)))
    return out


__all__ = ["python_to_lambda_edge_js"]
