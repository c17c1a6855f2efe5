"""Human-readable output: `concise` (one line per finding) and `full` (with source frames)."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from edgelint.model import Finding, Severity
from edgelint.text import LineIndex


def counts(findings: list[Finding]) -> str:
    """'2 errors, 1 warning' (empty for no findings)."""
    tally = Counter(f.severity for f in findings)
    parts = []
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info")):
        n = tally.get(severity, 0)
        if n:
            parts.append(f"{n} {word}{'s' if n != 1 and word != 'info' else ''}")
    return ", ".join(parts)


def summary(findings: list[Finding], fixed: list[Finding] | None = None) -> str:
    """ruff's summary line; after `--fix`, `fixed` are the findings the fixes removed."""
    if fixed:
        return (f"Found {counts([*fixed, *findings])} ({len(fixed)} fixed, "
                f"{len(findings)} remaining).")
    if not findings:
        return "All checks passed!"
    return "Found " + counts(findings) + "."


def fix_hint(findings: list[Finding], unsafe_fixes: bool = False, fix_mode: bool = False) -> str | None:
    """ruff's `[*] N fixable with the `--fix` option.` line, naming hidden unsafe fixes."""
    from edgelint.fix import applicable

    fixable = sum(applicable(f.fix, unsafe_fixes) for f in findings)
    hidden = 0 if unsafe_fixes else sum(applicable(f.fix, True) and not applicable(f.fix) for f in findings)
    extra = (f" ({hidden} hidden fix{'es' if hidden != 1 else ''} can be enabled with the "
             "`--unsafe-fixes` option)") if hidden else ""
    if fixable and not fix_mode:
        return f"[*] {fixable} fixable with the `--fix` option{extra}."
    if hidden:
        return f"No fixes available{extra}."
    return None


def _marker(f: Finding, unsafe_fixes: bool) -> str:
    from edgelint.fix import applicable

    return " [*]" if applicable(f.fix, unsafe_fixes) else ""


def _footer(findings: list[Finding], fixed: list[Finding] | None, unsafe_fixes: bool) -> list[str]:
    lines = [summary(findings, fixed)]
    hint = fix_hint(findings, unsafe_fixes, fix_mode=fixed is not None)
    if hint:
        lines.append(hint)
    if findings:
        lines.append(f"`edgelint rule {findings[0].code}` explains a rule: what it checks, why, and the fix.")
    return lines


def render_concise(findings: list[Finding], out: TextIO, color: bool, *, fixed: list[Finding] | None = None,
                   unsafe_fixes: bool = False) -> None:
    """`fixed` is None unless `--fix` ran; `unsafe_fixes` marks unsafe fixes as applicable too."""
    for f in findings:
        out.write(f"{f.path}:{f.line}:{f.column}: {f.code}{_marker(f, unsafe_fixes)} {f.message}\n")
    for line in _footer(findings, fixed, unsafe_fixes):
        out.write(line + "\n")


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def render_full(findings: list[Finding], out: TextIO, color: bool, *, fixed: list[Finding] | None = None,
                unsafe_fixes: bool = False) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True, emoji=False)
    indexes: dict[int, LineIndex] = {}
    for f in findings:
        style = _STYLE[f.severity]
        console.print(f"[{style}]{f.severity.value}[/][bold]\\[{f.code}][/]{escape(_marker(f, unsafe_fixes))}: "
                      f"{escape(f.message)}")
        console.print(f"  [blue]-->[/] {escape(f.path)}:{f.line}:{f.column}")
        if f.source is not None:
            index = indexes.get(id(f.source))
            if index is None:
                index = indexes[id(f.source)] = LineIndex(f.source)
            _frame(console, escape, index, f, style)
        console.print(f"  [bold cyan]help[/]: {escape(f.help)}")
        console.print(f"  [dim]docs: edgelint rule {f.code}[/]")
        console.print("")
    for line in _footer(findings, fixed, unsafe_fixes):
        console.print(escape(line))


def _frame(console, escape, index: LineIndex, f: Finding, style: str) -> None:
    last = min(f.span.end_line, f.line + 3)
    width = len(str(last))
    pad = " " * width
    console.print(f"{pad} [blue]|[/]")
    for number in range(f.line, last + 1):
        text = index.line_text(number).expandtabs(4)
        console.print(f"[blue]{number:>{width}} |[/] {escape(text)}")
        if f.line == f.span.end_line:
            start = f.column - 1
            length = max(1, f.span.end_column - f.column)
            console.print(f"{pad} [blue]|[/] {' ' * start}[{style}]{'^' * length}[/]")
    if f.span.end_line > last:
        console.print(f"{pad} [blue]|[/] …")
    console.print(f"{pad} [blue]|[/]")
