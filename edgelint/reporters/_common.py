"""Helpers shared by the CI reporters: the flagged source line, stable fingerprints, safe text."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from edgelint.model import Finding
from edgelint.text import LineIndex

# Lone surrogates (from JS string escapes such as '\uD800') cannot be encoded as UTF-8.
_SURROGATES = re.compile("[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """`text` with anything UTF-8 cannot encode replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", text)


class SourceLines:
    """The text of a finding's first line, one LineIndex per source text."""

    def __init__(self) -> None:
        self._indexes: dict[int, LineIndex] = {}

    def line(self, finding: Finding) -> str | None:
        if finding.source is None:
            return None
        index = self._indexes.get(id(finding.source))
        if index is None:
            index = self._indexes[id(finding.source)] = LineIndex(finding.source)
        return index.line_text(finding.span.line)


def normalise(line: str) -> str:
    """Whitespace-insensitive, so re-indenting a line keeps its fingerprint."""
    return " ".join(line.split())


def line_hashes(findings: list[Finding]) -> list[tuple[str, int]]:
    """For each finding: a hash of (code, path, normalised flagged line) and a 1-based counter
    that tells apart identical hashes in the same file (GitHub's `hash:N`).

    No line number goes in, so a finding keeps its fingerprint when lines above it move. A
    finding without source text (a binary or non-UTF-8 file) hashes its message instead."""
    lines = SourceLines()
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        text = lines.line(f)
        key = normalise(text) if text is not None else "message:" + f.message
        digest = hashlib.sha256("\0".join((f.code, f.path, key)).encode("utf-8", "surrogatepass")).hexdigest()
        seen[digest] += 1
        out.append((digest[:32], seen[digest]))
    return out
