"""LE009 cloudfront-header-read: CloudFront-added headers read in a viewer-event Lambda@Edge function."""

from __future__ import annotations

from typing import Any

from edgelint.edge.model import EventRead
from edgelint.model import LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, le

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html"
_URL_HEADERS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html"
_URL_CHOOSING = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html"


def _facts() -> dict[str, Any]:
    return le()["viewer_headers"]


def added_by_cloudfront(name: str) -> bool:
    facts = _facts()
    return name in facts["read_names"] or name.startswith(tuple(facts["read_prefixes"]))


class CloudFrontHeaderRead(Rule):
    """
    ## What it does
    Flags a Lambda@Edge function that reads a header CloudFront adds itself —
    `cloudfront-viewer-country`, `cloudfront-viewer-address`, `cloudfront-is-mobile-viewer`,
    `cloudfront-forwarded-proto`, … — in a viewer-request function (error) or a viewer-response
    function (warning). Reads in origin-request and origin-response functions are fine, and so are
    reads in CloudFront Functions, which see these headers on viewer request.

    ## Why is this bad?
    "CloudFront adds the headers after the viewer request event, which means the headers aren't
    available to Lambda@Edge functions in a viewer request. The headers are only available to
    Lambda@Edge functions in an origin request and origin response." In a viewer-request function
    the header is missing, or worse, it is whatever the viewer sent under that name: geo-blocking or
    device detection built on it can be bypassed with a forged header. For viewer response the
    comparison table says "No" today but said "Yes" until 2024, hence a warning there.

    ## Example
    ```js
    // viewer-request
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        const country = request.headers['cloudfront-viewer-country'][0].value;
        if (country === 'DE') request.uri = '/de' + request.uri;
        return request;
    };
    ```

    Use instead: associate the function with origin-request (and add the header to the origin
    request policy), or do it in a CloudFront Function on viewer request, which sees the header.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html
    """

    code = "LE009"
    name = "cloudfront-header-read"
    summary = "A CloudFront-added header read where Lambda@Edge does not get it"
    help = ("read it in an origin-request function (add the header to the origin request policy), or in a "
            "CloudFront Function on viewer request")
    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES
    references = (_URL, _URL_HEADERS, _URL_CHOOSING)
    valid = (
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const country = request.headers['cloudfront-viewer-country'];\n"
                "  if (country && country[0].value === 'DE') request.uri = '/de' + request.uri;\n"
                "  return request;\n};\n", runtime=NODE, event="origin-request"),
        Example("def handler(event, context):\n    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    mobile = request[\"headers\"].get(\"cloudfront-is-mobile-viewer\")\n"
                "    return request\n", runtime=PYTHON, event="origin-request"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const agent = request.headers['user-agent'];\n  return request;\n};\n",
                runtime=NODE, event="viewer-request"),
    )
    invalid = (
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const country = request.headers['cloudfront-viewer-country'][0].value;\n"
                "  if (country === 'DE') request.uri = '/de' + request.uri;\n  return request;\n};\n",
                runtime=NODE, event="viewer-request", line=3, severity=Severity.ERROR,
                message="after the viewer request event"),
        Example("def handler(event, context):\n    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    if request[\"headers\"].get(\"cloudfront-is-mobile-viewer\"):\n"
                "        request[\"uri\"] = \"/m\" + request[\"uri\"]\n    return request\n",
                runtime=PYTHON, event="viewer-request", line=3, severity=Severity.ERROR),
        Example("exports.handler = async (event) => {\n  const { request, response } = event.Records[0].cf;\n"
                "  const proto = request.headers['cloudfront-forwarded-proto'];\n"
                "  response.headers['x-proto'] = [{ key: 'X-Proto', value: proto ? proto[0].value : '?' }];\n"
                "  return response;\n};\n", runtime=NODE, event="viewer-response", line=3,
                severity=Severity.WARNING, message="viewer response"),
    )

    def on_event_read(self, read: EventRead) -> None:
        path = read.path
        if len(path) != 3 or path[0] != "request" or path[1] != "headers" or not isinstance(path[2], str):
            return
        name = path[2].lower()
        if not added_by_cloudfront(name):
            return
        event = self.ctx.target.event
        facts = _facts()
        if event in facts["read_error_events"]:
            self.report(read.span, f"`{name}` is added by CloudFront after the viewer request event: a viewer-request "
                                   "Lambda@Edge function never gets it, only a header of that name the viewer sent")
        elif event in facts["read_warning_events"]:
            self.report(read.span, f"`{name}` is not available to Lambda@Edge on viewer response according to the "
                                   "current AWS comparison table (it said otherwise until 2024); it is certain only "
                                   "in origin events", severity=Severity.WARNING)
