"""Apply the fixes rules attach to findings (`--fix`, `--diff`).

One pass applies every applicable fix whose edits do not overlap a fix already taken (ESLint's
SourceCodeFixer), then the text is linted again, because fixing one finding can expose or create
another; at most MAX_PASSES passes, as ruff and ESLint do. A pass whose result does not parse is
never kept: its fixes are retried one by one and those that break the syntax are dropped.
Files are written atomically, in the original encoding (UTF-8, with its BOM if it had one).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import tempfile
from edgelint.records import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from edgelint.model import Edit, Finding, Fix

if TYPE_CHECKING:
    from edgelint.model import FileResult

MAX_PASSES = 10
# Files whose findings come from deployment configuration: no parser of ours to double-check
# the fixed text, so only EL001 from the re-lint decides.
_CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".tf", ".tfvars", ".toml", ".hcl")

Lint = Callable[[str], "FileResult"]
# Lints a version of a file given its text and its size in bytes as uploaded.
SizedLint = Callable[[str, int], "FileResult"]


def applicable(fix: Fix | None, unsafe: bool = False) -> bool:
    """Whether `--fix` applies this fix: safe ones always, unsafe ones with `--unsafe-fixes`."""
    if fix is None or not fix.edits:
        return False
    return fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe")


@dataclass
class FixOutcome:
    """What fixing one source text did. `remaining` are the findings of `text`."""

    original: str
    text: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    # Fixes that were not kept because the result did not parse (a rule bug, worth reporting).
    rejected: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original


# -- applying edits ------------------------------------------------------------------

def _bounds(fix: Fix, size: int) -> tuple[int, int] | None:
    """The range a fix covers, or None when its edits are malformed or overlap each other."""
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    last = -1
    for edit in edits:
        if not (0 <= edit.start <= edit.end <= size) or edit.start < last:
            return None
        last = edit.end
    return edits[0].start, edits[-1].end


def _changes(fix: Fix, text: str) -> bool:
    return any(text[e.start:e.end] != e.content for e in fix.edits)


def select_fixes(findings: list[Finding], text: str) -> list[Finding]:
    """Findings whose fixes can be applied together: sorted by position, and a fix that touches
    or overlaps the range of one already taken waits for the next pass (as ESLint does)."""
    ranged = []
    for f in findings:
        bounds = _bounds(f.fix, len(text)) if f.fix is not None else None
        if bounds is not None and _changes(f.fix, text):
            ranged.append((bounds, f.code, f))
    ranged.sort(key=lambda item: (item[0], item[1]))
    chosen: list[Finding] = []
    last_end = -1
    for (start, end), _, f in ranged:
        if start <= last_end:
            continue
        chosen.append(f)
        last_end = end
    return chosen


def apply_edits(text: str, edits: list[Edit], newline: str = "\n") -> str:
    """Apply non-overlapping edits; inserted line breaks follow the file's newline style."""
    pieces = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces.append(text[pos:edit.start])
        content = edit.content
        if newline != "\n" and "\n" in content:
            content = content.replace("\r\n", "\n").replace("\n", newline)
        pieces.append(content)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces)


def newline_of(text: str) -> str:
    """The file's line break, from its first line (ruff's rule)."""
    index = text.find("\n")
    return "\r\n" if index > 0 and text[index - 1] == "\r" else "\n"


def _fix_key(f: Finding, text: str) -> tuple:
    # Offsets move between passes; the rule, the message and what is replaced by what do not.
    assert f.fix is not None
    return (f.code, f.fix.message, tuple((text[e.start:e.end], e.content) for e in f.fix.edits))


# -- checking the result -------------------------------------------------------------

def syntax_ok(text: str, path: str) -> bool | None:
    """Parse `text` with the file's parser: True/False, or None when we have no parser for it
    (the re-lint's EL001 then decides). Independent of the config, where EL001 may be ignored."""
    lower = path.lower()
    if lower.endswith(_CONFIG_SUFFIXES):
        return None
    try:
        if lower.endswith(".py"):
            from edgelint.lang.py.context import parse_python
            parse_python(text)
        else:
            from edgelint.lang.js.parse import dialect_of, parse_js
            if parse_js(text, dialect_of(path)).error is not None:
                return False
    except RecursionError:
        return False
    except Exception:  # the parsers' own syntax errors; any failure means "do not write this"
        return False
    return True


def _parses(text: str, path: str, result: FileResult) -> bool:
    if any(f.code == "EL001" for f in result.findings):
        return False
    return syntax_ok(text, path) is not False


# -- the fix loop ----------------------------------------------------------------------

