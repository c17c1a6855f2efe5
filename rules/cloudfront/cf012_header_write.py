from __future__ import annotations

from typing import Any

from edgelint.edge.model import (CONCAT, GENERATED, LIST, NUMBER, STRING, TEMPLATE, HeaderWrite, KeyRef, Value,
                                 rename_key)
from edgelint.model import Severity
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, headers

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html"
_STRUCTURE_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html"
_GENERATED = "generated response"


class HeaderWriteRule(Rule):
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

    # -- checks ------------------------------------------------------------------
    def _check(self, node: Any, name: Any, action: str, obj: str, key: KeyRef | None = None,
               value: Value | None = None, shorthand: bool = False) -> None:
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
            fix = None if shorthand else rename_key(key, lname, f"Lowercase the header name to `{lname}`")
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

    def _check_value(self, value: Value, name: str) -> None:
        kinds = {STRING: "a string", NUMBER: "a number", TEMPLATE: "a template string",
                 LIST: "an array (the Lambda@Edge `[{key, value}]` shape)", CONCAT: "a string concatenation"}
        what = kinds.get(value.kind)
        if what is None:
            return
        self.report(value.span, f"header `{name}` must be an object `{{value: …}}`, not {what}",
                    help=f"Write `headers['{name}'] = {{ value: … }}` (add `multiValue` for repeated values)")

    def on_header_write(self, write: HeaderWrite) -> None:
        obj = _GENERATED if write.obj == GENERATED else write.obj
        self._check(write.span, write.name, write.action, obj, key=write.key, value=write.value,
                    shorthand=write.shorthand)
