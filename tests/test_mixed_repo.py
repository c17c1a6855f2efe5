"""A repository mixing edge and ordinary code: findings only for edge files, every decision shown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPO = ROOT / "fixtures" / "mixed-repo"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edgelint", "check", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def test_only_edge_files_are_targets():
    lines = dict(line.split(": ", 1) for line in _run("--show-targets", ".").stdout.splitlines())
    assert lines["edge/security-headers.js"].startswith("lambda-edge nodejs22.x")
    assert lines["edge/pretty_urls.py"].startswith("lambda-edge python3.13")
    assert lines["edge/www-redirect.js"].startswith("cloudfront-function cloudfront-js-2.0 viewer-request")
    for ordinary in ("server/app.js", "lambdas/api.js", "lambdas/sqs_worker.py", "webapp/views.py", "scripts/build.js"):
        assert lines[ordinary].startswith("skipped: "), (ordinary, lines[ordinary])
    # The reasons name what was looked for.
    assert "exports it" in lines["server/app.js"]
    assert "Records[0].cf" in lines["lambdas/sqs_worker.py"]


def test_findings_only_in_edge_files():
    proc = _run("--output-format", "json", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == []
    # The ordinary files really would be flagged as edge code: process.env, fs, os.environ ...
    forced = subprocess.run([sys.executable, "-m", "edgelint", "check", "--output-format", "json",
                             "--runtime", "cloudfront-js-2.0", "scripts/build.js"], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert {i["code"] for i in json.loads(forced.stdout)} & {"CF003", "CF010"}
