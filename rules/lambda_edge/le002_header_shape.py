"""LE002 header-shape, and the Lambda@Edge header-write detection LE003 shares.

`HeaderWrites` (no rule code, so not registered) turns the constructs that write a header into
`HeaderWrite` records and hands each to the rule's `on_header_write`:

- JS: `H[name] = …`, `H.name = …`, `H[name] += …`, `H[name][0] = …`, `H[name][0].value = …`,
  `delete H[name]`, `H[name].push(…)`, `Object.assign(H, {…})`, `X.headers = {…}`;
- Python: `H["name"] = …`, `H["name"][0]["value"] = …`, `del H["name"]`, `H.pop("name")`,
  `H.update({…})`, `H.setdefault("name", …)`, `H["name"].append(…)`, `X["headers"] = {…}`;
- the `headers` object/dict of a generated response (a literal with a `status` key that is
  returned, assigned or passed to `callback(null, …)`),

where H is `event.Records[0].cf.request.headers` or `….response.headers`, through aliases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from edgelint.lang.py import cst

from edgelint.lang.js.parse import member_key, property_key
from edgelint.lang.py.keys import static_key, subscript_key
from edgelint.model import LAMBDA_EDGE, Edit, Fix, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, cf_part, headers, le

GENERATED = "generated"
# JS nodes an expression's value passes through unchanged on its way to a return or a callback.
_JS_PASS_THROUGH = frozenset({"ConditionalExpression", "LogicalExpression", "AwaitExpression",
                              "SequenceExpression"})


@dataclass(frozen=True)
class HeaderWrite:
    node: Any               # where the write starts (reported there)
    name: str | None        # the header name as written; None when it is not a literal
    key: Any                # the literal naming the header (for the lowercase fix), or None
    action: str             # "set", "modify" or "delete"
    obj: str                # "request", "response" or GENERATED
    value: Any = None       # "set": the value written
    elements: tuple = ()    # list elements written (`H[n][0] = …`, `H[n].push(…)`)
    python: bool = False


def _le_headers() -> dict[str, Any]:
    return headers()["lambda_edge"]


def title_case(name: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


class HeaderWrites(Rule):
    """Finds Lambda@Edge header writes in JS and Python; subclasses define `on_header_write`."""

    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES

    def on_header_write(self, write: HeaderWrite) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    # -- shared ------------------------------------------------------------------
    @staticmethod
    def container(sym: tuple | None) -> str | None:
        """"request"/"response" when `sym` is event.Records[0].cf.request.headers / ….response.headers."""
        part = cf_part(sym)
        data = _le_headers()
        if part is not None and len(part) == 2 and part[0] in data["objects"] and part[1] == data["container"]:
            return part[0]
        return None

    @staticmethod
    def header_of(sym: tuple | None) -> tuple[str, Any, tuple] | None:
        """(object, header name, rest) when `sym` is inside one header: H[name], H[name][0].value."""
        part = cf_part(sym)
        data = _le_headers()
        if (part is not None and len(part) >= 3 and part[0] in data["objects"]
                and part[1] == data["container"]):
            return part[0], part[2], part[3:]
        return None

    def _emit(self, write: HeaderWrite) -> None:
        if write.name is not None and not isinstance(write.name, str):
            return  # headers[0]: not a header name
        self.on_header_write(write)

    # -- JS ------------------------------------------------------------------------
    @staticmethod
    def _js_key(member: Any) -> Any:
        """The node naming the property of a MemberExpression, when it is a literal name."""
        prop = member.property
        if member.computed:
            return prop if prop.type == "Literal" and isinstance(prop.value, str) else None
        return prop if prop.type == "Identifier" else None

    def _js_key_at(self, node: Any, depth: int) -> Any:
        """For `H['x'][0].value` (depth 2), the key node of `H['x']`."""
        for _ in range(depth):
            if node.type != "MemberExpression":
                return None
            node = node.object
        return self._js_key(node) if node.type == "MemberExpression" else None

    def _js_entries(self, obj_node: Any, obj: str) -> None:
        """Each property of a headers object literal is a header set."""
        for prop in obj_node.properties:
            if prop.type != "Property" or prop.kind != "init" or prop.method:
                continue
            name = property_key(prop)
            if name is None:
                continue
            key = None
            if not getattr(prop, "shorthand", False):
                if not prop.computed and prop.key.type == "Identifier":
                    key = prop.key
                elif prop.key.type == "Literal" and isinstance(prop.key.value, str):
                    key = prop.key
            self._emit(HeaderWrite(prop, name, key, "set", obj, value=prop.value))

    def on_AssignmentExpression(self, node: Any) -> None:
        left = node.left
        if left.type != "MemberExpression":
            return
        ctx = self.ctx
        obj = self.container(ctx.sym(left.object))
        if obj is not None:
            action = "set" if node.operator == "=" else "modify"
            self._emit(HeaderWrite(left, member_key(left), self._js_key(left), action, obj,
                                   value=node.right if action == "set" else None))
            return
        sym = ctx.sym(left)
        inside = self.header_of(sym)
        if inside is not None:
            obj, name, rest = inside
            if len(rest) == 1 and isinstance(rest[0], int):  # H[name][0] = …
                elements = (node.right,) if node.operator == "=" else ()
                self._emit(HeaderWrite(left, name, self._js_key_at(left, 1), "modify", obj, elements=elements))
            elif (len(rest) == 2 and isinstance(rest[0], int)
                  and rest[1] in _le_headers()["entry_fields"]):  # H[name][0].value = …
                self._emit(HeaderWrite(left, name, self._js_key_at(left, 2), "modify", obj))
            return
        obj = self.container(sym)
        if obj is not None and node.operator == "=" and node.right.type == "ObjectExpression":
            self._js_entries(node.right, obj)  # cf.response.headers = { … }

    def on_UnaryExpression(self, node: Any) -> None:
        if node.operator != "delete" or node.argument.type != "MemberExpression":
            return
        arg = node.argument
        obj = self.container(self.ctx.sym(arg.object))
        if obj is not None:
            self._emit(HeaderWrite(node, member_key(arg), self._js_key(arg), "delete", obj))

    def on_CallExpression(self, node: Any) -> None:
        callee = node.callee
        if callee.type != "MemberExpression":
            return
        ctx = self.ctx
        method = member_key(callee)
        if method in ("push", "unshift"):
            inside = self.header_of(ctx.sym(callee.object))
            if inside is not None and not inside[2]:
                obj, name, _ = inside
                elements = tuple(a for a in node.arguments if a.type != "SpreadElement")
                key = self._js_key(callee.object) if callee.object.type == "MemberExpression" else None
                self._emit(HeaderWrite(callee.object, name, key, "modify", obj, elements=elements))
        elif method == "assign" and ctx.sym(callee) == ("global", "Object", "assign") and len(node.arguments) >= 2:
            obj = self.container(ctx.sym(node.arguments[0]))
            if obj is not None:
                for source in node.arguments[1:]:
                    if source.type == "ObjectExpression":
                        self._js_entries(source, obj)

    def on_ObjectExpression(self, node: Any) -> None:
        props = self.ctx.object_properties(node)
        if le()["event"]["generated_response_field"] not in props or not self._js_is_result(node):
            return
        prop = props.get(_le_headers()["container"])
        if prop is not None and prop.value.type == "ObjectExpression":
            self._js_entries(prop.value, GENERATED)

    def _js_is_result(self, node: Any) -> bool:
        """A literal that is returned, assigned, or passed to `callback(null, …)`: not an argument
        of some other call such as `new Response(body, {status, headers})`."""
        child, parent = node, getattr(node, "parent", None)
        while parent is not None and parent.type in _JS_PASS_THROUGH:
            child, parent = parent, getattr(parent, "parent", None)
        if parent is None:
            return False
        t = parent.type
        if t == "ReturnStatement":
            return True
        if t == "ArrowFunctionExpression":
            return parent.body is child
        if t == "VariableDeclarator":
            return parent.init is child
        if t == "AssignmentExpression":
            return parent.right is child
        if t == "CallExpression":
            args = parent.arguments
            return (len(args) >= 2 and args[1] is child and self.ctx.sym(parent.callee) == ("callback",))
        return False

    # -- Python --------------------------------------------------------------------
    @staticmethod
    def _py_key(sub: cst.Subscript) -> Any:
        if len(sub.slice) == 1 and isinstance(sub.slice[0].slice, cst.Index):
            value = sub.slice[0].slice.value
            if isinstance(value, cst.SimpleString):
                return value
        return None

    def _py_key_at(self, node: Any, depth: int) -> Any:
        for _ in range(depth):
            if not isinstance(node, cst.Subscript):
                return None
            node = node.value
        return self._py_key(node) if isinstance(node, cst.Subscript) else None

    def _py_entries(self, dict_node: cst.Dict, obj: str) -> None:
        for element in dict_node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            name = static_key(element.key)
            if not isinstance(name, str):
                continue
            key = element.key if isinstance(element.key, cst.SimpleString) else None
            self._emit(HeaderWrite(element, name, key, "set", obj, value=element.value, python=True))

    def _py_generated(self, value: Any) -> None:
        """A dict literal with a `status` key, returned or assigned: its `headers`."""
        while isinstance(value, cst.IfExp):  # return request if ok else {...}
            self._py_generated(value.body)
            value = value.orelse
        if not isinstance(value, cst.Dict):
            return
        entries = {static_key(e.key): e for e in value.elements if isinstance(e, cst.DictElement)}
        if le()["event"]["generated_response_field"] not in entries:
            return
        element = entries.get(_le_headers()["container"])
        if element is not None and isinstance(element.value, cst.Dict):
            self._py_entries(element.value, GENERATED)

    def _py_target(self, target: Any, value: Any, action: str) -> None:
        if not isinstance(target, cst.Subscript):
            return
        ctx = self.ctx
        obj = self.container(ctx.sym(target.value))
        if obj is not None:
            self._emit(HeaderWrite(target, subscript_key(target), self._py_key(target), action, obj,
                                   value=value if action == "set" else None, python=True))
            return
        sym = ctx.sym(target)
        inside = self.header_of(sym)
        if inside is not None:
            obj, name, rest = inside
            if len(rest) == 1 and isinstance(rest[0], int):
                elements = (value,) if action == "set" and value is not None else ()
                self._emit(HeaderWrite(target, name, self._py_key_at(target, 1), "modify", obj,
                                       elements=elements, python=True))
            elif len(rest) == 2 and isinstance(rest[0], int) and rest[1] in _le_headers()["entry_fields"]:
                self._emit(HeaderWrite(target, name, self._py_key_at(target, 2), "modify", obj, python=True))
            return
        obj = self.container(sym)
        if obj is not None and action == "set" and isinstance(value, cst.Dict):
            self._py_entries(value, obj)  # response["headers"] = {...}

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._py_target(target.target, node.value, "set")
        self._py_generated(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._py_target(node.target, node.value, "set")
            self._py_generated(node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._py_target(node.target, None, "modify")

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self._py_generated(node.value)

    def visit_Del(self, node: cst.Del) -> None:
        targets = [e.value for e in node.target.elements] if isinstance(node.target, (cst.Tuple, cst.List)) \
            else [node.target]
        for target in targets:
            if isinstance(target, cst.Subscript):
                obj = self.container(self.ctx.sym(target.value))
                if obj is not None:
                    self._emit(HeaderWrite(target, subscript_key(target), self._py_key(target), "delete",
                                           obj, python=True))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute) or not node.args:
            return
        method = func.attr.value
        args = [a for a in node.args if a.star == "" and a.keyword is None]
        ctx = self.ctx
        if method in ("pop", "update", "setdefault"):
            obj = self.container(ctx.sym(func.value))
            if obj is None or not args:
                return
            first = args[0].value
            if method == "update":
                if isinstance(first, cst.Dict):
                    self._py_entries(first, obj)
                return
            name = static_key(first)
            key = first if isinstance(first, cst.SimpleString) else None
            if method == "pop":
                self._emit(HeaderWrite(node, name, key, "delete", obj, python=True))
            elif len(args) >= 2:  # setdefault adds the header when it is missing
                self._emit(HeaderWrite(node, name, key, "set", obj, value=args[1].value, python=True))
        elif method in ("append", "insert"):
            inside = self.header_of(ctx.sym(func.value))
            if inside is None or inside[2]:
                return
            obj, name, _ = inside
            index = 0 if method == "append" else 1
            elements = (args[index].value,) if len(args) > index else ()
            key = self._py_key(func.value) if isinstance(func.value, cst.Subscript) else None
            self._emit(HeaderWrite(func.value, name, key, "modify", obj, elements=elements, python=True))


class HeaderShape(HeaderWrites):
    """
    ## What it does
    Checks the shape of every header a Lambda@Edge function writes (JavaScript and Python): on
    `event.Records[0].cf.request.headers` and `….response.headers` (through aliases such as
    `const { request } = event.Records[0].cf` or `req = cf["request"]`), and in the `headers` of a
    generated response. It flags:

    - a header name that is **not lowercase** (`headers['X-Foo'] = …`; a safe fix lowercases a
      literal name — the original case belongs in `key`);
    - a value that is not a **list**: a `{ value: … }` object (the CloudFront Functions shape), a
      dict, a string, a number or a string concatenation;
    - a list element that is not an object/dict with a `value` (`[{ key: 'X-Foo' }]`, `['bar']`),
      also for `headers[name][0] = …` and `headers[name].push(…)` / `.append(…)`;
    - deleting a header by a non-lowercase name (warning: it deletes nothing).

    Values the linter cannot see (a variable, a call) are not flagged. `key` is optional.

    ## Why is this bad?
    In the Lambda@Edge event, `headers` maps each lowercase header name to a list of
    `{ key, value }` objects, one per value, and CloudFront reads the function's result the same
    way. A header under a mixed-case name is not the header CloudFront looks up, and a value in
    another shape is not a valid header.

    ## Example
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        request.headers['x-device'] = { value: 'mobile' };
        request.headers['X-Trace'] = [{ value: '1' }];
        return request;
    };
    ```

    Use instead:
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        request.headers['x-device'] = [{ key: 'X-Device', value: 'mobile' }];
        request.headers['x-trace'] = [{ value: '1' }];
        return request;
    };
    ```

    In Python: `request["headers"]["x-device"] = [{"key": "X-Device", "value": "mobile"}]`.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-generating-http-responses.html
    """

    code = "LE002"
    name = "header-shape"
    summary = "Lambda@Edge header not written as `[{key, value}]` under a lowercase name"
    help = "Write `headers['name'] = [{ key: 'Name', value: '…' }]` with a lowercase name"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html",
                  "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-generating-http-responses.html")
    fixable = True
    valid = (
        Example("exports.handler = async (event) => {\n"
                "  const { request } = event.Records[0].cf;\n"
                "  request.headers['x-foo'] = [{ value: 'bar' }];\n"
                "  request.headers['x-bar'] = [{ key: 'X-Bar', value: 'a' }, { key: 'X-Bar', value: 'b' }];\n"
                "  request.headers['x-copy'] = request.headers['x-foo'];\n"
                "  request.headers['x-made'] = make();\n"
                "  request.headers.host[0].value = 'origin.example.com';\n"
                "  return request;\n};\nfunction make() { return [{ value: 'x' }]; }\n",
                runtime=NODE, event="origin-request"),
        Example("exports.handler = async (event) => {\n"
                "  const { request } = event.Records[0].cf;\n"
                "  if (request.uri === '/old') {\n"
                "    return {\n      status: '301',\n      statusDescription: 'Moved Permanently',\n"
                "      headers: { location: [{ key: 'Location', value: '/new' }] },\n    };\n  }\n"
                "  // Not a generated response: an argument of the Fetch API's Response.\n"
                "  const probe = new Response('ok', { status: 200, headers: { 'Content-Type': 'text/plain' } });\n"
                "  return request;\n};\n",
                runtime=NODE, event="origin-request"),
        Example("def handler(event, context):\n"
                "    cf = event[\"Records\"][0][\"cf\"]\n    req = cf[\"request\"]\n"
                "    req[\"headers\"][\"x-foo\"] = [{\"key\": \"X-Foo\", \"value\": \"bar\"}]\n"
                "    req[\"headers\"][\"x-bar\"] = [{\"value\": \"1\"}, {\"value\": \"2\"}]\n"
                "    req[\"headers\"][\"host\"][0][\"value\"] = \"origin.example.com\"\n"
                "    req[\"headers\"].pop(\"x-old\", None)\n"
                "    return req\n",
                runtime=PYTHON, event="origin-request"),
        Example("def handler(event, context):\n"
                "    response = event[\"Records\"][0][\"cf\"][\"response\"]\n"
                "    headers = response[\"headers\"]\n"
                "    headers.update({\"x-frame-options\": [{\"key\": \"X-Frame-Options\", \"value\": \"DENY\"}]})\n"
                "    headers[\"set-cookie\"].append({\"key\": \"Set-Cookie\", \"value\": \"a=b\"})\n"
                "    headers[\"x-v\"] = make()\n"
                "    return response\n",
                runtime=PYTHON, event="origin-response"),
    )
    invalid = (
        Example("exports.handler = async (event) => {\n"
                "  const request = event.Records[0].cf.request;\n"
                "  request.headers['x-foo'] = { value: 'bar' };\n  return request;\n};\n",
                runtime=NODE, event="origin-request", line=3, message="CloudFront Functions shape"),
        Example("exports.handler = async (event) => {\n"
                "  const cf = event.Records[0].cf;\n  cf.request.headers['X-Foo'] = [{ value: 'bar' }];\n"
                "  return cf.request;\n};\n",
                runtime=NODE, line=3, message="not lowercase"),
        Example("exports.handler = async (event) => {\n"
                "  const { response } = event.Records[0].cf;\n"
                "  response.headers['x-foo'] = 'bar';\n"
                "  response.headers['x-list'] = [{ key: 'X-List' }, 'bar'];\n  return response;\n};\n",
                runtime=NODE, event="origin-response", line=4, message="no `value`"),
        Example("exports.handler = (event, context, callback) => {\n"
                "  const request = event.Records[0].cf.request;\n"
                "  if (!request.headers.authorization) {\n"
                "    return callback(null, {\n      status: '401',\n"
                "      headers: { 'WWW-Authenticate': [{ value: 'Basic' }] },\n    });\n  }\n"
                "  callback(null, request);\n};\n",
                runtime=NODE, event="origin-request", line=6, message="not lowercase"),
        Example("def handler(event, context):\n"
                "    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    request[\"headers\"][\"x-foo\"] = \"bar\"\n    return request\n",
                runtime=PYTHON, event="origin-request", line=3, message="a string"),
        Example("def lambda_handler(event, context):\n"
                "    cf = event[\"Records\"][0][\"cf\"]\n    req = cf[\"request\"]\n"
                "    req[\"headers\"][\"X-Foo\"] = [{\"value\": \"bar\"}]\n"
                "    req[\"headers\"][\"x-bar\"] = [{\"key\": \"X-Bar\"}]\n    return req\n",
                runtime=PYTHON, line=4, message="not lowercase"),
        Example("def handler(event, context):\n"
                "    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    if request[\"uri\"] == \"/old\":\n"
                "        return {\"status\": \"302\", \"headers\": {\"location\": {\"value\": \"/new\"}}}\n"
                "    return request\n",
                runtime=PYTHON, event="origin-request", line=4, message="CloudFront Functions shape"),
    )

    # -- checks ------------------------------------------------------------------
    def on_header_write(self, write: HeaderWrite) -> None:
        name = write.name
        label = f"header `{name.lower()}`" if isinstance(name, str) else "this header"
        if isinstance(name, str) and name != name.lower():
            self._check_name(write, name)
            if write.action == "delete":
                return
        if write.action == "set" and write.value is not None:
            self._check_value(write, label)
        for element in write.elements:
            self._check_element(write, element, label)

    def _check_name(self, write: HeaderWrite, name: str) -> None:
        lname = name.lower()
        fix = self._lowercase_fix(write, lname)
        node = write.key if write.key is not None else write.node
        if write.action == "delete":
            self.report(node, f"header names in the Lambda@Edge event are lowercase: deleting `{name}` "
                              f"removes nothing, the header is `{lname}`",
                        severity=Severity.WARNING, fix=fix, help=f"Use the lowercase name `{lname}`")
            return
        what = (f"the event has no header `{name}` (its names are lowercase), so this fails at runtime"
                if write.action == "modify" else "CloudFront looks headers up by their lowercase name")
        self.report(node, f"header name `{name}` is not lowercase: {what}; use `{lname}` and put "
                          f"`{name}` in `key`", fix=fix,
                    help=f"Use the lowercase name `{lname}` (the original case goes in `key`)")

    def _lowercase_fix(self, write: HeaderWrite, lname: str) -> Fix | None:
        key = write.key
        if key is None or not lname.isascii() or "\\" in lname:
            return None
        ctx = self.ctx
        if write.python:
            if not isinstance(key, cst.SimpleString) or any(c in key.prefix.lower() for c in "bf"):
                return None
            if key.quote[0] in lname:
                return None
            text = f"{key.prefix}{key.quote}{lname}{key.quote}"
            span = ctx.position(key)
            start, end = span.start_offset, span.end_offset
        else:
            if key.type == "Literal":
                quote = ctx.text[key.range[0]]
                if quote not in ("'", '"') or quote in lname:
                    return None
                text = f"{quote}{lname}{quote}"
            elif key.type == "Identifier" and lname.isidentifier():
                text = lname
            else:
                return None
            start, end = key.range
        return Fix(f"Lowercase the header name to `{lname}`", (Edit(start, end, text),))

    def _help(self, write: HeaderWrite, label: str) -> str:
        name = write.name.lower() if isinstance(write.name, str) else "name"
        key = title_case(name) if isinstance(write.name, str) else "Name"
        if write.python:
            return f"Write `headers[\"{name}\"] = [{{\"key\": \"{key}\", \"value\": …}}]`, one dict per value"
        return f"Write `headers['{name}'] = [{{ key: '{key}', value: … }}]`, one object per value"

    def _check_value(self, write: HeaderWrite, label: str) -> None:
        value = write.value
        what = self._py_kind(value) if write.python else self._js_kind(value)
        if what is None:
            if isinstance(value, (cst.List, cst.Tuple)):
                for element in value.elements:
                    if not isinstance(element, cst.StarredElement):
                        self._check_element(write, element.value, label)
            elif not write.python and value.type == "ArrayExpression":
                for element in value.elements:
                    if element is not None and element.type != "SpreadElement":
                        self._check_element(write, element, label)
            return
        self.report(value, f"{label} is written as {what}: Lambda@Edge headers are a list of "
                           "`{key, value}` objects, one per value", help=self._help(write, label))

    @staticmethod
    def _js_kind(value: Any) -> str | None:
        """What a JS header value is, when it is certainly not a list; None otherwise."""
        t = value.type
        if t == "ObjectExpression":
            props = {property_key(p) for p in value.properties if p.type == "Property"}
            if _le_headers()["value_field"] in props:
                return "a `{value: …}` object (the CloudFront Functions shape)"
            if any(p.type == "SpreadElement" for p in value.properties):
                return None
            return "an object"
        if t == "Literal":
            if isinstance(value.value, str):
                return "a string"
            if isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
                return "a number"
            return None
        if t == "TemplateLiteral":
            return "a string"
        if t == "BinaryExpression" and value.operator == "+" and any(
                s.type == "TemplateLiteral" or (s.type == "Literal" and isinstance(s.value, str))
                for s in (value.left, value.right)):
            return "a string"
        return None

    @staticmethod
    def _py_kind(value: Any) -> str | None:
        if isinstance(value, cst.Dict):
            keys = {static_key(e.key) for e in value.elements if isinstance(e, cst.DictElement)}
            if _le_headers()["value_field"] in keys:
                return "a `{\"value\": …}` dict (the CloudFront Functions shape)"
            if any(isinstance(e, cst.StarredDictElement) for e in value.elements):
                return None
            return "a dict"
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return None if isinstance(value, cst.SimpleString) and "b" in value.prefix.lower() else "a string"
        if isinstance(value, (cst.Integer, cst.Float)):
            return "a number"
        if (isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add)
                and any(isinstance(s, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString))
                        for s in (value.left, value.right))):
            return "a string"
        return None

    def _check_element(self, write: HeaderWrite, element: Any, label: str) -> None:
        value_field = _le_headers()["value_field"]
        problem = None
        if write.python:
            if isinstance(element, cst.Dict):
                if any(isinstance(e, cst.StarredDictElement) for e in element.elements):
                    return
                keys = {static_key(e.key) for e in element.elements if isinstance(e, cst.DictElement)}
                if value_field not in keys:
                    problem = f"a dict with no `{value_field}`"
            elif isinstance(element, (cst.List, cst.Tuple)):
                problem = "a list"
            else:
                kind = self._py_kind(element)
                if kind is not None:
                    problem = kind
        else:
            t = element.type
            if t == "ObjectExpression":
                if any(p.type == "SpreadElement" for p in element.properties):
                    return
                keys = {property_key(p) for p in element.properties if p.type == "Property"}
                if value_field not in keys:
                    problem = f"an object with no `{value_field}`"
            elif t == "ArrayExpression":
                problem = "a list"
            else:
                kind = self._js_kind(element)
                if kind is not None:
                    problem = kind
        if problem is None:
            return
        self.report(element, f"{label}: each list element must be a `{{key, value}}` object, this one is "
                             f"{problem}", help=self._help(write, label))
