"""A CloudFront Function → a Lambda@Edge (Node.js) handler.

Lambda@Edge runs everything CloudFront Functions can, so the function's own code is kept as it
is and an exported handler converts the Lambda@Edge event to the CloudFront Functions shape,
calls it, and converts what it returns back: headers `{value, multiValue}` ↔ `[{key, value}]`,
the query object ↔ the raw query string, `request.cookies` ↔ the `Cookie` header,
`response.cookies` ↔ `Set-Cookie`, `statusCode` ↔ `status`, `body: {encoding, data}` ↔
`body` + `bodyEncoding`, `event.viewer.ip` and `event.context` from the record. What Lambda@Edge
lacks — the `cloudfront` module (KeyValueStore, origin helpers) and cloudfront-js-1.0's
non-standard string methods — is a blocker."""

from __future__ import annotations

import re

from edgelint.migrate.common import Blocker, Refusal

PREFIX = "edgelint"
ADAPTER = """
// -- added by `edgelint migrate`: Lambda@Edge calls the CloudFront Function above through this --
function edgelintEntries(list) {
  var out = {};
  list.forEach(function (item) {
    var entry = out[item.name];
    if (!entry) {
      out[item.name] = { value: item.value };
    } else {
      if (!entry.multiValue) { entry.multiValue = [{ value: entry.value }]; }
      entry.multiValue.push({ value: item.value });
    }
  });
  return out;
}

function edgelintValues(entry) {
  return entry.multiValue ? entry.multiValue.map(function (v) { return v.value; }) : [entry.value];
}

function edgelintToFunctionEvent(record) {
  var request = record.request;
  var headers = [];
  var cookies = [];
  Object.keys(request.headers || {}).forEach(function (name) {
    request.headers[name].forEach(function (header) {
      if (name === 'cookie') {
        header.value.split(';').forEach(function (part) {
          var text = part.trim();
          if (!text) { return; }
          var at = text.indexOf('=');
          cookies.push({ name: at < 0 ? text : text.slice(0, at), value: at < 0 ? '' : text.slice(at + 1) });
        });
      } else {
        headers.push({ name: name, value: header.value });
      }
    });
  });
  var query = [];
  String(request.querystring || '').split('&').forEach(function (part) {
    if (!part) { return; }
    var at = part.indexOf('=');
    query.push({ name: at < 0 ? part : part.slice(0, at), value: at < 0 ? '' : part.slice(at + 1) });
  });
  var event = {
    version: '1.0',
    context: { distributionDomainName: record.config.distributionDomainName,
               distributionId: record.config.distributionId, eventType: record.config.eventType,
               requestId: record.config.requestId },
    viewer: { ip: request.clientIp },
    request: { method: request.method, uri: request.uri, querystring: edgelintEntries(query),
               headers: edgelintEntries(headers), cookies: edgelintEntries(cookies) },
  };
  // Lambda@Edge gives "" both for no query and a bare "?": the common case, no "?", is undefined.
  var raw = request.querystring === '' ? undefined : request.querystring;
  event.request.rawQueryString = function () { return raw; };
  if (record.response) {
    var responseHeaders = [];
    var setCookies = {};
    Object.keys(record.response.headers || {}).forEach(function (name) {
      record.response.headers[name].forEach(function (header) {
        if (name === 'set-cookie') {
          var text = header.value;
          var semi = text.indexOf(';');
          var pair = semi < 0 ? text : text.slice(0, semi);
          var at = pair.indexOf('=');
          var cookie = { value: at < 0 ? '' : pair.slice(at + 1) };
          if (semi >= 0) { cookie.attributes = text.slice(semi + 1).trim(); }
          var key = at < 0 ? pair : pair.slice(0, at);
          if (setCookies[key]) {
            if (!setCookies[key].multiValue) { setCookies[key].multiValue = [Object.assign({}, setCookies[key])]; }
            setCookies[key].multiValue.push(cookie);
          } else {
            setCookies[key] = cookie;
          }
        } else {
          responseHeaders.push({ name: name, value: header.value });
        }
      });
    });
    event.response = { statusCode: Number(record.response.status), statusDescription: record.response.statusDescription,
                       headers: edgelintEntries(responseHeaders), cookies: setCookies };
  }
  return event;
}

function edgelintHeaderLists(headers, original) {
  var out = {};
  Object.keys(headers || {}).forEach(function (name) {
    var lower = name.toLowerCase();
    var known = original && original[lower] && original[lower][0] && original[lower][0].key;
    var key = known || lower.replace(/(^|-)([a-z])/g, function (m, dash, c) { return dash + c.toUpperCase(); });
    out[lower] = edgelintValues(headers[name]).map(function (value) { return { key: key, value: value }; });
  });
  return out;
}

function edgelintToLambdaResult(value, record) {
  if (value && value.statusCode !== undefined) {
    var response = {};
    response.status = String(value.statusCode);
    response.headers = edgelintHeaderLists(value.headers, record.response && record.response.headers);
    if (value.statusDescription !== undefined) { response.statusDescription = value.statusDescription; }
    var cookies = value.cookies || {};
    Object.keys(cookies).forEach(function (name) {
      var list = cookies[name].multiValue || [cookies[name]];
      list.forEach(function (cookie) {
        var text = name + '=' + cookie.value + (cookie.attributes ? '; ' + cookie.attributes : '');
        (response.headers['set-cookie'] = response.headers['set-cookie'] || []).push({ key: 'Set-Cookie', value: text });
      });
    });
    if (value.body !== undefined) {
      if (value.body && typeof value.body === 'object') {
        response.body = value.body.data;
        response.bodyEncoding = value.body.encoding === 'base64' ? 'base64' : 'text';
      } else {
        response.body = value.body;
      }
    }
    return response;
  }
  var request = Object.assign({}, record.request);
  request.method = value.method;
  request.uri = value.uri;
  var pairs = [];
  if (typeof value.querystring === 'string') {
    pairs.push(value.querystring);  // CloudFront Functions also take the query string as text
  } else {
    Object.keys(value.querystring || {}).forEach(function (name) {
      edgelintValues(value.querystring[name]).forEach(function (v) { pairs.push(v === '' ? name : name + '=' + v); });
    });
  }
  request.querystring = pairs.join('&');
  request.headers = edgelintHeaderLists(value.headers, record.request.headers);
  var cookieText = [];
  Object.keys(value.cookies || {}).forEach(function (name) {
    edgelintValues(value.cookies[name]).forEach(function (v) { cookieText.push(name + '=' + v); });
  });
  if (cookieText.length) { request.headers.cookie = [{ key: 'Cookie', value: cookieText.join('; ') }]; }
  return request;
}

exports.handler = async (event) => {
  var record = event.Records[0].cf;
  var result = await handler(edgelintToFunctionEvent(record));
  return edgelintToLambdaResult(result, record);
};
"""

