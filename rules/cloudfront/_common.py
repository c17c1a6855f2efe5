"""Facts and small helpers the CloudFront Functions rules share."""

from __future__ import annotations

from typing import Any

from edgelint.data import facts

RUNTIME_10 = "cloudfront-js-1.0"
RUNTIME_20 = "cloudfront-js-2.0"
BOTH_RUNTIMES = (RUNTIME_10, RUNTIME_20)


def cff() -> dict[str, Any]:
    return facts("cloudfront_functions")


def headers() -> dict[str, Any]:
    return facts("headers")


def network_module(name: str) -> bool:
    network = cff()["network"]
    return name in network["modules"] or any(name.startswith(p) for p in network["module_prefixes"])


def lambda_edge_event_for(event: str | None) -> str:
    """The Lambda@Edge trigger that replaces a CloudFront Function on `event`."""
    if event == "viewer-response":
        return "origin-response (or viewer-response if it must run on cached responses too)"
    return "origin-request (or viewer-request if it must run on every request, cache hits included)"
