"""The README's two commands are the contract with a fresh machine; CI must run the second."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_two_commands():
    commands = _commands()
    assert len(commands) >= 2
    lint, test = commands[0], commands[1]
    assert "edgelint check examples/edge-site" in lint
    assert "pytest" in test and "pip install" in test
    readme = (ROOT / "README.md").read_text("utf-8")
    # Both commands come before any other section.
    assert readme.index(test) < readme.index("\n## ")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert _commands()[1] in ci
