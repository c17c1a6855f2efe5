"""Decide what each code file is: CloudFront Function or Lambda@Edge, runtime and event.

Order (SPEC §1): CLI flags, inline pragma, `[[tool.edgelint.functions]]`, deployment
configuration, then conservative heuristics. A file none of these claims is not edge code.
"""

from __future__ import annotations

import re
from edgelint.records import dataclass, replace
from typing import Iterable

from edgelint.config import Config, ConfigError, check_event, check_pair, check_runtime, matches_any, runtime_kind
from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_EVENT, CONNECTION_FUNCTION, LAMBDA_EDGE, Target

PRAGMA_RE = re.compile(r"edgelint:\s*((?:(?:runtime|event)=\S+\s*)+)")
# `["Records"][0]["cf"]` or `.get("Records")` in Python source (only for files that do not parse).
PY_RECORDS_CF_RE = re.compile(r"""Records['"]\s*[\])]\s*\[\s*0\s*\]\s*(?:\[\s*|\.get\(\s*)['"]cf['"]""")
# Lambda@Edge files found by heuristics get this runtime until a deployment file says otherwise.
DEFAULT_LAMBDA_RUNTIME = {"js": "nodejs22.x", "python": "python3.13"}
# Connection Functions run only on the 2.0 runtime.
CONNECTION_RUNTIME = "cloudfront-js-2.0"
# The handler a connection function must define.
CONNECTION_HANDLER = "connectionHandler"


@dataclass(frozen=True)
class Pragma:
    runtime: str | None
    event: str | None
    line: int


def parse_pragma(comments: Iterable[tuple[str, int]], where: str) -> Pragma | None:
    """Read `edgelint: runtime=R event=E` from the file's leading comments."""
    for text, line in comments:
        match = PRAGMA_RE.search(text)
        if not match:
            continue
        values = dict(part.split("=", 1) for part in match.group(1).split())
        runtime = values.get("runtime")
        event = values.get("event")
        if runtime is not None:
            check_runtime(runtime, f"{where}:{line}: edgelint pragma")
        if event is not None:
            check_event(event, f"{where}:{line}: edgelint pragma")
        check_pair(runtime, event, f"{where}:{line}: edgelint pragma")
        return Pragma(runtime, event, line)
    return None


def from_config(config: Config, relpath: str) -> Target | None:
    for index, entry in enumerate(config.functions):
        if matches_any(entry.paths, relpath):
            if entry.runtime is None:
                continue
            where = f"{config.path.name if config.path else 'config'} functions[{index}]"
            return Target(runtime_kind(entry.runtime, entry.event), entry.runtime, entry.event,
                          reason=f"{where} matches", memory=entry.memory, timeout=entry.timeout,
                          include_body=entry.include_body, strip_exports=entry.strip_exports)
    return None


def from_pragma(pragma: Pragma, language: str, config: Config) -> Target:
    runtime = pragma.runtime
    if runtime is None:
        if pragma.event == CONNECTION_EVENT:
            runtime = CONNECTION_RUNTIME
        else:
            runtime = config.default_cloudfront_runtime if language == "js" else DEFAULT_LAMBDA_RUNTIME[language]
    return Target(runtime_kind(runtime, pragma.event), runtime, pragma.event, reason=f"pragma on line {pragma.line}")


def apply_cli(target: Target | None, runtime: str | None, event: str | None) -> Target | None:
    if runtime is None and event is None:
        return target
    if target is None:
        if runtime is None:
            return None
        return Target(runtime_kind(runtime, event), runtime, event, reason="--runtime/--event")
    if runtime is not None:
        kind = runtime_kind(runtime, event or target.event)
        if kind != target.kind:
            kept = CONNECTION_EVENT if kind == CONNECTION_FUNCTION else (
                target.event if target.event != CONNECTION_EVENT else None)
            target = Target(kind, runtime, kept, reason="--runtime")
        else:
            target = replace(target, runtime=runtime, runtime_source="",
                             reason=f"{target.reason}; runtime from --runtime")
    if event is not None:
        kind = runtime_kind(target.runtime, event)
        if kind != target.kind:  # --event connection-request makes CloudFront Function code a connection function
            target = Target(kind, target.runtime, event, reason=f"{target.reason}; event from --event")
        else:
            target = replace(target, event=event, reason=f"{target.reason}; event from --event")
    return target


def heuristic_js(has_handler: bool, has_exports: bool, reads_records_cf: bool,
                 config: Config, has_connection_handler: bool = False) -> Target | None:
    if reads_records_cf:
        return Target(LAMBDA_EDGE, DEFAULT_LAMBDA_RUNTIME["js"], None,
                      reason="heuristic: reads Records[0].cf")
    if has_connection_handler and not has_handler and not has_exports:
        return Target(CONNECTION_FUNCTION, CONNECTION_RUNTIME, CONNECTION_EVENT,
                      reason="heuristic: top-level function connectionHandler(connection), no exports")
    if has_handler and not has_exports:
        return Target(CLOUDFRONT_FUNCTION, config.default_cloudfront_runtime, None,
                      reason="heuristic: top-level function handler(event), no exports",
                      runtime_source="" if config.default_cloudfront_runtime_set else "default")
    return None


