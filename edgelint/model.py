"""The values passed between the engine, the rules and the reporters."""

from __future__ import annotations

from edgelint.records import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


CLOUDFRONT_FUNCTION = "cloudfront-function"
LAMBDA_EDGE = "lambda-edge"
# CloudFront Connection Functions: the CloudFront Functions runtime, run during the mTLS handshake.
CONNECTION_FUNCTION = "connection-function"
EVENTS = ("viewer-request", "viewer-response", "origin-request", "origin-response")
CONNECTION_EVENT = "connection-request"
# Every event a target may name: the four cache-behaviour events and the connection event.
ALL_EVENTS = EVENTS + (CONNECTION_EVENT,)


@dataclass(frozen=True)
class Target:
    """What a code file is linted as: function kind, runtime and trigger event."""

    kind: str
    runtime: str
    event: str | None = None
    # How the target was decided, for `--show-targets`.
    reason: str = ""
    # Deployment settings, when a config or deployment file gives them.
    memory: int | None = None
    timeout: int | None = None
    include_body: bool | None = None
    # The exported handler's name (from a deployment `Handler: index.handler`), if known.
    handler: str | None = None
    # "request" or "response" when only the event's family is known (a TypeScript handler typed
    # `CloudFrontResponseHandler`); `event` is then None.
    family: str | None = None
    # "default" when the runtime is the configured default rather than declared for this code
    # (a CloudFront Function found by heuristics): the code may then say which runtime it is for.
    runtime_source: str = ""
    # The build removes the handler's export before upload (a config entry's strip-exports).
    strip_exports: bool = False
    # The code is a template (Terraform `templatefile`): `${name}` stands for a value.
    templated: bool = False
    # Only suggested (the function's role trusts edgelambda, nothing associates it here): the
    # code must confirm it is edge code (reads Records[0].cf) before it is linted as such.
    tentative: bool = False

    @property
    def response_event(self) -> bool | None:
        """True for a response event, False for a request event, None when unknown."""
        if self.event is not None:
            return self.event.endswith("response")
        if self.family in ("request", "response"):
            return self.family == "response"
        return None

    @property
    def language(self) -> str:
        return "python" if self.runtime.startswith("python") else "js"

    @property
    def guessed(self) -> list[str]:
        """What of this target the code or its file name suggested rather than anything declared
        ("kind", "runtime", "event"), for --show-targets."""
        reason = self.reason
        parts = []
        if reason.startswith("heuristic"):
            parts.append("kind")
        if "runtime inferred" in reason or (self.runtime_source == "default" and reason.startswith("heuristic")):
            parts.append("runtime")
        if "from the file name" in reason or "event inferred" in reason or "response events:" in reason:
            parts.append("event")
        return parts

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "runtime": self.runtime, "event": self.event}


@dataclass(frozen=True)
class Edit:
    """Replace source[start:end] (character offsets) with `content`."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Fix:
    message: str
    edits: tuple[Edit, ...]
    applicability: str = "safe"


@dataclass(frozen=True)
class Span:
    """1-based lines and columns; `end_column` is the column just past the last character."""

    line: int
    column: int
    end_line: int
    end_column: int
    start_offset: int = 0
    end_offset: int = 0


@dataclass
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    help: str
    path: str
    span: Span
    target: Target | None = None
    fix: Fix | None = None
    # Set by the engine; lets reporters draw source frames without re-reading files.
    source: str | None = field(default=None, repr=False, compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)


@dataclass
class FileResult:
    """What linting one file gave."""

    path: str
    target: Target | None
    findings: list[Finding]
    skipped_reason: str | None = None
    source: str | None = None
    # For deployment files: what the file declares, for --show-targets.
    deployment: str | None = None
    # Every target the file was linted as, when more than one (one per handler).
    targets: list[Target] = field(default_factory=list)
