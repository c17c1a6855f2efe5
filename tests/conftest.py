from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class Run:
    def __init__(self, proc: subprocess.CompletedProcess) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr


@pytest.fixture
def run(tmp_path: Path):
    """Run the real CLI (`python -m edgelint`) in a temporary folder."""

    def _run(*args: str, cwd: Path | None = None, stdin: str | bytes | None = None) -> Run:
        data = stdin.encode() if isinstance(stdin, str) else stdin
        proc = subprocess.run([sys.executable, "-m", "edgelint", *args], cwd=cwd or tmp_path,
                              input=data, capture_output=True, timeout=120)
        return Run(subprocess.CompletedProcess(proc.args, proc.returncode,
                                               proc.stdout.decode("utf-8", "replace"),
                                               proc.stderr.decode("utf-8", "replace")))

    return _run


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path
