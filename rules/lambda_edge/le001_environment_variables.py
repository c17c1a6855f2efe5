from __future__ import annotations

import json
import re
from typing import Any

from edgelint.lang.py import cst

from edgelint.lang.js.parse import member_key, property_key
from edgelint.lang.py.keys import static_key, subscript_key
from edgelint.model import LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, le

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html"
_RESERVED_URL = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime"
_PREFIX = "Lambda@Edge functions have no environment variables"
_HELP = ("inline the value at build time, read it from SSM Parameter Store/Secrets Manager in us-east-1 "
         "and cache it in a module variable, or derive it from the function name")
_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def _env() -> dict[str, Any]:
    return le()["environment"]


def _js_roots() -> set[tuple]:
    """Symbolic paths of the environment object: the global `process.env` and `env` of the
    `process` module (`require('process').env`, `import { env } from 'node:process'`)."""
    env = _env()
    prop = env["js_property"]
    roots = {("global", env["js_global"], prop)}
    roots.update(("module", name, prop) for name in env["js_modules"])
    return roots


def _py_key(node: Any) -> str | int | None:
    """A literal key: 'X', or b'X' for os.environb / os.getenvb."""
    key = static_key(node)
    if key is None and isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        if isinstance(value, bytes):
            return value.decode("latin-1")
    return key


def _reserved_sample() -> str:
    return ", ".join(_env()["reserved_examples"])


