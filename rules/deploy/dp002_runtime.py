from __future__ import annotations

from edgelint.data import facts
from edgelint.deploy.context import today
from edgelint.deploy.model import Function
from edgelint.model import Severity
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, is_edge_lambda
from edgelint.rules.deploy._templates import edge

# Rules whose errors depend on the CloudFront Functions runtime.
_RUNTIME_RULES = ("CF006", "CF010", "CF011")
_CFF = """Resources:
  Fn:
    Type: AWS::CloudFront::Function
    Properties:
      Name: rewrite
      FunctionConfig:
        Comment: rewrite
        Runtime: {runtime}
      FunctionCode: |
        function handler(event) {{
          {decl} request = event.request;
          return request;
        }}
"""


class Runtime(Rule):
    """
    ## What it does
    Checks declared runtimes. Lambda@Edge: languages other than Node.js and Python, custom
    runtimes (`provided.*`) and container images are errors, as are runtimes past the date AWS's
    runtime table blocks creating functions on them (compared with today); a runtime past its
    deprecation date but not yet blocked, and runtimes Lambda@Edge has not confirmed
    (`nodejs24.x`, `python3.14`, unknown versions), are warnings. CloudFront Functions: a runtime other than
    `cloudfront-js-1.0`/`cloudfront-js-2.0` is an error, and so is `cloudfront-js-1.0` when the
    function's code (inline or the referenced file) uses what only 2.0 provides.

    ## Why is this bad?
    Lambda@Edge runs only Node.js and Python. A deprecated runtime gets no security patches; from
    the table's "Block function create" date a deployment that creates a function on it fails, and
    from "Block function update" every update does. AWS
    samples still declare `cloudfront-js-1.0` for code written for 2.0 (`async`, `const`).

    ## Example
    ```yaml
    FunctionConfig:
      Runtime: cloudfront-js-1.0
    FunctionCode: |
      async function handler(event) { const r = event.request; return r; }
    ```

    Use instead: `cloudfront-js-2.0` (or rewrite the code for 1.0); `nodejs22.x` or a supported
    Python version for Lambda@Edge.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    - https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
    - https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_FunctionConfig.html
    """

    code = "DP002"
    name = "runtime"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Runtime the edge does not support, or that the code contradicts"
    help = "use a supported, non-deprecated Node.js or Python runtime for Lambda@Edge; cloudfront-js-2.0 for 2.0 code"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html",
                  "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html")
    valid = (
        Example(edge(), filename="template.yaml"),
        Example(_CFF.format(runtime="cloudfront-js-1.0", decl="var"), filename="template.yaml"),
        Example(_CFF.format(runtime="cloudfront-js-2.0", decl="const"), filename="template.yaml"),
    )
    invalid = (
        Example(edge().replace("nodejs22.x", "java21"), filename="template.yaml", line=16, message="java21"),
        # Past both of AWS's block dates (dates still ahead depend on the day the test runs).
        Example(edge().replace("nodejs22.x", "nodejs12.x"), filename="template.yaml", line=16,
                severity=Severity.ERROR, message="cannot be created"),
        Example(edge().replace("nodejs22.x", "nodejs24.x"), filename="template.yaml", line=16,
                severity=Severity.WARNING),
        Example(_CFF.format(runtime="cloudfront-js-1.0", decl="const"), filename="template.yaml", line=8,
                message="2.0"),
        Example(_CFF.format(runtime="cloudfront-js-3.0", decl="var"), filename="template.yaml", line=8),
        Example('resource "aws_cloudfront_connection_function" "mtls" {\n  name = "mtls"\n'
                '  connection_function_code = "function connectionHandler(connection) { connection.allow(); }"\n'
                '  connection_function_config {\n    comment = "mtls"\n    runtime = "cloudfront-js-1.0"\n  }\n'
                '  publish = true\n}\n', filename="main.tf", line=6, message="only support cloudfront-js-2.0"),
    )

    def on_function(self, fn: Function) -> None:
        runtime = fn.runtime
        if runtime is None or not runtime.known or not isinstance(runtime.value, str):
            return
        if fn.kind == "cloudfront-function":
            self._cloudfront(fn, runtime.value)
        elif fn.kind == "connection-function":
            wanted = facts("connection_functions")["runtime"]["name"]
            if runtime.value != wanted:
                self.report(runtime.loc, f"Connection Function `{fn.id}` declares {runtime.value}: Connection "
                                         f"Functions only support {wanted}", help=f"set the runtime to {wanted}")
        elif is_edge_lambda(self.ctx, fn):
            self._lambda(fn, runtime.value)

    def _lambda(self, fn: Function, value: str) -> None:
        loc = fn.runtime.loc
        package = fn.setting("package_type")
        if package is not None and package.known and str(package.value) == "Image":
            self.report(package.loc, f"`{fn.id}` is a container image: Lambda@Edge supports .zip packages only")
        data = facts("lambda_edge")["runtimes"]
        if not value.startswith(tuple(data["families"])):
            self.report(loc, f"runtime {value}: Lambda@Edge supports only Node.js and Python runtimes")
            return
        dates = data["deprecation"].get(value)
        now = today()
        upgrade = "move to a supported runtime (nodejs22.x, python3.13)"
        if dates is not None and dates["block_update"] <= now:
            self.report(loc, f"runtime {value} is past AWS's block dates: functions on it cannot be created (since "
                             f"{dates['block_create'].isoformat()}) or updated (since "
                             f"{dates['block_update'].isoformat()})", help=upgrade)
        elif dates is not None and dates["block_create"] <= now:
            self.report(loc, f"runtime {value}: Lambda blocks creating functions on it since "
                             f"{dates['block_create'].isoformat()} (a new stack or a replaced function fails) and "
                             f"updating them from {dates['block_update'].isoformat()}", help=upgrade)
        elif dates is not None and dates["deprecated"] <= now:
            self.report(loc, f"runtime {value} was deprecated on {dates['deprecated'].isoformat()} (no more security "
                             f"patches); Lambda blocks creating functions on it from {dates['block_create'].isoformat()} "
                             f"and updating them from {dates['block_update'].isoformat()}",
                        severity=Severity.WARNING, help=upgrade)
        elif value in data["unconfirmed"]:
            self.report(loc, f"runtime {value} is supported by Lambda, but AWS has not confirmed it for "
                             "Lambda@Edge", severity=Severity.WARNING)
        elif dates is None:
            self.report(loc, f"runtime {value} is not in edgelint's list of Lambda@Edge runtimes",
                        severity=Severity.WARNING)

    def _cloudfront(self, fn: Function, value: str) -> None:
        cff = facts("cloudfront_functions")["runtimes"]["names"]
        loc = fn.runtime.loc
        if value not in cff:
            self.report(loc, f"CloudFront Functions runtime {value!r}: valid values are {', '.join(cff)}")
            return
        newest = cff[-1]
        code = self.ctx.function_code(fn)
        if value == newest or code is None or self.ctx.lint_code is None:
            return
        declared = self.ctx.lint_code(code, fn, value)
        upgraded = self.ctx.lint_code(code, fn, newest)
        remaining = {(f.line, f.code) for f in upgraded}
        needs = [f for f in declared if f.code in _RUNTIME_RULES and f.severity == Severity.ERROR
                 and (f.line, f.code) not in remaining]
        if needs:
            lines = ", ".join(str(n) for n in sorted({f.line for f in needs})[:5])
            self.report(loc, f"`{fn.id}` declares {value}, but its code uses what only {newest} provides "
                             f"(code line{'s' if ',' in lines else ''} {lines})",
                        help=f"set the runtime to {newest}, or rewrite the code for {value}")
