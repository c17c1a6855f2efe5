"""Output formats: a name → render function registry. Each renderer gets the finished findings."""

from __future__ import annotations

from typing import Callable, TextIO

from edgelint.model import Finding

Renderer = Callable[[list[Finding], TextIO, bool], None]


def get_reporter(name: str) -> Renderer:
    # Imported lazily so a concise pre-commit run never loads rich.
    if name == "concise":
        from edgelint.reporters.text import render_concise
        return render_concise
    if name == "full":
        from edgelint.reporters.text import render_full
        return render_full
    if name == "json":
        from edgelint.reporters.json_format import render_json
        return render_json
    raise KeyError(name)


FORMATS = ("full", "concise", "json")
