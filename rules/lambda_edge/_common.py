"""Facts and helpers the Lambda@Edge rules share (JS and Python)."""

from __future__ import annotations

from typing import Any

from edgelint.data import facts

NODE = "nodejs22.x"
PYTHON = "python3.13"
# Example runtimes: one per language, so every example states which language it is.
EXAMPLE_RUNTIMES = (NODE, PYTHON)
# The four events in the order a request passes them (messages list events in this order).
EVENTS = ("viewer-request", "origin-request", "origin-response", "viewer-response")


def le() -> dict[str, Any]:
    return facts("lambda_edge")


def headers() -> dict[str, Any]:
    return facts("headers")


def possible_events(event: str | None) -> tuple[str, ...]:
    """The events a check must hold for: the target's, or all four when it is unknown."""
    return (event,) if event else EVENTS


def response_events_of(target: Any) -> tuple[str, ...] | None:
    """The response events the target may run on when it certainly runs on one: its own event,
    or both response events when only the family is known (a handler typed
    `CloudFrontResponseHandler`); None when it may run on a request event."""
    if target.event is not None:
        return (target.event,) if target.event in le()["event"]["response_events"] else None
    if target.family == "response":
        return tuple(le()["event"]["response_events"])
    return None


def event_label(events: tuple[str, ...]) -> str:
    """How a message names the event: `origin-response`, or `origin-response and viewer-response`."""
    return " and ".join(events)


def disallowed_header(name: str) -> bool:
    data = headers()["disallowed"]
    return name in data["names"] or any(name.startswith(p) for p in data["prefixes"])


def read_only_events(name: str) -> list[str]:
    """The Lambda@Edge events in which header `name` is read-only."""
    table = headers()["read_only"]["lambda-edge"]
    return [event for event in EVENTS if name in table.get(event, ())]
