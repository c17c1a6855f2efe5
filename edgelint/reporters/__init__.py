"""Output formats: a name → render function registry. Each renderer gets the finished findings."""

from __future__ import annotations

from typing import Callable, TextIO

from edgelint.model import Finding

Renderer = Callable[[list[Finding], TextIO, bool], None]


def get_reporter(name: str) -> Renderer:
    # Imported lazily: a run loads only the reporter it uses.
    if name == "concise":
        from edgelint.reporters.text import render_concise
        return render_concise
    if name == "full":
        from edgelint.reporters.text import render_full
        return render_full
    if name == "json":
        from edgelint.reporters.json_format import render_json
        return render_json
    if name == "sarif":
        from edgelint.reporters.sarif import render_sarif
        return render_sarif
    if name == "github":
        from edgelint.reporters.github import render_github
        return render_github
    if name == "gitlab":
        from edgelint.reporters.gitlab import render_gitlab
        return render_gitlab
    if name == "junit":
        from edgelint.reporters.junit import render_junit
        return render_junit
    raise KeyError(name)


FORMATS = ("full", "concise", "json", "sarif", "github", "gitlab", "junit")
# Formats read by programs: anything else on their stream (such as --statistics) would break them.
MACHINE_FORMATS = frozenset({"json", "sarif", "gitlab", "junit"})
