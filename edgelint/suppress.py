"""Inline suppressions, applied after all rules ran (so unused ones can be reported as EL002).

Grammar, the same in every comment syntax:
    edgelint: ignore[CF001, CF005] -- reason     (trailing a line, or alone on the line above)
    edgelint: file-ignore[CF010]                 (anywhere in the file)
    edgelint: ignore                             (every code, like a bare `noqa`)
Codes are case-insensitive (`ignore[cf001]`) and may be prefixes (`ignore[CF]`).
"""

from __future__ import annotations

import re
from edgelint.records import dataclass, field
from typing import Iterable

from edgelint.model import Finding, Span

# A bare directive must end the comment or be followed by `--` (its reason), so prose such as
# "edgelint: ignore these for now" is not taken for one.
DIRECTIVE_RE = re.compile(r"edgelint:\s*(ignore|file-ignore)(?:\s*\[([^\]]*)\]|(?=\s*(?:--|\*/|$)))", re.M)
CODE_SPLIT_RE = re.compile(r"[\s,]+")


@dataclass
class Directive:
    kind: str  # "ignore" or "file-ignore"
    codes: list[str]
    applies_to: int  # the line an `ignore` covers
    span: Span
    used: set[str] = field(default_factory=set)
    bare: bool = False  # no code list: every code

    def matches(self, finding: Finding) -> str | None:
        if self.kind == "ignore" and finding.span.line != self.applies_to:
            return None
        for code in self.codes:
            if finding.code.startswith(code):
                return code
        return None


@dataclass(frozen=True)
class Comment:
    """A comment's text and where it is; `trailing` if code precedes it on its line."""

    text: str
    span: Span
    trailing: bool


def parse_directives(comments: Iterable[Comment]) -> list[Directive]:
    directives = []
    for comment in comments:
        for match in DIRECTIVE_RE.finditer(comment.text):
            bare = match.group(2) is None
            codes = [""] if bare else [c.upper() for c in CODE_SPLIT_RE.split(match.group(2).strip()) if c]
            applies_to = comment.span.line if comment.trailing else comment.span.end_line + 1
            directives.append(Directive(match.group(1), codes, applies_to, comment.span, bare=bare))
    return directives


def apply_suppressions(
    findings: list[Finding],
    directives: list[Directive],
    *,
    path: str,
    known_codes: Iterable[str],
    enabled_codes: set[str],
    el002: type | None,
) -> list[Finding]:
    """Drop suppressed findings; add EL002 for directives (or codes in them) that did nothing."""
    if not directives:
        return findings
    # Line directives by the line they cover, so a file with thousands of findings and of
    # directives is not a product of the two.
    by_line: dict[int, list[Directive]] = {}
    file_wide = [d for d in directives if d.kind == "file-ignore"]
    file_codes = {code for d in file_wide for code in d.codes}  # a file may repeat one directive
    file_matched: set[str] = set()
    for directive in directives:
        if directive.kind == "ignore":
            by_line.setdefault(directive.applies_to, []).append(directive)
    kept = []
    for finding in findings:
        suppressed = False
        for directive in by_line.get(finding.span.line, ()):
            code = directive.matches(finding)
            if code is not None:
                directive.used.add(code)
                suppressed = True
        if file_codes:
            prefixes = {finding.code[:n] for n in range(len(finding.code) + 1)} & file_codes
            if prefixes:
                file_matched |= prefixes
                suppressed = True
        if not suppressed:
            kept.append(finding)
    for directive in file_wide:
        directive.used.update(c for c in directive.codes if c in file_matched)
    if el002 is None:
        return kept
    known = list(known_codes)
    known_prefixes = {k[:n] for k in known for n in range(1, len(k) + 1)}
    enabled_prefixes = {e[:n] for e in enabled_codes for n in range(1, len(e) + 1)}
    extra = []
    known_prefixes.add("")  # a bare directive: every code
    enabled_prefixes.add("")
    for directive in directives:
        unknown = [c for c in directive.codes if c not in known_prefixes]
        unused = [c for c in directive.codes
                  if c not in unknown and c not in directive.used and c in enabled_prefixes]
        if directive.bare:
            if unused:
                what = "file-ignore" if directive.kind == "file-ignore" else "ignore"
                extra.append((directive, f"unused suppression: `{what}` (every code) matched no finding"))
            continue
        if not directive.codes:
            extra.append((directive, "suppression names no rule code: write `edgelint: ignore[CODE]`"))
        if unknown:
            extra.append((directive, f"suppression names unknown rule code{'s' if len(unknown) > 1 else ''} "
                                     f"{', '.join(unknown)}"))
        if unused:
            what = "file-ignore" if directive.kind == "file-ignore" else "ignore"
            extra.append((directive, f"unused suppression: `{what}[{', '.join(unused)}]` matched no finding"))
    for directive, message in extra:
        finding = Finding(code=el002.code, name=el002.name, severity=el002.severity, message=message,
                          help=el002.help, path=path, span=directive.span)
        # EL002 itself can be silenced by a file-level directive.
        if not any(finding.code.startswith(code) for code in file_codes):
            kept.append(finding)
    return kept
