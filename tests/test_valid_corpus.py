"""Must-show 1: valid CloudFront Functions in the style of AWS's examples give zero errors on
cloudfront-js-2.0, and the 1.0-compatible ones zero errors on cloudfront-js-1.0."""

from __future__ import annotations

from pathlib import Path

import pytest

from edgelint.config import Config
from edgelint.engine import build_settings, lint_source
from edgelint.model import Severity

VALID = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "cloudfront" / "valid").glob("*.js"))
# Written for 1.0: they use its non-standard string methods, which 2.0 removed.
ONLY_10 = {"jwt-verify-legacy.js"}


def _errors(path: Path, runtime: str) -> list[str]:
    settings = build_settings(Config(), cli_runtime=runtime)
    result = lint_source(path.read_text("utf-8"), path.name, settings)
    return [f"{f.line}: {f.code} {f.message}" for f in result.findings if f.severity == Severity.ERROR]


def _runtime_of(path: Path) -> str:
    return "cloudfront-js-1.0" if "runtime=cloudfront-js-1.0" in path.read_text("utf-8").splitlines()[0] else "cloudfront-js-2.0"


@pytest.mark.parametrize("path", [p for p in VALID if p.name not in ONLY_10], ids=lambda p: p.name)
def test_zero_errors_on_20(path: Path) -> None:
    assert _errors(path, "cloudfront-js-2.0") == []


@pytest.mark.parametrize("path", [p for p in VALID if _runtime_of(p) == "cloudfront-js-1.0"], ids=lambda p: p.name)
def test_zero_errors_on_10(path: Path) -> None:
    assert _errors(path, "cloudfront-js-1.0") == []


def test_corpus_covers_the_aws_example_shapes() -> None:
    texts = {p.name: p.read_text("utf-8") for p in VALID}
    joined = "\n".join(texts.values())
    assert len([p for p in VALID if p.name not in ONLY_10]) >= 12
    assert len([p for p in VALID if _runtime_of(p) == "cloudfront-js-1.0"]) >= 6
    for needle in ("await kvsHandle.get(", "createHmac(", ".digest('base64url')", "Buffer.from(",
                   "'base64url')", "cf.updateRequestOrigin(", "async function handler", "`", ".forEach(",
                   "for (const name in ", "statusCode: 302", "location:"):
        assert needle in joined, needle
