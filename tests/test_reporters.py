"""CI reporters: SARIF (validated against the official schema), GitHub workflow commands, GitLab
Code Quality, JUnit XML; `-o FILE` with every format; no progress bar off a terminal."""

from __future__ import annotations

import io
import json
import re
import os
import pty
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, write
from edgelint.model import Finding, Severity, Span
from edgelint.reporters import FORMATS, get_reporter


def _only_summary(err: str) -> bool:
    """Machine-readable reports keep stdout parseable: stderr has only the run's summary line."""
    return re.fullmatch(r"Checked \d+ files?: [^\n]*\.\n", err) is not None

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
EXAMPLE = "examples/edge-site"
AUTH = f"{EXAMPLE}/functions/auth-check.js"

# Three findings: CF001 (error), MG001 (info), CF014 (warning).
SOURCE = ("// edgelint: runtime=cloudfront-js-2.0 event=viewer-request\n"
          "function handler(event) {\n"
          "    var r = fetch('https://example.com');\n"
          "    console.log('a', 'b');\n"
          "    return event.request;\n"
          "}\n")


def _validate(log: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def _render(name: str, findings: list[Finding]) -> str:
    out = io.StringIO()
    get_reporter(name)(findings, out, False)
    return out.getvalue()


def _finding(code: str = "CF001", severity: Severity = Severity.ERROR, message: str = "bad",
             help: str = "fix it", path: str = "a.js", span: Span = Span(1, 1, 1, 2)) -> Finding:
    return Finding(code=code, name="network-access", severity=severity, message=message, help=help,
                   path=path, span=span)


# -- SARIF --------------------------------------------------------------------------

def test_sarif_for_the_example_project_is_schema_valid(run):
    result = run("check", "--output-format", "sarif", EXAMPLE, cwd=ROOT)
    assert result.code == 1, result.err
    assert _only_summary(result.err)
    log = json.loads(result.out)
    _validate(log)

    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    sarif_run = log["runs"][0]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "edgelint" and driver["version"] and driver["informationUri"].startswith("https://")
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    assert sarif_run["invocations"][0]["executionSuccessful"] is True

    # One known finding, exactly.
    cf001 = [r for r in sarif_run["results"] if r["ruleId"] == "CF001"]
    assert len(cf001) == 1
    location = cf001[0]["locations"][0]["physicalLocation"]
    assert cf001[0]["level"] == "error"
    assert location["artifactLocation"] == {"uri": AUTH, "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 5 and location["region"]["startColumn"] == 23
    assert "\nhelp: " in cf001[0]["message"]["text"]

    # Every result agrees with the JSON output of the same run.
    items = json.loads(run("check", "--output-format", "json", EXAMPLE, cwd=ROOT).out)
    assert len(items) == len(sarif_run["results"]) > 5
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for item, res in zip(items, sarif_run["results"]):
        region = res["locations"][0]["physicalLocation"]["region"]
        assert res["ruleId"] == item["code"]
        assert res["level"] == levels[item["severity"]]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            item["line"], item["column"], item["end_line"], item["end_column"])
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == item["path"]

    # The rules table: only rules with results, each pointed at by ruleIndex.
    rules = driver["rules"]
    assert sorted(r["id"] for r in rules) == sorted({i["code"] for i in items})
    from edgelint.rule import load_rules
    registry = load_rules()
    for res in sarif_run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    for rule in rules:
        cls = registry[rule["id"]]
        assert rule["name"] == cls.name
        assert rule["shortDescription"]["text"] == cls.summary
        assert 0 < len(rule["fullDescription"]["text"]) <= 1024
        assert rule["fullDescription"]["text"].split()[:3] == cls.doc().split("## What it does")[1].split()[:3]
        assert rule["help"] == {"text": cls.help, "markdown": cls.doc()}
        assert rule["helpUri"] == f"https://edgelint.github.io/edgelint/rules/{rule['id']}.html"
        assert rule["properties"].get("references", []) == list(cls.references)
        assert rule["defaultConfiguration"]["level"] == levels[cls.severity.value]
        assert rule["properties"]["precision"] and rule["properties"]["tags"]


def _sarif_results(run, cwd: Path) -> list[dict]:
    result = run("check", "--output-format", "sarif", "edge", cwd=cwd)
    log = json.loads(result.out)
    _validate(log)
    return log["runs"][0]["results"]


def test_sarif_fingerprints_survive_a_line_inserted_above(run, tmp_path):
    write(tmp_path, "edge/fn.js", SOURCE)
    before = _sarif_results(run, tmp_path)
    write(tmp_path, "edge/fn.js", SOURCE.replace("function handler", "\nfunction handler"))
    after = _sarif_results(run, tmp_path)

    assert [r["ruleId"] for r in before] == [r["ruleId"] for r in after]
    assert {r["ruleId"] for r in before} >= {"CF001", "CF014"}
    for old, new in zip(before, after):
        old_line = old["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert new["locations"][0]["physicalLocation"]["region"]["startLine"] == old_line + 1
        assert new["partialFingerprints"] == old["partialFingerprints"]
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in before]
    assert len(set(hashes)) == len(hashes)
    assert all(h.endswith(":1") for h in hashes)

    # Changing the flagged line's code (not its indentation) changes its fingerprint.
    write(tmp_path, "edge/fn.js", SOURCE.replace("var r = fetch", "  var r  =  fetch"))
    reindented = _sarif_results(run, tmp_path)
    assert [r["partialFingerprints"] for r in reindented] == [r["partialFingerprints"] for r in before]
    write(tmp_path, "edge/fn.js", SOURCE.replace("example.com", "example.org"))
    changed = {r["ruleId"]: r["partialFingerprints"] for r in _sarif_results(run, tmp_path)}
    assert changed["CF001"] != next(r["partialFingerprints"] for r in before if r["ruleId"] == "CF001")


def test_sarif_duplicate_lines_get_a_counter(run, tmp_path):
    line = "    fetch('https://example.com');\n"
    write(tmp_path, "edge/fn.js", SOURCE.replace("    return", line + line + "    return"))
    results = [r for r in _sarif_results(run, tmp_path) if r["ruleId"] == "CF001"]
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(hashes) == 3
    dup = [h for h in hashes if h.rsplit(":", 1)[0] == hashes[1].rsplit(":", 1)[0]]
    assert [h.rsplit(":", 1)[1] for h in dup] == ["1", "2"]


def test_sarif_of_directly_built_findings_is_schema_valid():
    findings = [_finding(path="dir with space/a#b.js", message="lone \ud800 surrogate"),
                _finding(code="ZZ999", severity=Severity.INFO)]
    log = json.loads(_render("sarif", findings))
    _validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "dir%20with%20space/a%23b.js"
    assert log["runs"][0]["results"][1]["level"] == "note"
    empty = json.loads(_render("sarif", []))
    _validate(empty)
    assert empty["runs"][0]["results"] == [] and empty["runs"][0]["tool"]["driver"]["rules"] == []


def test_sarif_describes_every_rule_within_githubs_limits():
    from edgelint.rule import load_rules
    registry = load_rules()
    findings = [Finding(code=code, name=cls.name, severity=cls.severity, message="m", help=cls.help,
                        path="/abs/x.js", span=Span(1, 1, 1, 2)) for code, cls in registry.items()]
    log = json.loads(_render("sarif", findings))
    _validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(registry)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert 0 < len(rule["fullDescription"]["text"]) <= 1024
        assert 0 < len(rule["properties"]["tags"]) <= 20
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///abs/x.js"}


# -- GitHub ---------------------------------------------------------------------------

def test_github_escaping_matches_the_toolkit():
    finding = _finding(message="100% sure: a, b\r\nnext line", help="use x: y, z",
                       path="dir,a/b:c%.js", span=Span(3, 5, 3, 9))
    expected = ("::error file=dir%2Ca/b%3Ac%25.js,line=3,col=5,endLine=3,endColumn=9,title=edgelint (CF001)"
                "::CF001 100%25 sure: a, b%0D%0Anext line%0Ahelp: use x: y, z\n")
    assert _render("github", [finding]) == expected


def test_github_multi_line_span_has_no_columns_and_severities_map():
    warning = _finding(code="CF006", severity=Severity.WARNING, message="m", help="h",
                       span=Span(3, 5, 6, 2))
    info = _finding(code="MG001", severity=Severity.INFO, message="m", help="h", span=Span(2, 1, 2, 4))
    assert _render("github", [warning, info]) == (
        "::warning file=a.js,line=3,endLine=6,title=edgelint (CF006)::CF006 m%0Ahelp: h\n"
        "::notice file=a.js,line=2,col=1,endLine=2,endColumn=4,title=edgelint (MG001)::MG001 m%0Ahelp: h\n")


def test_github_notes_the_annotation_limit():
    ten_each = ([_finding(span=Span(i, 1, i, 2)) for i in range(1, 11)]
                + [_finding(severity=Severity.WARNING, span=Span(i, 1, i, 2)) for i in range(1, 11)])
    lines = _render("github", ten_each).splitlines()
    assert len(lines) == 20 and all(line.startswith("::") for line in lines)

    for severity in (Severity.ERROR, Severity.WARNING):
        lines = _render("github", [_finding(severity=severity, span=Span(i, 1, i, 2))
                                   for i in range(1, 12)]).splitlines()
        assert len(lines) == 12
        note = lines[-1]
        assert not note.startswith("::") and "::" not in note
        assert "first 10 error and 10 warning annotations" in note
        assert "--output-format sarif" in note and "upload-sarif" in note


def test_github_format_from_the_cli(run, tmp_path):
    write(tmp_path, "edge/fn.js", SOURCE)
    result = run("check", "--output-format", "github", "edge")
    assert result.code == 1
    assert result.out.startswith("::")
    assert "::error file=edge/fn.js,line=3,col=13," in result.out
    assert "title=edgelint (CF001)::CF001 " in result.out


# -- GitLab ---------------------------------------------------------------------------

def _gitlab(run, cwd: Path) -> list[dict]:
    result = run("check", "--output-format", "gitlab", "edge", cwd=cwd)
    assert result.code == 1 and _only_summary(result.err)
    return json.loads(result.out)


def test_gitlab_code_quality_fields_and_stable_fingerprints(run, tmp_path):
    write(tmp_path, "edge/fn.js", SOURCE)
    issues = _gitlab(run, tmp_path)
    by_code = {i["check_name"]: i for i in issues}
    assert {"CF001", "CF014", "MG001"} <= set(by_code)
    cf001 = by_code["CF001"]
    assert cf001["description"].startswith("CF001: ") and "fetch" in cf001["description"]
    assert cf001["location"] == {"path": "edge/fn.js", "positions": {"begin": {"line": 3, "column": 13},
                                                                     "end": {"line": 3, "column": 41}}}
    assert (cf001["severity"], by_code["CF014"]["severity"], by_code["MG001"]["severity"]) == (
        "critical", "minor", "info")
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)

    write(tmp_path, "edge/fn.js", "\n\n" + SOURCE)
    moved = _gitlab(run, tmp_path)
    assert [i["fingerprint"] for i in moved] == fingerprints
    assert [i["location"]["positions"]["begin"]["line"] for i in moved] == [
        i["location"]["positions"]["begin"]["line"] + 2 for i in issues]

    # Identical lines in one file still get distinct fingerprints.
    line = "    fetch('https://example.com');\n"
    write(tmp_path, "edge/fn.js", SOURCE.replace("    return", line + line + "    return"))
    fingerprints = [i["fingerprint"] for i in _gitlab(run, tmp_path)]
    assert len(set(fingerprints)) == len(fingerprints)


