"""Lambda@Edge JavaScript → a CloudFront Function, rewritten in place.

The rewrite works on the ESTree tree and the linter's symbolic paths, so aliases count
(`const { request } = event.Records[0].cf`, a helper's `req` parameter):

- `event.Records[0].cf` → `event`; `….config.X` → `….context.X`; `request.clientIp` → `event.viewer.ip`;
- header lists → CloudFront Functions' objects: `headers[h][0].value` → `headers[h].value`,
  `headers[h] = [{ key, value }]` → `headers[h] = { value }` (several values: `multiValue`),
  generated responses' `headers` likewise;
- `request.querystring` (a string at Lambda@Edge) → `request.rawQueryString()`; writing it
  builds the query object;
- generated responses: `status: '302'` → `statusCode: 302`, `bodyEncoding: 'base64'` → `body: { encoding, data }`;
- `callback(null, x)` → `return x`; the exported handler → a top-level `function handler(event)`.

Whatever it cannot rewrite with certainty is a blocker with its line; the result is linted as a
CloudFront Function and any error left is a blocker too, so a migration never yields code that
is silently wrong."""

from __future__ import annotations

import re
from typing import Any

from edgelint.data import facts
from edgelint.migrate.common import Blocker, Refusal, apply_edits, js_string

# The Lambda@Edge event's root (`event.Records[0].cf`) and its record, as symbolic paths.
_ROOT = ("event", *facts("lambda_edge")["event"]["root"])
_RECORD = _ROOT[:-1]
# Headers CloudFront Functions give apart, as `cookies`.
_COOKIES = tuple(facts("cloudfront_functions")["event"]["cookie_headers"])
_LIST_METHODS = {"push", "pop", "shift", "unshift", "map", "forEach", "filter", "find", "some", "every", "concat",
                 "join", "slice", "splice", "length", "reduce", "includes", "indexOf"}
_QUERY_HELPER = """
function edgelintQueryObject(text) {
  var query = {};
  String(text || '').split('&').forEach(function (part) {
    if (!part) { return; }
    var at = part.indexOf('=');
    var name = at < 0 ? part : part.slice(0, at);
    var value = at < 0 ? '' : part.slice(at + 1);
    var entry = query[name];
    if (!entry) {
      query[name] = { value: value };
    } else {
      if (!entry.multiValue) { entry.multiValue = [{ value: entry.value }]; }
      entry.multiValue.push({ value: value });
    }
  });
  return query;
}
"""


def _pure(node: Any) -> bool:
    """An expression that can be evaluated twice with the same result and no effect."""
    t = node.type
    if t in ("Literal", "Identifier"):
        return True
    if t == "TemplateLiteral":
        return all(_pure(e) for e in node.expressions)
    if t == "MemberExpression":
        return _pure(node.object) and (not node.computed or _pure(node.property))
    if t == "BinaryExpression":
        return _pure(node.left) and _pure(node.right)
    return False


