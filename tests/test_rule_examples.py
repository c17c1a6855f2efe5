"""Every rule's valid and invalid examples run as tests (Fixit style)."""

import pytest

from edgelint.rule import load_rules
from edgelint.testing import example_cases, run_example

CASES = example_cases(load_rules())


@pytest.mark.parametrize("rule, example, runtime, is_valid", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_example(rule, example, runtime, is_valid):
    if rule.engine_rule and is_valid:
        findings = run_example(rule, example, runtime)
        assert findings == []
        return
    findings = run_example(rule, example, runtime)
    if is_valid:
        assert findings == [], [f"{f.line}:{f.column} {f.message}" for f in findings]
        return
    assert findings, f"{rule.code} did not fire on:\n{example.code}"
    if example.line is not None:
        assert example.line in {f.line for f in findings}, [(f.line, f.message) for f in findings]
    if example.severity is not None:
        assert example.severity in {f.severity for f in findings}
    if example.message is not None:
        assert any(example.message in f.message for f in findings), [f.message for f in findings]


def test_every_rule_has_examples():
    for code, rule in load_rules().items():
        assert len(rule.invalid) >= 2, code
        assert len(rule.valid) >= 2, code
