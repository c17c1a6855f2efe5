from __future__ import annotations

from typing import Any

from edgelint.lang.js.parse import property_key
from edgelint.model import Edit, Fix, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, cff, headers

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html"
_STRUCTURE_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html"
_GENERATED = "generated response"


def _string_literal(node: Any) -> bool:
    return node is not None and node.type == "Literal" and isinstance(node.value, str)


def _quoted(ctx: Any, literal: Any, text: str) -> str | None:
    """`text` as a JS string literal using the quote of `literal`, when that is trivially safe."""
    quote = ctx.text[literal.range[0]]
    if quote not in ("'", '"') or quote in text or "\\" in text or not text.isascii():
        return None
    return f"{quote}{text}{quote}"


class HeaderWrite(Rule):
    """
    ## What it does
    Checks every header a CloudFront Function writes: `headers[name] = …`, `headers.name = …`,
    `headers[name].value = …`, `delete headers[name]` on `event.request.headers` or
    `event.response.headers` (through aliases), and the `headers` of a generated response object
    (an object literal with a `statusCode`). It flags:

    - a **disallowed** header (`connection`, `x-cache`, `x-forwarded-proto`, `x-amz-cf-*`, …), in
      any event;
    - a **read-only** header for the function's event: `host`, `content-length`, `via`, … on the
      request in viewer-request; `via` and `warning` on the response in viewer-response (deleting
      one is a change too). When the event is unknown, only headers read-only in both events
      (`via`) are flagged. A response generated in viewer-request is a new response, so the
      read-only request headers do not apply to it;
    - a header name that is **not lowercase** (a safe fix lowercases a literal key);
    - a value that is not a `{value: …}` object: a string, number, template or array literal, or a
      string concatenation assigned directly to the header. Variables and calls are not flagged.

    Headers named by a variable (`headers[name]`) are skipped.

    ## Why is this bad?
    CloudFront validates the object a function returns. Adding or changing a disallowed or
    read-only header fails that validation and the viewer gets a 502. Header names must be
    lowercase when a function adds them, and each header is a `{value, multiValue?}` object:
    a bare string is not a valid header.

    ## Example
    ```js
    function handler(event) {
        var request = event.request;
        request.headers['host'] = { value: 'origin.example.com' };
        request.headers['X-Trace'] = '1';
        return request;
    }
    ```

    Use instead:
    ```js
    function handler(event) {
        var request = event.request;
        request.headers['x-trace'] = { value: '1' };
        return request;
    }
    ```

    To send a request to another origin, change the origin (`cf.updateRequestOrigin()` in
    `cloudfront-js-2.0`) or use a Lambda@Edge origin-request function instead of rewriting `host`.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
    """

    code = "CF012"
    name = "header-write"
    summary = "Invalid header write in a CloudFront Function"
    help = ("Write lowercase header names as `headers['name'] = { value: '…' }`, and leave "
            "disallowed and read-only headers alone")
    references = (_URL, _STRUCTURE_URL)
    example_runtimes = BOTH_RUNTIMES
    fixable = True
    valid = (
        Example("function handler(event) {\n  var headers = event.response.headers;\n"
                "  headers['strict-transport-security'] = { value: 'max-age=63072000' };\n"
                "  delete headers['x-powered-by'];\n  return event.response;\n}\n", event="viewer-response"),
        # host is read-only in viewer-request only; a generated response is a new response.
        Example("function handler(event) {\n  var response = event.response;\n"
                "  response.headers['content-length'] = { value: '0' };\n  return response;\n}\n",
                event="viewer-response"),
        Example("function handler(event) {\n  return {\n    statusCode: 302,\n    statusDescription: 'Found',\n"
                "    headers: { location: { value: '/' }, 'content-length': { value: '0' } }\n  };\n}\n",
                event="viewer-request"),
        # Variables, calls and variable header names are not flagged.
        Example("function handler(event) {\n  var request = event.request;\n  var v = { value: 'x' };\n"
                "  var name = 'x-a';\n  request.headers['x-v'] = v;\n  request.headers[name] = { value: 'y' };\n"
                "  request.headers['x-t'] = make();\n  return request;\n}\nfunction make() { return { value: 't' }; }\n",
                event="viewer-request"),
        # Unknown event: `host` may be fine (viewer-response request headers are not checked).
        Example("function handler(event) {\n  var request = event.request;\n"
                "  request.headers['x-forwarded-host'] = { value: request.headers.host.value };\n"
                "  return request;\n}\n"),
    )
    invalid = (
        Example("function handler(event) {\n  var request = event.request;\n"
                "  request.headers['host'] = { value: 'a.example.com' };\n  return request;\n}\n",
                event="viewer-request", line=3, message="`host` is read-only in viewer-request"),
        Example("function handler(event) {\n  var headers = event.response.headers;\n"
                "  headers['x-cache'] = { value: 'HIT' };\n  return event.response;\n}\n",
                line=3, message="disallowed"),
        Example("function handler(event) {\n  var request = event.request;\n"
                "  request.headers['X-Trace'] = { value: '1' };\n  return request;\n}\n",
                line=3, message="lowercase"),
        Example("function handler(event) {\n  var request = event.request;\n"
                "  request.headers['x-device'] = 'mobile';\n  return request;\n}\n",
                line=3, message="{value"),
        Example("function handler(event) {\n  var response = event.response;\n"
                "  delete response.headers.warning;\n  return response;\n}\n",
                event="viewer-response", line=3, message="`warning` is read-only in viewer-response"),
        Example("function handler(event) {\n  return {\n    statusCode: 403,\n"
                "    headers: { 'Content-Type': { value: 'text/plain' }, 'x-cache': { value: 'x' } }\n  };\n}\n",
                event="viewer-request", line=4),
        Example("function handler(event) {\n  event.request.headers.via = { value: '1.1 me' };\n"
                "  return event.request;\n}\n", line=2, message="`via` is read-only"),
    )

    # -- facts -------------------------------------------------------------------
    @staticmethod
    def _disallowed(name: str) -> bool:
        data = headers()["disallowed"]
        return name in data["names"] or any(name.startswith(p) for p in data["prefixes"])

    def _read_only(self, obj: str) -> tuple[list[str], str]:
        """Read-only names for writes to `obj` ("request", "response" or a generated response)
        in the target event, and how to name the event in a message."""
        table = {k: v for k, v in headers()["read_only"]["cloudfront-function"].items()
                 if isinstance(v, list)}
        event = self.ctx.target.event
        if event in table:
            applies_to = event.rsplit("-", 1)[-1]  # viewer-request → request headers
            if obj == applies_to or (obj == _GENERATED and applies_to == "response"):
                return table[event], event
            return [], event
        if obj == _GENERATED:
            return [], ""  # in viewer-request a generated response is a new response
        common = set.intersection(*(set(v) for v in table.values())) if table else set()
        return sorted(common), " and ".join(table)

    def _container(self, sym: tuple | None) -> str | None:
        """"request"/"response" when `sym` is event.request.headers / event.response.headers."""
        event = cff()["event"]
        if (sym is not None and len(sym) == 3 and sym[0] == "event" and sym[1] in event["objects"]
                and sym[2] == event["header_container"]):
            return sym[1]
        return None

    # -- checks ------------------------------------------------------------------
    def _check(self, node: Any, name: Any, action: str, obj: str, key: Any = None,
               value: Any = None, shorthand: bool = False) -> None:
        """action: "set", "modify" or "delete"; key: the key node, for the lowercase fix."""
        if not isinstance(name, str):
            return
        lname = name.lower()
        where = f"the {obj}" if obj == _GENERATED else f"the {obj} headers"
        if action != "delete" and self._disallowed(lname):
            self.report(node, f"`{lname}` is a disallowed header in {where}: CloudFront rejects a "
                              "function that adds or changes it with a 502",
                        help="Remove this write, or use a header name of your own: CloudFront reserves this one")
            return
        read_only, event = self._read_only(obj)
        if lname in read_only:
            verb = ("deleting it is a change too, and CloudFront rejects it" if action == "delete"
                    else "CloudFront rejects the change")
            self.report(node, f"`{lname}` is read-only in {event}: {verb} with a 502",
                        help=self._read_only_help(lname, obj, event))
            return
        if name != lname:
            fix = self._lowercase_fix(key, lname, shorthand)
            if action == "delete":
                self.report(node, f"header names in the event are lowercase: deleting `{name}` has no "
                                  f"effect, use `{lname}`", severity=Severity.WARNING, fix=fix,
                            help=f"Use the lowercase name `{lname}`")
            else:
                self.report(node, f"header name `{name}` must be lowercase when a function adds or "
                                  f"changes it: use `{lname}`", fix=fix,
                            help=f"Use the lowercase name `{lname}`")
        if action == "set" and value is not None:
            self._check_value(value, lname)

    @staticmethod
    def _read_only_help(name: str, obj: str, event: str) -> str:
        if obj == "request":
            return (f"Leave `{name}` unchanged in {event}; to send the request elsewhere, change the "
                    "origin (cloudfront-js-2.0 origin helpers) or move this logic to a Lambda@Edge "
                    "origin-request function")
        return f"Leave `{name}` unchanged in {event}"

    def _lowercase_fix(self, key: Any, lname: str, shorthand: bool) -> Fix | None:
        if key is None or shorthand:
            return None
        if _string_literal(key):
            text = _quoted(self.ctx, key, lname)
        elif key.type == "Identifier" and lname.isidentifier() and lname.isascii():
            text = lname
        else:
            return None
        if text is None:
            return None
        return Fix(f"Lowercase the header name to `{lname}`", (Edit(key.range[0], key.range[1], text),))

    def _check_value(self, value: Any, name: str) -> None:
        t = value.type
        what = None
        if t == "Literal":
            if isinstance(value.value, str):
                what = "a string"
            elif isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
                what = "a number"
        elif t == "TemplateLiteral":
            what = "a template string"
        elif t == "ArrayExpression":
            what = "an array (the Lambda@Edge `[{key, value}]` shape)"
        elif t == "BinaryExpression" and value.operator == "+":
            what = "a string concatenation"
        if what is None:
            return
        self.report(value, f"header `{name}` must be an object `{{value: …}}`, not {what}",
                    help=f"Write `headers['{name}'] = {{ value: … }}` (add `multiValue` for repeated values)")

    def _check_object(self, obj_node: Any, obj: str) -> None:
        """The keys and values of a headers object literal."""
        for prop in obj_node.properties:
            if prop.type != "Property" or prop.kind != "init":
                continue
            name = property_key(prop)
            key = prop.key if not prop.computed else (prop.key if _string_literal(prop.key) else None)
            self._check(prop, name, "set", obj, key=key, value=prop.value,
                        shorthand=bool(getattr(prop, "shorthand", False)))

    # -- visitors ----------------------------------------------------------------
    def on_AssignmentExpression(self, node: Any) -> None:
        left = node.left
        if left.type != "MemberExpression":
            return
        ctx = self.ctx
        obj = self._container(ctx.sym(left.object))
        if obj is not None:
            key = left.property if left.computed and _string_literal(left.property) else None
            action = "set" if node.operator == "=" else "modify"
            self._check(left, self.ctx.member_key(left), action, obj, key=key,
                        value=node.right if action == "set" else None)
            return
        sym = ctx.sym(left)
        if sym is None:
            return
        fields = cff()["event"]["header_value_fields"]
        if len(sym) == 5 and sym[4] in fields and self._container(sym[:3]) is not None:
            # headers[name].value = … modifies the header.
            inner = left.object
            key = None
            if (inner.type == "MemberExpression" and inner.computed and _string_literal(inner.property)
                    and self.ctx.member_key(inner) == sym[3]):
                key = inner.property
            self._check(left, sym[3], "modify", sym[1], key=key)
            return
        container = self._container(sym)
        if container is not None and node.operator == "=" and node.right.type == "ObjectExpression":
            # event.response.headers = { … }
            self._check_object(node.right, container)

    def on_UnaryExpression(self, node: Any) -> None:
        if node.operator != "delete" or node.argument.type != "MemberExpression":
            return
        arg = node.argument
        obj = self._container(self.ctx.sym(arg.object))
        if obj is None:
            return
        key = arg.property if arg.computed and _string_literal(arg.property) else None
        self._check(node, self.ctx.member_key(arg), "delete", obj, key=key)

    def on_ObjectExpression(self, node: Any) -> None:
        props = self.ctx.object_properties(node)
        response = cff()["response"]
        if response["status_field"] not in props:
            return
        prop = props.get(cff()["event"]["header_container"])
        if prop is None or prop.value.type != "ObjectExpression":
            return
        self._check_object(prop.value, _GENERATED)
