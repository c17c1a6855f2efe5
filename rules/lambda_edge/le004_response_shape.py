"""LE004 response-shape: the status of responses a Lambda@Edge function generates or changes."""

from __future__ import annotations

from typing import Any

from edgelint.edge.model import EventWrite, KeyRef, Response, Value, rename_key
from edgelint.model import LAMBDA_EDGE, Edit, Fix, Severity
from edgelint.rule import Example, Rule
from edgelint.text import int_literal
from edgelint.rules.lambda_edge._common import EXAMPLE_RUNTIMES, NODE, PYTHON, le

_GENERATING_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-generating-http-responses.html"
_RESTRICTIONS_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html"
_STRUCTURE_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html"


def response_facts() -> dict[str, Any]:
    return le()["response"]


def literal_events(event: str | None) -> bool:
    """Whether a literal the handler returns is a response in this event (unknown: yes)."""
    facts = response_facts()
    return event is None or event in facts["literal_response_events"] or event in facts["status_readonly_events"]


def _range_text() -> str:
    r = response_facts()
    return f"{r['status_min']}–{r['status_max']}"


class ResponseShape(Rule):
    """
    ## What it does
    Checks the responses a Lambda@Edge function generates or changes. A generated response is an
    object (JS) or dict (Python) literal with response fields (`status`, `statusDescription`,
    `headers`, `body`) that the handler returns — directly, through a variable given only that
    literal, through a top-level helper (`return redirect(url)`), or as `callback(null, obj)`. It
    flags:

    - a response without `status` (E);
    - a `status` outside 200–599, or a string that is not a number (E);
    - a numeric `status` such as `302` (W): AWS says "Provide the status code as a string"
      (lambda-generating-http-responses.html) but documents no failure for a number, so this is
      a warning, not an error; a safe fix quotes it;
    - `statusCode`, the CloudFront Functions field, instead of `status` (E; a safe fix renames
      the key);
    - `response.status = …` in a **viewer-response** function (E): those functions cannot change
      the status code;
    - status `'204'` with a non-empty `body` in a **viewer-request** function (E).

    Changing `response.status` in an origin-response function is valid (the new value is checked
    like a generated one). In viewer-response, returned literals are not treated as generated
    responses. When the event is unknown, only what is wrong in every event is flagged.

    ## Why is this bad?
    CloudFront validates what the function returns: a generated or updated status must be a
    string between 200 and 599, or the viewer gets an error instead of the response.
    `statusCode` is the CloudFront Functions name: Lambda@Edge ignores it, so the response has no
    status. A viewer-response trigger cannot modify the status, and a 204 response generated on
    viewer request with a body makes CloudFront return 502.

    ## Example
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        if (request.uri === '/old') {
            return { statusCode: 301, headers: { location: [{ key: 'Location', value: '/new' }] } };
        }
        return request;
    };
    ```

    Use instead:
    ```js
    exports.handler = async (event) => {
        const request = event.Records[0].cf.request;
        if (request.uri === '/old') {
            return {
                status: '301',
                statusDescription: 'Moved Permanently',
                headers: { location: [{ key: 'Location', value: '/new' }] },
            };
        }
        return request;
    };
    ```

    To change the status of an origin's response, use an origin-response trigger (it runs before
    caching) instead of a viewer-response one.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-generating-http-responses.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html
    """

    code = "LE004"
    name = "response-shape"
    summary = "Invalid generated response or status change in a Lambda@Edge function"
    help = ("Give a generated response a string `status` between '200' and '599' "
            "(`{ status: '302', statusDescription: 'Found', headers: {…} }`)")
    references = (_GENERATING_URL, _RESTRICTIONS_URL, _STRUCTURE_URL)
    fixable = True
    valid = (
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const url = 'https://example.com' + request.uri;\n"
                "  return {\n    status: '302',\n    statusDescription: 'Found',\n"
                "    headers: { location: [{ key: 'Location', value: url }] },\n  };\n};\n",
                runtime=NODE, event="viewer-request"),
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  if (response.status === '403') {\n    response.status = '404';\n"
                "    response.statusDescription = 'Not Found';\n  }\n  return response;\n};\n",
                runtime=NODE, event="origin-response"),
        # Returning the request (or a request-shaped object) is not a generated response.
        Example("exports.handler = (event, context, callback) => {\n"
                "  const { request } = event.Records[0].cf;\n"
                "  const state = { status: 200, ok: true };\n"
                "  callback(null, { ...request, uri: '/index.html', headers: request.headers });\n};\n",
                runtime=NODE, event="origin-request"),
        # In viewer-response, headers may change; the status is left alone.
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  response.headers['x-frame-options'] = [{ key: 'X-Frame-Options', value: 'DENY' }];\n"
                "  return response;\n};\n", runtime=NODE, event="viewer-response"),
        Example("def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
                "    if request['uri'] == '/old':\n"
                "        return {\n            'status': '301',\n            'statusDescription': 'Moved Permanently',\n"
                "            'headers': {'location': [{'key': 'Location', 'value': '/new'}]},\n        }\n"
                "    return request\n", runtime=PYTHON, event="origin-request"),
        Example("def handler(event, context):\n    cf = event['Records'][0]['cf']\n    response = cf['response']\n"
                "    if response['status'] == '403':\n        response['status'] = '404'\n"
                "        response['statusDescription'] = 'Not Found'\n    return response\n",
                runtime=PYTHON, event="origin-response"),
    )
    invalid = (
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  if (response.headers['x-block']) {\n    return { status: '403', statusDescription: 'Forbidden' };\n"
                "  }\n  return response;\n};\n", runtime=NODE, event="viewer-response", line=4,
                message="cannot change the status code"),
        Example("exports.handler = (event, context, callback) => {\n"
                "  const request = event.Records[0].cf.request;\n"
                "  callback(null, { status: 302, headers: { location: [{ key: 'Location', value: '/' }] } });\n};\n",
                runtime=NODE, event="viewer-request", line=3, severity=Severity.WARNING,
                message="AWS says to provide the status code as a string ('302')"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  return {\n    statusCode: 403,\n    body: 'Forbidden',\n  };\n};\n",
                runtime=NODE, event="origin-request", line=4, message="`statusCode`"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  const response = { status: '700', statusDescription: 'Nope' };\n  return response;\n};\n",
                runtime=NODE, line=3, message="outside 200–599"),
        Example("exports.handler = async (event) => {\n  const response = event.Records[0].cf.response;\n"
                "  response.status = '404';\n  return response;\n};\n",
                runtime=NODE, event="viewer-response", line=3, message="cannot change the status code"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  return { status: '204', statusDescription: 'No Content', body: 'gone' };\n};\n",
                runtime=NODE, event="viewer-request", line=3, message="204"),
        Example("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                "  return {\n    statusDescription: 'Forbidden',\n    body: 'no',\n  };\n};\n",
                runtime=NODE, event="viewer-request", line=3, message="no `status`"),
    )

    kinds = (LAMBDA_EDGE,)
    languages = ("js", "python")
    example_runtimes = EXAMPLE_RUNTIMES

    # -- checks ------------------------------------------------------------------
    def _status_fix(self, value: Value, key: KeyRef | None, number: int) -> Fix:
        quote = key.quote if key is not None and key.quote else ('"' if self.ctx.target.language == "python" else "'")
        span = value.span
        return Fix(f"Write the status as the string {quote}{number}{quote}",
                   (Edit(span.start_offset, span.end_offset, f"{quote}{number}{quote}"),))

    def _check_status(self, at: Any, value: Value | None, key: KeyRef | None) -> str | None:
        """Check a `status` value; return it as text when it is a literal."""
        if value is None:
            return None
        r = response_facts()
        lo, hi = r["status_min"], r["status_max"]
        text = value.literal
        if text is not None:
            if not (text.isascii() and text.isdigit()):
                self.report(at, f"`status` {text!r} is not a status code: CloudFront needs a "
                                f"string holding a number in {_range_text()}")
            elif not lo <= (int_literal(text) or 0) <= hi:
                self.report(at, f"`status` {text!r} is outside {_range_text()}: CloudFront "
                                "returns an error instead of this response")
            return text
        number = value.number
        if number is None:
            return None
        if number != int(number) or not lo <= number <= hi:
            self.report(at, f"`status` {number!r} is outside {_range_text()}: CloudFront returns "
                            "an error instead of this response")
            return None
        number = int(number)
        self.report(at, f"`status` is the number {number}: AWS says to provide the status code as a string "
                        f"('{number}'); what CloudFront does with a number is not documented",
                    severity=Severity.WARNING, fix=self._status_fix(value, key, number),
                    help=f"Write `status: '{number}'`")
        return str(number)

    def on_response(self, response: Response) -> None:
        event = self.ctx.target.event
        if not literal_events(event):
            return
        r = response_facts()
        field_, cff_field = r["status_field"], r["cloudfront_functions_status_field"]
        status = response.fields.get(field_)
        if event in r["status_readonly_events"]:
            # A viewer-response function returns the response it was given; a new status is a change.
            if status is not None:
                self.report(status.span, f"{event} functions cannot change the status code: this returned "
                                         f"response sets `{field_}`",
                            help="Return the response with its original status, or change it in an "
                                 "origin-response function")
            return
        text = None
        if status is not None:
            text = self._check_status(status.span, status.value, status.key)
        elif cff_field in response.fields:
            entry = response.fields[cff_field]
            self.report(entry.span, f"`{cff_field}` is the CloudFront Functions field: a Lambda@Edge "
                                    f"response uses `{field_}`, a string such as '302'",
                        fix=rename_key(entry.key, field_, f"Rename `{cff_field}` to `{field_}`"),
                        help=f"Rename `{cff_field}` to `{field_}` and give it a string value ('302')")
        elif response.direct and not response.spread:
            present = [k for k in r["fields"] if k in response.fields]
            self.report(response.span, f"generated response has no `{field_}` (it has "
                                       f"{', '.join(f'`{k}`' for k in present)}): CloudFront needs a string "
                                       f"status in {_range_text()}",
                        help=f"Add `{field_}: '200'` (a string in {_range_text()}) to the response")
        body = response.fields.get(r["body_field"])
        if (text == r["no_body_status"] and body is not None and not body.value.is_nothing
                and event in r["no_body_status_events"]):
            self.report(body.span, f"status '{text}' with a body in a {event} function: CloudFront returns 502",
                        help=f"Remove the body, or use another status than '{text}'")

    def on_event_write(self, write: EventWrite) -> None:
        r = response_facts()
        path = write.path
        if write.action == "delete" or len(path) != 2 or path[0] != "response":
            return
        field_, cff_field = r["status_field"], r["cloudfront_functions_status_field"]
        if path[1] not in (field_, cff_field):
            return
        event = self.ctx.target.event
        python = write.language == "python"

        def member(name: str) -> str:
            return f"response['{name}']" if python else f"response.{name}"

        if event in r["status_readonly_events"]:
            self.report(write.span, f"{event} functions cannot change the status code",
                        help="Change the status in an origin-response function (it runs before caching), "
                             f"or leave `{member(field_)}` alone here")
            return
        if path[1] == cff_field:
            self.report(write.span, f"`{member(cff_field)}` is the CloudFront Functions field: Lambda@Edge "
                                    f"uses `{member(field_)}` (a string such as '404')",
                        fix=rename_key(write.key, field_, f"Rename `{cff_field}` to `{field_}`"),
                        help=f"Write `{member(field_)} = '404'`")
            return
        if write.action == "set":
            self._check_status(write.span, write.value, write.key)
