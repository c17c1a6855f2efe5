"""The rule base class, rule examples and the rule registry.

A rule is one class: its metadata, a ruff-style docstring ("What it does / Why is this bad? /
Example / References"), valid and invalid examples that run as tests, and visitor methods.
JS rules name their visitors after ESTree node types: `on_CallExpression(node)` runs when the
walk enters a node, `on_Program_exit(node)` when it leaves one.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import textwrap
from edgelint.records import dataclass
from typing import Any, ClassVar, Iterable, Iterator, Mapping, Protocol

from edgelint.model import CLOUDFRONT_FUNCTION, Fix, Severity


class RuleContext(Protocol):
    """What every context gives a rule: the JavaScript and Python contexts (`JsContext`,
    `PyContext`) and the deployment context (`DeployContext`) all have these."""

    path: str
    text: str

    def report(self, rule: Any, node: Any, message: str, *, severity: Severity | None = None,
               help: str | None = None, fix: Fix | None = None) -> None: ...

CODE_RE = re.compile(r"^[A-Z]{2}\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DOC_SECTIONS = ("## What it does", "## Why is this bad?", "## Example")


@dataclass(frozen=True)
class Example:
    """A code sample for a rule. Valid samples must give no finding of the rule; invalid ones
    must give at least one (on `line`, with `severity` and a message containing `message`,
    when those are given)."""

    code: str
    runtime: str | None = None
    event: str | None = None
    line: int | None = None
    severity: Severity | None = None
    message: str | None = None
    # Deployment-file examples name their file: "template.yaml", "serverless.yml", "main.tf";
    # TypeScript examples name theirs ("handler.ts") and run under the example's runtime.
    filename: str | None = None


REGISTRY: dict[str, type["Rule"]] = {}


def _docstring(cls: type) -> str:
    """A class's own docstring, dedented as `inspect.getdoc` does (without importing inspect,
    which costs start-up time)."""
    doc = cls.__dict__.get("__doc__") or ""
    first, _, rest = doc.expandtabs().partition("\n")
    return "\n".join(filter(None, (first.strip(), textwrap.dedent(rest).strip("\n")))).strip()


class Rule:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    kinds: ClassVar[tuple[str, ...]] = (CLOUDFRONT_FUNCTION,)
    languages: ClassVar[tuple[str, ...]] = ("js",)
    # Runtimes the examples are run under when they do not name one.
    example_runtimes: ClassVar[tuple[str, ...]] = ("cloudfront-js-2.0",)
    summary: ClassVar[str] = ""
    help: ClassVar[str] = ""
    references: ClassVar[tuple[str, ...]] = ()
    valid: ClassVar[tuple[Example, ...]] = ()
    invalid: ClassVar[tuple[Example, ...]] = ()
    # Rules whose raw findings this rule reads; the engine runs them even when unselected.
    uses: ClassVar[tuple[str, ...]] = ()
    # Rules reported by the engine itself (parse errors, suppressions) have no visitors.
    engine_rule: ClassVar[bool] = False
    fixable: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.code:
            return
        if not CODE_RE.match(cls.code):
            raise ValueError(f"{cls.__name__}: bad rule code {cls.code!r}")
        if not NAME_RE.match(cls.name):
            raise ValueError(f"{cls.code}: rule name {cls.name!r} is not kebab-case")
        doc = _docstring(cls)
        missing = [s for s in DOC_SECTIONS if s not in doc]
        if missing:
            raise ValueError(f"{cls.code}: docstring lacks {', '.join(missing)}")
        if not cls.engine_rule and not cls.invalid:
            raise ValueError(f"{cls.code}: a rule needs invalid examples")
        if cls.code in REGISTRY and REGISTRY[cls.code] is not cls:
            raise ValueError(f"duplicate rule code {cls.code}")
        REGISTRY[cls.code] = cls

    def __init__(self, ctx: Any) -> None:
        # A JsContext, PyContext or DeployContext (see RuleContext); Any, so that each rule uses
        # what its own context offers (`ctx.target`, `ctx.deployment`, `ctx.scope_stack`).
        self.ctx = ctx

    @classmethod
    def doc(cls) -> str:
        return _docstring(cls)

    def report(
        self,
        node: Any,
        message: str,
        *,
        severity: Severity | None = None,
        help: str | None = None,
        fix: Fix | None = None,
    ) -> None:
        self.ctx.report(self, node, message, severity=severity, help=help, fix=fix)


_loaded = False


@dataclass(frozen=True)
class RuleInfo:
    """What the engine needs to know about a rule before importing it (rules/_index.py)."""

    module: str
    kinds: tuple[str, ...]
    languages: tuple[str, ...]
    uses: tuple[str, ...] = ()
    engine_rule: bool = False


def rule_index() -> dict[str, RuleInfo]:
    """Every rule's code → where it lives and what it lints, without importing the rules."""
    from edgelint.rules._index import INDEX

    return INDEX