class _Rewriter:
    def __init__(self, text: str, path: str, runtime: str, event: str | None) -> None:
        from edgelint.lang.js.context import JsContext
        from edgelint.lang.js.parse import dialect_of, parse_js
        from edgelint.model import LAMBDA_EDGE, Target

        self.text = text
        self.runtime = runtime
        self.parsed = parse_js(text, dialect_of(path))
        if self.parsed.error is not None:
            raise Refusal([Blocker(1, "the file does not parse")])
        self.ctx = JsContext(path, text, self.parsed, Target(LAMBDA_EDGE, "nodejs22.x", event))
        self.edits: list[tuple[int, int, str]] = []
        self.blockers: list[Blocker] = []
        self.helpers: set[str] = set()
        self.query_reads: list[tuple[int, bool]] = []  # (offset, in the handler)
        self.query_writes: list[int] = []  # where each write ends
        self.converted_responses: list[Any] = []
        self.response_names: set[str] = set()
        self.status_reads: list[Any] = []  # `.status` of objects that are not the event's response
        handler = self.ctx.handler
        if handler is None:
            raise Refusal([Blocker(1, "no exported Lambda@Edge handler found")])
        self.handler = handler
        # Helpers edgelint itself added (the Python translation's `edgelintTruthy`, …) take any
        # value: what they do with a header is already right for both shapes.
        self.own = [(st.range[0], st.range[1]) for st in self.parsed.program.body
                    if st.type == "FunctionDeclaration" and st.id is not None and st.id.name.startswith("edgelint")]
        params = handler.params
        self.event_name = params[0].name if params and params[0].type == "Identifier" else None
        self.callback_name = params[2].name if len(params) > 2 and params[2].type == "Identifier" else None

    # -- helpers ---------------------------------------------------------------------------------
    def src(self, node: Any) -> str:
        return self.text[node.range[0]:node.range[1]]

    def line(self, node: Any) -> int:
        return self.text.count("\n", 0, node.range[0]) + 1

    def _own(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.own)

    def block(self, node: Any, why: str) -> None:
        if not self._own(node.range[0]):
            self.blockers.append(Blocker(self.line(node), why))

    def edit(self, start: int, end: int, content: Any) -> None:
        if not self._own(start):
            self.edits.append((start, end, content))

    def sym(self, node: Any) -> tuple | None:
        return self.ctx.sym(node)

    def path(self, node: Any) -> tuple | None:
        sym = self.sym(node)
        if sym and sym[:len(_ROOT)] == _ROOT:
            return sym[len(_ROOT):]
        return None

    # -- the walk ----------------------------------------------------------------------------------
    def run(self) -> str:
        ctx = self.ctx
        ctx.walk({"MemberExpression": [self.on_member], "CallExpression": [self.on_call],
                  "AssignmentExpression": [self.on_assign], "VariableDeclarator": [self.on_declarator],
                  "ObjectExpression": [self.on_object], "ReturnStatement": [self.on_return],
                  "Identifier": [self.on_identifier], "ObjectPattern": [self.on_pattern],
                  "ArrayPattern": [self.on_pattern]}, {})
        self.rewrite_handler()
        if self.query_writes and any(r > min(self.query_writes) or not in_handler for r, in_handler in self.query_reads):
            self.blockers.append(Blocker(1, "the query string is read after it is written (or outside the handler): "
                                            "CloudFront Functions keep the raw query string apart from the query object"))
        if self.converted_responses:
            for node in self.status_reads:
                self.block(node, "reads `.status` of a generated response, which becomes `statusCode`")
        if self.blockers:
            raise Refusal(sorted(set(self.blockers)))
        out = apply_edits(self.text, self.edits)
        out = re.sub(r"(edgelint:\s*)runtime=\S+", lambda m: f"{m.group(1)}runtime={self.runtime}", out, count=1)
        if "query" in self.helpers:
            out = out.rstrip("\n") + "\n" + _QUERY_HELPER
        return out

    # -- what a use of the event may be --------------------------------------------------------
    # The rewrite knows the shapes below; any other use of a header value, the headers object,
    # the query string or a generated response could behave differently after it, so it blocks.
    def on_identifier(self, node: Any) -> None:
        if not self.ctx.is_reference(node):
            return
        path = self.path(node)
        if path is not None:
            self._check_use(node, path)

    def on_pattern(self, node: Any) -> None:
        """Destructuring of the event: only `{ request }` / `{ response }` of the record's `cf`."""
        from edgelint.lang.js.parse import property_key

        parent = getattr(node, "parent", None)
        source = None
        if parent is not None and parent.type == "VariableDeclarator" and parent.id is node:
            source = parent.init
        elif parent is not None and parent.type == "AssignmentExpression" and parent.left is node:
            source = parent.right
        elif parent is not None and parent.type in ("FunctionDeclaration", "FunctionExpression",
                                                    "ArrowFunctionExpression") and node in parent.params:
            if parent is self.handler:
                self.block(node, "destructures the handler's event parameter")
            return
        if source is None:
            return
        sym = self.sym(source)
        if sym is None or sym[:1] != ("event",):
            return
        if node.type == "ArrayPattern":
            self.block(node, "destructures part of the event into an array pattern")
            return
        keys = []
        for prop in node.properties:
            key = property_key(prop) if prop.type == "Property" else None
            if key is None or prop.value.type != "Identifier":
                self.block(node, "destructures the event in a way the rewrite cannot follow")
                return
            keys.append(key)
        if sym == _ROOT and set(keys) <= {"request", "response"}:
            return
        if sym == _RECORD and keys == ["cf"]:
            return  # rewritten in on_declarator
        self.block(node, f"destructures {', '.join(map(str, keys))} from the event: give each a plain member read")

    def _reassigned(self, name: str) -> bool:
        binding = self.ctx.lookup(name)
        return binding is None or binding.kind not in ("const", "let", "var") or bool(binding.values)

    def _check_use(self, node: Any, path: tuple) -> None:
        if len(path) >= 2 and path[1] == "headers":
            why = self._header_use(node, path)
            if why:
                self.block(node, why)
        elif path == ("request", "querystring") or path == ("response", "status") or path == ("request", "clientIp"):
            if node.type == "Identifier":
                self.block(node, f"keeps {'.'.join(path)} in a variable")

    def _header_use(self, node: Any, path: tuple) -> str | None:
        from edgelint.lang.js.parse import member_key

        parent = getattr(node, "parent", None)
        if parent is None:
            return None
        t = parent.type
        alias = (t == "VariableDeclarator" and parent.init is node and parent.id.type == "Identifier")
        if alias and self._reassigned(parent.id.name):
            return "keeps part of the headers in a variable that changes"
        if alias:
            return None
        if len(path) == 2:  # the headers object
            if t == "MemberExpression" and parent.object is node:
                key = member_key(parent)
                if isinstance(key, str):
                    return None
                return "reads a header by a name known only at run time (cookies and header shapes differ)"
            if t == "AssignmentExpression" and parent.left is node:
                return None
            if t == "CallExpression" and node in parent.arguments and parent.callee.type == "Identifier":
                callee = parent.callee.name
                if callee.startswith("edgelint"):
                    first = parent.arguments[0] if parent.arguments else None
                    key = first.value if first is not None and first.type == "Literal" else None
                    if callee == "edgelintIn" and isinstance(key, str) and key.lower() not in _COOKIES:
                        return None
                    return "tests the headers object for a name the rewrite cannot check (cookies are kept apart)"
                binding = self.ctx.lookup(callee)
                if binding is not None and binding.kind in ("function", "const", "let", "var"):
                    return None  # a local helper: its uses are checked where they are
            if t == "BinaryExpression" and parent.operator == "in" and parent.right is node:
                key = parent.left.value if parent.left.type == "Literal" else None
                if isinstance(key, str) and key.lower() not in _COOKIES:
                    return None
            if t == "UnaryExpression" and parent.operator == "delete":
                return None
            return "uses the headers object as a whole (CloudFront Functions keep cookies apart and shape headers differently)"
        if len(path) == 3:  # one header's value list
            if path[2] in _COOKIES:
                return None  # blocked where it is read
            if t == "MemberExpression" and parent.object is node:
                key = member_key(parent)
                if key == 0 and not parent.optional and node.type in ("MemberExpression", "Identifier"):
                    return None
                return f"uses header `{path[2]}` as a list ({key if key is not None else 'by index'})"
            if t in ("IfStatement", "ConditionalExpression", "WhileStatement") and parent.test is node:
                return None
            if t == "LogicalExpression" and parent.left is node and parent.operator == "&&":
                return None
            if t == "LogicalExpression" and self._in_test(parent):
                return None
            if t == "UnaryExpression" and parent.operator in ("!", "typeof", "delete"):
                return None
            if t == "BinaryExpression" and parent.operator in ("==", "===", "!=", "!==") and \
                    self._is_nothing(parent.right if parent.left is node else parent.left):
                return None
            if t == "AssignmentExpression" and parent.left is node:
                return None
            if t == "CallExpression" and parent.callee.type == "Identifier" and \
                    parent.callee.name == "edgelintTruthy":
                return None
            return f"uses header `{path[2]}`'s value list as a value (CloudFront Functions have {{value, multiValue}})"
        if len(path) == 4 and path[3] == 0 and node.type == "Identifier":
            return None
        return None

    def _in_test(self, node: Any) -> bool:
        child, parent = node, getattr(node, "parent", None)
        while parent is not None and parent.type in ("LogicalExpression", "UnaryExpression"):
            if parent.type == "UnaryExpression" and parent.operator != "!":
                return False
            child, parent = parent, getattr(parent, "parent", None)
        return parent is not None and parent.type in ("IfStatement", "ConditionalExpression", "WhileStatement") \
            and parent.test is child

    @staticmethod
    def _is_nothing(node: Any) -> bool:
        return (node.type == "Literal" and node.value is None) or (node.type == "Identifier" and node.name == "undefined")

    def on_member(self, node: Any) -> None:
        from edgelint.lang.js.parse import member_key

        sym = self.sym(node)
        if member_key(node) == "status" and (sym is None or sym[:len(_ROOT)] != _ROOT):
            self.status_reads.append(node)
        if member_key(node) in ("headers", "body", "bodyEncoding", "statusDescription") and not node.computed:
            base = node.object
            if base.type == "Identifier" and base.name in self.response_names:
                self.block(node, "uses a generated response's fields after creating it")
        if sym is None:
            self._dynamic_header_index(node)
            return
        if sym[:len(_ROOT)] == _ROOT:
            self._check_use(node, sym[len(_ROOT):])
        parent = getattr(node, "parent", None)
        is_object = parent is not None and parent.type == "MemberExpression" and parent.object is node
        if sym == _ROOT:
            self._strip_root(node)
        elif sym == _RECORD and not is_object:
            inner = self._inner(node, {("event",)})
            if inner is not None:
                self.edit(inner.range[1], node.range[1], "")
        if sym[:len(_ROOT)] != _ROOT:
            return
        path = sym[len(_ROOT):]
        if path == ("config",):
            prop = node.property
            self.edit(prop.range[0], prop.range[1], "context")
        elif path == ("request", "clientIp"):
            self._client_ip(node)
        elif path in (("request", "body"),) or path[:2] == ("request", "body"):
            self.block(node, "reads the request body, which CloudFront Functions never see")
        elif path == ("request", "origin") or path[:2] == ("request", "origin"):
            self.block(node, "uses request.origin (origin events only)")
        elif path == ("request", "querystring") and not is_object or (
                path == ("request", "querystring") and is_object):
            self._querystring(node)
        elif len(path) >= 3 and path[1] == "headers":
            self._header_member(node, path, parent)
        elif path == ("response", "status"):
            self._status_read(node)

    def _inner(self, node: Any, wanted: set[tuple]) -> Any:
        """The innermost object of a member chain whose sym is one of `wanted`."""
        found = None
        current = node.object
        while current is not None:
            if self.sym(current) in wanted:
                found = current
            current = current.object if current.type == "MemberExpression" else None
        return found

    def _strip_root(self, node: Any) -> None:
        inner = self._inner(node, {("event",), _RECORD})
        if inner is None:
            self.block(node, "cannot rewrite this way of reaching the CloudFront event")
            return
        self.edit(inner.range[1], node.range[1], "")

    def _client_ip(self, node: Any) -> None:
        binding = self.ctx.lookup(self.event_name) if self.event_name else None
        if binding is None or binding.kind != "param" or self.ctx.enclosing_function(node) is not self.handler:
            self.block(node, "reads request.clientIp outside the handler: CloudFront Functions give it as "
                             "event.viewer.ip")
            return
        self.edit(node.range[0], node.range[1], f"{self.event_name}.viewer.ip")

    def _querystring(self, node: Any) -> None:
        if self.ctx.is_write_target(node):
            return  # the assignment is rewritten in on_assign
        if self.runtime != "cloudfront-js-2.0":
            self.block(node, "reads the raw query string, which only cloudfront-js-2.0 gives (rawQueryString())")
            return
        in_handler = self.ctx.enclosing_function(node) is self.handler
        self.query_reads.append((node.range[0], in_handler))
        a, b = node.object.range
        self.edit(node.range[0], node.range[1], lambda render: f"({render(a, b)}.rawQueryString() || '')")

    def _status_read(self, node: Any) -> None:
        if self.ctx.is_write_target(node):
            self.block(node, "changes response.status")
            return
        self.edit(node.range[0], node.range[1], f"String({self.src(node.object)}.statusCode)")

    # -- headers --------------------------------------------------------------------------------------
    def _header_member(self, node: Any, path: tuple, parent: Any) -> None:
        name = path[2]
        if name in _COOKIES:
            if len(path) == 3:
                self.block(node, f"uses the `{name}` header: CloudFront Functions give cookies apart, in "
                                 f"{'request' if name == 'cookie' else 'response'}.cookies")
            return
        if len(path) == 4:
            index = path[3]
            if index == 0 and not node.optional and node.object.type in ("MemberExpression", "Identifier"):
                if self._writes_through(node):
                    self.block(node, f"changes the first of possibly several `{name}` values (CloudFront "
                                     "Functions keep several values in multiValue)")
                    return
                self.edit(node.object.range[1], node.range[1], "")  # headers[h][0] → headers[h]
            elif index == 0:
                self.block(node, f"reads header `{name}` through an expression the rewrite cannot follow")
            elif index in _LIST_METHODS or isinstance(index, int):
                self.block(node, f"uses header `{name}` as a list ({index}): CloudFront Functions have one "
                                 "value and multiValue")
        elif len(path) == 5 and path[3] == 0 and path[4] == "key":
            self.block(node, "reads a header's `key`, which CloudFront Functions do not have")

    def _writes_through(self, node: Any) -> bool:
        """`headers[h][0].value = …` (or `headers[h][0] = …`)."""
        parent = getattr(node, "parent", None)
        if parent is not None and parent.type == "AssignmentExpression" and parent.left is node:
            return True
        grand = getattr(parent, "parent", None)
        return (parent is not None and parent.type == "MemberExpression" and parent.object is node
                and grand is not None and grand.type in ("AssignmentExpression", "UpdateExpression")
                and getattr(grand, "left", getattr(grand, "argument", None)) is parent)

    def _dynamic_header_index(self, node: Any) -> None:
        """`headers[name][0]` with a name known only at run time."""
        from edgelint.lang.js.parse import member_key

        if not node.computed or member_key(node) != 0:
            return
        obj = node.object
        if obj.type != "MemberExpression" or self.sym(obj) is not None:
            return
        base = self.path(obj.object)
        if base is not None and len(base) == 2 and base[1] == "headers":
            self.block(node, "reads a header by a name known only at run time")

    def _header_value(self, value: Any) -> Any:
        """`[{ key, value: v }, …]` → `{ value: v }` (several: with multiValue), as a replacement
        that renders `v` with the rewrites inside it; None if not a literal list."""
        from edgelint.lang.js.parse import property_key

        if value.type != "ArrayExpression" or not value.elements:
            return None
        values = []
        for element in value.elements:
            if element is None or element.type != "ObjectExpression":
                return None
            found = None
            for prop in element.properties:
                if prop.type != "Property":
                    return None
                key = property_key(prop)
                if key == "value":
                    found = prop.value
                elif key != "key":
                    return None
            if found is None:
                return None
            values.append(found)
        if len(values) == 1:
            a, b = values[0].range
            return lambda render: f"{{ value: {render(a, b)} }}"
        if not _pure(values[0]):
            return None  # the first value would be evaluated twice
        ranges = [v.range for v in values]

        def several(render: Any) -> str:
            texts = [render(a, b) for a, b in ranges]
            many = ", ".join(f"{{ value: {t} }}" for t in texts)
            return f"{{ value: {texts[0]}, multiValue: [{many}] }}"

        return several

    def _header_object(self, obj: Any) -> bool:
        """Rewrite every `name: [{…}]` of a headers object literal; False when one cannot be."""
        from edgelint.lang.js.parse import property_key

        ok = True
        for prop in obj.properties:
            if prop.type != "Property":
                continue  # ...spread of another headers object: already in the right shape
            name = property_key(prop)
            if isinstance(name, str) and name.lower() in _COOKIES:
                self.block(prop, f"sets the `{name}` header: CloudFront Functions set cookies in `cookies`")
                ok = False
                continue
            converted = self._header_value(prop.value)
            if converted is None:
                self.block(prop, "a header value that is not a literal list of { key, value } objects")
                ok = False
                continue
            self.edit(prop.value.range[0], prop.value.range[1], converted)
        return ok

    def on_assign(self, node: Any) -> None:
        left = node.left
        if left.type == "MemberExpression":
            base = left
            while base.type == "MemberExpression":
                base = base.object
            if base.type == "Identifier" and base.name in self.response_names:
                self.block(node, "changes a generated response after creating it")
        path = self.path(left) if left.type == "MemberExpression" else None
        if path is None and left.type == "MemberExpression" and left.computed:
            base = self.path(left.object)
            if base is not None and len(base) == 2 and base[1] == "headers":
                path = base + ("?",)
        if path is None:
            return
        if path == ("request", "querystring"):
            self.query_writes.append(node.range[1])
            if node.operator != "=":
                self.block(node, "changes the query string with " + node.operator)
                return
            self.helpers.add("query")
            a, b = node.right.range
            self.edit(a, b, lambda render: f"edgelintQueryObject({render(a, b)})")
        elif len(path) == 3 and path[1] == "headers":
            if path[2] in _COOKIES:
                return  # blocked in on_member
            converted = self._header_value(node.right)
            if converted is None:
                self.block(node, "sets a header to something other than a literal list of { key, value } objects")
            else:
                self.edit(node.right.range[0], node.right.range[1], converted)
        elif len(path) == 2 and path[1] == "headers" and node.right.type == "ObjectExpression":
            self._header_object(node.right)
        elif path == ("response", "status"):
            self.block(node, "changes response.status")

    def on_declarator(self, node: Any) -> None:
        from edgelint.lang.js.parse import property_key

        init = node.init
        if init is None or node.id.type != "ObjectPattern" or self.sym(init) != _RECORD:
            return
        props = node.id.properties
        if len(props) == 1 and props[0].type == "Property" and property_key(props[0]) == "cf":
            value = props[0].value
            if value.type == "Identifier":
                self.edit(node.id.range[0], node.id.range[1], value.name)  # const { cf } = record → const cf = event
                return
        self.block(node, "destructures the Lambda@Edge record")

    # -- responses --------------------------------------------------------------------------------------
    def on_object(self, node: Any) -> None:
        from edgelint.lang.js.parse import property_key

        keys = {property_key(p): p for p in node.properties if p.type == "Property"}
        if "status" not in keys or "uri" in keys or "method" in keys:
            return
        if any(p.type != "Property" or p.computed for p in node.properties):
            self.block(node, "a generated response with computed or spread properties")
            return
        self.converted_responses.append(node)
        parent = getattr(node, "parent", None)
        if parent is not None and parent.type == "VariableDeclarator" and parent.id.type == "Identifier":
            self.response_names.add(parent.id.name)
        status = keys["status"]
        value = status.value
        if value.type == "Literal" and isinstance(value.value, str) and value.value.isdigit():
            number = str(int(value.value))
        elif value.type == "Literal" and isinstance(value.value, (int, float)):
            number = self.src(value)
        else:
            number = f"Number({self.src(value)})"
        if status.shorthand:
            self.block(status, "a shorthand `status` property")
            return
        self.edit(status.range[0], status.range[1], f"statusCode: {number}")
        headers = keys.get("headers")
        if headers is not None:
            if headers.value.type == "ObjectExpression" and not headers.shorthand:
                self._header_object(headers.value)
            else:
                self.block(headers, "response headers that are not an object literal")
        encoding = keys.get("bodyEncoding")
        if encoding is not None:
            kind = encoding.value.value if encoding.value.type == "Literal" else None
            body = keys.get("body")
            if kind == "text":
                self._remove_property(node, encoding)
            elif kind == "base64" and body is not None and not body.shorthand:
                self.edit(body.value.range[0], body.value.range[1],
                          f"{{ encoding: 'base64', data: {self.src(body.value)} }}")
                self._remove_property(node, encoding)
            else:
                self.block(encoding, "a bodyEncoding that is not a literal 'text' or 'base64'")

    def _returned(self, node: Any) -> bool:
        parent = getattr(node, "parent", None)
        return parent is not None and parent.type in ("ReturnStatement", "ArrowFunctionExpression", "CallExpression")

    def _remove_property(self, obj: Any, prop: Any) -> None:
        start, end = prop.range
        rest = self.text[end:obj.range[1]]
        comma = re.match(r"\s*,", rest)
        if comma:
            end += comma.end()
        self.edit(start, end, "")

    # -- callbacks, returns and the handler ------------------------------------------------------------
    def on_call(self, node: Any) -> None:
        callee = node.callee
        if callee.type == "Identifier" and self.callback_name and callee.name == self.callback_name \
                and self.sym(callee) == ("callback",):
            self._callback(node)

    def _callback(self, node: Any) -> None:
        args = node.arguments
        if self.ctx.enclosing_function(node) is not self.handler:
            self.block(node, "calls the callback from a nested function (a timer, a promise)")
            return
        if len(args) != 2 or not (args[0].type == "Literal" and args[0].value is None):
            self.block(node, "calls the callback with an error")
            return
        parent = getattr(node, "parent", None)
        a, b = args[1].range
        if parent is not None and parent.type == "ReturnStatement":
            self.edit(node.range[0], node.range[1], lambda render: render(a, b))
        elif parent is not None and parent.type == "ExpressionStatement":
            block = getattr(parent, "parent", None)
            body = getattr(block, "body", None)
            if isinstance(body, list) and parent in body:
                after = body[body.index(parent) + 1:]
                if any(s.type != "ReturnStatement" or s.argument is not None for s in after):
                    self.block(node, "runs code after calling the callback (a return would skip it)")
                    return
            self.edit(parent.range[0], parent.range[1], lambda render: f"return {render(a, b)};")
        else:
            self.block(node, "uses the callback inside an expression")

    def on_return(self, node: Any) -> None:
        pass

    def rewrite_handler(self) -> None:
        handler = self.handler
        export = self.ctx.handler_export
        params = handler.params
        if len(params) > 1:
            second = params[1]
            if second.type == "Identifier" and self._used(second.name, handler):
                if second.name != self.callback_name:
                    self.block(second, "uses the Lambda context object")
        name = self.event_name or "event"
        is_async = bool(getattr(handler, "isAsync", False))
        if is_async and self.runtime != "cloudfront-js-2.0":
            self.block(handler, "an async handler needs cloudfront-js-2.0")
        signature = f"{'async ' if is_async else ''}function handler({name}) "
        body = handler.body
        a, b = body.range
        inside = [(s, e, c) for s, e, c in self.edits if a <= s and e <= b]
        outside = [(s, e, c) for s, e, c in self.edits if not (a <= s and e <= b)]
        inner = apply_edits(self.src(body), inside, a)
        new_body = inner if body.type == "BlockStatement" else f"{{\n  return {inner};\n}}"
        declaration = signature + new_body
        if export is None:
            self.block(handler, "the handler is not exported in a form edgelint can rewrite")
            return
        if handler.type == "FunctionDeclaration" and export is not handler and not self._contains(export, handler):
            # `function main(event) {…}` exported by name: replace the function, drop the export.
            alias = handler.id.name if handler.id is not None else None
            keep = f"\nvar {alias} = handler;" if alias and alias != "handler" else ""
            outside = [(s, e, c) for s, e, c in outside
                       if not (export.range[0] <= s and e <= export.range[1])]
            self.edits = outside + [(handler.range[0], handler.range[1], declaration + keep),
                                    (export.range[0], export.range[1], "")]
            return
        if not self._contains(export, handler):
            # `const main = async (event) => {…}; exports.handler = main;`
            statement = self._top_statement(handler)
            if statement is None or statement.type != "VariableDeclaration" or len(statement.declarations) != 1:
                self.block(export, "the handler is not exported in a form edgelint can rewrite")
                return
            declarator = statement.declarations[0]
            alias = declarator.id.name if declarator.id.type == "Identifier" else None
            keep = f"\nvar {alias} = handler;" if alias and alias != "handler" else ""
            outside = [(s, e, c) for s, e, c in outside if not (statement.range[0] <= s and e <= statement.range[1])
                       and not (export.range[0] <= s and e <= export.range[1])]
            self.edits = outside + [(statement.range[0], statement.range[1], declaration + keep),
                                    (export.range[0], export.range[1], "")]
            return
        outside = [(s, e, c) for s, e, c in outside if not (export.range[0] <= s and e <= export.range[1])]
        self.edits = outside + [(export.range[0], export.range[1], declaration)]

    def _top_statement(self, node: Any) -> Any:
        for statement in self.ctx.program.body:
            if self._contains(statement, node):
                return statement
        return None

    @staticmethod
    def _contains(outer: Any, inner: Any) -> bool:
        return outer.range[0] <= inner.range[0] and inner.range[1] <= outer.range[1]

    def _used(self, name: str, function: Any) -> bool:
        return re.search(rf"\b{re.escape(name)}\b", self.src(function.body)) is not None


def lambda_edge_to_cloudfront(text: str, path: str, runtime: str = "cloudfront-js-2.0",
                              event: str | None = None) -> str:
    """The CloudFront Function for a Lambda@Edge JavaScript handler; raises Refusal."""
    return _Rewriter(text, path, runtime, event).run()


__all__ = ["lambda_edge_to_cloudfront", "js_string"]
