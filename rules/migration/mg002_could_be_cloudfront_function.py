from __future__ import annotations

from typing import Any

from edgelint.edge.model import EnvRead, EventRead, EventWrite, Function, Import, Reference, Use
from edgelint.model import LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import cff, network_module
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, le

_CHOOSING_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html"
_RUNTIME_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html"
_STRUCTURE_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html"

# Blocker labels: what the finding says it checked, in this order.
NETWORK = "network access"
BODY = "request body"
MODULES = "npm/Node modules"
PY_MODULES = "Python modules"
FILES = "file system"
TIMERS = "timers"
ENV = "environment variables"
SIZE = "code size"
DYNAMIC = "dynamic code"
GLOBALS = "globals CloudFront Functions lack"
CONTEXT = "the Lambda context object"
_JS_CHECKED = (NETWORK, BODY, MODULES, FILES, TIMERS, ENV, SIZE, DYNAMIC, GLOBALS, CONTEXT)
_PY_CHECKED = (NETWORK, BODY, PY_MODULES, FILES, TIMERS, ENV, SIZE, DYNAMIC, CONTEXT)


def _gap() -> dict[str, Any]:
    return le()["cloudfront_functions_gap"]


def _under(name: str, prefixes: list[str]) -> bool:
    """`name` is one of `prefixes` or inside one of them (`urllib.request.urlopen` under `urllib.request`)."""
    return any(name == p or name.startswith(p + ".") for p in prefixes)


