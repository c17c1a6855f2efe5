"""LE005 with the association's include-body setting, which only config/deployment files give."""

from pathlib import Path

import pytest

from edgelint.config import Config, FunctionEntry
from edgelint.engine import Linter, build_settings
from edgelint.model import LAMBDA_EDGE, Severity, Target

JS = """exports.handler = async (event) => {
  const { request } = event.Records[0].cf;
  const form = Buffer.from(request.body.data, 'base64').toString();
  return request;
};
"""
PY = """def handler(event, context):
    cf = event["Records"][0]["cf"]
    req = cf["request"]
    data = req["body"]["data"]
    return req
"""


def lint(text: str, name: str, runtime: str, event: str, include_body: bool | None) -> list:
    root = Path.cwd()
    entry = FunctionEntry((name,), runtime, event, include_body=include_body)
    config = Config(root=root, functions=[entry])
    result = Linter(build_settings(config), config).lint_text(text, str(root / name), name, explicit=True)
    assert result.target == Target(LAMBDA_EDGE, runtime, event, reason=result.target.reason,
                                   include_body=include_body)
    return [f for f in result.findings if f.code == "LE005"]


@pytest.mark.parametrize("text, name, runtime", [(JS, "edge.js", "nodejs22.x"), (PY, "edge.py", "python3.13")])
def test_include_body_true_allows_reading_the_request_body(text, name, runtime):
    assert lint(text, name, runtime, "origin-request", True) == []


@pytest.mark.parametrize("text, name, runtime", [(JS, "edge.js", "nodejs22.x"), (PY, "edge.py", "python3.13")])
def test_include_body_false_warns_and_says_so(text, name, runtime):
    findings = lint(text, name, runtime, "origin-request", False)
    assert [(f.line, f.severity) for f in findings] == [(findings[0].line, Severity.WARNING)]
    assert "does not set it" in findings[0].message


def test_include_body_does_not_expose_the_request_body_to_response_events():
    findings = lint(JS, "edge.js", "nodejs22.x", "origin-response", True)
    assert [(f.line, f.severity) for f in findings] == [(3, Severity.ERROR)]
