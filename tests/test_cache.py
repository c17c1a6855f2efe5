"""The result cache: reused only while every input of a file's result is unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import write

from edgelint import cache as cache_module

NETWORK = "function handler(event) {\n  fetch('https://example.com');\n  return event.request;\n}\n"
CLEAN = "function handler(event) {\n  return event.request;\n}\n"
LAMBDA = ("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
          "  request.headers['host'] = [{ key: 'Host', value: 'example.com' }];\n  return request;\n};\n")
TEMPLATE = """Transform: AWS::Serverless-2016-10-31
Resources:
  EdgeFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: index.handler
      Runtime: nodejs22.x
      AutoPublishAlias: live
      Role: arn:aws:iam::123456789012:role/edge
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          LambdaFunctionAssociations:
            - EventType: {event}
              LambdaFunctionARN: !Ref EdgeFn.Version
"""


def _codes(run, cwd: Path, *args: str) -> set[tuple[str, int, str]]:
    result = run("check", "--output-format", "json", *args, cwd=cwd)
    assert result.code in (0, 1), result.err
    return {(f["path"], f["line"], f["code"]) for f in json.loads(result.out)}


def _entries(folder: Path) -> dict:
    [file] = folder.glob("results-*.json")
    return json.loads(file.read_text("utf-8"))["entries"]


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_second_run_reuses_results_and_reports_the_same(run, tmp_path):
    project = _project(tmp_path)
    write(project, "edge/a.js", NETWORK)
    write(project, "edge/b.js", CLEAN)
    first = run("check", "--output-format", "json", ".", cwd=project)
    folder = project / ".edgelint_cache"
    assert (folder / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert len(_entries(folder)) == 2
    stamp = next(folder.glob("results-*.json")).stat().st_mtime_ns
    second = run("check", "--output-format", "json", ".", cwd=project)
    assert (second.code, second.out) == (first.code, first.out)
    assert next(folder.glob("results-*.json")).stat().st_mtime_ns == stamp  # nothing new: not rewritten
    # The cache folder is never linted itself.
    assert "Checked 2 files" in second.err


def test_editing_the_file_invalidates_its_entry(run, tmp_path):
    project = _project(tmp_path)
    path = write(project, "a.js", NETWORK)
    assert ("a.js", 2, "CF001") in _codes(run, project, ".")
    path.write_text(CLEAN, "utf-8")
    assert _codes(run, project, ".") == set()
    path.write_text(NETWORK, "utf-8")  # back to the first content: its entry is valid again
    assert ("a.js", 2, "CF001") in _codes(run, project, ".")


def test_editing_the_config_invalidates(run, tmp_path):
    project = _project(tmp_path)
    write(project, "a.js", NETWORK)
    assert ("a.js", 2, "CF001") in _codes(run, project, ".")
    write(project, "edgelint.toml", 'ignore = ["CF001"]\n')
    assert ("a.js", 2, "CF001") not in _codes(run, project, ".")
    write(project, "edgelint.toml", 'select = ["CF001"]\n')
    assert _codes(run, project, ".") == {("a.js", 2, "CF001")}


def test_editing_a_deployment_that_links_the_file_invalidates(run, tmp_path):
    project = _project(tmp_path)
    write(project, "src/index.js", LAMBDA)
    write(project, "template.yaml", TEMPLATE.format(event="origin-request"))
    # host is writable in origin-request, read-only in viewer-request.
    assert ("src/index.js", 3, "LE003") not in _codes(run, project, "src/index.js")
    write(project, "template.yaml", TEMPLATE.format(event="viewer-request"))
    assert ("src/index.js", 3, "LE003") in _codes(run, project, "src/index.js")
    assert ("src/index.js", 3, "LE003") in _codes(run, project, ".")


def test_a_change_of_edgelint_or_its_rule_data_invalidates(tmp_path, monkeypatch):
    from edgelint import __version__

    before = cache_module.code_fingerprint()
    monkeypatch.setattr(cache_module, "__version__", __version__ + ".post1")
    assert cache_module.code_fingerprint() != before
    monkeypatch.undo()
    # Rule data: a data file's size or time changes the fingerprint (a development checkout).
    facts = Path(cache_module.__file__).resolve().parent.parent / "rules" / "_facts.py"
    if not facts.exists():  # an installed package: rules live inside edgelint/
        facts = Path(cache_module.__file__).resolve().parent / "rules" / "_facts.py"
    stat = facts.stat()
    try:
        os.utime(facts, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert cache_module.code_fingerprint() != before
    finally:
        os.utime(facts, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache_module.code_fingerprint() == before


def test_command_line_selection_is_part_of_the_key(run, tmp_path):
    project = _project(tmp_path)
    write(project, "a.js", NETWORK)
    assert ("a.js", 2, "CF001") in _codes(run, project, ".")
    assert ("a.js", 2, "CF001") not in _codes(run, project, "--ignore", "CF001", ".")
    assert ("a.js", 2, "CF001") in _codes(run, project, ".")


def test_corrupt_or_foreign_cache_is_ignored(run, tmp_path):
    project = _project(tmp_path)
    write(project, "a.js", NETWORK)
    expected = _codes(run, project, ".")
    [file] = (project / ".edgelint_cache").glob("results-*.json")
    entries = json.loads(file.read_text("utf-8"))["entries"]
    for key in entries:  # a wrong-shaped entry under the right key
        entries[key] = [0, {"findings": [["CF001"]], "targets": []}]
    file.write_text(json.dumps({"format": 1, "entries": entries}), "utf-8")
    assert _codes(run, project, ".") == expected
    for garbage in (b"\x00\xff not json", b'{"format": 99, "entries": {}}', b"[]"):
        file.write_bytes(garbage)
        assert _codes(run, project, ".") == expected


def test_no_cache_cache_dir_and_environment(run, tmp_path):
    project = _project(tmp_path)
    write(project, "a.js", NETWORK)
    _codes(run, project, "--no-cache", ".")
    assert not (project / ".edgelint_cache").exists()
    elsewhere = tmp_path.parent / f"{tmp_path.name}-cache"
    _codes(run, project, "--cache-dir", str(elsewhere), ".")
    assert list(elsewhere.glob("results-*.json")) and not (project / ".edgelint_cache").exists()
    env = {**os.environ, "EDGELINT_CACHE_DIR": str(tmp_path / "from-env")}
    subprocess.run([sys.executable, "-m", "edgelint", "check", "."], cwd=project, env=env, capture_output=True,
                   timeout=60)
    assert list((tmp_path / "from-env").glob("results-*.json"))


def test_two_concurrent_runs_both_report_correctly(tmp_path):
    project = _project(tmp_path)
    for index in range(80):  # enough files for worker processes
        write(project, f"edge/f{index:02d}.js", NETWORK if index % 2 else CLEAN)
    command = [sys.executable, "-m", "edgelint", "check", "--output-format", "json", "."]
    expected = subprocess.run([*command, "--no-cache"], cwd=project, capture_output=True, timeout=120).stdout
    for _ in range(2):
        procs = [subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(2)]
        outputs = [proc.communicate(timeout=120)[0] for proc in procs]
        assert outputs == [expected, expected]
    assert len(_entries(project / ".edgelint_cache")) == 80
    assert not list((project / ".edgelint_cache").glob(".results-*"))  # no temporary file left


def test_an_internal_error_is_never_cached(tmp_path, monkeypatch):
    # A run in a broken environment (a dependency missing) must not leave EL003 for later runs.
    from edgelint.cache import ResultCache
    from edgelint.model import FileResult, Finding, Severity, Span

    cache = ResultCache(tmp_path, "run")
    bad = FileResult("fn.js", None, [Finding(code="EL003", name="internal-error", severity=Severity.ERROR,
                                             message="boom", help="", path="fn.js", span=Span(1, 1, 1, 1))])
    cache.put("k", bad)
    assert "k" not in cache.entries
