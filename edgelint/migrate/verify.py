"""Behaviour check for migrations: run the original and the migrated function on the same
requests, each in its own event shape, and compare what they return, normalised.

A request is described once (`Request`) and rendered as a Lambda@Edge event and as a CloudFront
Functions event; results are normalised to one form (headers as lowercase name → values,
query strings and cookies as name/value pairs, a response's status as a number). JavaScript runs
in node (`runner.js`), Python originals in this interpreter."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RUNNER = Path(__file__).with_name("runner.js")


@dataclass
class Request:
    """What a viewer sends (and, for response events, what the origin answered)."""

    uri: str = "/"
    method: str = "GET"
    query: list[tuple[str, str]] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)  # lowercase names, no cookie
    cookies: list[tuple[str, str]] = field(default_factory=list)
    ip: str = "198.51.100.7"
    event: str = "viewer-request"
    status: int = 200
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    set_cookies: list[str] = field(default_factory=list)


_CONTEXT = {"distributionDomainName": "d111111abcdef8.cloudfront.net", "distributionId": "EDFDVBD6EXAMPLE",
            "requestId": "4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ=="}
_TITLE = {"host": "Host", "user-agent": "User-Agent", "accept": "Accept", "authorization": "Authorization",
          "accept-language": "Accept-Language", "cookie": "Cookie", "set-cookie": "Set-Cookie"}


def _title(name: str) -> str:
    return _TITLE.get(name, "-".join(part.capitalize() for part in name.split("-")))


def _lambda_headers(pairs: list[tuple[str, str]]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for name, value in pairs:
        out.setdefault(name, []).append({"key": _title(name), "value": value})
    return out


def _cff_entries(pairs: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, value in pairs:
        entry = out.get(name)
        if entry is None:
            out[name] = {"value": value}
        else:
            entry.setdefault("multiValue", [{"value": entry["value"]}]).append({"value": value})
    return out


def lambda_edge_event(r: Request) -> dict[str, Any]:
    headers = list(r.headers)
    if r.cookies:
        headers.append(("cookie", "; ".join(f"{n}={v}" for n, v in r.cookies)))
    request = {"clientIp": r.ip, "headers": _lambda_headers(headers), "method": r.method,
               "querystring": "&".join(f"{n}={v}" if v != "" else n for n, v in r.query), "uri": r.uri}
    cf: dict[str, Any] = {"config": {**_CONTEXT, "eventType": r.event}, "request": request}
    if r.event.endswith("response"):
        pairs = list(r.response_headers) + [("set-cookie", c) for c in r.set_cookies]
        cf["response"] = {"status": str(r.status), "statusDescription": "OK" if r.status == 200 else "Not Found",
                          "headers": _lambda_headers(pairs)}
    return {"Records": [{"cf": cf}]}


def cloudfront_event(r: Request) -> dict[str, Any]:
    raw = "&".join(f"{n}={v}" if v != "" else n for n, v in r.query)
    event: dict[str, Any] = {"version": "1.0", "context": {**_CONTEXT, "eventType": r.event},
                             # request.rawQueryString() (undefined without a `?`), set up by runner.js
                             "rawQuery": raw if r.query else None,
                             "viewer": {"ip": r.ip},
                             "request": {"method": r.method, "uri": r.uri, "querystring": _cff_entries(r.query),
                                         "headers": _cff_entries(r.headers), "cookies": _cff_entries(r.cookies)}}
    if r.event.endswith("response"):
        cookies: dict[str, Any] = {}
        for text in r.set_cookies:
            name, _, rest = text.partition("=")
            value, _, attributes = rest.partition(";")
            cookies[name] = {"value": value, **({"attributes": attributes.strip()} if attributes else {})}
        event["response"] = {"statusCode": r.status, "statusDescription": "OK" if r.status == 200 else "Not Found",
                             "headers": _cff_entries(r.response_headers), "cookies": cookies}
    return event


# -- normalising results -------------------------------------------------------------------------

def _pairs(text: str, sep: str, strip: bool = False) -> list[list[str]]:
    out = []
    for part in text.split(sep):
        part = part.strip() if strip else part
        if not part:
            continue
        name, eq, value = part.partition("=")
        out.append([name, value])
    return out


def _grouped(pairs: list[list[str]]) -> list[list[str]]:
    """Pairs grouped by name in first-appearance order (the object form cannot keep interleaving)."""
    order: dict[str, list[str]] = {}
    for name, value in pairs:
        order.setdefault(name, []).append(value)
    return [[name, value] for name, values in order.items() for value in values]


def normalise_lambda(value: Any) -> Any:
    if not isinstance(value, dict):
        return {"other": value}
    headers = {k.lower(): [str(e.get("value")) for e in v] for k, v in (value.get("headers") or {}).items()
               if isinstance(v, list)}
    if "status" in value:  # a response
        set_cookies = headers.pop("set-cookie", [])
        body = value.get("body")
        if value.get("bodyEncoding") == "base64" and isinstance(body, str):
            body = {"base64": body}
        return {"response": {"status": int(value["status"]), "description": value.get("statusDescription"),
                             "headers": headers, "set_cookies": set_cookies, "body": body}}
    cookies = [p for c in headers.pop("cookie", []) for p in _pairs(c, ";", strip=True)]
    return {"request": {"uri": value.get("uri"), "method": value.get("method"),
                        "query": _grouped(_pairs(value.get("querystring") or "", "&")),
                        "headers": headers, "cookies": _grouped(cookies)}}


def _entries(obj: Any) -> list[list[str]]:
    out = []
    for name, entry in (obj or {}).items():
        if not isinstance(entry, dict):
            out.append([name, str(entry)])
            continue
        values = entry.get("multiValue") or [entry]
        out += [[name, str(v.get("value"))] for v in values]
    return out


def normalise_cloudfront(value: Any) -> Any:
    if not isinstance(value, dict):
        return {"other": value}
    headers: dict[str, list[str]] = {}
    for name, values in _entries(value.get("headers")):
        headers.setdefault(name.lower(), []).append(values)
    if "statusCode" in value:
        set_cookies = []
        for name, entry in (value.get("cookies") or {}).items():
            for item in entry.get("multiValue") or [entry]:
                text = f"{name}={item.get('value')}"
                if item.get("attributes"):
                    text += f"; {item['attributes']}"
                set_cookies.append(text)
        body = value.get("body")
        if isinstance(body, dict):
            body = {"base64": body.get("data")} if body.get("encoding") == "base64" else body.get("data")
        return {"response": {"status": int(value["statusCode"]), "description": value.get("statusDescription"),
                             "headers": headers, "set_cookies": set_cookies, "body": body}}
    query = value.get("querystring")
    query = _grouped(_pairs(query, "&")) if isinstance(query, str) else _entries(query)
    return {"request": {"uri": value.get("uri"), "method": value.get("method"),
                        "query": query, "headers": headers,
                        "cookies": _entries(value.get("cookies"))}}


# -- running ---------------------------------------------------------------------------------------

def node_available() -> bool:
    return shutil.which("node") is not None


def run_js(kind: str, code: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    proc = subprocess.run(["node", str(RUNNER)], input=json.dumps({"kind": kind, "code": code, "events": events}),
                          capture_output=True, text=True, timeout=120)
    out = json.loads(proc.stdout or "{}")
    if "error" in out:
        raise RuntimeError(out["error"])
    return out["results"]


def run_python(code: str, events: list[dict[str, Any]], handler: str = "handler") -> list[dict[str, Any]]:
    namespace: dict[str, Any] = {"__name__": "edge_function"}
    exec(compile(code, "handler.py", "exec"), namespace)  # the test's own fixture, not linted input
    function = namespace.get(handler) or namespace.get("lambda_handler")
    results = []
    for event in events:
        try:
            results.append({"value": function(json.loads(json.dumps(event)), None)})
        except Exception as exc:  # noqa: BLE001 - compared like a JS exception
            results.append({"error": f"{type(exc).__name__}: {exc}"})
    return results


def compare(original_kind: str, original: str, migrated_kind: str, migrated: str,
            requests: list[Request], python: bool = False) -> list[str]:
    """Differences between what the two functions do on each request (empty: the same)."""
    original_events = [lambda_edge_event(r) if original_kind == "lambda-edge" else cloudfront_event(r)
                       for r in requests]
    migrated_events = [lambda_edge_event(r) if migrated_kind == "lambda-edge" else cloudfront_event(r)
                       for r in requests]
    before = run_python(original, original_events) if python else run_js(original_kind, original, original_events)
    after = run_js(migrated_kind, migrated, migrated_events)
    norm = {"lambda-edge": normalise_lambda, "cloudfront-function": normalise_cloudfront}
    problems = []
    for request, b, a in zip(requests, before, after):
        if "error" in b or "error" in a:
            if ("error" in b) != ("error" in a):
                problems.append(f"{request.uri}: {b.get('error') or 'ok'} vs {a.get('error') or 'ok'}")
            continue
        left, right = norm[original_kind](b["value"]), norm[migrated_kind](a["value"])
        if left != right:
            problems.append(f"{request.method} {request.uri}: {json.dumps(left)} != {json.dumps(right)}")
    return problems


if __name__ == "__main__":  # pragma: no cover - a manual check: python -m edgelint.migrate.verify A B
    print(sys.argv)
