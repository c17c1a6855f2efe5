from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from edgelint.lang.py import cst

from edgelint.lang.js.parse import property_key
from edgelint.lang.py.keys import static_key
from edgelint.lang.js.estree import Node as EsNode
from edgelint.model import LAMBDA_EDGE, Edit, Fix, Severity
from edgelint.text import finite, int_literal
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, cf_part, le

_GENERATING_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-generating-http-responses.html"
_RESTRICTIONS_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html"
_STRUCTURE_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html"
_FUNCTIONS = ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")
# How many helper calls / conditional branches are followed from a returned value.
_MAX_DEPTH = 4


def response_facts() -> dict[str, Any]:
    return le()["response"]


# -- a response literal, language-neutral ------------------------------------------------------


@dataclass
class Entry:
    """One static key of an object/dict literal."""

    prop: Any  # the Property / DictElement (where findings are reported)
    key: Any  # the key node (None when it cannot be rewritten: shorthand, computed)
    value: Any


@dataclass
class ResponseLiteral:
    """An object (JS) or dict (Python) literal that a handler returns as its result."""

    node: Any
    entries: dict[str, Entry]
    spread: bool  # has `...x` / `**x`: keys may come from elsewhere
    direct: bool  # written where it is returned (not through a variable that may change later)
    scope: Any = None  # JS: the scope to resolve names in; Python: the function it is in
    lang: str = "js"


def js_literal(node: Any, direct: bool, scope: Any) -> ResponseLiteral:
    entries: dict[str, Entry] = {}
    spread = False
    for prop in node.properties:
        if prop.type != "Property":
            spread = True
            continue
        key = property_key(prop)
        if not isinstance(key, str) or prop.kind != "init":
            if key is None:
                spread = True  # a computed key may be any field
            continue
        rewritable = not prop.shorthand and (not prop.computed or prop.key.type == "Literal")
        entries[key] = Entry(prop, prop.key if rewritable else None, prop.value)
    return ResponseLiteral(node, entries, spread, direct, scope, "js")


def py_literal(node: cst.Dict, direct: bool, scope: Any) -> ResponseLiteral:
    entries: dict[str, Entry] = {}
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
        rewritable = isinstance(element.key, cst.SimpleString)
        entries[key] = Entry(element, element.key if rewritable else None, element.value)
    return ResponseLiteral(node, entries, spread, direct, scope, "python")


def is_response(lit: ResponseLiteral) -> bool:
    """A generated response: response fields (or `statusCode`), no request fields."""
    r = response_facts()
    keys = lit.entries.keys()
    if any(k in keys for k in r["request_fields"]):
        return False
    return any(k in keys for k in r["fields"]) or r["cloudfront_functions_status_field"] in keys


# -- literal values ------------------------------------------------------------------------------


def literal_string(node: Any) -> str | None:
    """A string written as a literal (no names followed): JS or Python."""
    if node is None:
        return None
    if not isinstance(node, EsNode):
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            value = node.evaluated_value
            return value if isinstance(value, str) else None
        return None
    if node.type == "Literal" and isinstance(node.value, str):
        return node.value
    if node.type == "TemplateLiteral" and not node.expressions and len(node.quasis) == 1:
        return node.quasis[0].value.cooked
    return None


def literal_number(node: Any) -> int | float | None:
    """A number literal, or a negated one, in JS or Python."""
    if node is None:
        return None
    if not isinstance(node, EsNode):
        if isinstance(node, cst.Integer):
            return int_literal(node.value, 0)
        if isinstance(node, cst.Float):
            number = float(node.value)
            return number if finite(number) else None
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
            inner = literal_number(node.expression)
            if inner is not None:
                return -inner if isinstance(node.operator, cst.Minus) else inner
        return None
    if node.type == "Literal" and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value if finite(node.value) else None
    if node.type == "UnaryExpression" and node.operator in ("-", "+") and node.argument.type == "Literal":
        inner = literal_number(node.argument)
        if inner is not None:
            return -inner if node.operator == "-" else inner
    return None


def is_nothing(node: Any) -> bool:
    """`''`, `null`, `undefined`, `None`: an empty body."""
    if not isinstance(node, EsNode):
        return (isinstance(node, cst.Name) and node.value == "None") or literal_string(node) == ""
    if node.type == "Literal" and node.value is None:
        return True
    if node.type == "Identifier" and node.name == "undefined":
        return True
    return literal_string(node) == ""


