from __future__ import annotations

from typing import Any

from edgelint.edge.model import EnvRead
from edgelint.model import LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, le

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html"
_RESERVED_URL = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime"
_PREFIX = "Lambda@Edge functions have no environment variables"
_HELP = ("inline the value at build time, read it from SSM Parameter Store/Secrets Manager in us-east-1 "
         "and cache it in a module variable, or derive it from the function name")


def _env() -> dict[str, Any]:
    return le()["environment"]


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
    usually replace at build time. A read with a fallback (`process.env.X || 'd'`,
    `process.env.X ?? 'd'`, `parseInt(process.env.X, 10) || 2`, `os.getenv("X", "d")`,
    `os.environ.get("X", "d")`, a destructuring default) or one only tested as a condition
    (`if (process.env.DEBUG)`, `/^on$/.test(process.env.DEBUG)`) is a warning: the function
    still runs, always with the fallback. A read without one is an error. Code under `if (require.main === module)` or
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
                event="viewer-request", line=3, severity=Severity.WARNING, message="always runs with its fallback"),
        Example("const origin = process.env.ORIGIN || 'example.com';\nexports.handler = async (event) => {\n"
                "  const request = event.Records[0].cf.request;\n"
                "  request.headers.host = [{ key: 'Host', value: origin }];\n  return request;\n};\n",
                runtime=NODE, event="origin-request", line=1, severity=Severity.WARNING,
                message="`process.env.ORIGIN` is undefined at the edge, so the code always runs with its fallback"),
        Example("const fd = parseInt(process.env.DEBUG_FD, 10) || 2;\nexports.handler = async (event) => {\n"
                "  return event.Records[0].cf.request;\n};\n", runtime=NODE, event="origin-request", line=1,
                severity=Severity.WARNING, message="always runs with its fallback"),
        Example("import os\n\nLOCAL = os.getenv(\"AWS_SAM_LOCAL\") is not None\n\ndef handler(event, context):\n"
                "    return event[\"Records\"][0][\"cf\"][\"request\"]\n", runtime=PYTHON,
                event="origin-request", line=3, severity=Severity.WARNING),
        Example("const verbose = /^(yes|on|true)$/i.test(process.env.VERBOSE);\nexports.handler = async (event) => {\n"
                "  return event.Records[0].cf.request;\n};\n", runtime=NODE, event="origin-request", line=1,
                severity=Severity.WARNING),
        Example("const parseInt = (s) => JSON.parse(s);\nconst n = parseInt(process.env.N) || 2;\n"
                "exports.handler = async (event) => {\n  return event.Records[0].cf.request;\n};\n",
                runtime=NODE, event="origin-request", line=2, severity=Severity.ERROR),
        Example("exports.handler = async (event) => {\n  const timeout = process.env.TIMEOUT ?? 3000;\n"
                "  if (process.env.DEBUG) console.log(event);\n  return event.Records[0].cf.request;\n};\n",
                runtime=NODE, event="origin-request", line=2, severity=Severity.WARNING),
        Example("import os\n\ndef handler(event, context):\n    if os.getenv(\"DEBUG\"):\n        print(event)\n"
                "    return event[\"Records\"][0][\"cf\"][\"request\"]\n", runtime=PYTHON,
                event="origin-request", line=4, severity=Severity.WARNING),
        Example("import os\n\nREGION = os.getenv(\"TARGET_REGION\", \"us-east-1\")\n\ndef handler(event, context):\n"
                "    return event[\"Records\"][0][\"cf\"][\"request\"]\n", runtime=PYTHON,
                event="origin-request", line=3, severity=Severity.WARNING, message="returns its default at the edge"),
        # Tested, compared, read through an optional chain, or read behind its own test: warnings.
        Example("const LIMIT = (process.env.LIMIT == null) ? '100' : process.env.LIMIT;\n"
                "const HOSTS = process.env.HOSTS?.split(',') ?? [];\n"
                "exports.handler = async (event) => event.Records[0].cf.request;\n",
                runtime=NODE, event="origin-request", line=2, severity=Severity.WARNING),
        # A missing variable that makes the code throw is an error: the function always fails.
        Example("exports.handler = async (event) => {\n  if (!process.env.API_KEY) throw new Error('no key');\n"
                "  return event.Records[0].cf.request;\n};\n", runtime=NODE, event="origin-request", line=2,
                severity=Severity.ERROR, message="throws on every request"),
        Example("import os\n\nif not os.getenv(\"API_KEY\"):\n    raise RuntimeError(\"no key\")\n\n"
                "def handler(event, context):\n    return event[\"Records\"][0][\"cf\"][\"request\"]\n",
                runtime=PYTHON, event="origin-request", line=3, severity=Severity.ERROR,
                message="raises on every request"),
    )

    def on_env_read(self, read: EnvRead) -> None:
        env = _env()
        if read.name is None:
            self.report(read.span, f"{_PREFIX}: {read.text} reads a variable named at run time; unless it is a "
                                   f"reserved variable ({_reserved_sample()}, …) it is not set at the edge",
                        severity=Severity.WARNING, help=_HELP)
            return
        if read.name in env["reserved"]:
            return
        if read.language == "python":
            tail = ("raises KeyError at the edge" if read.raises else
                    "returns its default at the edge" if read.has_default else "returns None at the edge")
        else:
            tail = "is undefined at the edge"
        if read.name in env["bundler_defined"] and read.language == "js":
            self.report(read.span, f"{_PREFIX}: {read.shown} {tail} unless your bundler replaces it at build time",
                        severity=Severity.WARNING,
                        help="let the bundler inline it (webpack `mode`, esbuild `--define`), or use a "
                             "constant in the code")
            return
        if read.fallback:
            # The read cannot fail: the function runs, only ever with its fallback (or the false branch).
            self.report(read.span, f"{_PREFIX}: {read.shown} {tail}, so the code always runs with its fallback "
                                   "(or the condition is always false)",
                        severity=Severity.WARNING,
                        help="if the fallback is what the edge should use, write it as a constant; otherwise " + _HELP)
            return
        if read.throws:
            tail += ", so this check raises on every request" if read.language == "python" else \
                ", so this check throws on every request"
        self.report(read.span, f"{_PREFIX}: {read.shown} {tail}", help=_HELP)