# -- JUnit ----------------------------------------------------------------------------

def test_junit_parses_and_counts(run):
    result = run("check", "--output-format", "junit", EXAMPLE, cwd=ROOT)
    assert result.code == 1 and _only_summary(result.err)
    root = ET.fromstring(result.out)
    items = json.loads(run("check", "--output-format", "json", EXAMPLE, cwd=ROOT).out)
    assert root.tag == "testsuites" and root.get("name") == "edgelint"
    failing = [i for i in items if i["severity"] != "info"]
    assert any(i["severity"] == "info" for i in items)  # the example has migration advice
    assert root.get("tests") == str(len(items)) and root.get("failures") == str(len(failing))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == list(dict.fromkeys(i["path"] for i in items))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(items)
    for suite in suites:
        assert suite.get("failures") == str(len(suite.findall("testcase/failure")))
    for case, item in zip(cases, items):
        assert case.get("name") == item["code"]
        assert case.get("classname") == f"{item['path']}:{item['line']}:{item['column']}"
        text = f"{item['message']}\nhelp: {item['help']}"
        if item["severity"] == "info":  # advice passes, its text in the case's output
            assert case.find("failure") is None and case.find("system-out").text == text
            continue
        failure = case.find("failure")
        assert failure.get("type") == item["severity"] and failure.get("message") == item["message"]
        assert failure.text == text