class EnvironmentVariables(Rule):
    """
    ## What it does
    Flags reads of environment variables that Lambda@Edge does not provide:

    - JavaScript: `process.env.X`, `process.env['X']`, `const { X } = process.env` (also through
      aliases such as `const env = process.env; env.X`, and `env` from the `process` module). Only
      the global `process` counts: a local variable named `process` is left alone. Assigning
      `process.env.X = …` is a write, not a read, and is not flagged;
    - Python: `os.environ["X"]`, `os.environ.get("X")`, `os.environ.setdefault("X", …)`,
      `os.getenv("X")`, resolved by qualified name, so `from os import environ as env; env["X"]`
      is found and a local function named `getenv` is not.

    The reserved variables Lambda always sets (`AWS_REGION`, `AWS_LAMBDA_FUNCTION_NAME`,
    `AWS_LAMBDA_FUNCTION_VERSION`, …) are fine. A key that is not a literal (`process.env[name]`)
    is a warning, since it may name a reserved variable; so is `NODE_ENV`, which bundlers
    usually replace at build time. Code under `if (require.main === module)` or
    `if __name__ == "__main__":` (local runs, never executed by Lambda) is skipped.

    ## Why is this bad?
    Lambda@Edge does not support environment variables, except the reserved ones Lambda sets
    itself, and CloudFront rejects the association of a function that has any configured. At
    the edge, `process.env.X` is `undefined`, `os.getenv("X")` is `None` and `os.environ["X"]`
    raises `KeyError`, so configuration read this way silently falls back to defaults or crashes
    the function (the viewer gets a 502/503).

    ## Example
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        const backend = process.env.BACKEND_URL;
        request.headers['x-backend'] = [{ key: 'X-Backend', value: backend }];
        return request;
    };
    ```

    Use instead: a value inlined at build time (a bundler `define`, a generated `config.json`
    shipped in the package), a parameter read from SSM Parameter Store or Secrets Manager in
    us-east-1 and cached in a module-level variable, or a value derived from
    `process.env.AWS_LAMBDA_FUNCTION_NAME` (one function per stage).

    ```js
    const config = require('./config.json');
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        request.headers['x-backend'] = [{ key: 'X-Backend', value: config.backendUrl }];
        return request;
    };
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
    """

    code = "LE001"
    name = "environment-variables"
    summary = "Environment variable read in a Lambda@Edge function"
    help = _HELP
    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES
    references = (_URL, _RESERVED_URL)
    valid = (
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  console.log(process.env.AWS_REGION, process.env['AWS_LAMBDA_FUNCTION_NAME']);\n"
                "  return request;\n};\n", runtime=NODE, event="origin-request"),
        Example("exports.handler = async (event) => {\n  const process = { env: { TABLE: 't' } };\n"
                "  const t = process.env.TABLE;\n  return event.Records[0].cf.request;\n};\n",
                runtime=NODE, event="origin-request"),
        Example("process.env.STAGE = 'prod';\nexports.handler = async (event) => {\n"
                "  return event.Records[0].cf.request;\n};\n", runtime=NODE, event="origin-request"),
        Example("import os\n\ndef handler(event, context):\n    region = os.environ[\"AWS_REGION\"]\n"
                "    return event[\"Records\"][0][\"cf\"][\"request\"]\n", runtime=PYTHON, event="origin-request"),
        Example("def handler(event, context):\n    def getenv(name):\n        return name.lower()\n"
                "    mode = getenv(\"TABLE\")\n    return event[\"Records\"][0][\"cf\"][\"request\"]\n",
                runtime=PYTHON, event="origin-request"),
        Example("import os\n\nos.environ[\"TZ\"] = \"UTC\"\n\ndef lambda_handler(event, context):\n"
                "    fn = os.getenv(\"AWS_LAMBDA_FUNCTION_NAME\")\n"
                "    return event[\"Records\"][0][\"cf\"][\"request\"]\n", runtime=PYTHON, event="origin-request"),
        Example("import json\nimport os\n\ndef handler(event, context):\n"
                "    return event[\"Records\"][0][\"cf\"][\"request\"]\n\n"
                "if __name__ == \"__main__\":\n    with open(os.environ[\"EVENT_FILE\"]) as f:\n"
                "        print(handler(json.load(f), None))\n", runtime=PYTHON, event="origin-request"),
    )
    invalid = (
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const url = process.env.BACKEND_URL;\n  return request;\n};\n",
                runtime=NODE, event="origin-request", line=3, severity=Severity.ERROR,
                message="`process.env.BACKEND_URL` is undefined at the edge"),
        Example("const { API_KEY } = process.env;\nexports.handler = async (event) => {\n"
                "  return event.Records[0].cf.request;\n};\n", runtime=NODE, event="origin-request", line=1,
                message="`process.env.API_KEY`"),
        Example("const env = process.env;\nexports.handler = async (event) => {\n"
                "  const name = 'TABLE_' + 'NAME';\n  console.log(env[name]);\n"
                "  return event.Records[0].cf.request;\n};\n",
                runtime=NODE, event="origin-request", line=4, severity=Severity.WARNING),
        Example("import os\n\ndef handler(event, context):\n    table = os.getenv(\"TABLE\")\n"
                "    return event[\"Records\"][0][\"cf\"][\"request\"]\n", runtime=PYTHON,
                event="origin-request", line=4, severity=Severity.ERROR, message="`os.getenv(\"TABLE\")`"),
        Example("from os import environ as env\n\ndef handler(event, context):\n    x = env[\"X\"]\n"
                "    return event[\"Records\"][0][\"cf\"][\"request\"]\n", runtime=PYTHON,
                event="origin-request", line=4, message="KeyError"),
        Example("import os\n\nSECRET = os.environ.get(\"SECRET\", \"\")\n\ndef lambda_handler(event, context):\n"
                "    return event[\"Records\"][0][\"cf\"][\"request\"]\n", runtime=PYTHON,
                event="viewer-request", line=3),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        # Python: assignment/del targets (writes), and names bound to os.environ per function.
        self._writes: set[int] = set()
        self._aliases: dict[tuple[int | None, str], bool] = {}
        # Blocks that run only when the file is executed directly, and how deep the walk is in them.
        self._main_blocks: set[int] = set()
        self._main_depth = 0

    # -- shared ---------------------------------------------------------------------------
    def _check_key(self, node: Any, key: Any, shown: str, dynamic: str, *, python_raises: bool = False,
                   has_default: bool = False) -> None:
        env = _env()
        if self._main_depth:
            return  # local-run code: Lambda imports the module, so this never runs at the edge
        if key is None:
            self.report(node, f"{_PREFIX}: {dynamic} reads a variable named at run time; unless it is a "
                              f"reserved variable ({_reserved_sample()}, …) it is not set at the edge",
                        severity=Severity.WARNING, help=_HELP)
            return
        key = str(key)
        if key in env["reserved"]:
            return
        if self.ctx.target.language == "python":
            tail = ("raises KeyError at the edge" if python_raises else
                    "returns its default at the edge" if has_default else "returns None at the edge")
        else:
            tail = "is undefined at the edge"
        if key in env["bundler_defined"] and self.ctx.target.language == "js":
            self.report(node, f"{_PREFIX}: {shown} {tail} unless your bundler replaces it at build time",
                        severity=Severity.WARNING,
                        help="let the bundler inline it (webpack `mode`, esbuild `--define`), or use a "
                             "constant in the code")
            return
        self.report(node, f"{_PREFIX}: {shown} {tail}", help=_HELP)

    # -- JavaScript -----------------------------------------------------------------------
    def _js_is_main_test(self, test: Any) -> bool:
        """`require.main === module` (either order)."""
        if test.type != "BinaryExpression" or test.operator not in ("===", "=="):
            return False
        main, module = _env()["js_main_test"]
        sides = {".".join(map(str, s[1:])) for s in (self.ctx.sym(test.left), self.ctx.sym(test.right))
                 if s is not None and s[0] == "global"}
        return sides == {main, module}

    def on_IfStatement(self, node: Any) -> None:
        if node.consequent.type == "BlockStatement" and self._js_is_main_test(node.test):
            self._main_blocks.add(id(node.consequent))

    def on_BlockStatement(self, node: Any) -> None:
        if id(node) in self._main_blocks:
            self._main_depth += 1

    def on_BlockStatement_exit(self, node: Any) -> None:
        if id(node) in self._main_blocks:
            self._main_depth -= 1

    @staticmethod
    def _js_shown(key: Any) -> str:
        if isinstance(key, str) and _IDENT.match(key):
            return f"`process.env.{key}`"
        return f"`process.env[{key!r}]`"

    def on_MemberExpression(self, node: Any) -> None:
        ctx = self.ctx
        if ctx.sym(node.object) not in _js_roots():
            return
        if ctx.is_write_target(node):
            return  # process.env.X = …, delete process.env.X
        parent = getattr(node, "parent", None)
        if parent is not None and parent.type == "CallExpression" and parent.callee is node:
            return  # a method of the env object: process.env.hasOwnProperty('X')
        key = member_key(node)
        text = ctx.text[node.range[0]:node.range[1]]
        self._check_key(node, key, self._js_shown(key), f"`{text}`" if len(text) <= 60 else "this read")

    def on_VariableDeclarator(self, node: Any) -> None:
        if node.init is not None and node.id.type == "ObjectPattern":
            self._pattern(node.id, self.ctx.sym(node.init))

    def on_AssignmentExpression(self, node: Any) -> None:
        if node.operator == "=" and node.left.type == "ObjectPattern":
            self._pattern(node.left, self.ctx.sym(node.right))

    def _pattern(self, pattern: Any, sym: tuple | None) -> None:
        """`const { X, Y: y = 'd' } = process.env`, and `const { env: { X } } = process`."""
        if sym is None:
            return
        if pattern.type == "AssignmentPattern":
            pattern = pattern.left
        if pattern.type != "ObjectPattern":
            return
        is_env = sym in _js_roots()
        for prop in pattern.properties:
            if prop.type != "Property":
                continue  # ...rest copies the whole environment: no particular variable
            key = property_key(prop)
            if is_env:
                self._check_key(prop, key, self._js_shown(key), "a computed key destructured from `process.env`")
            elif key is not None:
                self._pattern(prop.value, sym + (key,))

    # -- Python ---------------------------------------------------------------------------
    @staticmethod
    def _py_is_main_test(test: Any) -> bool:
        """`__name__ == "__main__"` (either order)."""
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return False
        target = test.comparisons[0]
        if not isinstance(target.operator, cst.Equal):
            return False
        name, main = _env()["python_main_test"]
        sides = [test.left, target.comparator]
        names = [s.value for s in sides if isinstance(s, cst.Name)]
        strings = [static_key(s) for s in sides if isinstance(s, (cst.SimpleString, cst.ConcatenatedString))]
        return names == [name] and strings == [main]

    def visit_If(self, node: cst.If) -> None:
        if self._py_is_main_test(node.test):
            self._main_blocks.add(id(node.body))

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        if id(node) in self._main_blocks:
            self._main_depth += 1

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        if id(original_node) in self._main_blocks:
            self._main_depth -= 1

    def _scope_key(self) -> int | None:
        stack = self.ctx.function_stack
        return id(stack[-1]) if stack else None

    def _is_alias(self, name: str) -> bool:
        for fn in reversed(self.ctx.function_stack):
            found = self._aliases.get((id(fn), name))
            if found is not None:
                return found
        return self._aliases.get((None, name), False)

    def _is_env_mapping(self, node: Any) -> bool:
        if self.ctx.qualified_names(node) & set(_env()["python_mappings"]):
            return True
        return isinstance(node, cst.Name) and self._is_alias(node.value)

    def _mark_writes(self, target: Any) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._mark_writes(element.value)
        elif isinstance(target, cst.StarredElement):
            self._mark_writes(target.value)
        else:
            self._writes.add(id(target))

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._mark_writes(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._mark_writes(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._mark_writes(node.target)

    def visit_Assign(self, node: cst.Assign) -> None:
        # `env = os.environ` makes `env` an alias, in the function (or module) that assigns it.
        is_env = self._is_env_mapping(node.value)
        scope = self._scope_key()
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                name = target.target.value
                if is_env:
                    self._aliases[(scope, name)] = True
                elif (scope, name) in self._aliases:
                    self._aliases[(scope, name)] = False

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if id(node) in self._writes or not self._is_env_mapping(node.value):
            return
        key = subscript_key(node)
        if key is None and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = _py_key(node.slice[0].slice.value)
        mapping = self._py_mapping_name(node.value)
        self._check_key(node, key, f"`{mapping}[{json.dumps(key)}]`",
                        f"`{self.ctx.code_for(node)}`", python_raises=True)

    def _py_mapping_name(self, node: Any) -> str:
        names = self.ctx.qualified_names(node) & set(_env()["python_mappings"])
        return min(names) if names else _env()["python_mappings"][0]

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        readers = set(_env()["python_readers"])
        names = self.ctx.qualified_names(func) & readers
        if names:
            reader = min(names)
        elif (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
              and self._is_alias(func.value.value)
              and f"{_env()['python_mappings'][0]}.{func.attr.value}" in readers):
            reader = f"{_env()['python_mappings'][0]}.{func.attr.value}"  # env = os.environ; env.get("X")
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
        key = _py_key(key_arg.value) if not key_arg.star else None
        has_default = len(positional) > 1 or "default" in keyword or "value" in keyword
        shown = f"`{reader}({json.dumps(key)})`" if key is not None else ""
        self._check_key(node, key, shown, f"`{reader}(…)`", has_default=has_default)
