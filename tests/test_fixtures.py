"""Each fixture file's findings must equal its `expect:` markers, exactly: (line, code) pairs."""

from pathlib import Path

import pytest

from edgelint.testing import expected_findings, lint_fixture

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# Deployment files with `# expect:` markers (JSON has no comments: its fixtures have their own tests).
_SUFFIXES = (".js", ".ts", ".tsx", ".py", ".yaml", ".yml", ".tf")
# Project fixtures link files across folders: tests/test_projects.py lints them as projects.
FILES = sorted(p for p in FIXTURES.rglob("*") if p.suffix in _SUFFIXES
               and "/corpus/" not in p.as_posix() and "/projects/" not in p.as_posix())


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(FIXTURES).as_posix() for p in FILES])
def test_fixture(path: Path) -> None:
    text = path.read_text("utf-8")
    result = lint_fixture(path)
    if "expect: not-edge" in text:  # ordinary code next to edge code must be skipped
        assert result.target is None and result.findings == [], result.findings
        return
    deployment = path.suffix in (".yaml", ".yml", ".tf")
    assert result.target is not None or deployment or "expect: EL001" in text, f"{path.name} was not linted as edge code"
    actual = {(f.line, f.code) for f in result.findings}
    expected = expected_findings(text)
    missing = sorted(expected - actual)
    unexpected = sorted((f.line, f.code, f.message) for f in result.findings if (f.line, f.code) not in expected)
    assert not missing and not unexpected, f"missing: {missing}\nunexpected: {unexpected}"


def test_fixture_corpus_is_substantial() -> None:
    valid = [p for p in FILES if "cloudfront/valid/" in p.as_posix()]
    assert len(valid) >= 12
    assert len(FILES) >= 40