# -- finding generated responses -------------------------------------------------------------------


@dataclass
class _PyFunction:
    """What the walk saw in one Python function (or the module, for None)."""

    assigns: dict[str, list[Any]] = field(default_factory=dict)  # name -> values (None: unknown)
    returns: list[Any] = field(default_factory=list)


class GeneratedResponses(Rule):
    """Finds the responses a Lambda@Edge handler generates, for LE004 and LE006.

    A generated response is an object/dict literal with response fields (and no request fields)
    that the handler returns — directly, through a variable given only that literal, through a
    top-level helper whose result it returns (`return redirect(url)`), or as the 2nd argument of
    `callback(null, obj)`. Subclasses implement `check_literal`, `check_js_write` and
    `check_py_write` (writes to `event.Records[0].cf…`, with the part after `cf`).
    """

    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self._seen: set[int] = set()
        # JS: returns of every function (id → [(expr, scope)]) and helpers the handler returns.
        self._js_returns: dict[int, list[tuple[Any, Any]]] = {}
        self._js_helpers: dict[int, Any] = {}
        # Python: per function (id, None for the module) assignments and returns.
        self._py: dict[int | None, _PyFunction] = {}

    # -- hooks -------------------------------------------------------------------
    def check_literal(self, lit: ResponseLiteral) -> None:  # pragma: no cover - overridden
        pass

    def check_js_write(self, node: Any, part: tuple) -> None:
        pass

    def check_py_write(self, target: Any, value: Any, part: tuple, augmented: bool) -> None:
        pass

    # -- shared ------------------------------------------------------------------
    def literal_events(self) -> bool:
        """Whether returned literals are responses in the target's event (unknown: yes)."""
        event = self.ctx.target.event
        facts = response_facts()
        return event is None or event in facts["literal_response_events"] or event in facts["status_readonly_events"]

    def _found(self, lit: ResponseLiteral) -> None:
        if id(lit.node) in self._seen or not is_response(lit):
            return
        self._seen.add(id(lit.node))
        self.check_literal(lit)

    def offsets(self, node: Any) -> tuple[int, int]:
        if not isinstance(node, EsNode):
            span = self.ctx.position(node)
            return span.start_offset, span.end_offset
        return node.range[0], node.range[1]

    def quote_of(self, key: Any) -> str:
        """The quote character a key literal uses (JS `'status'`, Python `"status"`), else `'`."""
        if key is not None:
            if isinstance(key, cst.SimpleString):
                quote = key.quote
                return quote if quote in ("'", '"') else '"'
            if getattr(key, "type", None) == "Literal" and isinstance(key.value, str):
                quote = self.ctx.text[key.range[0]]
                return quote if quote in ("'", '"') else "'"
        return '"' if self.ctx.target.language == "python" else "'"

    def rename_key_fix(self, key: Any, new: str, message: str) -> Fix | None:
        """Rewrite an identifier or plain string key to `new`."""
        if key is None:
            return None
        start, end = self.offsets(key)
        if isinstance(key, cst.SimpleString):
            if key.prefix or key.quote not in ("'", '"'):
                return None
            text = f"{key.quote}{new}{key.quote}"
        elif key.type == "Identifier":
            text = new
        elif key.type == "Literal" and isinstance(key.value, str):
            quote = self.ctx.text[key.range[0]]
            if quote not in ("'", '"'):
                return None
            text = f"{quote}{new}{quote}"
        else:
            return None
        return Fix(message, (Edit(start, end, text),))

    # -- JavaScript ----------------------------------------------------------------
    def _scope(self) -> Any:
        stack = self.ctx.scope_stack
        return stack[-1] if stack else None

    def _js_returned(self, expr: Any, function: Any) -> None:
        if function is None or expr is None:
            return
        if function is self.ctx.handler:
            if self.literal_events():
                self._js_value(expr, self._scope(), 0)
        else:
            self._js_returns.setdefault(id(function), []).append((expr, self._scope()))

    def _js_value(self, expr: Any, scope: Any, depth: int) -> None:
        if expr is None or depth > _MAX_DEPTH:
            return
        t = expr.type
        if t == "ObjectExpression":
            self._found(js_literal(expr, True, scope))
        elif t == "AwaitExpression":
            self._js_value(expr.argument, scope, depth)
        elif t == "ConditionalExpression":
            self._js_value(expr.consequent, scope, depth + 1)
            self._js_value(expr.alternate, scope, depth + 1)
        elif t == "SequenceExpression" and expr.expressions:
            self._js_value(expr.expressions[-1], scope, depth)
        elif t == "Identifier" and scope is not None:
            binding = scope.resolve(expr.name)
            if binding is None or binding.kind not in ("var", "let", "const"):
                return
            values = [(v, p) for v, _, p in getattr(binding, "values", ())]
            if binding.init is not None:
                values.append((binding.init, binding.path))
            if len(values) == 1:
                value, path = values[0]
                if value is not None and not path and value.type == "ObjectExpression":
                    self._found(js_literal(value, False, getattr(binding, "scope", scope)))
        elif t == "CallExpression" and expr.callee.type == "Identifier" and scope is not None:
            function = self._js_function(scope.resolve(expr.callee.name))
            if function is not None and function is not self.ctx.handler:
                self._js_helpers[id(function)] = (function, depth + 1)

    @staticmethod
    def _js_function(binding: Any) -> Any:
        if binding is None:
            return None
        if binding.kind == "function" and binding.decl.type in _FUNCTIONS:
            return binding.decl
        if (binding.kind in ("var", "let", "const") and binding.init is not None and not binding.path
                and not getattr(binding, "values", ()) and binding.init.type in _FUNCTIONS):
            return binding.init
        return None

    def on_ReturnStatement(self, node: Any) -> None:
        self._js_returned(node.argument, self.ctx.enclosing_function(node))

    def on_ArrowFunctionExpression(self, node: Any) -> None:
        if getattr(node, "expression", False) or node.body.type != "BlockStatement":
            self._js_returned(node.body, node)

    def on_CallExpression(self, node: Any) -> None:
        args = node.arguments
        if len(args) >= 2 and self.literal_events() and self.ctx.sym(node.callee) == ("callback",):
            self._js_value(args[1], self._scope(), 0)

    def on_Program_exit(self, node: Any) -> None:
        done: set[int] = set()
        while True:
            pending = [(k, v) for k, v in self._js_helpers.items() if k not in done]
            if not pending:
                return
            for key, (function, depth) in pending:
                done.add(key)
                for expr, scope in self._js_returns.get(key, ()):
                    self._js_value(expr, scope, depth)

    def on_AssignmentExpression(self, node: Any) -> None:
        left = node.left
        if left.type != "MemberExpression":
            return
        part = cf_part(self.ctx.sym(left))
        if part:
            self.check_js_write(node, part)

    # -- Python --------------------------------------------------------------------
    def _py_function(self) -> Any:
        stack = self.ctx.function_stack
        return stack[-1] if stack else None

    def _py_record(self, name: str, value: Any) -> None:
        function = self._py_function()
        info = self._py.setdefault(id(function) if function is not None else None, _PyFunction())
        info.assigns.setdefault(name, []).append(value)

    def _py_names(self, target: Any) -> Iterator[cst.Name]:
        if isinstance(target, cst.Name):
            yield target
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                yield from self._py_names(element.value)
        elif isinstance(target, cst.StarredElement):
            yield from self._py_names(target.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            self._py_record(param.name.value, None)
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                self._py_record(star.name.value, None)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            t = target.target
            if isinstance(t, cst.Name):
                self._py_record(t.value, node.value)
            elif isinstance(t, (cst.Subscript, cst.Attribute)):
                part = cf_part(self.ctx.sym(t))
                if part:
                    self.check_py_write(t, node.value, part, False)
            else:
                for name in self._py_names(t):
                    self._py_record(name.value, None)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name):
            self._py_record(node.target.value, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        t = node.target
        if isinstance(t, cst.Name):
            self._py_record(t.value, None)
        elif isinstance(t, (cst.Subscript, cst.Attribute)):
            part = cf_part(self.ctx.sym(t))
            if part:
                self.check_py_write(t, node.value, part, True)

    def visit_For(self, node: cst.For) -> None:
        for name in self._py_names(node.target):
            self._py_record(name.value, None)

    def visit_AsName(self, node: cst.AsName) -> None:
        for name in self._py_names(node.name):
            self._py_record(name.value, None)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            function = self._py_function()
            info = self._py.setdefault(id(function) if function is not None else None, _PyFunction())
            info.returns.append(node.value)

    def py_lookup(self, name: str, function: Any) -> list[Any] | None:
        """The values a name is given in `function` (its own names) or, failing that, the module."""
        own = self._py.get(id(function)) if function is not None else None
        if own is not None and name in own.assigns:
            return own.assigns[name]
        module = self._py.get(None)
        if module is not None and name in module.assigns:
            return module.assigns[name]
        return None

    def _py_value(self, expr: Any, function: Any, depth: int) -> None:
        if expr is None or depth > _MAX_DEPTH:
            return
        if isinstance(expr, cst.Dict):
            self._found(py_literal(expr, True, function))
        elif isinstance(expr, cst.Await):
            self._py_value(expr.expression, function, depth)
        elif isinstance(expr, cst.IfExp):
            self._py_value(expr.body, function, depth + 1)
            self._py_value(expr.orelse, function, depth + 1)
        elif isinstance(expr, cst.Name):
            values = self.py_lookup(expr.value, function)
            if values is not None and len(values) == 1 and isinstance(values[0], cst.Dict):
                self._found(py_literal(values[0], False, function))
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name):
            helper = self._py_helpers().get(expr.func.value)
            if helper is not None and not any(helper is h for h in self.ctx.handlers):
                info = self._py.get(id(helper))
                for value in info.returns if info else ():
                    self._py_value(value, helper, depth + 1)

    def _py_helpers(self) -> dict[str, cst.FunctionDef]:
        """Top-level functions by name (a name defined twice is left out)."""
        found: dict[str, Any] = {}
        for stmt in self.ctx.module.body:
            if isinstance(stmt, cst.FunctionDef):
                name = stmt.name.value
                found[name] = None if name in found else stmt
        module = self._py.get(None)
        return {k: v for k, v in found.items()
                if v is not None and not (module and k in module.assigns)}

    def leave_Module(self, original_node: cst.Module) -> None:
        if not self.literal_events():
            return
        for handler in self.ctx.handlers:
            info = self._py.get(id(handler))
            for value in info.returns if info else ():
                self._py_value(value, handler, 0)