# Handler and event types of the `aws-lambda` type definitions (@types/aws-lambda).
TYPED_HANDLER_RE = re.compile(r"\bCloudFront(Request|Response)(?:Handler|Event|Result|CallbackResult)\b")


def typed_handler_family(text: str) -> str | None:
    """'request' or 'response' when TypeScript code names a CloudFront handler or event type of
    one family only; 'both' for a module using both; None when it names none."""
    families = {m.group(1).lower() for m in TYPED_HANDLER_RE.finditer(text)}
    if not families:
        return None
    return families.pop() if len(families) == 1 else "both"


def heuristic_ts(family: str | None, reads_records_cf: bool) -> Target | None:
    """TypeScript is Lambda@Edge when typed as a CloudFront handler or reading Records[0].cf;
    never a CloudFront Function by heuristics (that runtime takes JavaScript only)."""
    if family is None and not reads_records_cf:
        return None
    reason = ("heuristic: typed as a CloudFront handler" if family is not None
              else "heuristic: reads Records[0].cf")
    target = Target(LAMBDA_EDGE, DEFAULT_LAMBDA_RUNTIME["js"], None, reason=reason)
    if family in ("request", "response"):
        target = replace(target, family=family, reason=f"{reason}; {family} event from the handler type")
    return target


def heuristic_py(reads_records_cf: bool) -> Target | None:
    if reads_records_cf:
        return Target(LAMBDA_EDGE, DEFAULT_LAMBDA_RUNTIME["python"], None,
                      reason="heuristic: reads ['Records'][0]['cf']")
    return None


def infer_cloudfront_event(target: Target, event_param: str | None,
                           member_roots: set[tuple[str, str]]) -> Target:
    """A CloudFront Function that touches `event.response` runs on viewer-response; one that
    only touches `event.request` on viewer-request."""
    if target.event is not None or target.kind != CLOUDFRONT_FUNCTION or event_param is None:
        return target
    if (event_param, "response") in member_roots:
        return replace(target, event="viewer-response", reason=f"{target.reason}; event inferred: uses event.response")
    if (event_param, "request") in member_roots:
        return replace(target, event="viewer-request", reason=f"{target.reason}; event inferred: uses only event.request")
    return target


# -- what the code and its file name say ---------------------------------------------------

_EVENT_WORDS = {event.replace("-", ""): event for event in ("viewer-request", "viewer-response",
                                                            "origin-request", "origin-response")}


def event_named(name: str) -> str | None:
    """The event a file, folder or export name spells: `viewer-request`, `originResponse`,
    `viewer_request_handler`; None for anything else."""
    word = "".join(c for c in name.lower() if c.isalnum())
    for spelled, event in _EVENT_WORDS.items():
        if word == spelled or word.startswith(spelled) or word.endswith(spelled):
            return event
    # Inside a longer name, as two words of their own: `image-origin-response-function`.
    words = [w.lower() for w in _WORD_RE.findall(name)]
    for first, second in zip(words, words[1:]):
        event = _EVENT_WORDS.get(first + second)
        if event is not None:
            return event
    return None


# Words of a name: camelCase humps and runs between separators.
_WORD_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def infer_event_from_name(target: Target, relpath: str) -> Target:
    """A target with no event gets the one its file name or folder spells (viewer-request.js,
    origin-response/index.js), when exactly one event is spelled."""
    if target.event is not None or target.kind == CONNECTION_FUNCTION:
        return target
    parts = relpath.replace("\\", "/").split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    events = {e for e in (event_named(p) for p in (*parts[:-1], stem)) if e is not None}
    if len(events) != 1:
        return target
    event = events.pop()
    if target.kind == CLOUDFRONT_FUNCTION and not event.startswith("viewer"):
        return target  # CloudFront Functions run on viewer events only: the name means something else
    if target.family is not None and not event.endswith(target.family):
        return target
    return replace(target, event=event, reason=f"{target.reason}; event from the file name")


