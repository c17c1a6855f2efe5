"""The bundled example project (the README's first command): findings only in the broken functions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = {
    ("connection/partner-mtls.js", 5, "CN002"),  # the deny goes on to read the missing certificate
    ("functions/auth-check.js", 2, "MG001"),
    ("functions/auth-check.js", 5, "CF001"),
    ("functions/auth-check.js", 5, "CF010"),
    ("functions/auth-check.js", 9, "CF010"),
    ("functions/lambda-shaped.js", 3, "CF007"),
    ("functions/lambda-shaped.js", 4, "CF009"),
    ("functions/lambda-shaped.js", 8, "CF009"),
    ("functions/legacy-redirect.js", 3, "CF006"),
    ("functions/legacy-redirect.js", 4, "CF006"),
    ("functions/legacy-redirect.js", 7, "CF013"),
    ("functions/legacy-redirect.js", 8, "CF012"),
    # The Lambda@Edge function gets viewer-request from template.yaml, which also sets 512 MB.
    ("lambda/auth/index.js", 17, "LE003"),
    ("template.yaml", 12, "DP006"),
}


def test_example_project_findings() -> None:
    proc = subprocess.run([sys.executable, "-m", "edgelint", "check", "--output-format", "json",
                           "examples/edge-site"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    found = {(i["path"].removeprefix("examples/edge-site/"), i["line"], i["code"]) for i in json.loads(proc.stdout)}
    assert found == EXPECTED


def test_example_config_is_found_next_to_the_files() -> None:
    proc = subprocess.run([sys.executable, "-m", "edgelint", "check", "--show-targets", "examples/edge-site"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "legacy-redirect.js: cloudfront-function cloudfront-js-1.0 viewer-request (pyproject.toml functions[0] matches)" in proc.stdout
    assert "server/app.js: skipped" in proc.stdout
    assert "lambda/auth/index.js: lambda-edge nodejs22.x viewer-request (deployment template.yaml: AuthFunction on viewer-request)" in proc.stdout