# -- LE004 ---------------------------------------------------------------------------------------


def _range_text() -> str:
    r = response_facts()
    return f"{r['status_min']}–{r['status_max']}"


class ResponseShape(GeneratedResponses):
    """
    ## What it does
    Checks the responses a Lambda@Edge function generates or changes. A generated response is an
    object (JS) or dict (Python) literal with response fields (`status`, `statusDescription`,
    `headers`, `body`) that the handler returns — directly, through a variable given only that
    literal, through a top-level helper (`return redirect(url)`), or as `callback(null, obj)`. It
    flags:

    - a response without `status` (E);
    - a `status` outside 200–599, or a string that is not a number (E);
    - a numeric `status` such as `302` (W): the documentation always uses a string (`'302'`); a
      safe fix quotes it;
    - `statusCode`, the CloudFront Functions field, instead of `status` (E; a safe fix renames
      the key);
    - `response.status = …` in a **viewer-response** function (E): those functions cannot change
      the status code;
    - status `'204'` with a non-empty `body` in a **viewer-request** function (E).

    Changing `response.status` in an origin-response function is valid (the new value is checked
    like a generated one). In viewer-response, returned literals are not treated as generated
    responses. When the event is unknown, only what is wrong in every event is flagged.

    ## Why is this bad?
    CloudFront validates what the function returns: a generated or updated status must be a
    string between 200 and 599, or the viewer gets an error instead of the response.
    `statusCode` is the CloudFront Functions name: Lambda@Edge ignores it, so the response has no
    status. A viewer-response trigger cannot modify the status, and a 204 response generated on
    viewer request with a body makes CloudFront return 502.

    ## Example
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        if (request.uri === '/old') {
            return { statusCode: 301, headers: { location: [{ key: 'Location', value: '/new' }] } };
        }
        return request;
    };
    ```

    Use instead:
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        if (request.uri === '/old') {
            return {
                status: '301',
                statusDescription: 'Moved Permanently',
                headers: { location: [{ key: 'Location', value: '/new' }] },
            };
        }
        return request;
    };
    ```

    To change the status of an origin's response, use an origin-response trigger (it runs before
    caching) instead of a viewer-response one.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-generating-http-responses.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html
    """

    code = "LE004"
    name = "response-shape"
    summary = "Invalid generated response or status change in a Lambda@Edge function"
    help = ("Give a generated response a string `status` between '200' and '599' "
            "(`{ status: '302', statusDescription: 'Found', headers: {…} }`)")
    references = (_GENERATING_URL, _RESTRICTIONS_URL, _STRUCTURE_URL)
    fixable = True
    valid = (
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const url = 'https://example.com' + request.uri;\n"
                "  return {\n    status: '302',\n    statusDescription: 'Found',\n"
                "    headers: { location: [{ key: 'Location', value: url }] },\n  };\n};\n",
                runtime=NODE, event="viewer-request"),
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  if (response.status === '403') {\n    response.status = '404';\n"
                "    response.statusDescription = 'Not Found';\n  }\n  return response;\n};\n",
                runtime=NODE, event="origin-response"),
        # Returning the request (or a request-shaped object) is not a generated response.
        Example("exports.handler = (event, context, callback) => {\n"
                "  const { request } = event.Records[0].cf;\n"
                "  const state = { status: 200, ok: true };\n"
                "  callback(null, { ...request, uri: '/index.html', headers: request.headers });\n};\n",
                runtime=NODE, event="origin-request"),
        # In viewer-response, headers may change; the status is left alone.
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  response.headers['x-frame-options'] = [{ key: 'X-Frame-Options', value: 'DENY' }];\n"
                "  return response;\n};\n", runtime=NODE, event="viewer-response"),
        Example("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
                "    if request['uri'] == '/old':\n"
                "        return {\n            'status': '301',\n            'statusDescription': 'Moved Permanently',\n"
                "            'headers': {'location': [{'key': 'Location', 'value': '/new'}]},\n        }\n"
                "    return request\n", runtime=PYTHON, event="origin-request"),
        Example("def handler(event, context):\n    cf = event['Records'][0]['cf']\n    response = cf['response']\n"
                "    if response['status'] == '403':\n        response['status'] = '404'\n"
                "        response['statusDescription'] = 'Not Found'\n    return response\n",
                runtime=PYTHON, event="origin-response"),
    )
    invalid = (
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  if (response.headers['x-block']) {\n    return { status: '403', statusDescription: 'Forbidden' };\n"
                "  }\n  return response;\n};\n", runtime=NODE, event="viewer-response", line=4,
                message="cannot change the status code"),
        Example("exports.handler = (event, context, callback) => {\n"
                "  const request = event.Records[0].cf.request;\n"
                "  callback(null, { status: 302, headers: { location: [{ key: 'Location', value: '/' }] } });\n};\n",
                runtime=NODE, event="viewer-request", line=3, severity=Severity.WARNING,
                message="the docs use a string: '302'"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  return {\n    statusCode: 403,\n    body: 'Forbidden',\n  };\n};\n",
                runtime=NODE, event="origin-request", line=4, message="`statusCode`"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const response = { status: '700', statusDescription: 'Nope' };\n  return response;\n};\n",
                runtime=NODE, line=3, message="outside 200–599"),
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  response.status = '404';\n  return response;\n};\n",
                runtime=NODE, event="viewer-response", line=3, message="cannot change the status code"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  return { status: '204', statusDescription: 'No Content', body: 'gone' };\n};\n",
                runtime=NODE, event="viewer-request", line=3, message="204"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  return {\n    statusDescription: 'Forbidden',\n    body: 'no',\n  };\n};\n",
                runtime=NODE, event="viewer-request", line=3, message="no `status`"),
        Example("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
                "    return {\n        'status': 302,\n"
                "        'headers': {'location': [{'key': 'Location', 'value': '/'}]},\n    }\n",
                runtime=PYTHON, event="origin-request", line=4, severity=Severity.WARNING),
        Example("def handler(event, context):\n    cf = event['Records'][0]['cf']\n    response = cf['response']\n"
                "    response['status'] = '404'\n    return response\n",
                runtime=PYTHON, event="viewer-response", line=4, message="cannot change the status code"),
        Example("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
                "    response = {'statusCode': 200, 'body': 'ok'}\n    return response\n",
                runtime=PYTHON, event="viewer-request", line=3, message="`statusCode`"),
    )

    # -- checks ------------------------------------------------------------------
    def _status_fix(self, value: Any, key: Any, number: int) -> Fix:
        quote = self.quote_of(key)
        start, end = self.offsets(value)
        return Fix(f"Write the status as the string {quote}{number}{quote}",
                   (Edit(start, end, f"{quote}{number}{quote}"),))

    def _check_status(self, report_node: Any, value: Any, key: Any) -> str | None:
        """Check a `status` value; return it as text when it is a literal."""
        r = response_facts()
        lo, hi = r["status_min"], r["status_max"]
        text = literal_string(value)
        if text is not None:
            if not (text.isascii() and text.isdigit()):
                self.report(report_node, f"`status` {text!r} is not a status code: CloudFront needs a "
                                         f"string holding a number in {_range_text()}")
            elif not lo <= (int_literal(text) or 0) <= hi:
                self.report(report_node, f"`status` {text!r} is outside {_range_text()}: CloudFront "
                                         "returns an error instead of this response")
            return text
        number = literal_number(value)
        if number is None:
            return None
        if number != int(number) or not lo <= number <= hi:
            self.report(report_node, f"`status` {number!r} is outside {_range_text()}: CloudFront returns "
                                     "an error instead of this response")
            return None
        number = int(number)
        self.report(report_node, f"`status` is the number {number}: the docs use a string: '{number}'",
                    severity=Severity.WARNING, fix=self._status_fix(value, key, number),
                    help=f"Write `status: '{number}'`")
        return str(number)

    def check_literal(self, lit: ResponseLiteral) -> None:
        r = response_facts()
        field_, cff_field = r["status_field"], r["cloudfront_functions_status_field"]
        status = lit.entries.get(field_)
        event = self.ctx.target.event
        if event in r["status_readonly_events"]:
            # A viewer-response function returns the response it was given; a new status is a change.
            if status is not None:
                self.report(status.prop, f"{event} functions cannot change the status code: this returned "
                                         f"response sets `{field_}`",
                            help="Return the response with its original status, or change it in an "
                                 "origin-response function")
            return
        text = None
        if status is not None:
            text = self._check_status(status.prop, status.value, status.key)
        elif cff_field in lit.entries:
            entry = lit.entries[cff_field]
            self.report(entry.prop, f"`{cff_field}` is the CloudFront Functions field: a Lambda@Edge "
                                    f"response uses `{field_}`, a string such as '302'",
                        fix=self.rename_key_fix(entry.key, field_, f"Rename `{cff_field}` to `{field_}`"),
                        help=f"Rename `{cff_field}` to `{field_}` and give it a string value ('302')")
        elif lit.direct and not lit.spread:
            present = [k for k in r["fields"] if k in lit.entries]
            self.report(lit.node, f"generated response has no `{field_}` (it has {', '.join(f'`{k}`' for k in present)}):"
                                  f" CloudFront needs a string status in {_range_text()}",
                        help=f"Add `{field_}: '200'` (a string in {_range_text()}) to the response")
        body = lit.entries.get(r["body_field"])
        if (text == r["no_body_status"] and body is not None and not is_nothing(body.value)
                and self.ctx.target.event in r["no_body_status_events"]):
            self.report(body.prop, f"status '{text}' with a body in a {self.ctx.target.event} function: "
                                   "CloudFront returns 502",
                        help=f"Remove the body, or use another status than '{text}'")

    def _check_write(self, node: Any, key: Any, value: Any, part: tuple, augmented: bool) -> None:
        r = response_facts()
        if len(part) != 2 or part[0] != "response":
            return
        field_, cff_field = r["status_field"], r["cloudfront_functions_status_field"]
        if part[1] not in (field_, cff_field):
            return
        event = self.ctx.target.event
        python = self.ctx.target.language == "python"

        def member(name: str) -> str:
            return f"response['{name}']" if python else f"response.{name}"

        if event in r["status_readonly_events"]:
            self.report(node, f"{event} functions cannot change the status code",
                        help="Change the status in an origin-response function (it runs before caching), "
                             f"or leave `{member(field_)}` alone here")
            return
        if part[1] == cff_field:
            self.report(node, f"`{member(cff_field)}` is the CloudFront Functions field: Lambda@Edge "
                              f"uses `{member(field_)}` (a string such as '404')",
                        fix=self.rename_key_fix(key, field_, f"Rename `{cff_field}` to `{field_}`"),
                        help=f"Write `{member(field_)} = '404'`")
            return
        if not augmented:
            self._check_status(node, value, key)

    def check_js_write(self, node: Any, part: tuple) -> None:
        left = node.left
        key = left.property if (not left.computed or left.property.type == "Literal") else None
        self._check_write(node, key, node.right, part, node.operator != "=")

    def check_py_write(self, target: Any, value: Any, part: tuple, augmented: bool) -> None:
        key = None
        if isinstance(target, cst.Subscript) and len(target.slice) == 1:
            index = target.slice[0].slice
            if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
                key = index.value
        self._check_write(target, key, value, part, augmented)