def export_targets(target: Target, program: object) -> list[Target]:
    """One target per export named after an event (`exports.viewerRequest`, `export const
    originResponse`) of a Lambda@Edge module whose handler no deployment names: each export is
    a handler of its own event."""
    if target.kind != LAMBDA_EDGE or target.handler is not None or target.event is not None:
        return []
    from edgelint.lang.js.parse import member_key, property_key

    names: list[str] = []
    for stmt in getattr(program, "body", ()):
        t = stmt.type
        if t == "ExpressionStatement" and stmt.expression.type == "AssignmentExpression":
            left, right = stmt.expression.left, stmt.expression.right
            if left.type == "MemberExpression":
                key = member_key(left)
                obj = left.object
                if obj.type == "Identifier" and obj.name == "exports" or (
                        obj.type == "MemberExpression" and member_key(obj) == "exports"):
                    if isinstance(key, str):
                        names.append(key)
                elif key == "exports" and right.type == "ObjectExpression":
                    names += [k for k in (property_key(p) for p in right.properties if p.type == "Property")
                              if isinstance(k, str)]
        elif t == "ExportNamedDeclaration":
            decl = stmt.declaration
            if decl is not None and decl.type == "FunctionDeclaration" and decl.id is not None:
                names.append(decl.id.name)
            elif decl is not None and decl.type == "VariableDeclaration":
                names += [d.id.name for d in decl.declarations if d.id.type == "Identifier"]
            for spec in stmt.specifiers or ():
                exported = spec.exported
                names.append(exported.name if exported.type == "Identifier" else exported.value)
    events = {name: event_named(name) for name in dict.fromkeys(names)}
    handlers = {name: event for name, event in events.items() if event is not None and
                (target.family is None or event.endswith(target.family))}
    if not handlers:
        return []
    return [replace(target, handler=name, event=event, family=None,
                    reason=f"{target.reason}; export `{name}` handles {event}")
            for name, event in handlers.items()]


def infer_cloudfront_runtime(target: Target, parsed: object) -> Target:
    """A CloudFront Function whose runtime nobody declared, using 1.0-only features (the
    `String.bytesFrom` family) and nothing 2.0 added, is 1.0 code: lint it as such, and say so."""
    from edgelint.data import facts

    cff = facts("cloudfront_functions")
    only_10 = sorted(set(cff["string_methods"]["removed_in_20"]) & getattr(parsed, "member_names", set()))
    if not only_10 or _uses_20(parsed, cff):
        return target
    return replace(target, runtime="cloudfront-js-1.0", runtime_source="inferred",
                   reason=f"{target.reason}; runtime inferred: uses {only_10[0]}, which only "
                          "cloudfront-js-1.0 has, and nothing cloudfront-js-2.0 added")


def _uses_20(parsed: object, cff: dict) -> bool:
    names = getattr(parsed, "global_names", set())
    only_20 = set(cff["globals"].get("only_20", ()))
    return bool(getattr(parsed, "uses_20_syntax", False) or names & only_20)


def strip_exports(program: object) -> None:
    """Remove what the build strips: `export` keywords (the declarations stay), export lists,
    and CommonJS `module.exports`/`exports.x` assignments."""
    from edgelint.lang.js.parse import member_key

    body = []
    for stmt in getattr(program, "body", ()):
        t = stmt.type
        if t == "ExportNamedDeclaration":
            if stmt.declaration is not None:
                body.append(stmt.declaration)
            continue
        if t == "ExportDefaultDeclaration":
            if stmt.declaration.type in ("FunctionDeclaration", "ClassDeclaration") and stmt.declaration.id:
                body.append(stmt.declaration)
            continue
        if t == "ExportAllDeclaration":
            continue
        if t == "ExpressionStatement" and stmt.expression.type == "AssignmentExpression":
            left = stmt.expression.left
            if left.type == "MemberExpression" and (
                    (left.object.type == "Identifier" and left.object.name in ("exports", "module"))
                    or (left.object.type == "MemberExpression" and member_key(left.object) == "exports")):
                continue
        body.append(stmt)
    program.body = body  # type: ignore[attr-defined]


# What only a Connection Function does with its argument: decide, log custom data, read the
# client certificate; and what it cannot do: `require` anything.
_CONNECTION_USES = ("allow", "deny", "logCustomData", "clientCertificate")


def looks_like_connection_function(text: str, handler: object) -> bool:
    """A top-level `connectionHandler(connection)` is a Connection Function only when the code uses
    the connection as one (`connection.allow()`, `.deny()`, `.clientCertificate`, …) and loads no
    Node.js module: `net` and `ws` servers name their callbacks the same way."""
    params = getattr(handler, "params", [])
    name = getattr(params[0], "name", None) if params else None
    if not isinstance(name, str) or re.search(r"\brequire\s*\(", text):
        return False
    uses = "|".join(_CONNECTION_USES)
    return re.search(rf"\b{re.escape(name)}\s*\.\s*(?:{uses})\b", text) is not None


def looks_like_edge(text: str) -> bool:
    """Cheap pre-check before parsing a file found by walking a folder."""
    return "handler" in text or "Records" in text or "edgelint:" in text or "CloudFront" in text or \
        CONNECTION_HANDLER in text


__all__ = ["ConfigError", "Pragma", "apply_cli", "event_named", "export_targets", "from_config", "from_pragma",
           "heuristic_js", "heuristic_py", "heuristic_ts", "infer_cloudfront_event", "infer_cloudfront_runtime",
           "infer_event_from_name", "looks_like_edge", "parse_pragma", "strip_exports", "typed_handler_family"]