class CouldBeCloudfrontFunction(Rule):
    """
    ## What it does
    Reports, once per file, a Lambda@Edge function on a viewer event (viewer-request or
    viewer-response) that uses nothing CloudFront Functions lack, so it could run as a
    CloudFront Function. It checks for:

    - network access (`fetch`, `http`/`https`, `axios`, the AWS SDK; Python `urllib.request`,
      `requests`, `boto3`, `socket`, …);
    - reading the request body (`event.Records[0].cf.request.body`, through aliases);
    - modules CloudFront Functions do not provide: npm packages, relative files and Node
      modules other than `crypto`, `querystring` and `buffer` (and `crypto` beyond
      `createHash`/`createHmac` with md5, sha1 or sha256); in Python, any import outside a
      small allowlist that translates directly (`json`, `base64`, `hashlib`, `hmac`, `re`,
      `urllib.parse`, `time`, `datetime`, `random`, `string`, `math`, `logging`);
    - the file system (`fs`, `open()`, `pathlib`), timers (`setTimeout`, `time.sleep`), dynamic
      code, environment variables (`process.env`, `os.environ`), globals the CloudFront
      Functions runtime does not document (`URL`, `Map`, `process`, …), the Lambda `context`
      object, and code over the 10 KB CloudFront Functions limit.

    Only viewer events qualify: CloudFront Functions cannot run on origin events, and when the
    event is unknown the rule stays silent.

    ## Why is this bad?
    It is not a bug. CloudFront Functions run in every edge location with sub-millisecond
    start-up, scale to millions of requests per second and cost a fraction of Lambda@Edge
    (no duration charge). A viewer-triggered Lambda@Edge function that only rewrites the URI,
    headers or query string pays Lambda prices and latency on every request for nothing.

    `edgelint migrate FILE --to cloudfront-function` rewrites the function (JavaScript, or the
    Python subset of URI and header rewrites, redirects and literal responses) and checks the
    result; what it cannot carry over it refuses, with each blocker's line.

    ## Example
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        if (request.uri.endsWith('/')) {
            request.uri += 'index.html';
        }
        return request;
    };
    ```

    Use instead: a CloudFront Function (runtime cloudfront-js-2.0) on the same event:
    ```js
    function handler(event) {
        var request = event.request;
        if (request.uri.endsWith('/')) {
            request.uri += 'index.html';
        }
        return request;
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
    """

    code = "MG002"
    name = "could-be-cloudfront-function"
    severity = Severity.INFO
    summary = "Viewer-event Lambda@Edge function that could be a CloudFront Function"
    help = "port it to a CloudFront Function (runtime cloudfront-js-2.0) on the same viewer event"
    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES
    references = (_CHOOSING_URL, _RUNTIME_URL, _STRUCTURE_URL)
    valid = (
        # Network access.
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const res = await fetch('https://auth.example.com/check');\n"
                "  request.headers['x-auth'] = [{ key: 'X-Auth', value: String(res.status) }];\n"
                "  return request;\n};\n", runtime=NODE, event="viewer-request"),
        # Request body.
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const data = Buffer.from(request.body.data, 'base64').toString();\n"
                "  request.headers['x-len'] = [{ key: 'X-Len', value: String(data.length) }];\n"
                "  return request;\n};\n", runtime=NODE, event="viewer-request"),
        # npm package.
        Example("const cookie = require('cookie');\nexports.handler = async (event) => {\n"
                "  const request = event.Records[0].cf.request;\n  request.uri = '/index.html';\n"
                "  return request;\n};\n", runtime=NODE, event="viewer-request"),
        # Origin event.
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  request.uri = '/index.html';\n  return request;\n};\n", runtime=NODE, event="origin-request"),
        Example("import urllib.request\n\ndef handler(event, context):\n"
                "    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    urllib.request.urlopen(\"https://auth.example.com/check\")\n    return request\n",
                runtime=PYTHON, event="viewer-request"),
        Example("import base64\n\ndef handler(event, context):\n"
                "    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    data = base64.b64decode(request[\"body\"][\"data\"])\n    return request\n",
                runtime=PYTHON, event="viewer-request"),
        Example("import jwt\n\ndef handler(event, context):\n"
                "    request = event[\"Records\"][0][\"cf\"][\"request\"]\n    request[\"uri\"] = \"/index.html\"\n"
                "    return request\n", runtime=PYTHON, event="viewer-request"),
        Example("def handler(event, context):\n    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    request[\"uri\"] = \"/index.html\"\n    return request\n", runtime=PYTHON, event="origin-request"),
    )
    invalid = (
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  if (request.uri.endsWith('/')) {\n    request.uri += 'index.html';\n  }\n"
                "  request.headers['x-rewritten'] = [{ key: 'X-Rewritten', value: '1' }];\n"
                "  return request;\n};\n", runtime=NODE, event="viewer-request", line=1,
                severity=Severity.INFO, message="could be a CloudFront Function"),
        Example("const crypto = require('crypto');\nexports.handler = async (event) => {\n"
                "  const response = event.Records[0].cf.response;\n"
                "  const etag = crypto.createHash('sha256').update('v1').digest('hex');\n"
                "  response.headers['x-version'] = [{ key: 'X-Version', value: etag }];\n"
                "  return response;\n};\n", runtime=NODE, event="viewer-response", line=2, message="uses nothing CloudFront Functions lack"),
        Example("def handler(event, context):\n    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    if request[\"uri\"].endswith(\"/\"):\n        request[\"uri\"] += \"index.html\"\n"
                "    return request\n", runtime=PYTHON, event="viewer-request", line=1, severity=Severity.INFO),
        Example("import json\n\ndef lambda_handler(event, context):\n"
                "    response = event[\"Records\"][0][\"cf\"][\"response\"]\n"
                "    response[\"headers\"][\"x-meta\"] = [{\"key\": \"X-Meta\", \"value\": json.dumps({\"v\": 1})}]\n"
                "    return response\n", runtime=PYTHON, event="viewer-response", line=3, message="viewer-response Lambda@Edge function could be"),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        # Each blocker and the line it was first seen on (the `edgelint migrate` refusal lists them).
        self._blockers: dict[str, int] = {}
        self._anchor: Any = None
        self._at: Any = None  # the fact being judged, for the blocker's line

    def _block(self, label: str) -> None:
        line = 1
        try:
            line = self._at.span.line if self._at is not None else 1
        except Exception:  # noqa: BLE001 - a fact without a position: the file's first line
            pass
        self._blockers.setdefault(label, line)

    @property
    def blockers(self) -> dict[str, int]:
        """What keeps this function from being a CloudFront Function: label → first line."""
        return dict(self._blockers)

    def _applies(self) -> bool:
        return self.ctx.target.event in _gap()["events"]

    # -- the finding -----------------------------------------------------------------------
    def _decide(self, anchor: Any) -> None:
        ctx = self.ctx
        if anchor is None or not self._applies():
            return
        if ctx.byte_size > cff()["limits"]["max_code_bytes"]:
            self._at = None
            self._block(SIZE)
        if self._blockers:
            return
        event = ctx.target.event
        part = "request" if event in le()["event"]["request_events"] else "response"
        runtime = _gap()["target_runtime"]
        python = ctx.target.language == "python"
        checked = _PY_CHECKED if python else _JS_CHECKED
        changes = (f"event and header shapes: event.{part} instead of event.Records[0].cf.{part}, headers "
                   f"as {{value}} instead of [{{key, value}}], return the object instead of callback; "
                   f"runtime {runtime}")
        if python:
            changes += "; the code is rewritten in JavaScript"
        self.report(anchor, f"this {event} Lambda@Edge function could be a CloudFront Function: it uses nothing "
                            "CloudFront Functions lack",
                    help=f"as a CloudFront Function it would get {_gap()['gain']}. `edgelint migrate {ctx.path} "
                         f"--to cloudfront-function` ports it (runtime {runtime}, same {event} event); then remove "
                         f"the Lambda@Edge association. What changes: {changes}. Checked: {', '.join(checked)}")

    # -- facts ---------------------------------------------------------------------------------
    def on_handler(self, handler: Function) -> None:
        self._anchor = handler.anchor

    def on_end(self) -> None:
        self._decide(self._anchor)

    def on_event_read(self, read: EventRead) -> None:
        self._at = read
        self._body(read.path)

    def on_event_write(self, write: EventWrite) -> None:
        self._at = write
        self._body(write.path)

    def _body(self, path: tuple) -> None:
        body = tuple(cff()["event"]["request_body_path"])
        if self._applies() and path[:len(body)] == body:
            self._block(BODY)

    def on_env_read(self, read: EnvRead) -> None:
        self._at = read
        if self._applies():
            self._block(ENV)

    def on_import(self, imp: Import) -> None:
        self._at = imp
        if not self._applies():
            return
        if imp.how == "dynamic":
            self._block(DYNAMIC)
        elif imp.how == "relative":
            self._block(PY_MODULES)  # from . import helpers
        elif imp.how == "require" and imp.module is None:
            self._block(MODULES)  # require(name): cannot tell
        elif imp.how in ("require", "import") and self.ctx.target.language == "js":
            self._js_module(imp.module or "")
        elif imp.how == "import":
            self._py_module(imp.module or "")
        elif imp.how == "from":
            self._py_from(imp.module or "", imp.names)

    def on_reference(self, ref: Reference) -> None:
        self._at = ref
        if not self._applies():
            return
        if ref.kind == "context":
            self._block(CONTEXT)
        else:
            self._js_global(ref.name)

    def on_use(self, use: Use) -> None:
        self._at = use
        if not self._applies():
            return
        if self.ctx.target.language == "python":
            self._py_qualified(use.name)
            if use.kind == "call" and use.module in _gap()["python_module_members"]:
                self._py_hash_args(use)
        elif use.kind == "call":
            self._js_call(use)

    # -- JavaScript --------------------------------------------------------------------------
    def _js_module(self, name: str) -> None:
        if network_module(name):
            self._block(NETWORK)
            return
        modules = cff()["modules"]
        runtime = _gap()["target_runtime"]
        if name not in modules["require"].get(runtime, []) and name not in modules["import"].get(runtime, []):
            self._block(MODULES)

    def _js_call(self, use: Use) -> None:
        if use.module is not None:
            members = _gap()["js_module_members"].get(use.module)
            member = use.name.rpartition(".")[2]
            if members is not None:
                if member not in members:
                    self._block(MODULES)  # crypto.randomBytes, crypto.createCipheriv, …
                elif not (use.args and use.args[0].literal in _gap()["hash_algorithms"]):
                    self._block(MODULES)  # createHash('sha512')
            return
        name = use.name
        if name in cff()["network"]["globals"] or name in cff()["network"]["calls"]:
            self._block(NETWORK)
        elif name in cff()["dynamic_code"]["globals"]:
            self._block(DYNAMIC)
        elif not use.new and name in cff()["timers"]["globals"]:
            self._block(TIMERS)

    def _js_global(self, name: str) -> None:
        env = le()["environment"]
        globals_ = cff()["globals"]
        runtime = _gap()["target_runtime"]
        if name == env["js_global"]:
            self._block(ENV)
        elif name in cff()["network"]["globals"]:
            self._block(NETWORK)
        elif name in cff()["timers"]["globals"]:
            self._block(TIMERS)
        elif name in cff()["dynamic_code"]["globals"]:
            self._block(DYNAMIC)
        elif (name not in globals_["common"] and name not in globals_.get(runtime, [])
              and name not in _gap()["js_shape_globals"]):
            self._block(GLOBALS)  # URL, Map, __dirname, navigator, …

    # -- Python ------------------------------------------------------------------------------
    def _py_module(self, name: str) -> None:
        gap = _gap()
        if _under(name, gap["python_network"]):
            self._block(NETWORK)
        elif _under(name, gap["python_files"]):
            self._block(FILES)
        elif _under(name, gap["python_blocking"]):
            self._block(TIMERS)
        elif not _under(name, gap["python_allowed_modules"]):
            self._block(PY_MODULES)

    def _py_from(self, module: str, names: tuple[str, ...]) -> None:
        if names == ("*",):
            self._py_module(module)
            return
        allowed = _gap()["python_allowed_modules"]
        for name in names:
            full = f"{module}.{name}"
            if _under(module, allowed) or full in allowed:
                self._py_member(full)
            else:
                self._py_module(full)

    def _py_member(self, name: str) -> None:
        """A name from an allowed module: `hashlib.sha512` or `time.sleep` still block the move."""
        gap = _gap()
        if _under(name, gap["python_blocking"]):
            self._block(TIMERS)
            return
        module, _, member = name.rpartition(".")
        members = gap["python_module_members"].get(module)
        if members is not None and member and member not in members:
            self._block(PY_MODULES)

    def _py_qualified(self, name: str) -> None:
        gap = _gap()
        env = le()["environment"]
        if _under(name, gap["python_network"]):
            self._block(NETWORK)
        elif _under(name, gap["python_files"]):
            self._block(FILES)
        elif _under(name, gap["python_blocking"]):
            self._block(TIMERS)
        elif name in gap["python_dynamic"]:
            self._block(DYNAMIC)
        elif _under(name, env["python_mappings"]) or name in env["python_readers"]:
            self._block(ENV)
        elif "." in name:
            self._py_member(name)

    def _py_hash_args(self, use: Use) -> None:
        """hashlib.new('sha512'), hmac.new(key, msg, 'sha512'): a hash named by a string must be one
        CloudFront Functions' crypto module has."""
        import hashlib

        for arg in use.args:
            value = arg.literal
            if (isinstance(value, str) and value.lower() in hashlib.algorithms_available
                    and value.lower() not in _gap()["hash_algorithms"]):
                self._block(PY_MODULES)
