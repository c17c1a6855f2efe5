"""`edgelint migrate`: move a function to the other type.

Lambda@Edge (JavaScript, TypeScript compiled away is not supported: JavaScript or Python) →
CloudFront Function, rewritten (to_cloudfront, from_python); CloudFront Function → Lambda@Edge,
wrapped (to_lambda_edge). Before anything is produced the original is linted: MG002's blockers
(network, body, modules, …) refuse a move to CloudFront Functions with each blocker's line. After,
the result is linted as its new kind; an error left is a refusal too. Nothing is ever written
from a refusal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edgelint.migrate.common import Blocker, Refusal

CLOUDFRONT = "cloudfront-function"
LAMBDA_EDGE = "lambda-edge"


@dataclass
class Migration:
    code: str
    source_kind: str
    kind: str
    runtime: str
    event: str | None
    path: str                     # where the result belongs (a .py original becomes .js)
    notes: list[str] = field(default_factory=list)


def _target_of(text: str, path: Path, event: str | None) -> Any:
    """What the linter makes of the original: its target (kind, runtime, event) and findings."""
    from edgelint.config import Config
    from edgelint.engine import Linter, build_settings, project_deployments, project_root
    from edgelint.deploy.linking import build_links

    root = project_root(path)
    settings = build_settings(Config(root=root), cwd=root, discover=True, cli_event=event)
    try:
        settings.links = build_links(project_deployments([str(path)], settings, set()))
    except Exception:  # noqa: BLE001 - a broken deployment file only costs the deployment's target
        settings.links = {}
    linter = Linter(settings, settings.config_for(path))
    from edgelint.engine import _relpath

    result = linter.lint_text(text, str(path), _relpath(path, linter.config.root), True,
                              byte_size=len(text.encode("utf-8", "surrogatepass")))
    return result, linter


def migrate(path: Path, to: str, *, runtime: str | None = None, event: str | None = None,
            text: str | None = None) -> Migration:
    """Migrate the function in `path`; raises Refusal with the blockers."""
    text = path.read_text("utf-8") if text is None else text
    result, linter = _target_of(text, path, event)
    target = result.target
    python = path.suffix == ".py"
    if to == CLOUDFRONT:
        if target is None or target.kind != "lambda-edge":
            raise Refusal([Blocker(1, "not a Lambda@Edge function (see `edgelint check --show-targets`)")])
        event = event or target.event
        if event not in ("viewer-request", "viewer-response"):
            raise Refusal([Blocker(1, f"CloudFront Functions run on viewer events only; this function runs on "
                                      f"{event or 'an unknown event'} (give --event viewer-request or viewer-response)")])
        blockers = _mg002_blockers(linter)
        if blockers:
            raise Refusal(blockers)
        runtime = runtime or "cloudfront-js-2.0"
        from edgelint.migrate.to_cloudfront import lambda_edge_to_cloudfront

        source = text
        if python:
            from edgelint.migrate.from_python import python_to_lambda_edge_js

            source = python_to_lambda_edge_js(text)
        elif path.suffix in (".ts", ".tsx", ".mts", ".cts"):
            raise Refusal([Blocker(1, "TypeScript: compile it and migrate the JavaScript (types have no "
                                      "CloudFront Functions equivalent)")])
        code = lambda_edge_to_cloudfront(source, path.with_suffix(".js").name, runtime, event)
        migration = Migration(code, "lambda-edge", CLOUDFRONT, runtime, event, str(path.with_suffix(".js")))
    elif to == LAMBDA_EDGE:
        if target is None or target.kind != "cloudfront-function":
            raise Refusal([Blocker(1, "not a CloudFront Function (see `edgelint check --show-targets`)")])
        from edgelint.migrate.to_lambda_edge import cloudfront_to_lambda_edge

        runtime = runtime or newest_lambda_runtime()
        event = event or target.event
        code = cloudfront_to_lambda_edge(text, path.name, target.runtime, runtime)
        migration = Migration(code, "cloudfront-function", LAMBDA_EDGE, runtime, event, str(path))
    else:
        raise ValueError(to)
    errors = _remaining_errors(migration)
    if errors:
        raise Refusal([Blocker(1, f"the migrated code would still have: {e}") for e in errors])
    return migration


def newest_lambda_runtime() -> str:
    """The newest Node.js runtime Lambda@Edge is confirmed for and Lambda has not deprecated."""
    import datetime

    from edgelint.data import facts

    data = facts("lambda_edge")["runtimes"]
    today = datetime.date.today()
    candidates = [(int(name[6:].split(".")[0]), name) for name, dates in data["deprecation"].items()
                  if name.startswith("nodejs") and name.endswith(".x") and name not in data["unconfirmed"]
                  and dates["deprecated"] > today]
    return max(candidates)[1]


def _mg002_blockers(linter: Any) -> list[Blocker]:
    for rule in linter.rule_instances:
        if getattr(rule, "code", "") == "MG002":
            return [Blocker(line, label) for label, line in sorted(rule.blockers.items(), key=lambda i: i[1])]
    return []


def _remaining_errors(migration: Migration) -> list[str]:
    """Errors the result has as its new kind (a migration must lint clean)."""
    from edgelint.config import Config
    from edgelint.engine import build_settings, lint_source

    settings = build_settings(Config(), cli_runtime=migration.runtime, cli_event=migration.event,
                              ignore=["MG", "EL002"])
    name = "migrated.js"
    result = lint_source(migration.code, name, settings)
    return [f"{f.code} {f.message} (line {f.line} of the result)" for f in result.findings
            if f.severity.value == "error"]


__all__ = ["Blocker", "Migration", "Refusal", "migrate", "newest_lambda_runtime"]