class LazyRules(Mapping[str, "type[Rule]"]):
    """The rules by code; a rule's module is imported the first time its class is asked for, so
    a run that lints one CloudFront Function never imports the Lambda@Edge or deployment rules."""

    def __init__(self) -> None:
        self.index = rule_index()

    def __getitem__(self, code: str) -> type[Rule]:
        cls = REGISTRY.get(code)
        if cls is None:
            importlib.import_module(self.index[code].module)  # KeyError for an unknown code
            cls = REGISTRY[code]
        return cls

    def __iter__(self) -> Iterator[str]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)

    def __reduce__(self) -> tuple[Any, tuple]:
        return (LazyRules, ())  # workers rebuild it from the index


def index_source() -> str:
    """rules/_index.py, generated from the rule classes (`python -m edgelint.rule` rewrites it)."""
    lines = ['"""Generated by `python -m edgelint.rule` from the rule classes: do not edit."""', "",
             "from edgelint.rule import RuleInfo", "", "INDEX = {"]
    for code, cls in load_rules().items():
        extra = "".join((f", uses={cls.uses!r}" if cls.uses else "",
                         ", engine_rule=True" if cls.engine_rule else ""))
        lines.append(f"    {code!r}: RuleInfo({cls.__module__!r}, {tuple(cls.kinds)!r}, "
                     f"{tuple(cls.languages)!r}{extra}),")
    return "\n".join([*lines, "}", ""])


def load_rules() -> dict[str, type[Rule]]:
    """Import every module under edgelint.rules so the rule classes register."""
    global _loaded
    if not _loaded:
        package = importlib.import_module("edgelint.rules")
        for info in pkgutil.walk_packages(package.__path__, "edgelint.rules."):
            if info.name.rsplit(".", 1)[-1].startswith("_"):
                continue
            importlib.import_module(info.name)
        _loaded = True
    return dict(sorted(REGISTRY.items()))


def selected_codes(
    codes: Iterable[str],
    select: Iterable[str] | None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> set[str]:
    """ruff semantics: the most specific matching prefix decides; on a tie `ignore` wins."""
    chosen = list(select) if select is not None else ["ALL"]
    chosen += list(extend_select)
    ignore = list(ignore)

    def best(code: str, selectors: list[str]) -> int:
        lengths = [0 if s == "ALL" else len(s) for s in selectors if s == "ALL" or code.startswith(s)]
        return max(lengths) if lengths else -1

    enabled = set()
    for code in codes:
        s, i = best(code, chosen), best(code, ignore)
        if s >= 0 and s > i:
            enabled.add(code)
    return enabled


if __name__ == "__main__":  # regenerate rules/_index.py after adding or changing a rule
    from pathlib import Path

    import edgelint.rule  # this file runs as __main__: the rules register with the imported module
    import edgelint.rules

    Path(edgelint.rules.__path__[0], "_index.py").write_text(edgelint.rule.index_source(), "utf-8")