def test_junit_escapes_markup_and_control_characters():
    finding = _finding(message='<a href="x">&amp;</a>\x01\x0b end\n2nd', help="h & <i>", path='p"<&>.js')
    root = ET.fromstring(_render("junit", [finding]))
    case = root.find("testsuite/testcase")
    assert root.find("testsuite").get("name") == 'p"<&>.js'
    assert case.find("failure").get("message") == '<a href="x">&amp;</a>\ufffd\ufffd end\n2nd'
    assert case.find("failure").text.endswith("help: h & <i>")
    empty = ET.fromstring(_render("junit", []))
    assert (empty.get("tests"), empty.get("failures")) == ("1", "0")
    assert empty.find("testsuite/testcase/failure") is None


# -- -o FILE, statistics, progress ----------------------------------------------------

def test_output_file_sarif(run, tmp_path):
    write(tmp_path, "edge/fn.js", SOURCE)
    result = run("check", "--output-format", "sarif", "-o", "report.sarif", "--statistics", "edge")
    assert result.code == 1, result.err
    log = json.loads((tmp_path / "report.sarif").read_text("utf-8"))
    _validate(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"CF001", "CF014"}
    # The report file stays pure SARIF; the statistics go to the terminal instead.
    assert "CF001  network-access" in result.out and "{" not in result.out


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_every_format(run, tmp_path, fmt):
    write(tmp_path, "edge/fn.js", SOURCE)
    (tmp_path / "out").mkdir()
    result = run("check", "--output-format", fmt, "--output-file", "out/report", "edge")
    assert result.code == 1 and result.out == "" and result.err == ""
    text = (tmp_path / "out" / "report").read_text("utf-8")
    assert "fn.js" in text
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(text)
    elif fmt == "junit":
        ET.fromstring(text)


def test_output_file_that_cannot_be_written(run, tmp_path):
    write(tmp_path, "edge/fn.js", SOURCE)
    result = run("check", "--output-format", "sarif", "-o", "missing/dir/report.sarif", "edge")
    assert result.code == 2
    assert "missing/dir/report.sarif" in result.err and "Traceback" not in result.err


def _many_files(folder: Path, n: int = 60) -> None:
    for i in range(n):
        write(folder, f"edge/fn{i:03}.js", SOURCE)


def test_no_progress_bar_when_stderr_is_not_a_terminal(run, tmp_path):
    _many_files(tmp_path)
    result = run("check", "edge")
    assert result.code == 1
    assert result.err == ""
    assert result.out.count("CF001") == 60


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal(tmp_path):
    _many_files(tmp_path)
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, "-m", "edgelint", "check", "edge"], cwd=tmp_path, stderr=slave,
                          stdout=subprocess.PIPE, env=env, timeout=120)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 1
    assert "Linting" in terminal and "/60" in terminal
    # The report itself is untouched.
    assert proc.stdout.decode().count("CF001") == 60 and "Linting" not in proc.stdout.decode()
