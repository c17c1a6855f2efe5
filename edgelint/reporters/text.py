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
                   unsafe_fixes: bool = False, footer: bool = True) -> None:
    """`fixed` is None unless `--fix` ran; `unsafe_fixes` marks unsafe fixes as applicable too;
    `footer`: the summary and hints after the findings (off with --quiet)."""
    paint = _Paint(color)
    for f in findings:
        out.write(f"{paint(f.path, 'bold')}:{f.line}:{f.column}: {paint(f.code, _STYLE[f.severity])}"
                  f"{_marker(f, unsafe_fixes)} {f.message}\n")
    if footer:
        for line in _footer(findings, fixed, unsafe_fixes):
            out.write(line + "\n")


# ANSI styles; nothing is written when colour is off.
_CODES = {"bold": "1", "dim": "2", "blue": "34", "bold red": "1;31", "bold yellow": "1;33", "bold cyan": "1;36"}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{_CODES[style]}m{text}\x1b[0m" if self.color and text else text


def _safe(text: str) -> str:
    """Control characters from linted files never reach the terminal as escapes."""
    return "".join(c if c >= " " or c == "\t" else "\ufffd" for c in text).replace("\x7f", "\ufffd")


def render_full(findings: list[Finding], out: TextIO, color: bool, *, fixed: list[Finding] | None = None,
                unsafe_fixes: bool = False, footer: bool = True) -> None:
    paint = _Paint(color)
    indexes: dict[int, LineIndex] = {}
    lines: list[str] = []
    for f in findings:
        style = _STYLE[f.severity]
        lines.append(f"{paint(f.severity.value, style)}{paint(f'[{f.code}]', 'bold')}{_marker(f, unsafe_fixes)}: "
                     f"{_safe(f.message)}")
        lines.append(f"  {paint('-->', 'blue')} {_safe(f.path)}:{f.line}:{f.column}")
        if f.source is not None:
            index = indexes.get(id(f.source))
            if index is None:
                index = indexes[id(f.source)] = LineIndex(f.source)
            lines += _frame(paint, index, f, style)
        lines.append(f"  {paint('help', 'bold cyan')}: {_safe(f.help)}")
        lines.append(f"  {paint(f'docs: edgelint rule {f.code}', 'dim')}")
        lines.append("")
    if footer:
        lines += _footer(findings, fixed, unsafe_fixes)
    out.write("\n".join(lines) + ("\n" if lines else ""))


def _frame(paint: _Paint, index: LineIndex, f: Finding, style: str) -> list[str]:
    last = min(f.span.end_line, f.line + 3)
    width = len(str(last))
    pad = " " * width
    bar = paint("|", "blue")
    out = [f"{pad} {bar}"]
    for number in range(f.line, last + 1):
        text = _safe(index.line_text(number).expandtabs(4))
        out.append(f"{paint(f'{number:>{width}} |', 'blue')} {text}")
        if f.line == f.span.end_line:
            start = f.column - 1
            length = max(1, f.span.end_column - f.column)
            out.append(f"{pad} {bar} {' ' * start}{paint('^' * length, style)}")
    if f.span.end_line > last:
        out.append(f"{pad} {bar} …")
    out.append(f"{pad} {bar}")
    return out
