"""Runtime facts from rules/_data/*.toml (shipped as edgelint.rules/_data).

The TOML files are the source of truth. Parsing them costs a few milliseconds per run, so each
is also kept as Python in rules/_facts.py (compiled to bytecode at install); a test checks the two
agree, and `python -m edgelint.data` regenerates the module after an edit."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

@functools.cache
def facts(name: str) -> dict[str, Any]:
    """The parsed contents of rules/_data/<name>.toml."""
    from edgelint.rules import _facts

    build = getattr(_facts, name, None)
    return build() if build is not None else parse_toml(name)


def parse_toml(name: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    return tomllib.loads(_data_folder().joinpath(f"{name}.toml").read_text("utf-8"))


def _data_folder() -> Path:
    import edgelint.rules

    return Path(edgelint.rules.__path__[0], "_data")


def facts_source() -> str:
    """rules/_facts.py: one function per TOML file, returning its contents."""
    import pprint

    out = ['"""Generated from rules/_data/*.toml by `python -m edgelint.data`: do not edit."""', ""]
    for path in sorted(_data_folder().glob("*.toml")):
        text = pprint.pformat(parse_toml(path.stem), width=110, sort_dicts=False)
        out += ["", f"def {path.stem}():"]
        if "datetime.date(" in text:
            out.append("    import datetime")
        out += ["    return " + text.replace("\n", "\n" + " " * 11), ""]
    return "\n".join(out)


if __name__ == "__main__":  # regenerate rules/_facts.py after editing a TOML file
    _data_folder().parent.joinpath("_facts.py").write_text(facts_source(), "utf-8")