_ADAPTER_NAMES = ("edgelintEntries", "edgelintValues", "edgelintToFunctionEvent", "edgelintHeaderLists",
                  "edgelintToLambdaResult")


def cloudfront_to_lambda_edge(text: str, path: str, runtime: str = "cloudfront-js-2.0",
                              runtime_out: str = "nodejs22.x") -> str:
    """The Lambda@Edge module for a CloudFront Function; raises Refusal."""
    from edgelint.lang.js.parse import parse_js

    parsed = parse_js(text, "js")
    if parsed.error is not None:
        raise Refusal([Blocker(1, "the file does not parse")])
    blockers = []
    for number, line in enumerate(text.splitlines(), start=1):
        if re.search(r"""\bimport\s+\w+\s+from\s+['"]cloudfront['"]""", line):
            blockers.append(Blocker(number, "uses the cloudfront module (KeyValueStore, origin helpers), which "
                                            "Lambda@Edge does not have: read the data from S3 or DynamoDB instead"))
        for method in ("bytesFrom", "fromBytes", "fromUTF8", "toBytes", "toUTF8"):
            if re.search(rf"\.{method}\s*\(", line):
                blockers.append(Blocker(number, f"uses `{method}()`, a cloudfront-js-1.0 string method Node.js "
                                                "does not have"))
    program = parsed.program
    declared = {getattr(getattr(s, "id", None), "name", None) for s in program.body}
    for name in _ADAPTER_NAMES:
        if name in declared or re.search(rf"\b{name}\b", text):
            blockers.append(Blocker(1, f"the file already uses the name `{name}`"))
    if not any(s.type == "FunctionDeclaration" and s.id is not None and s.id.name == "handler" for s in program.body) \
            and not re.search(r"^\s*(var|let|const)\s+handler\s*=", text, re.M):
        blockers.append(Blocker(1, "no top-level `handler` function"))
    if blockers:
        raise Refusal(blockers)
    # A CommonJS module: `import x from 'crypto'` (2.0's module form) becomes a require.
    converted = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        match = re.match(r"""\s*import\s+(\w+)\s+from\s+['"](crypto|querystring|buffer)['"]\s*;?\s*$""", line)
        if match:
            converted.append(f"const {match.group(1)} = require('{match.group(2)}');\n")
        elif re.match(r"\s*(import|export)\b", line):
            raise Refusal([Blocker(number, "an import or export the Lambda@Edge module form cannot take")])
        else:
            converted.append(line)
    body = re.sub(r"(edgelint:\s*)runtime=\S+", lambda m: f"{m.group(1)}runtime={runtime_out}", "".join(converted),
                  count=1)
    header = ("// Lambda@Edge handler generated by `edgelint migrate` from a CloudFront Function: the\n"
              "// function's own code is unchanged; the adapter at the end converts the event shapes.\n")
    return header + body.rstrip("\n") + "\n" + ADAPTER


__all__ = ["cloudfront_to_lambda_edge"]
