"""A short, fixed-seed run of the fuzz harness (benchmarks/fuzz.py): 2,000 mutated inputs across
every file family edgelint reads, each linted as `edgelint check` does (and code files through a
`--fix` round trip), in worker processes with a time limit. Any exception escaping a file, EL003,
hang, dead worker or broken fix fails the test with the failing inputs' reports.

The long run is a documented command: `python benchmarks/fuzz.py --inputs 100000 --lsp 5000 --seed 10`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import pytest  # noqa: E402
import fuzz  # noqa: E402


def test_generated_inputs_are_deterministic_and_cover_every_family():
    first = [(i, family, text) for i, family, text in fuzz.generate(300, seed=5)]
    again = list(fuzz.generate(300, seed=5))
    assert first == again
    assert {family for _, family, _ in first} == set(fuzz.FAMILIES)
    # The mutators reach the shapes that broke edgelint before.
    texts = [text for _, _, text in fuzz.generate(3000, seed=5)]
    assert any("\x00" in t for t in texts) and any("\x7f" in t for t in texts)
    assert any("[" * 50 in t or "(" * 50 in t for t in texts)
    assert any(len(t) > 500_000 for t in texts)


def test_short_fuzz_run_finds_nothing(tmp_path):
    # A generous time limit: this catches hangs, not slowness on a busy machine (the long run
    # holds every input to 5 s).
    summary = fuzz.run(2000, seed=20260101, timeout=20.0, out=tmp_path / "failures")
    assert summary["failures"] == 0, summary["examples"]
    assert sum(counter.get("inputs", 0) for counter in summary["per_family"].values()) == 2000
    assert summary["peak_mb"] < 1024


def test_short_language_server_fuzz_run():
    pytest.importorskip("pygls", reason="the language server needs the lsp extra")
    summary = fuzz.lsp_fuzz(400, seed=20260101)
    assert summary["failures"] == [] and summary["alive_at_end"] and summary["checks"] == 20, summary
