from __future__ import annotations

from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, Severity, Span
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, cff

_PAD = "// " + "x" * 96 + "\n"


class FunctionSize(Rule):
    """
    ## What it does
    Measures the function's source as it is uploaded (UTF-8 bytes, comments and whitespace
    included) against the CloudFront Functions size quota: an error over the limit, a warning at
    90 % of it or more.

    ## Why is this bad?
    The maximum function size is 10 KB and the quota is not adjustable. CloudFront rejects a larger
    function when it is created or updated (`FunctionSizeLimitExceeded`, HTTP 413 in a
    CloudFormation rollback).

    ## Example
    ```js
    // A redirect table with hundreds of entries inlined in the code.
    var redirects = { '/old-1': '/new-1', /* … 12 KB more … */ };
    function handler(event) { /* … */ }
    ```

    Use instead: move data such as redirect tables into a CloudFront KeyValueStore (runtime 2.0),
    minify the code, or move the function to Lambda@Edge, whose packages may be far larger.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-functions
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/kvs-with-functions.html
    """

    code = "CF008"
    name = "function-size"
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)  # the same runtime
    summary = "CloudFront Function source over the 10 KB size quota"
    help = ("move data into a CloudFront KeyValueStore or minify the code; if the logic itself is "
            "too large, move it to a Lambda@Edge function")
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-functions",)
    example_runtimes = BOTH_RUNTIMES
    valid = (
        Example("function handler(event) {\n  return event.request;\n}\n"),
        Example(_PAD * 80 + "function handler(event) { return event.request; }\n"),
    )
    invalid = (
        Example(_PAD * 103 + "function handler(event) { return event.request; }\n", line=1,
                severity=Severity.ERROR, message="10,240"),
        Example(_PAD * 93 + "function handler(event) { return event.request; }\n", line=1,
                severity=Severity.WARNING),
    )

    def on_source(self) -> None:
        limits = cff()["limits"]
        limit = limits["max_code_bytes"]
        size = self.ctx.byte_size
        first_line = self.ctx.lines.line_text(1)
        span = Span(1, 1, 1, len(first_line) + 1, 0, len(first_line))
        if size > limit:
            self.report(span, f"function source is {size:,} bytes; CloudFront Functions are limited to "
                              f"{limit:,} bytes ({size - limit:,} over)")
        elif size >= limit * limits["warn_ratio"]:
            self.report(span, f"function source is {size:,} bytes, {size * 100 // limit}% of the {limit:,}-byte "
                              f"CloudFront Functions limit", severity=Severity.WARNING,
                        help="keep room under the 10 KB quota: move data into a KeyValueStore or minify the code")
