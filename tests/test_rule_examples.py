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
        if code == "EL003":  # edgelint's own failure: no source triggers it by design
            continue
        assert len(rule.invalid) >= 2, code
        assert len(rule.valid) >= 2, code


def test_rule_index_matches_the_rules():
    """rules/_index.py lets a run import only the rules it needs; after adding or changing a
    rule (code, kinds, languages, uses), `python -m edgelint.rule` regenerates it."""
    from pathlib import Path

    import edgelint.rules
    from edgelint.rule import index_source

    assert Path(edgelint.rules.__path__[0], "_index.py").read_text("utf-8") == index_source()


def test_one_cloudfront_function_imports_only_its_rules():
    import subprocess
    import sys

    code = ("import sys; from edgelint.cli import run; run(['check', '--runtime', 'cloudfront-js-2.0', '-']); "
            "print(sorted(m.rsplit('.', 1)[-1][:5] for m in sys.modules if m.startswith('edgelint.rules.') "
            "and m.count('.') == 3 and not m.rsplit('.', 1)[-1].startswith('_')), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], input="function handler(event) { return event.request; }\n",
                          capture_output=True, text=True, timeout=60)
    loaded = eval(proc.stderr.strip().splitlines()[-1])
    assert loaded and all(name.startswith(("cf", "mg001", "el0")) for name in loaded), loaded


def test_compiled_facts_match_the_toml_files():
    """rules/_facts.py holds rules/_data/*.toml as Python (no TOML parse per run); after editing a
    TOML file, `python -m edgelint.data` regenerates it."""
    from pathlib import Path

    import edgelint.rules
    from edgelint.data import facts_source, parse_toml
    from edgelint.rules import _facts

    assert Path(edgelint.rules.__path__[0], "_facts.py").read_text("utf-8") == facts_source()
    for path in Path(edgelint.rules.__path__[0], "_data").glob("*.toml"):
        assert getattr(_facts, path.stem)() == parse_toml(path.stem)
