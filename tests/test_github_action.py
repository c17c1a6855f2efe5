"""The GitHub Action: action.yml's steps run as a runner runs them, on the example project."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def _step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s["name"] == name)


def _expand(text: str, inputs: dict[str, str]) -> str:
    """Substitute `${{ inputs.x }}` as the runner does (defaults for inputs not given)."""
    def value(match: re.Match) -> str:
        name = match.group(1)
        return inputs.get(name, ACTION["inputs"][name].get("default", ""))
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", value, text)


def _run_lint_step(tmp_path: Path, inputs: dict[str, str], cwd: Path) -> tuple[subprocess.CompletedProcess, dict]:
    """The "Run edgelint" step with bash, its env expanded; the installed venv is this Python."""
    step = _step("Run edgelint")
    runner_temp = tmp_path / "runner-temp"
    (runner_temp / "edgelint-venv" / "bin").mkdir(parents=True)
    launcher = runner_temp / "edgelint-venv" / "bin" / "python"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')  # a symlink would lose the venv
    launcher.chmod(0o755)
    output = tmp_path / "github-output"
    env = {**os.environ, "RUNNER_TEMP": str(runner_temp), "GITHUB_OUTPUT": str(output),
           **{k: _expand(v, inputs) for k, v in step["env"].items()}}
    env["PYTHONPATH"] = str(ROOT)  # this checkout's edgelint, as the install step would give
    proc = subprocess.run(["bash", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines()) if output.exists() else {}
    return proc, outputs


def test_action_is_a_composite_that_installs_from_its_own_checkout():
    assert ACTION["runs"]["using"] == "composite"
    assert {"paths", "args", "sarif-file"} <= set(ACTION["inputs"])
    install = _step("Install edgelint from this action's checkout")["run"]
    assert "$GITHUB_ACTION_PATH" in install and "pip install" in install
    assert ACTION["outputs"]["exit-code"]["value"] == "${{ steps.lint.outputs.exit-code }}"


def test_action_on_the_example_project(tmp_path):
    sarif = tmp_path / "edgelint.sarif"
    proc, outputs = _run_lint_step(tmp_path, {"paths": "examples/edge-site", "sarif-file": str(sarif)}, ROOT)
    cli = subprocess.run([sys.executable, "-m", "edgelint", "check", "examples/edge-site"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert proc.returncode == cli.returncode == 1, proc.stderr
    assert outputs == {"exit-code": "1"}
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=examples/edge-site/functions/auth-check.js,line=5") for line in annotations)
    assert any("CN002" in line for line in annotations)
    log = json.loads(sarif.read_text("utf-8"))
    jsonschema.validate(log, SCHEMA)
    results = log["runs"][0]["results"]
    assert len(results) == len([a for a in annotations if a.startswith(("::error", "::warning", "::notice"))])
    assert all(rule.get("helpUri", "").endswith(f"/rules/{rule['id']}.html")
               for rule in log["runs"][0]["tool"]["driver"]["rules"])


def test_action_passes_args_and_fails_like_the_cli(tmp_path):
    proc, outputs = _run_lint_step(tmp_path, {"paths": "examples/edge-site/functions/spa-rewrite.js examples/edge-site/server",
                                              "args": "--select CF --max-warnings 0"}, ROOT)
    assert proc.returncode == 0 and outputs == {"exit-code": "0"}, proc.stdout + proc.stderr


def test_a_config_error_is_exit_two_and_leaves_no_sarif(tmp_path):
    (tmp_path / "edgelint.toml").write_text("select = 3\n")
    (tmp_path / "fn.js").write_text("function handler(event) { return event.request; }\n")
    sarif = tmp_path / "out.sarif"
    proc, outputs = _run_lint_step(tmp_path, {"sarif-file": str(sarif)}, tmp_path)
    assert proc.returncode == 2 and outputs == {"exit-code": "2"}
    assert not sarif.exists() and "::error title=edgelint::" in proc.stdout
