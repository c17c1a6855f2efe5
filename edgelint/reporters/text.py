"""Human-readable output: `concise` (one line per finding) and `full` (with source frames)."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from edgelint.model import Finding, Severity
from edgelint.text import LineIndex


def summary(findings: list[Finding]) -> str:
    if not findings:
        return "All checks passed!"
    counts = Counter(f.severity for f in findings)
    parts = []
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info")):
        n = counts.get(severity, 0)
        if n:
            parts.append(f"{n} {word}{'s' if n != 1 and word != 'info' else ''}")
    return "Found " + ", ".join(parts) + "."


def render_concise(findings: list[Finding], out: TextIO, color: bool) -> None:
    for f in findings:
        out.write(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n")
    out.write(summary(findings) + "\n")


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def render_full(findings: list[Finding], out: TextIO, color: bool) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True, emoji=False)
    indexes: dict[int, LineIndex] = {}
    for f in findings:
        style = _STYLE[f.severity]
        console.print(f"[{style}]{f.severity.value}[/][bold]\\[{f.code}][/]: {escape(f.message)}")
        console.print(f"  [blue]-->[/] {escape(f.path)}:{f.line}:{f.column}")
        if f.source is not None:
            index = indexes.get(id(f.source))
            if index is None:
                index = indexes[id(f.source)] = LineIndex(f.source)
            _frame(console, escape, index, f, style)
        console.print(f"  [bold cyan]help[/]: {escape(f.help)}")
        console.print("")
    console.print(summary(findings))


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
