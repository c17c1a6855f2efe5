"""Find, read and validate `[tool.edgelint]` (pyproject.toml) or `edgelint.toml`."""

from __future__ import annotations

import re
import sys
from edgelint.records import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from edgelint.model import ALL_EVENTS, CLOUDFRONT_FUNCTION, CONNECTION_EVENT, CONNECTION_FUNCTION, LAMBDA_EDGE, Severity


CONFIG_FILES = ("edgelint.toml", "pyproject.toml")
BUILTIN_EXCLUDES = (".git", "node_modules", ".venv", "venv", "__pycache__", ".edgelint_cache")
CLOUDFRONT_RUNTIMES = ("cloudfront-js-1.0", "cloudfront-js-2.0")
# Every runtime name Lambda has used for Node.js and Python, deprecated ones included (nodejs8.10,
# nodejs4.3, python2.7): real projects still declare them, and DP002 reports the deprecation.
RUNTIME_RE = re.compile(r"^(cloudfront-js-[12]\.0|nodejs\d+\.(?:x|\d+)|python[23]\.\d+)$")


class ConfigError(Exception):
    """A problem with configuration or usage: reported in one line, exit status 2."""


@dataclass(frozen=True)
class FunctionEntry:
    paths: tuple[str, ...]
    runtime: str | None = None
    event: str | None = None
    memory: int | None = None
    timeout: int | None = None
    include_body: bool | None = None
    # The deployed code is this file with its exports removed (kept for unit tests, stripped by
    # the build): a CloudFront Function source that `export`s its handler.
    strip_exports: bool = False


@dataclass
class Config:
    path: Path | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # relative globs resolve from here
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    default_cloudfront_runtime: str = "cloudfront-js-2.0"
    default_cloudfront_runtime_set: bool = False  # written in the config (else inferred from code)
    region: str | None = None
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    functions: list[FunctionEntry] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)


def runtime_kind(runtime: str, event: str | None = None) -> str:
    """The kind of function a runtime (and event) names: the CloudFront Functions runtime serves
    both CloudFront Functions and Connection Functions, told apart by the connection event."""
    if not runtime.startswith("cloudfront-js"):
        return LAMBDA_EDGE
    return CONNECTION_FUNCTION if event == CONNECTION_EVENT else CLOUDFRONT_FUNCTION


def check_runtime(value: str, where: str) -> str:
    if not RUNTIME_RE.match(value):
        raise ConfigError(f"{where}: unknown runtime {value!r} (expected cloudfront-js-1.0, "
                          "cloudfront-js-2.0, nodejsNN.x (or an old nodejs8.10) or python3.NN)")
    return value


def check_event(value: str, where: str) -> str:
    if value not in ALL_EVENTS:
        raise ConfigError(f"{where}: unknown event {value!r} (expected one of {', '.join(ALL_EVENTS)})")
    return value


def check_pair(runtime: str | None, event: str | None, where: str) -> None:
    """The connection event belongs to Connection Functions, which run the CloudFront Functions runtime."""
    if event == CONNECTION_EVENT and runtime is not None and not runtime.startswith("cloudfront-js"):
        raise ConfigError(f"{where}: event {CONNECTION_EVENT!r} is for CloudFront Connection Functions, "
                          f"which run cloudfront-js-2.0, not {runtime}")


