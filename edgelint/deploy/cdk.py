"""cdk.out back to source: which project file each synthesized function was built from.

`cdk synth` writes what it deploys into cdk.out: Lambda code as `asset.<hash>/` folders (a copy
of a folder for `Code.fromAsset`, an esbuild bundle for `NodejsFunction`) and CloudFront
Functions code as strings in the template (`FunctionCode.fromFile` reads a file into it). Users
edit the source, so findings belong there: the template gives the source its target, and the
copies in cdk.out are not linted a second time."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

# esbuild (unminified, as NodejsFunction bundles by default) starts each module's code with a
# comment naming its path relative to the bundling folder; the entry module comes last.
_ESBUILD_MODULE_RE = re.compile(r"^// ((?:[\w@.+-]+/)*[\w@.+-]+\.(?:[cm]?[jt]sx?))$", re.M)
_SOURCE_MAP_RE = re.compile(r"^//# sourceMappingURL=([^\s]+\.map)\s*$", re.M)
_CODE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx", ".py")
_SKIP_FOLDERS = {".git", "node_modules", "cdk.out", ".venv", "venv", "__pycache__", "dist", "build", ".aws-sam"}
# Folders above cdk.out where a bundle's module paths may start (NodejsFunction bundles from the
# folder of the lock file, which in a monorepo is above the CDK app).
_MAX_ROOT_LEVELS = 4
# A project with more code files than this is not indexed for copies (bounded cost).
_MAX_INDEXED = 20_000

_indexes: dict[Path, dict[int, list[Path]]] = {}


def is_cdk_out(deployment_path: Path) -> bool:
    return (deployment_path.parent / "manifest.json").is_file()


def app_folder(deployment_path: Path) -> Path:
    """The CDK app a cdk.out template belongs to: the folder holding cdk.out."""
    return deployment_path.parent.parent.resolve()


def asset_sources(handler_files: list[Path], app: Path) -> list[tuple[Path, str]]:
    """(source file, how it was found) for each file of a function's asset that the handler
    names: the entry of an esbuild bundle, or the project file the asset copied."""
    from edgelint.deploy.files import Refused, read_bytes

    found: list[tuple[Path, str]] = []
    for file in handler_files:
        try:
            data = read_bytes(file, app)
        except Refused:
            continue
        text = data.decode("utf-8", "replace")
        source = _from_source_map(file, text, app) or _from_bundle(text, app)
        if source is not None:
            found.append((source, f"bundled into {_short(file, app)}"))
            continue
        copy = identical_file(app, data, file.name)
        if copy is not None:
            found.append((copy, f"copied to {_short(file, app)}"))
    return found


def identical_file(app: Path, data: bytes, prefer_name: str | None = None) -> Path | None:
    """A project file (outside cdk.out, node_modules) whose bytes are `data`."""
    candidates = [p for p in _index(app).get(len(data), ()) if _same(p, data)]
    if not candidates:
        return None
    named = [p for p in candidates if p.name == prefer_name]
    return sorted(named or candidates)[0]


def inline_source(app: Path, code: str) -> Path | None:
    """The project file a CloudFront Function's template code was read from (`fromFile`)."""
    return identical_file(app, code.encode("utf-8"))


def _same(path: Path, data: bytes) -> bool:
    from edgelint.deploy.files import Refused, read_bytes

    try:
        return read_bytes(path, None, limit=len(data)) == data
    except Refused:
        return False


def _index(app: Path) -> dict[int, list[Path]]:
    """Code files under the CDK app by size: copies are found by comparing equal-sized files."""
    index = _indexes.get(app)
    if index is not None:
        return index
    index = {}
    count = 0
    for folder, dirs, files in os.walk(app):
        dirs[:] = [d for d in dirs if d not in _SKIP_FOLDERS and not d.startswith(".")]
        for name in files:
            if name.endswith(_CODE_SUFFIXES):
                path = Path(folder, name)
                try:
                    index.setdefault(path.stat().st_size, []).append(path)
                except OSError:
                    continue
                count += 1
        if count > _MAX_INDEXED:
            index = {}
            break
    _indexes[app] = index
    return index


def _roots(app: Path) -> list[Path]:
    return [app, *list(app.parents)[:_MAX_ROOT_LEVELS]]


def _from_bundle(text: str, app: Path) -> Path | None:
    modules = [m for m in _ESBUILD_MODULE_RE.findall(text) if "node_modules/" not in m]
    for module in reversed(modules):
        for root in _roots(app):
            candidate = root / module
            if candidate.is_file() and "cdk.out" not in candidate.parts:
                return candidate.resolve()
    return None


def _from_source_map(file: Path, text: str, app: Path) -> Path | None:
    match = _SOURCE_MAP_RE.search(text)
    if match is None:
        return None
    from edgelint.deploy.files import Refused, read_text

    map_file = file.parent / match.group(1)
    try:
        sources = json.loads(read_text(map_file, app)).get("sources")
    except (Refused, ValueError, AttributeError, RecursionError):
        return None
    if not isinstance(sources, list):
        return None
    for source in reversed([s for s in sources if isinstance(s, str) and "node_modules/" not in s]):
        candidate = (map_file.parent / source).resolve()
        if candidate.is_file() and "cdk.out" not in candidate.parts:
            return candidate
        # Bundled in a temporary folder: match the path's tail against the app.
        tail = source.lstrip("./")
        for root in _roots(app):
            if (root / tail).is_file():
                return (root / tail).resolve()
    return None


def _short(file: Path, app: Path) -> str:
    """cdk.out/asset.3f0c9a4e…/index.js: the hash cut to what tells assets apart."""
    try:
        parts = list(file.resolve().relative_to(app).parts)
    except ValueError:
        return file.name
    parts = [p[:14] + "…" if p.startswith("asset.") and len(p) > 15 else p for p in parts]
    return "/".join(parts)
