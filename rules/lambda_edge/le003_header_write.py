from __future__ import annotations

from edgelint.edge.model import GENERATED, HeaderWrite
from edgelint.model import LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import (EXAMPLE_RUNTIMES, NODE, PYTHON, disallowed_header, headers, le,
                                                possible_events, read_only_events)

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html"
_RESTRICTIONS_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html"


class HeaderWriteRule(Rule):
    """
    ## What it does
    Checks the headers a Lambda@Edge function adds, changes or deletes (JavaScript and Python), on
    `event.Records[0].cf.request.headers` / `….response.headers` through aliases, and in the
    `headers` of a generated response. It flags:

    - a **disallowed** header (`connection`, `x-cache`, `x-forwarded-proto`, `x-amz-cf-*`,
      `x-edge-*`, …) added or changed, in any event;
    - a **read-only** header for the function's event, added, changed or deleted: `host`, `via`,
      `content-length`, … on the request in viewer-request; `accept-encoding`, `if-*`, … in
      origin-request; `transfer-encoding` and `via` on the response in origin-response;
      `content-length`, `content-encoding`, `transfer-encoding`, `via` and `warning` in
      viewer-response. When the event is unknown, only headers read-only in every event the
      written object is returned from are flagged (request: `cdn-loop`, `content-length`,
      `transfer-encoding`, `via`; response: `transfer-encoding`, `via`);
    - a `CloudFront-Viewer-*` header added in viewer-request.

    Writes to the request in a response event have no effect and are not flagged. A response
    generated in a request event that carries one of that event's read-only headers is a
    warning: users report the same validation error, the AWS pages do not say it.

    ## Why is this bad?
    CloudFront validates the object a Lambda@Edge function returns. Adding or changing a
    disallowed header, or adding, changing or deleting a read-only one, fails that validation and
    the viewer gets a 502 ("The Lambda function result failed validation: The function tried to
    add, delete, or change a read-only header"). CloudFront adds the `CloudFront-Viewer-*` headers
    after the viewer-request event, and a viewer-request function that adds one fails validation.

    ## Example
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        request.headers['host'] = [{ key: 'Host', value: 'origin.example.com' }];
        request.headers['cloudfront-viewer-country'] = [{ value: 'US' }];
        return request;
    };
    ```

    Use instead: change the host in an origin-request function (where `host` is writable), and
    read `cloudfront-viewer-country` there after adding it with an origin request policy:
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        const country = request.headers['cloudfront-viewer-country']?.[0]?.value;
        request.headers['host'] = [{ key: 'Host', value: `${country || 'us'}.origin.example.com` }];
        return request;
    };
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html
    """

    code = "LE003"
    name = "header-write"
    summary = "Lambda@Edge function writes a disallowed or read-only header"
    help = "Leave disallowed and read-only headers alone; CloudFront returns 502 when a function changes them"
    references = (_URL, _RESTRICTIONS_URL,
                  "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html")
    valid = (
        # Security headers on the response in origin-response.
        Example("exports.handler = async (event) => {\n"
                "  const { response } = event.Records[0].cf;\n"
                "  response.headers['strict-transport-security'] = [{ key: 'Strict-Transport-Security', "
                "value: 'max-age=63072000' }];\n"
                "  response.headers['content-length'] = [{ value: '0' }];\n"
                "  delete response.headers['server'];\n  return response;\n};\n",
                runtime=NODE, event="origin-response"),
        # host is writable in origin-request; CloudFront-Viewer-* can be read there.
        Example("exports.handler = async (event) => {\n"
                "  const request = event.Records[0].cf.request;\n"
                "  const country = request.headers['cloudfront-viewer-country'];\n"
                "  request.headers['x-forwarded-host'] = [{ key: 'X-Forwarded-Host', value: request.headers.host[0].value }];\n"
                "  request.headers['host'] = [{ key: 'Host', value: 'origin.example.com' }];\n"
                "  request.headers['cloudfront-viewer-country'] = [{ value: 'US' }];\n"
                "  return request;\n};\n",
                runtime=NODE, event="origin-request"),
        # Unknown event: host may be writable (origin-request); request writes in response events
        # have no effect.
        Example("exports.handler = async (event) => {\n"
                "  const cf = event.Records[0].cf;\n"
                "  cf.request.headers.host = [{ value: 'origin.example.com' }];\n"
                "  cf.request.headers['accept-encoding'] = [{ value: 'gzip' }];\n"
                "  return cf.request;\n};\n", runtime=NODE),
        Example("exports.handler = async (event) => {\n"
                "  const { request } = event.Records[0].cf;\n"
                "  request.headers.via = [{ value: '1.1 me' }];\n  return request;\n};\n",
                runtime=NODE, event="viewer-response"),
        Example("def handler(event, context):\n"
                "    cf = event[\"Records\"][0][\"cf\"]\n    req = cf[\"request\"]\n"
                "    host = req[\"headers\"][\"host\"][0][\"value\"]\n"
                "    req[\"headers\"][\"x-forwarded-host\"] = [{\"key\": \"X-Forwarded-Host\", \"value\": host}]\n"
                "    req[\"headers\"][\"host\"] = [{\"key\": \"Host\", \"value\": \"origin.example.com\"}]\n"
                "    return req\n",
                runtime=PYTHON, event="origin-request"),
        Example("def handler(event, context):\n"
                "    response = event[\"Records\"][0][\"cf\"][\"response\"]\n"
                "    headers = response[\"headers\"]\n"
                "    headers[\"x-content-type-options\"] = [{\"key\": \"X-Content-Type-Options\", \"value\": \"nosniff\"}]\n"
                "    headers.pop(\"x-powered-by\", None)\n"
                "    headers[\"content-encoding\"] = [{\"value\": \"gzip\"}]\n"
                "    return response\n",
                runtime=PYTHON, event="origin-response"),
    )
    invalid = (
        Example("exports.handler = async (event) => {\n"
                "  const request = event.Records[0].cf.request;\n"
                "  request.headers['host'] = [{ key: 'Host', value: 'origin.example.com' }];\n"
                "  return request;\n};\n",
                runtime=NODE, event="viewer-request", line=3, message="`host` is read-only in viewer-request"),
        Example("exports.handler = async (event) => {\n"
                "  const { response } = event.Records[0].cf;\n"
                "  response.headers['x-cache'] = [{ value: 'HIT' }];\n  return response;\n};\n",
                runtime=NODE, line=3, message="disallowed"),
        Example("exports.handler = async (event) => {\n"
                "  const { request } = event.Records[0].cf;\n"
                "  request.headers['cloudfront-viewer-country'] = [{ key: 'CloudFront-Viewer-Country', value: 'US' }];\n"
                "  return request;\n};\n",
                runtime=NODE, event="viewer-request", line=3, message="CloudFront-Viewer-*"),
        Example("exports.handler = async (event) => {\n"
                "  const response = event.Records[0].cf.response;\n"
                "  delete response.headers['transfer-encoding'];\n  return response;\n};\n",
                runtime=NODE, line=3, message="read-only in origin-response and viewer-response"),
        Example("def handler(event, context):\n"
                "    response = event[\"Records\"][0][\"cf\"][\"response\"]\n"
                "    response[\"headers\"][\"via\"] = [{\"key\": \"Via\", \"value\": \"1.1 edge\"}]\n"
                "    return response\n",
                runtime=PYTHON, event="origin-response", line=3, message="`via` is read-only in origin-response"),
        Example("def handler(event, context):\n"
                "    cf = event[\"Records\"][0][\"cf\"]\n    req = cf[\"request\"]\n"
                "    req[\"headers\"][\"x-forwarded-proto\"] = [{\"value\": \"https\"}]\n"
                "    del req[\"headers\"][\"if-none-match\"]\n"
                "    return req\n",
                runtime=PYTHON, event="origin-request", line=5, message="`if-none-match` is read-only"),
        Example("def handler(event, context):\n"
                "    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    return {\"status\": \"200\", \"headers\": {\"x-cache\": [{\"value\": \"generated\"}]}}\n",
                runtime=PYTHON, event="origin-request", line=3, message="disallowed"),
        Example("exports.handler = async (event) => {\n"
                "  const { request } = event.Records[0].cf;\n"
                "  const body = 'ok';\n"
                "  return { status: '200', body,\n"
                "    headers: { 'content-length': [{ value: String(body.length) }] } };\n};\n",
                runtime=NODE, event="origin-request", line=5, severity=Severity.WARNING),
    )

    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES

    def on_header_write(self, write: HeaderWrite) -> None:
        if not isinstance(write.name, str):
            return
        name = write.name.lower()
        event = self.ctx.target.event
        ev = le()["event"]
        if event is not None:
            if write.obj == "request" and event not in ev["request_events"]:
                return  # the request is not returned from a response event: no effect
            if write.obj == "response" and event not in ev["response_events"]:
                return  # no response object in a request event
        if write.action != "delete" and disallowed_header(name):
            self._disallowed(write, name)
            return
        if self._read_only(write, name, event):
            return
        viewer = le()["viewer_headers"]
        if (write.action == "set" and write.obj == "request" and event in viewer["events"]
                and any(name.startswith(p) for p in viewer["prefixes"])):
            available = " or ".join(viewer["available_events"])
            self.report(write.span, f"`{name}` cannot be added in {event}: CloudFront adds the "
                                    f"CloudFront-Viewer-* headers after this event, and a function that adds one "
                                    f"fails validation (502)",
                        help=f"Read CloudFront-Viewer-* headers in an {available} function (add them with a "
                             "cache or origin request policy), or use a header name of your own")

    def _disallowed(self, write: HeaderWrite, name: str) -> None:
        data = headers()["lambda_edge"]
        where = "a generated response" if write.obj == GENERATED else f"the {write.obj}"
        self.report(write.span, f"`{name}` is a disallowed header: CloudFront rejects a function result that "
                                f"adds or changes it in {where}, and the viewer gets a 502 "
                                f"(\"{data['disallowed_error']}\")",
                    help=f"Remove this write: CloudFront reserves `{name}`; use a header name of your own")

    def _read_only(self, write: HeaderWrite, name: str, event: str | None) -> bool:
        ev = le()["event"]
        read_only = set(read_only_events(name))
        data = headers()["lambda_edge"]
        verb = {"delete": "deleting it", "modify": "changing it"}.get(write.action, "adding or changing it")
        if write.obj == GENERATED:
            if event is None or event not in read_only:
                return False
            if event in ev["response_events"]:
                self.report(write.span, f"`{name}` is read-only in {event}: returning a response that sets "
                                        f"it makes CloudFront return 502 (\"{data['read_only_error']}\")",
                            help=f"Leave `{name}` out of the response: CloudFront sets it")
                return True
            self.report(write.span, f"`{name}` is read-only in {event}; the AWS pages do not say whether this "
                                    f"applies to a generated response, but users report that one carrying it fails "
                                    f"validation too (502, \"{data['read_only_error']}\")",
                        severity=Severity.WARNING,
                        help=f"Leave `{name}` out of the generated response: CloudFront sets it")
            return True
        scope = ev["request_events"] if write.obj == "request" else ev["response_events"]
        applicable = [e for e in possible_events(event) if e in scope]
        if not applicable or not all(e in read_only for e in applicable):
            return False
        where = applicable[0] if len(applicable) == 1 else " and ".join(applicable)
        self.report(write.span, f"`{name}` is read-only in {where}: {verb} makes CloudFront return 502 "
                                f"(\"{data['read_only_error']}\")",
                    help=self._read_only_help(name, write.obj, scope, read_only))
        return True

    @staticmethod
    def _read_only_help(name: str, obj: str, scope: list[str], read_only: set[str]) -> str:
        writable = [e for e in scope if e not in read_only]
        if writable:
            where = " or ".join(f"{'an' if e[0] in 'aeiou' else 'a'} {e}" for e in writable)
            return f"Leave `{name}` unchanged here, or make this change in {where} function, where it is writable"
        return f"Leave `{name}` unchanged: CloudFront sets it"
