"""Files a deployment file points at, read inside the project only.

A deployment file in a pull request is untrusted input: `CodeUri: ../..`, Terraform
`file("/dev/zero")` or a symlink to `/proc/kmsg` must not make edgelint walk the machine, block
on a FIFO or read without end. Every read that a deployment file directs goes through here:
inside the project root (symlinks resolved, none followed out of it), regular files only, and
bounded in bytes, files and time. Anything refused says why, for the finding that reports it."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import Iterator

# A file read for its text (a CloudFront Function's code, a trust policy, a source map).
MAX_TEXT_BYTES = 5 * 1024 * 1024
# A package folder measured for its size: beyond these it is reported as not measured.
MAX_PACKAGE_FILES = 50_000
MAX_PACKAGE_SECONDS = 5.0


class Refused(Exception):
    """Why a path was not read: outside the project, not a regular file, too large, unreadable."""


def resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # loops, over-long names, lone surrogates
        raise Refused(f"cannot resolve {path}: {exc}") from None


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, symlinks resolved, is `root` or below it."""
    try:
        real = resolved(path)
    except Refused:
        return False
    return real == root or root in real.parents


def check(path: Path, root: Path | None) -> Path:
    """The real path of `path` if it may be read: inside `root` (when given), a regular file or a
    folder. Raises Refused otherwise."""
    real = resolved(path)
    if root is not None and real != root and root not in real.parents:
        raise Refused(f"{path} is outside the project ({root})")
    try:
        mode = os.stat(real).st_mode
    except (OSError, ValueError) as exc:
        raise Refused(f"cannot read {path}: {exc}") from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise Refused(f"{path} is not a regular file (a device, FIFO or socket)")
    return real


def read_bytes(path: Path, root: Path | None, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a regular file inside the project, at most `limit` of them. Raises Refused."""
    real = check(path, root)
    if not os.path.isfile(real):
        raise Refused(f"{path} is a folder, not a file")
    try:
        with open(real, "rb") as handle:
            data = handle.read(limit + 1)
    except (OSError, ValueError) as exc:
        raise Refused(f"cannot read {path}: {exc}") from None
    if len(data) > limit:
        raise Refused(f"{path} is larger than {limit // 1048576} MB")
    return data


def read_text(path: Path, root: Path | None, limit: int = MAX_TEXT_BYTES) -> str:
    try:
        return read_bytes(path, root, limit).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(f"{path} is not UTF-8 text") from exc


def package_files(folder: Path, root: Path | None, excluded: set[str]) -> Iterator[Path]:
    """The regular files of a package folder, inside the project: no symlinked folder entered,
    no special file, at most MAX_PACKAGE_FILES files and MAX_PACKAGE_SECONDS. Raises Refused when
    a bound is reached, so a partial size is never taken for the whole."""
    check(folder, root)
    started = time.monotonic()
    count = 0
    for current, dirs, names in os.walk(folder):  # os.walk does not follow symlinked folders
        dirs[:] = sorted(d for d in dirs if d not in excluded)
        for name in sorted(names):
            file = Path(current) / name
            try:
                real = check(file, root)
            except Refused:
                continue  # a link out of the project or a special file: not part of the package
            if not os.path.isfile(real):
                continue
            count += 1
            if count > MAX_PACKAGE_FILES:
                raise Refused(f"{folder} holds more than {MAX_PACKAGE_FILES:,} files")
            if time.monotonic() - started > MAX_PACKAGE_SECONDS:
                raise Refused(f"measuring {folder} took more than {MAX_PACKAGE_SECONDS:.0f} s")
            yield real
