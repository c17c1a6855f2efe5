"""LE002 header-shape: Lambda@Edge headers written as `[{key, value}]` under a lowercase name."""

from __future__ import annotations

from edgelint.edge.model import CONCAT, LIST, NUMBER, OBJECT, STRING, TEMPLATE, HeaderWrite, Response, Value, rename_key
from edgelint.model import LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, headers


def title_case(name: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


def _value_field() -> str:
    return headers()["lambda_edge"]["value_field"]


def describe(value: Value, python: bool) -> str | None:
    """What a header value is, when it is certainly not a list of `{key, value}`; None otherwise."""
    kind = value.kind
    if kind == OBJECT:
        if _value_field() in (value.fields or {}):
            return ("a `{\"value\": …}` dict (the CloudFront Functions shape)" if python
                    else "a `{value: …}` object (the CloudFront Functions shape)")
        return None if value.spread else ("a dict" if python else "an object")
    if kind in (STRING, TEMPLATE) or (kind == CONCAT and value.stringy):
        return "a string"
    if kind == NUMBER:
        return "a number"
    return None


class HeaderShape(Rule):
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
    - deleting a header by a non-lowercase name (warning: it deletes nothing);
    - a generated response whose `headers` is a list (`headers: [{ key: 'Location', value: … }]`)
      or a string instead of an object keyed by lowercase name.

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
        # Code written for both event shapes: `request` is the Lambda@Edge request when it runs there.
        Example("exports.handler = async (event) => {\n  let request = event;\n"
                "  if (event.Records) request = event.Records[0].cf.request;\n"
                "  request.headers['X-Forwarded-Host'] = [{ key: 'X-Forwarded-Host', value: 'a' }];\n"
                "  return request;\n};\n", runtime=NODE, event="origin-request", line=4, message="not lowercase"),
        Example("exports.handler = async (event) => {\n"
                "  const request = event.Records ? event.Records[0].cf.request : event.request;\n"
                "  request.headers['x-device'] = { value: 'mobile' };\n  return request;\n};\n",
                runtime=NODE, event="origin-request", line=3, message="CloudFront Functions shape"),
        Example("exports.handler = async (event) => {\n"
                "  return {\n    status: '302',\n"
                "    headers: [{ key: 'Location', value: 'https://example.com/' }],\n  };\n};\n",
                runtime=NODE, event="viewer-request", line=4, message="`headers` is a list"),
        Example("def handler(event, context):\n"
                "    return {\"status\": \"403\", \"headers\": [{\"key\": \"Content-Type\", \"value\": \"text/plain\"}]}\n",
                runtime=PYTHON, event="viewer-request", line=2, message="`headers` is a list"),
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

    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES

    def on_response(self, response: Response) -> None:
        field = response.fields.get("headers")
        if field is None:
            return
        value = field.value
        python = response.language == "python"
        if value.kind == LIST:
            what = "a list"
        elif value.kind in (STRING, TEMPLATE, NUMBER) or (value.kind == CONCAT and value.stringy):
            what = describe(value, python)
        else:
            return  # an object's entries arrive as header writes; a variable is not seen
        example = ('{"location": [{"key": "Location", "value": …}]}' if python
                   else "{ location: [{ key: 'Location', value: … }] }")
        self.report(value.span, f"the generated response's `headers` is {what}: CloudFront needs "
                                f"{'a dict' if python else 'an object'} mapping each lowercase header name to a "
                                "list of `{key, value}` objects",
                    help=f"Write `\"headers\": {example}`" if python else f"Write `headers: {example}`")

    def on_header_write(self, write: HeaderWrite) -> None:
        name = write.name
        if name is not None and not isinstance(name, str):
            return  # headers[0]: not a header name
        label = f"header `{name.lower()}`" if isinstance(name, str) else "this header"
        if isinstance(name, str) and name != name.lower() and not write.constant:
            self._check_name(write, name)
            if write.action == "delete":
                return
        if write.action == "set" and write.value is not None:
            self._check_value(write, write.value, label)
        for element in write.elements:
            self._check_element(write, element, label)

    def _check_name(self, write: HeaderWrite, name: str) -> None:
        lname = name.lower()
        fix = rename_key(write.key, lname, f"Lowercase the header name to `{lname}`")
        at = write.key.span if write.key is not None else write.span
        if write.action == "delete":
            self.report(at, f"header names in the Lambda@Edge event are lowercase: deleting `{name}` "
                            f"removes nothing, the header is `{lname}`",
                        severity=Severity.WARNING, fix=fix, help=f"Use the lowercase name `{lname}`")
            return
        what = (f"the event has no header `{name}` (its names are lowercase), so this fails at runtime"
                if write.action == "modify" else "CloudFront looks headers up by their lowercase name")
        self.report(at, f"header name `{name}` is not lowercase: {what}; use `{lname}` and put "
                        f"`{name}` in `key`", fix=fix,
                    help=f"Use the lowercase name `{lname}` (the original case goes in `key`)")

    @staticmethod
    def _help(write: HeaderWrite) -> str:
        name = write.name.lower() if isinstance(write.name, str) else "name"
        key = title_case(name) if isinstance(write.name, str) else "Name"
        if write.language == "python":
            return f"Write `headers[\"{name}\"] = [{{\"key\": \"{key}\", \"value\": …}}]`, one dict per value"
        return f"Write `headers['{name}'] = [{{ key: '{key}', value: … }}]`, one object per value"

    def _check_value(self, write: HeaderWrite, value: Value, label: str) -> None:
        what = describe(value, write.language == "python")
        if what is None:
            if value.kind == LIST:
                for item in value.items or ():
                    self._check_element(write, item, label)
            return
        self.report(value.span, f"{label} is written as {what}: Lambda@Edge headers are a list of "
                                "`{key, value}` objects, one per value", help=self._help(write))

    def _check_element(self, write: HeaderWrite, element: Value, label: str) -> None:
        python = write.language == "python"
        if element.kind == OBJECT:
            if element.spread or _value_field() in (element.fields or {}):
                return
            problem = f"{'a dict' if python else 'an object'} with no `{_value_field()}`"
        elif element.kind == LIST:
            problem = "a list"
        else:
            problem = describe(element, python)
            if problem is None:
                return
        self.report(element.span, f"{label}: each list element must be a `{{key, value}}` object, this one is "
                                  f"{problem}", help=self._help(write))
