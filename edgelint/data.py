"""Load runtime facts from rules/_data/*.toml (shipped as edgelint.rules/_data)."""

from __future__ import annotations

import functools
import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@functools.cache
def facts(name: str) -> dict[str, Any]:
    """Return the parsed contents of rules/_data/<name>.toml."""
    text = resources.files("edgelint.rules").joinpath("_data", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)

