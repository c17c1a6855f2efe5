from __future__ import annotations


from edgelint.edge.model import EventWrite
from edgelint.model import LAMBDA_EDGE
from edgelint.rule import Example, Rule
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, event_label, le, response_events_of

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html"


class QuerystringWrite(Rule):
    """
    ## What it does
    Flags a write to `request.querystring` (`event.Records[0].cf.request.querystring`, through
    aliases such as `const { request } = event.Records[0].cf` or `req = cf["request"]`) in an
    origin-response or viewer-response function: assignment, `+=` and similar, and deleting it.
    JavaScript and Python.

    When the event is unknown nothing is flagged: the query string is writable in viewer-request
    and origin-request functions.

    ## Why is this bad?
    The query string is read-only in response events: CloudFront has already sent the request
    to the origin (or served it from the cache), so a response function cannot change it.

    ## Example
    ```js
    // origin-response
    exports.handler = async (event) => {
        const { request, response } = event.Records[0].cf;
        request.querystring = 'v=2';
        return response;
    };
    ```

    Use instead: rewrite the query string in a viewer-request or origin-request function, or
    return a redirect from the response function if the client must request another URL.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-cloudfront-trigger-events.html
    """

    code = "LE008"
    name = "querystring-write"
    summary = "Lambda@Edge response function writes the read-only query string"
    help = "Change the query string in a viewer-request or origin-request function"
    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES
    references = (_URL, "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-cloudfront-trigger-events.html")
    valid = (
        Example("exports.handler = async (event) => {\n"
                "  const { request } = event.Records[0].cf;\n"
                "  request.querystring = request.querystring.replace(/utm_[^&]*&?/g, '');\n"
                "  request.querystring += '&v=2';\n  return request;\n};\n",
                runtime=NODE, event="origin-request"),
        # Unknown event: writable in request events. Reading it in a response event is fine.
        Example("exports.handler = async (event) => {\n"
                "  const cf = event.Records[0].cf;\n  cf.request.querystring = 'a=1';\n"
                "  return cf.request;\n};\n", runtime=NODE),
        Example("exports.handler = async (event) => {\n"
                "  const { request, response } = event.Records[0].cf;\n"
                "  let qs = request.querystring;\n  qs = qs + '&x=1';\n"
                "  response.headers['x-query'] = [{ value: qs }];\n  return response;\n};\n",
                runtime=NODE, event="origin-response"),
        Example("def handler(event, context):\n"
                "    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    request[\"querystring\"] = \"lang=en\"\n    return request\n",
                runtime=PYTHON, event="viewer-request"),
        Example("def handler(event, context):\n"
                "    cf = event[\"Records\"][0][\"cf\"]\n    response = cf[\"response\"]\n"
                "    qs = cf[\"request\"][\"querystring\"]\n"
                "    response[\"headers\"][\"x-query\"] = [{\"value\": qs}]\n    return response\n",
                runtime=PYTHON, event="viewer-response"),
    )
    invalid = (
        Example("exports.handler = async (event) => {\n"
                "  const { request, response } = event.Records[0].cf;\n"
                "  request.querystring = 'v=2';\n  return response;\n};\n",
                runtime=NODE, event="origin-response", line=3, message="read-only in origin-response"),
        Example("exports.handler = (event, context, callback) => {\n"
                "  const cf = event.Records[0].cf;\n"
                "  cf.request['querystring'] += '&cached=1';\n  callback(null, cf.response);\n};\n",
                runtime=NODE, event="viewer-response", line=3),
        Example("def handler(event, context):\n"
                "    cf = event[\"Records\"][0][\"cf\"]\n    req = cf[\"request\"]\n"
                "    req[\"querystring\"] = \"\"\n    return cf[\"response\"]\n",
                runtime=PYTHON, event="origin-response", line=4),
        Example("def lambda_handler(event, context):\n"
                "    request = event[\"Records\"][0][\"cf\"][\"request\"]\n"
                "    request[\"querystring\"] += \"&v=2\"\n"
                "    return event[\"Records\"][0][\"cf\"][\"response\"]\n",
                runtime=PYTHON, event="viewer-response", line=3, message="read-only in viewer-response"),
    )

    def on_event_write(self, write: EventWrite) -> None:
        ev = le()["event"]
        events = response_events_of(self.ctx.target)
        if not events or any(e not in ev["querystring_readonly_events"] for e in events):
            return
        if write.path != ("request", ev["querystring_field"]):
            return
        verb = "delete" if write.action == "delete" else "change"
        writable = " and ".join(ev["request_events"])
        self.report(write.span, f"`request.querystring` is read-only in {event_label(events)}: a response function "
                                f"cannot {verb} the query string (it is writable only in {writable})",
                    help=f"Change the query string in a {' or '.join(ev['request_events'])} function; "
                         "to send the client elsewhere, return a redirect")