def fix_source(text: str, lint: Lint, *, path: str = "-", findings: list[Finding] | None = None,
               unsafe: bool = False, max_passes: int = MAX_PASSES) -> FixOutcome:
    """Fix `text` until no applicable fix remains or `max_passes` passes ran.

    `lint(text)` lints a version of the file; `findings` are the findings of `text` when the caller
    already has them. The returned text always parses if the original did (it is the original when
    no fix could be kept)."""
    if findings is None:
        findings = lint(text).findings
    outcome = FixOutcome(original=text, text=text, remaining=list(findings))
    newline = newline_of(text)
    rejected: set[tuple] = set()
    for _ in range(max_passes):
        current = outcome.text
        candidates = [f for f in outcome.remaining
                      if applicable(f.fix, unsafe) and _fix_key(f, current) not in rejected]
        chosen = select_fixes(candidates, current)
        if not chosen:
            break
        new_text, new_result = _apply(current, chosen, lint, newline)
        if not _parses(new_text, path, new_result):
            chosen, new_text, new_result = _salvage(current, chosen, lint, newline, path,
                                                    rejected, outcome.rejected)
            if not chosen:
                continue  # every fix of this pass broke the syntax; they are skipped from now on
        outcome.text = new_text
        outcome.remaining = list(new_result.findings)
        outcome.applied.extend(chosen)
    return outcome


def _apply(text: str, chosen: list[Finding], lint: Lint, newline: str) -> tuple[str, FileResult]:
    edits = [e for f in chosen if f.fix is not None for e in f.fix.edits]
    new_text = apply_edits(text, edits, newline)
    return new_text, lint(new_text)


def _salvage(text: str, chosen: list[Finding], lint: Lint, newline: str, path: str,
             rejected: set[tuple], rejected_findings: list[Finding]) -> tuple[list[Finding], str, FileResult | None]:
    """The pass broke the syntax: keep the fixes that parse on their own."""
    good = []
    for f in chosen:
        one_text, one_result = _apply(text, [f], lint, newline)
        if _parses(one_text, path, one_result):
            good.append(f)
        else:
            rejected.add(_fix_key(f, text))
            rejected_findings.append(f)
    if not good:
        return [], text, None
    new_text, new_result = _apply(text, good, lint, newline)
    if not _parses(new_text, path, new_result):
        # Each parses alone but not together: take the first now, the rest next pass.
        good = good[:1]
        new_text, new_result = _apply(text, good, lint, newline)
    return good, new_text, new_result


# -- files ----------------------------------------------------------------------------------

@dataclass
class Decoded:
    text: str
    bom: bool

    def encode(self, text: str) -> bytes:
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")


def decode(data: bytes) -> Decoded | None:
    """Decode as the engine does (UTF-8, optional BOM); None for text we must not rewrite."""
    if b"\0" in data[:8192]:
        return None
    try:
        return Decoded(data.decode("utf-8-sig"), data.startswith(codecs.BOM_UTF8))
    except UnicodeDecodeError:
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path`'s content with `data` so that a reader sees the old or the new file, never a
    mix, and a failure leaves the original untouched: temporary file in the same folder (so
    os.replace is a rename), same permission bits, fsync, then rename over the original."""
    target = Path(os.path.realpath(path))  # write through a symlink, keep the link
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:  # a new file (`edgelint migrate -o`): the umask's default bits
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.",
                                      suffix=".edgelint-tmp", delete=False)
    try:
        with tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp.name, mode)
        os.replace(tmp.name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp.name)
        raise
    with contextlib.suppress(OSError, AttributeError):  # make the rename durable where possible
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fix_bytes(data: bytes, lint: SizedLint, *, path: str = "-", findings: list[Finding] | None = None,
              source: str | None = None, unsafe: bool = False) -> tuple[FixOutcome, Decoded] | None:
    """Fix a file's bytes. `lint(text, byte_size)` lints a version of it; `findings` belong to
    `source` (the text they were computed on) and are recomputed when the bytes say otherwise.
    None for bytes we must not rewrite (binary, not UTF-8)."""
    decoded = decode(data)
    if decoded is None:
        return None
    if source is not None and source != decoded.text:
        findings = None

    def sized(text: str) -> FileResult:
        # As uploaded: the BOM counts towards the size limits.
        return lint(text, len(text.encode("utf-8", "surrogatepass")) + (3 if decoded.bom else 0))

    return fix_source(decoded.text, sized, path=path, findings=findings, unsafe=unsafe), decoded


def fix_file(path: Path, lint: SizedLint, *, findings: list[Finding] | None = None, source: str | None = None,
             unsafe: bool = False, write: bool = True, display: str | None = None) -> FixOutcome | None:
    """Fix one file on disk; with `write`, the fixed text replaces it (only if it changed)."""
    fixed = fix_bytes(path.read_bytes(), lint, path=display or str(path), findings=findings,
                      source=source, unsafe=unsafe)
    if fixed is None:
        return None
    outcome, decoded = fixed
    if write and outcome.changed:
        write_atomic(path, decoded.encode(outcome.text))
    return outcome


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff (`--- path` / `+++ path`), git's marker for a last line without a newline."""
    import difflib

    def split(text: str) -> list[str]:
        # Only "\n" ends a line here: str.splitlines would also split at U+2028, \x0b, \x0c.
        return [line for line in re.split(r"(?<=\n)", text) if line]

    lines = []
    for line in difflib.unified_diff(split(before), split(after), fromfile=path, tofile=path):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)
