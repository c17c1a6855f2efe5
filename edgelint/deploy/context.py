"""What DP rules see: one Deployment, a report() that knows positions, and dispatch.

A DP rule defines any of `on_deployment(dep)`, `on_function(fn)`, `on_association(assoc)` and
`on_role(role)`; the runner calls them once per object. Resource metadata
`Metadata: {edgelint: {ignore: [DP004]}}` silences a rule for that resource.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any, Callable

from edgelint.deploy.model import Association, Deployment, Function, Loc, Role
from edgelint.model import Finding, Severity, Span


def today() -> datetime.date:
    """The date runtime deprecations are compared with; EDGELINT_TODAY=YYYY-MM-DD pins it."""
    pinned = os.environ.get("EDGELINT_TODAY")
    if pinned:
        try:
            return datetime.date.fromisoformat(pinned)
        except ValueError:
            pass
    return datetime.date.today()


class DeployContext:
    def __init__(self, path: str, deployment: Deployment, text: str,
                 display: Callable[[Path], str] | None = None,
                 lint_code: Callable[[str, Function, str], list[Finding]] | None = None) -> None:
        self.path = path
        self.deployment = deployment
        self.text = text
        self.findings: list[Finding] = []
        self._display = display or (lambda p: p.as_posix())
        # Lints a piece of code under a target (used by checks that compare code and config).
        self.lint_code = lint_code
        self._ignores: tuple[str, ...] = ()
        self._reported: set[tuple[str, str, int, int]] = set()
        # Deploy region from the edgelint config, for files that do not say it.
        self.default_region: str | None = None
        # Files the deployment points at are read only below this folder (edgelint/deploy/files.py).
        self.project_root: Path | None = None

    def report(self, rule: Any, loc: Loc, message: str, *, severity: Severity | None = None,
               help: str | None = None, fix: Any = None) -> None:
        if any(rule.code.startswith(code) for code in self._ignores):
            return
        path = self._display(loc.path) if loc.path is not None else self.path
        span = Span(loc.line, loc.column, loc.line, loc.column + 1)
        # A shared setting (a provider-level runtime) is one mistake, not one per function.
        key = (rule.code, path, loc.line, loc.column)
        if key in self._reported:
            return
        self._reported.add(key)
        self.findings.append(Finding(code=rule.code, name=rule.name, severity=severity or rule.severity,
                                     message=message, help=help or rule.help, path=path, span=span))

    def run(self, rules: list[Any]) -> list[Finding]:
        dep = self.deployment
        for rule in rules:
            self._ignores = dep.ignore
            if hasattr(rule, "on_deployment"):
                rule.on_deployment(dep)
            if hasattr(rule, "on_function"):
                for fn in dep.functions.values():
                    if fn.foreign:
                        continue  # reported in the file that declares it
                    self._ignores = dep.ignore + fn.ignore
                    rule.on_function(fn)
            if hasattr(rule, "on_association"):
                for assoc in dep.associations:
                    if assoc.foreign:
                        continue
                    self._ignores = dep.ignore + assoc.ignore
                    rule.on_association(assoc)
            if hasattr(rule, "on_role"):
                for role in dep.roles.values():
                    self._ignores = dep.ignore
                    rule.on_role(role)
        self._ignores = ()
        return self.findings

    # -- helpers rules share ------------------------------------------------------------
    def function(self, fn_id: str | None) -> Function | None:
        return self.deployment.functions.get(fn_id) if fn_id else None

    def associations_of(self, fn: Function) -> list[Association]:
        return self.deployment.associations_of(fn.id)

    def events_of(self, fn: Function) -> set[str]:
        return {a.event.value for a in self.associations_of(fn) if a.event.known}

    def role(self, role_id: str | None) -> Role | None:
        return self.deployment.roles.get(role_id) if role_id else None

    def display(self, path: Path) -> str:
        return self._display(path)

    def function_code(self, fn: Function) -> str | None:
        """A CloudFront Function's code: inline, or the file the deployment names."""
        if fn.inline is not None:
            return fn.inline.text
        if fn.code_path is not None:
            from edgelint.deploy.files import Refused, read_text

            try:
                return read_text(fn.code_path, self.project_root)
            except Refused:
                return None
        return None
