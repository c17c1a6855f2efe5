"""The pre-commit hooks, run by the real `pre-commit` exactly as a user's repository would:
pre-commit clones a git repository holding this project at a commit, pip-installs it into its own
environment (needs PyPI for the dependencies) and runs the hook on the repository's files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write

pytest.importorskip("pre_commit", reason="pre-commit is part of the test extra")
if shutil.which("git") is None:  # pragma: no cover
    pytest.skip("git is needed to run pre-commit", allow_module_level=True)

# What a clean checkout does not hold: build output, environments, caches.
NOT_IN_CHECKOUT = (".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
                   ".pytest_cache", ".ruff_cache", ".mypy_cache", "node_modules")

BROKEN = """\
function handler(event) {
    var request = event.request;
    setTimeout(function () {}, 10);
    return request;
}
"""
FIXED = """\
function handler(event) {
    var request = event.request;
    return request;
}
"""
# Files every repository has: pre-commit names them to the hook, edgelint must pass them quietly.
ORDINARY = {
    "web/app.js": "import React from 'react';\nexport default function App() { return <div>hi</div>; }\n",
    "web/util.js": "const fs = require('fs');\nmodule.exports = { read: (p) => fs.readFileSync(p) };\n",
    "scripts/tool.py": "import os\nprint(os.environ['HOME'])\n",
    "scripts/draft.py": "def broken(:\n    pass\n",
    "config.yaml": "name: demo\nitems: [1, 2\n",
    "package.json": '{"name": "demo", "private": true}\n',
    "infra/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "demo"\n}\n',
    # Excluded by the config: --force-exclude keeps it out even though pre-commit names it.
    "vendor/edge.js": BROKEN,
    "pyproject.toml": '[tool.edgelint]\nexclude = ["vendor/"]\n',
}


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout.strip()


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    git(path, "config", "user.email", "test@example.com")
    git(path, "config", "user.name", "edgelint test")
    git(path, "config", "commit.gpgsign", "false")
    return path


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory) -> tuple[Path, str]:
    """A clean copy of this project committed in its own git repository: (path, commit)."""
    repo = tmp_path_factory.mktemp("edgelint-hooks") / "edgelint"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(*NOT_IN_CHECKOUT))
    new_repo(repo)
    return repo, commit_all(repo, "edgelint")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """PRE_COMMIT_HOME shared by the tests: edgelint is installed once and reused."""
    return tmp_path_factory.mktemp("pre-commit-home")


def project_repo(path: Path, source: Path, rev: str, files: dict[str, str]) -> Path:
    project = new_repo(path)
    write(project, ".pre-commit-config.yaml",
          f"repos:\n  - repo: {source.as_posix()}\n    rev: {rev}\n    hooks:\n"
          "      - id: edgelint\n      - id: edgelint-fix\n")
    for name, text in files.items():
        write(project, name, text)
    commit_all(project, "initial")
    return project


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1"}
    env.pop("PRE_COMMIT", None)
    # The first run clones the hook repository and installs edgelint with its dependencies.
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
                          cwd=repo, capture_output=True, text=True, env=env, timeout=900)


def test_edgelint_hook_fails_on_a_broken_function_and_passes_once_fixed(hook_source, store, tmp_path):
    source, rev = hook_source
    project = project_repo(tmp_path / "project", source, rev, {"edge/redirect.js": BROKEN, **ORDINARY})

    failed = pre_commit(project, store, "edgelint", "--all-files")
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "edge/redirect.js:3:5: CF005" in output, output
    # Only the broken function is reported: the ordinary files and the excluded copy are not.
    reported = set(re.findall(r"^(\S+?):\d+:\d+: [A-Z]{2}\d{3} ", output, re.M))
    assert reported == {"edge/redirect.js"}, output
    assert "Found 1 error" in output, output
    assert "Traceback" not in output, output

    write(project, "edge/redirect.js", FIXED)
    commit_all(project, "fix")
    passed = pre_commit(project, store, "edgelint", "--all-files")
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output and "CF005" not in output, output


FIXABLE = """\
function handler(event) {
    console.log("uri", event.request.uri);
    event.request.headers["X-Edge"] = { value: "1" };
    return event.request;
}
"""


def test_edgelint_fix_hook_rewrites_the_file(hook_source, store, tmp_path):
    source, rev = hook_source
    project = project_repo(tmp_path / "project", source, rev, {"edge/headers.js": FIXABLE, **ORDINARY})

    fixed = pre_commit(project, store, "edgelint-fix", "--all-files")
    output = fixed.stdout + fixed.stderr
    # pre-commit fails a hook that modified files, so the user reviews and stages the fix.
    assert fixed.returncode == 1, output
    assert "files were modified by this hook" in output, output
    text = (project / "edge/headers.js").read_text()
    assert "console.log(\"uri\" + ' ' + event.request.uri);" in text, text
    assert 'headers["x-edge"]' in text, text
    # The ordinary files were named to the hook too, and left untouched.
    for name, original in ORDINARY.items():
        assert (project / name).read_text() == original, name

    commit_all(project, "apply fixes")
    again = pre_commit(project, store, "--all-files")
    output = again.stdout + again.stderr
    assert again.returncode == 0, output
    assert output.count("Passed") == 2, output
    # One environment for both hooks and both tests.
    envs = [p for p in store.iterdir() if p.is_dir() and p.name.startswith("repo")]
    assert len(envs) == 1, envs


def test_hook_on_one_changed_file_uses_the_template_elsewhere_in_the_repository(hook_source, store, tmp_path):
    """pre-commit names only the changed code file; its event comes from a SAM template in
    another folder, which the hook must still read (the finding exists only in viewer-request)."""
    source, rev = hook_source
    example = ROOT / "examples" / "edge-site"
    files = {"infra/template.yaml": (example / "template.yaml").read_text("utf-8").replace(
                 "CodeUri: lambda/auth/", "CodeUri: ../lambda/auth/"),
             "lambda/auth/index.js": (example / "lambda" / "auth" / "index.js").read_text("utf-8"),
             **ORDINARY}
    project = project_repo(tmp_path / "project", source, rev, files)
    write(project, "lambda/auth/index.js", files["lambda/auth/index.js"] + "// touched\n")
    git(project, "add", "lambda/auth/index.js")
    result = pre_commit(project, store, "edgelint")  # the staged files only, as on `git commit`
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "lambda/auth/index.js:17:3: LE003" in output, output
    assert "cannot be added in viewer-request" in output, output
