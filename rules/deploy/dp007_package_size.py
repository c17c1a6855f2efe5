from __future__ import annotations

import os
import zlib
from pathlib import Path

from edgelint.data import facts
from edgelint.deploy.model import Function
from edgelint.model import Severity
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, dp, is_edge_lambda

# Zip format overhead per file: local header (30) + central directory entry (46), plus the name twice.
_ZIP_ENTRY = 76
_ZIP_END = 22


_MEASURED: dict[tuple[str, int], int] = {}


def measured_size(path: Path, stop_after: int, root: Path | None = None) -> int:
    """compressed_size, once per package per process (several functions often share one folder).
    Raises Refused for a package outside the project, a special file or a runaway folder."""
    key = (str(path), stop_after, str(root))
    if key not in _MEASURED:
        _MEASURED[key] = compressed_size(path, stop_after, root)
    return _MEASURED[key]


def compressed_size(path: Path, stop_after: int, root: Path | None = None) -> int:
    """The size a .zip of `path` would have (deflate, level 6), measured without writing a file;
    a .zip is read as it is. Stops counting once past `stop_after`. Reads only inside `root`."""
    from edgelint.deploy.files import Refused, check, package_files, read_bytes

    real = check(path, root)
    if os.path.isfile(real) and path.suffix == ".zip":
        return os.stat(real).st_size  # already compressed: its size is what Lambda receives
    excluded = set(dp()["package"]["excluded_folders"])
    base = real if os.path.isdir(real) else real.parent
    files = package_files(real, root, excluded) if os.path.isdir(real) else iter([real])
    total = _ZIP_END
    for file in files:
        try:
            data = read_bytes(file, root, limit=stop_after)
        except Refused:
            total = stop_after + 1  # one file alone is over the limit
            break
        name = len(os.path.relpath(file, base).encode("utf-8", "surrogateescape"))
        total += _ZIP_ENTRY + 2 * name + min(len(zlib.compress(data, 6)), len(data))
        if total > stop_after:
            break
    return total


def _exists(path: Path) -> bool:
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):  # an over-long name or a lone surrogate: nothing to measure
        return False


def _mb(size: int) -> str:
    return f"{size / 1048576:.2f} MB"


class PackageSize(Rule):
    """
    ## What it does
    Measures Lambda@Edge packages — the zip a deployment references, or the package folder
    compressed in memory — against the 50 MB compressed limit (error) and the older 1 MB limit for
    viewer triggers (warning, the documentation disagrees), and CloudFront Function code (inline or
    the referenced file) against 10,240 bytes. The message gives the measured size.

    ## Why is this bad?
    CloudFront rejects larger packages when the association is created: "The function code size
    is larger than the maximum allowed size for functions that are triggered by a CloudFront
    event: 2548547 Max allowed: 1048576".

    ## Example
    ```yaml
    EdgeFn:
      Type: AWS::Serverless::Function
      Properties:
        CodeUri: dist/     # 3 MB compressed, associated with viewer-request
    ```

    Use instead: bundle and tree-shake the handler (esbuild), drop unused dependencies, move
    heavy work to an origin trigger.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-functions
    """

    code = "DP007"
    name = "package-size"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Function package or code over the size limit"
    help = "shrink the package: bundle and tree-shake the code, drop unused dependencies, move data out of the code"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge",)
    valid = (
        Example("Resources:\n  Fn:\n    Type: AWS::CloudFront::Function\n    Properties:\n      Name: f\n"
                "      FunctionConfig: {Comment: f, Runtime: cloudfront-js-2.0}\n"
                "      FunctionCode: \"function handler(event) { return event.request; }\"\n", filename="template.yaml"),
        Example("Resources:\n  Fn:\n    Type: AWS::CloudFront::Function\n    Properties:\n      Name: f\n"
                "      FunctionConfig: {Comment: f, Runtime: cloudfront-js-2.0}\n"
                "      FunctionCode: \"function handler(event) { return event.request; } /* " + "x" * 9000 + " */\"\n",
                filename="template.yaml"),
    )
    invalid = (
        Example("Resources:\n  Fn:\n    Type: AWS::CloudFront::Function\n    Properties:\n      Name: f\n"
                "      FunctionConfig: {Comment: f, Runtime: cloudfront-js-2.0}\n"
                "      FunctionCode: \"function handler(event) { return event.request; } /* " + "x" * 11000 + " */\"\n",
                filename="template.yaml", line=2, message="10,240"),
        Example("Resources:\n  Fn:\n    Type: AWS::CloudFront::Function\n    Properties:\n      Name: f\n"
                "      FunctionConfig: {Comment: f, Runtime: cloudfront-js-1.0}\n"
                "      FunctionCode: |\n        function handler(event) {\n"
                + "".join(f"          // redirect /old-{i} to /new-{i} (kept for the 2019 migration)\n" for i in range(200))
                + "          return event.request;\n        }\n",
                filename="template.yaml", line=2, message="bytes of code"),
    )

    def on_function(self, fn: Function) -> None:
        ctx = self.ctx
        if fn.kind in ("cloudfront-function", "connection-function"):
            code = ctx.function_code(fn)
            connection = fn.kind == "connection-function"
            limit = facts("connection_functions" if connection else "cloudfront_functions")["limits"]["max_code_bytes"]
            if code is not None:
                size = len(code.encode("utf-8"))
                if size > limit:
                    self.report(fn.loc, f"{'Connection' if connection else 'CloudFront'} Function `{fn.id}` has "
                                        f"{size:,} bytes of code; the limit is {limit:,} bytes")
            return
        if not is_edge_lambda(ctx, fn):
            return
        package = fn.code_zip if fn.code_zip is not None and _exists(fn.code_zip) else fn.code_path
        if package is None or not _exists(package):
            return
        limits = dp()["package"]
        from edgelint.deploy.files import Refused

        try:
            size = measured_size(package, limits["max_bytes"] + 1, ctx.project_root)
        except Refused as why:
            self.report(fn.loc, f"the package of `{fn.id}` was not measured: {why}", severity=Severity.WARNING)
            return
        viewer = sorted(e for e in ctx.events_of(fn) if e.startswith("viewer-"))
        shown = ctx.display(package)
        if size > limits["max_bytes"]:
            self.report(fn.loc, f"the package of `{fn.id}` ({shown}) is {_mb(size)} compressed; Lambda@Edge allows "
                                f"{_mb(limits['max_bytes'])}")
        elif viewer and size > limits["viewer_warn_bytes"]:
            self.report(fn.loc, f"the package of `{fn.id}` ({shown}) is {_mb(size)} compressed; on a {viewer[0]} "
                                f"trigger the older quotas page allows {_mb(limits['viewer_warn_bytes'])} (the current "
                                f"one {_mb(limits['max_bytes'])})", severity=Severity.WARNING)