def find_config(start: Path, parents: bool = True) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config from `start` upward: edgelint.toml, or pyproject.toml with [tool.edgelint]."""
    for folder in (start, *start.parents) if parents else (start,):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _mentions_edgelint(candidate):
                continue  # no [tool.edgelint] possible: not worth a TOML parse on every run
            data = _read_toml(candidate)
            if name == "pyproject.toml":
                tool = data.get("tool")
                section = tool.get("edgelint") if isinstance(tool, dict) else None
                if section is None:
                    continue
                if not isinstance(section, dict):
                    raise ConfigError(f"{candidate}: [tool.edgelint] must be a table, not {type(section).__name__}")
                return candidate, section
            return candidate, data
    return None


def _mentions_edgelint(path: Path) -> bool:
    try:
        return b"edgelint" in path.read_bytes()
    except OSError:
        return True  # let the parse report why it cannot be read


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported only when a config file exists
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def load_config(explicit: Path | None, cwd: Path, known_codes: list[str]) -> Config:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        data = _read_toml(explicit)
        if explicit.name == "pyproject.toml":
            data = data.get("tool", {}).get("edgelint", {})
        return parse_config(data, explicit, known_codes)
    found = find_config(cwd.resolve())
    if found is None:
        return Config(root=cwd.resolve())
    return parse_config(found[1], found[0], known_codes)


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return list(value)


def _codes(value: Any, where: str, known_codes: list[str]) -> list[str]:
    codes = _strings(value, where)
    for code in codes:
        if code != "ALL" and not any(k.startswith(code) for k in known_codes):
            raise ConfigError(f"{where}: unknown rule code {code!r}")
    return codes


def parse_config(data: dict[str, Any], path: Path, known_codes: list[str]) -> Config:
    section = "[tool.edgelint]" if path.name == "pyproject.toml" else ""
    config = Config(path=path, root=path.parent.resolve())

    def where(key: str) -> str:
        return f"{path}: {section + ' ' if section else ''}{key}"

    from edgelint.schema import problems

    for problem in problems(data):  # the published JSON Schema first: shape, types, known keys
        raise ConfigError(f"{path}: {section + ' ' if section else ''}{problem}")

    for key, value in data.items():
        if key == "select":
            config.select = _codes(value, where(key), known_codes)
        elif key == "ignore":
            config.ignore = _codes(value, where(key), known_codes)
        elif key == "extend-select":
            config.extend_select = _codes(value, where(key), known_codes)
        elif key == "exclude":
            config.exclude = _strings(value, where(key))
        elif key == "extend-exclude":
            config.extend_exclude = _strings(value, where(key))
        elif key == "respect-gitignore":
            if not isinstance(value, bool):
                raise ConfigError(f"{where(key)}: expected true or false")
            config.respect_gitignore = value
        elif key == "default-cloudfront-runtime":
            if value not in CLOUDFRONT_RUNTIMES:
                raise ConfigError(f"{where(key)}: expected one of {', '.join(CLOUDFRONT_RUNTIMES)}")
            config.default_cloudfront_runtime = value
            config.default_cloudfront_runtime_set = True
        elif key == "region":
            if not isinstance(value, str):
                raise ConfigError(f"{where(key)}: expected a string")
            config.region = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where(key)}: expected a table of glob = [codes]")
            config.per_file_ignores = {
                glob: _codes(codes, where(f"{key}.{glob!r}"), known_codes) for glob, codes in value.items()}
        elif key == "functions":
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise ConfigError(f"{where(key)}: expected an array of tables ([[tool.edgelint.functions]])")
            config.functions = [_function_entry(entry, where(f"{key}[{i}]")) for i, entry in enumerate(value)]
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where(key)}: expected a table of CODE = \"error\"|\"warning\"|\"info\"")
            for code, level in value.items():
                _codes([code], where(f"{key}.{code}"), known_codes)
                if level not in ("error", "warning", "info"):
                    raise ConfigError(f"{where(f'{key}.{code}')}: expected \"error\", \"warning\" or \"info\"")
                config.severity[code] = Severity(level)
        else:
            raise ConfigError(f"{where(key)}: unknown key {key!r}{did_you_mean(key, CONFIG_KEYS)}")
    return config


CONFIG_KEYS = ("select", "ignore", "extend-select", "exclude", "extend-exclude", "respect-gitignore",
               "default-cloudfront-runtime", "region", "per-file-ignores", "functions", "severity")


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_FUNCTION_KEYS = {"paths", "runtime", "event", "memory", "timeout", "include-body", "strip-exports"}


def _function_entry(entry: dict[str, Any], where: str) -> FunctionEntry:
    unknown = set(entry) - _FUNCTION_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"{where}: unknown key {key!r}{did_you_mean(key, sorted(_FUNCTION_KEYS))}")
    if "paths" not in entry:
        raise ConfigError(f"{where}: missing 'paths'")
    paths = tuple(_strings(entry["paths"], f"{where}.paths"))
    runtime = entry.get("runtime")
    if runtime is not None:
        if not isinstance(runtime, str):
            raise ConfigError(f"{where}.runtime: expected a string")
        check_runtime(runtime, f"{where}.runtime")
    event = entry.get("event")
    if event is not None:
        if not isinstance(event, str):
            raise ConfigError(f"{where}.event: expected a string")
        check_event(event, f"{where}.event")
        check_pair(runtime, event, where)
    for key in ("memory", "timeout"):
        if key in entry and (not isinstance(entry[key], int) or isinstance(entry[key], bool)):
            raise ConfigError(f"{where}.{key}: expected an integer")
    include_body = entry.get("include-body")
    if include_body is not None and not isinstance(include_body, bool):
        raise ConfigError(f"{where}.include-body: expected true or false")
    strip = entry.get("strip-exports", False)
    if not isinstance(strip, bool):
        raise ConfigError(f"{where}.strip-exports: expected true or false")
    return FunctionEntry(paths, runtime, event, entry.get("memory"), entry.get("timeout"), include_body, strip)


# -- path globs ---------------------------------------------------------------------
# Patterns use gitignore semantics (`*`, `**`, `?`, `[ab]`, a trailing `/` for folders, a leading
# `/` to anchor at the root, `!` to re-include), matched by pathspec's GitIgnoreSpec, imported only
# when a config or .gitignore has patterns, so a plain one-file run does not pay for it.

_SPECS: dict[tuple[str, ...], Any] = {}


def pattern_spec(patterns: tuple[str, ...]) -> Any:
    spec = _SPECS.get(patterns)
    if spec is None:
        import pathspec

        lines = [p.strip()[2:] if p.strip().startswith("./") else p.strip() for p in patterns]
        spec = _SPECS[patterns] = pathspec.GitIgnoreSpec.from_lines(lines)
    return spec


def matches_any(patterns: Sequence[str], relpath: str, is_dir: bool = False) -> bool:
    """Whether a '/'-separated relative path is matched by a list of gitignore-style patterns
    (later `!pattern` lines re-include what earlier lines matched)."""
    if not patterns:
        return False
    if all(_PLAIN.match(p) for p in patterns):
        # Literal paths and names (`edge/redirect.js`, `dist/`, `vendor`), the common config: matched
        # here, with the same gitignore meaning, so a one-file run does not import pathspec.
        return any(_plain_match(p, relpath, is_dir) for p in patterns)
    return bool(pattern_spec(tuple(patterns)).match_file(relpath + "/" if is_dir else relpath))


_PLAIN = re.compile(r"^[^*?\[\]!\\\s#]+$")


def _plain_match(pattern: str, relpath: str, is_dir: bool) -> bool:
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    folder_only = pattern.endswith("/")
    # gitignore: a slash at the start or in the middle anchors the pattern at the root.
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    if not pattern:
        return False
    parts = relpath.split("/")
    if not anchored:
        # A bare name: that file or folder anywhere (a folder-only name matches folders, and
        # everything below one).
        hits = [i for i, part in enumerate(parts) if part == pattern]
        if not folder_only:
            return bool(hits)
        return any(i < len(parts) - 1 or is_dir for i in hits)
    # Anchored at the root: the path itself, or something below it.
    if relpath == pattern:
        return is_dir or not folder_only
    return relpath.startswith(pattern + "/")


def glob_match(pattern: str, relpath: str) -> bool:
    """One config glob (gitignore semantics) against a '/'-separated relative path; a folder
    pattern matches every file below it."""
    return matches_any((pattern,), relpath)


def builtin_excluded(relpath: str) -> bool:
    """Folders never linted (.git, node_modules, virtual environments, caches), anywhere on the way."""
    return any(part in BUILTIN_EXCLUDES for part in relpath.split("/"))
