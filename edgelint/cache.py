"""The result cache: an unchanged code file is not linted again.

One JSON file per run configuration under `.edgelint_cache/` at the project root (its own
`.gitignore` keeps it out of version control). An entry is keyed by everything a code file's
result depends on: its bytes, its path below its config root, the effective config, the targets
deployment files give it, the command line's selection and forced target, and the edgelint
code and rule data (version, and the size and time of every module and data file). A changed
input is a different key, so an entry is never stale; entries not used for a long time are
dropped. Deployment files are always linted (their results depend on other files: the code
they package, sibling modules, manifests).

The file is JSON, not pickle: a cache folder committed to a repository is untrusted input. It
is read once and written once per run, atomically (write, then rename), so concurrent runs never
see a half-written file; the last writer wins and the others' new entries are simply recomputed.
Anything unreadable or of another format is ignored."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from edgelint import __version__
from edgelint.model import Edit, FileResult, Finding, Fix, Severity, Span, Target
from edgelint.records import fields

FORMAT = 1
CACHE_FOLDER = ".edgelint_cache"
# Entries kept at most; the least recently used go first.
MAX_ENTRIES = 50_000
_TARGET_FIELDS = tuple(f.name for f in fields(Target))
# A used entry's time is rewritten at most this often: a run that changes nothing writes nothing.
_REFRESH_SECONDS = 24 * 3600


def _hasher() -> Any:
    import hashlib

    return hashlib.blake2b(digest_size=16)


def code_fingerprint() -> str:
    """edgelint's own code and rule data: the version, and every module and data file's size and
    modification time (a development checkout changes without a version bump)."""
    import edgelint
    import edgelint.rules

    h = _hasher()
    h.update(f"{FORMAT} {__version__}".encode())
    for base in (Path(edgelint.__file__).parent, Path(edgelint.rules.__path__[0])):
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".toml")):
                    stat = os.stat(os.path.join(folder, name))
                    h.update(f"{folder}/{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return h.hexdigest()


class ResultCache:
    def __init__(self, folder: Path, run_key: str) -> None:
        self.folder = folder
        self.file = folder / f"results-{run_key}.json"
        self.entries: dict[str, list] = {}
        self.dirty = False
        self.hits = 0
        self._now = int(time.time())
        self._configs: dict[int, tuple[Any, str]] = {}
        self._load()

    @classmethod
    def for_run(cls, folder: Path, settings: Any) -> "ResultCache":
        h = _hasher()
        h.update(code_fingerprint().encode())
        h.update(repr((settings.select, settings.ignore, settings.extend_select, settings.cli_runtime,
                       settings.cli_event, settings.force_exclude, settings.discover)).encode())
        return cls(folder, h.hexdigest()[:16])

    def _load(self) -> None:
        try:
            data = json.loads(self.file.read_bytes())
        except (OSError, ValueError, RecursionError):
            return
        if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("entries"), dict):
            self.entries = data["entries"]

    # -- keys and entries ------------------------------------------------------------------
    def key(self, data: bytes, relpath: str, explicit: bool, config: Any, links: list[Target]) -> str:
        described = self._configs.get(id(config))
        if described is None:
            described = self._configs[id(config)] = (config, repr(config))  # config kept alive: ids stay unique
        h = _hasher()
        h.update(data)
        h.update(repr((relpath, explicit, described[1], links)).encode())
        return h.hexdigest()

    def get(self, key: str, path: str, data: bytes) -> FileResult | None:
        entry = self.entries.get(key)
        if not isinstance(entry, list) or len(entry) != 2:
            return None
        try:
            result = _decode(entry[1], path, data)
        except (TypeError, ValueError, KeyError, IndexError):
            return None  # a corrupt or foreign entry: lint the file instead
        if self._now - entry[0] > _REFRESH_SECONDS:  # keep it among the recently used
            entry[0] = self._now
            self.dirty = True
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        if any(f.code == "EL003" for f in result.findings):
            return  # edgelint's own failure (a missing module, a bug): never replay it
        self.entries[key] = [self._now, _encode(result)]
        self.dirty = True

    def save(self) -> None:
        """Write the cache atomically; a failure (read-only folder, full disk) is not an error."""
        if not self.dirty:
            return
        entries = self.entries
        if len(entries) > MAX_ENTRIES:
            newest = sorted(entries.items(), key=lambda item: item[1][0] if isinstance(item[1], list) else 0)
            entries = dict(newest[-MAX_ENTRIES:])
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by edgelint: the result cache is not for version control.\n*\n",
                                  "utf-8")
            fd, temp = tempfile.mkstemp(prefix=".results-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    # dumps, not dump: the C encoder, several times faster for a large cache
                    out.write(json.dumps({"format": FORMAT, "entries": entries}, separators=(",", ":")))
                os.replace(temp, self.file)
            except BaseException:
                with _suppress():
                    os.unlink(temp)
                raise
        except OSError:
            pass


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> bool:
        return True


# -- FileResult <-> JSON ------------------------------------------------------------------
def _target_out(target: Target | None) -> list | None:
    return None if target is None else [getattr(target, name) for name in _TARGET_FIELDS]


_TARGETS: dict[tuple, Target] = {}
_SEVERITIES = {s.value: s for s in Severity}


def _target_in(values: list | None) -> Target | None:
    """The same target for every file that has it (a thousand files share a handful)."""
    if values is None:
        return None
    key = tuple(values)
    target = _TARGETS.get(key)
    if target is None:
        target = _TARGETS[key] = Target(**dict(zip(_TARGET_FIELDS, values, strict=True)))
    return target


def _encode(result: FileResult) -> dict:
    targets = [result.target, *result.targets]
    table = []
    for target in targets + [f.target for f in result.findings]:
        if target is not None and target not in table:
            table.append(target)
    findings = []
    for f in result.findings:
        s = f.span
        fix = None if f.fix is None else [f.fix.message, f.fix.applicability,
                                          [[e.start, e.end, e.content] for e in f.fix.edits]]
        findings.append([f.code, f.name, f.severity.value, f.message, f.help, s.line, s.column, s.end_line,
                         s.end_column, s.start_offset, s.end_offset,
                         None if f.target is None else table.index(f.target), fix])
    return {"targets": [_target_out(t) for t in table],
            "target": None if result.target is None else table.index(result.target),
            "all": [table.index(t) for t in result.targets],
            "skipped": result.skipped_reason, "findings": findings}


def _decode(payload: dict, path: str, data: bytes) -> FileResult:
    table = [_target_in(t) for t in payload["targets"]]
    source = data.decode("utf-8-sig", "replace") if payload["findings"] else None
    findings = []
    for (code, name, severity, message, help_, line, column, end_line, end_column, start, end,
         target, fix) in payload["findings"]:
        findings.append(Finding(
            code, name, _SEVERITIES[severity], message, help_, path,
            Span(line, column, end_line, end_column, start, end),
            None if target is None else table[target],
            None if fix is None else Fix(fix[0], tuple(Edit(*e) for e in fix[2]), fix[1]),
            source))
    index = payload["target"]
    return FileResult(path, None if index is None else table[index], findings,
                      skipped_reason=payload["skipped"], source=source,
                      targets=[table[i] for i in payload["all"]])
