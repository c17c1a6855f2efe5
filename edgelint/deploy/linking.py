"""Give each code file a deployment references its precise target (SPEC §1 step 4)."""

from __future__ import annotations

from edgelint.records import replace
from pathlib import Path

from edgelint.deploy.model import UNKNOWN, Association, Deployment, Function
from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_EVENT, CONNECTION_FUNCTION, EVENTS, LAMBDA_EDGE, Target

_SOURCE_EXTENSIONS = {"js": (".js", ".mjs", ".cjs"), "python": (".py",)}


def _language(runtime: str | None) -> tuple[str, ...]:
    if runtime is None:
        return ("js", "python")
    return ("python",) if runtime.startswith("python") else ("js",)


def code_files(fn: Function) -> list[Path]:
    """The source file(s) a function's code location and handler point at."""
    runtime = fn.runtime.value if fn.runtime is not None and fn.runtime.known else None
    if fn.code_path is None:
        return []
    path = fn.code_path
    if path.is_file():
        return [path]
    if fn.handler is None or "." not in fn.handler:
        return []
    module = fn.handler.rsplit(".", 1)[0]
    found = []
    for language in _language(runtime if isinstance(runtime, str) else None):
        # Python handlers name packages with dots (`edge.app.lambda_handler` is edge/app.py).
        name = module.replace(".", "/") if language == "python" else module
        for extension in _SOURCE_EXTENSIONS[language]:
            candidate = path / f"{name}{extension}"
            if candidate.is_file():
                found.append(candidate)
    return found


_KINDS = {"cloudfront-function": CLOUDFRONT_FUNCTION, "connection-function": CONNECTION_FUNCTION}


def function_target(deployment: Deployment, fn: Function,
                    imported: list[Association] | tuple = ()) -> Target | None:
    """What a deployment makes of a function's code; `imported`: associations in other stacks
    that name it through an export (`Fn::ImportValue`, SSM)."""
    runtime = fn.runtime.value if fn.runtime is not None and fn.runtime.known else None
    if not isinstance(runtime, str):
        runtime = None
    kind = _KINDS.get(fn.kind, LAMBDA_EDGE)
    associations = [*deployment.associations_of(fn.id), *imported]
    if kind == LAMBDA_EDGE and not associations and not deployment.edge_by_role(fn):
        return None  # an ordinary Lambda function in the same template is not edge code
    events = {a.event.value for a in associations if a.event.known and a.event.value in EVENTS}
    event = events.pop() if len(events) == 1 else None
    if kind == CONNECTION_FUNCTION:
        event = CONNECTION_EVENT  # its only event, associated or not
    bodies = {a.include_body.value if a.include_body is not None and a.include_body.known else False
              for a in associations if kind == LAMBDA_EDGE}
    include_body = bodies.pop() if len(bodies) == 1 else None
    if runtime is None:
        runtime = "cloudfront-js-2.0" if kind in (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION) else None
    if runtime is None:
        return None
    memory = fn.settings.get("memory")
    timeout = fn.settings.get("timeout")
    where = f"{deployment.path.name}: {fn.id}"
    if associations:
        where += f" on {event}" if event else " (several events)"
        stacks = sorted({a.loc.path.name for a in imported if a.loc.path is not None})
        if stacks:
            where += f", associated in {', '.join(stacks)}"
    elif kind == LAMBDA_EDGE:
        where += " (its role trusts edgelambda; associated elsewhere)"
    return Target(kind, runtime, event, reason=f"deployment {where}", templated=fn.templated,
                  tentative=kind == LAMBDA_EDGE and not associations and not fn.edge,
                  memory=memory.value if memory is not None and isinstance(memory.value, int) else None,
                  timeout=timeout.value if timeout is not None and isinstance(timeout.value, int) else None,
                  include_body=include_body if include_body is not UNKNOWN else None,
                  handler=fn.handler.rsplit(".", 1)[-1] if fn.handler and "." in fn.handler else None)


def build_links(deployments: list[Deployment]) -> dict[str, list[Target]]:
    """Resolved code path → its targets, one per handler the deployments name in it
    (`app.viewerRequest` and `app.originResponse` are two targets of app.js). Two deployments
    that give one handler different events leave the event unknown."""
    links: dict[str, dict[str | None, Target]] = {}
    imported = _imported(deployments)
    for deployment in deployments:
        for fn in deployment.functions.values():
            target = function_target(deployment, fn, imported.get((deployment.path, fn.id), ()))
            if target is None:
                continue
            files = code_files(fn)
            if deployment.format == "cdk":
                files, target = cdk_sources(deployment, fn, files, target)
            for file in files:
                per_handler = links.setdefault(str(file.resolve()), {})
                previous = per_handler.get(target.handler)
                if previous is not None:
                    target = _merge(previous, target)
                per_handler[target.handler] = target
    return {path: list(targets.values()) for path, targets in links.items()}


def _imported(deployments: list[Deployment]) -> dict[tuple[Path, str], list[Association]]:
    """Associations that name a function of another stack by its export: (exporting file,
    function id) → those associations."""
    exporters: dict[str, list[tuple[Path, str]]] = {}
    for deployment in deployments:
        for name, fn_id in deployment.exports.items():
            exporters.setdefault(name, []).append((deployment.path, fn_id))
    imported: dict[tuple[Path, str], list[Association]] = {}
    for deployment in deployments:
        for association in deployment.associations:
            for key in exporters.get(association.import_name or "", ()) if association.import_name else ():
                # Its location names its own file: it is read beside the exporting stack's.
                located = replace(association, loc=replace(association.loc, path=deployment.path))
                imported.setdefault(key, []).append(located)
    return imported


def cdk_sources(deployment: Deployment, fn: Function, files: list[Path],
                 target: Target) -> tuple[list[Path], Target]:
    """A cdk.out function's code is a bundle or a copy: the target goes to the source it was
    built from (the copy itself is not linted), or to nothing when no source is found."""
    from edgelint.deploy.cdk import app_folder, asset_sources, inline_source

    app = app_folder(deployment.path)
    if fn.inline is not None:
        source = inline_source(app, fn.inline.text)
        if source is None:
            return [], target
        return [source], replace(target, reason=f"{target.reason}; the template holds this file's code")
    found = asset_sources(files, app)
    if not found:
        return [], target
    how = "; ".join(sorted({why for _, why in found}))
    return [path for path, _ in found], replace(target, reason=f"{target.reason}; {how}")


def _merge(a: Target, b: Target) -> Target:
    """Two deployments give one handler a target: an event one of them leaves open is the
    other's; two different events leave it unknown."""
    if a.event is not None and b.event is None:
        return replace(a, reason=f"{a.reason}; {b.reason}")
    if a.event is None and b.event is not None:
        return replace(b, reason=f"{b.reason}; {a.reason}")
    if a.event != b.event:
        return replace(b, event=None, reason=f"{a.reason}; {b.reason}")
    return replace(b, reason=f"{a.reason}; {b.reason}") if a.reason != b.reason else b
