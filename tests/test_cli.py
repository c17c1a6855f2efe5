"""The command line end to end: formats, exit codes, selection, config, stdin, targets."""

from __future__ import annotations

import json
import sys

from conftest import write

CLEAN = "function handler(event) {\n  var request = event.request;\n  request.uri = '/index.html';\n  return request;\n}\n"
NETWORK = ("// edgelint: runtime=cloudfront-js-2.0 event=viewer-request\n"
           "var https = require('https');\n"
           "function handler(event) {\n  return event.request;\n}\n")
# 93 comment lines of 100 bytes: between 90 % and 100 % of 10,240 bytes, a CF008 warning.
NEAR_LIMIT = ("// " + "x" * 96 + "\n") * 93 + CLEAN


def test_clean_file_exits_zero(run, tmp_path):
    write(tmp_path, "edge/index.js", CLEAN)
    result = run("check", ".")
    assert result.code == 0, result.out + result.err
    assert "All checks passed!" in result.out


def test_error_exits_one_with_concise_lines(run, tmp_path):
    write(tmp_path, "edge/auth.js", NETWORK)
    result = run("check", "edge")
    assert result.code == 1
    assert "edge/auth.js:2:13: CF001 " in result.out
    assert "Found 1 error, 1 info." in result.out


def test_default_command_is_check(run, tmp_path):
    write(tmp_path, "auth.js", NETWORK)
    assert run("auth.js").code == 1
    assert run().code == 1


def test_exit_zero_and_max_warnings(run, tmp_path):
    write(tmp_path, "auth.js", NETWORK)
    assert run("--exit-zero", "auth.js").code == 0
    write(tmp_path, "big/fn.js", NEAR_LIMIT)
    assert run("big").code == 0
    assert run("--max-warnings", "0", "big").code == 1
    assert run("--max-warnings", "1", "big").code == 0


def test_json_output_fields(run, tmp_path):
    write(tmp_path, "auth.js", NETWORK)
    result = run("--output-format", "json", "auth.js")
    items = json.loads(result.out)
    cf001 = next(i for i in items if i["code"] == "CF001")
    for key in ("code", "name", "severity", "message", "help", "path", "line", "column",
                "end_line", "end_column", "fix", "target"):
        assert key in cf001
    assert cf001["severity"] == "error" and cf001["name"] == "network-access"
    assert (cf001["line"], cf001["column"], cf001["end_line"], cf001["end_column"]) == (2, 13, 2, 29)
    assert cf001["target"] == {"kind": "cloudfront-function", "runtime": "cloudfront-js-2.0",
                               "event": "viewer-request"}


def test_output_file(run, tmp_path):
    write(tmp_path, "auth.js", NETWORK)
    result = run("--output-format", "json", "-o", "report.json", "auth.js")
    assert result.code == 1 and result.out == ""
    assert json.loads((tmp_path / "report.json").read_text())[0]["code"] == "CF001"


def test_select_ignore_prefixes(run, tmp_path):
    write(tmp_path, "auth.js", NETWORK)
    assert run("--ignore", "CF", "auth.js").code == 0
    assert run("--select", "MG", "auth.js").code == 0
    result = run("--select", "CF0", "--ignore", "CF00", "--extend-select", "CF001", "auth.js")
    assert "CF001" in result.out
    bad = run("--select", "XX9", "auth.js")
    assert bad.code == 2 and bad.err.count("\n") == 1 and "XX9" in bad.err


def test_stdin_with_filename(run, tmp_path):
    result = run("check", "-", "--stdin-filename", "edge/auth.js", stdin=NETWORK)
    assert result.code == 1
    assert "edge/auth.js:2:13: CF001" in result.out


def test_config_discovery_and_per_file_ignores(run, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.edgelint]\nignore = ["MG001"]\n'
                                      '[tool.edgelint.per-file-ignores]\n"legacy/**" = ["CF001"]\n')
    write(tmp_path, "legacy/auth.js", NETWORK)
    write(tmp_path, "edge/auth.js", NETWORK)
    sub = tmp_path / "edge"
    result = run("--output-format", "json", ".", cwd=tmp_path)
    codes = {(i["path"], i["code"]) for i in json.loads(result.out)}
    assert codes == {("edge/auth.js", "CF001")}
    # Found from a subfolder too (nearest config upward).
    result = run("--output-format", "json", "auth.js", cwd=sub)
    assert {i["code"] for i in json.loads(result.out)} == {"CF001"}


def test_edgelint_toml_and_functions_entry(run, tmp_path):
    write(tmp_path, "edgelint.toml", '[[functions]]\npaths = ["edge/*.js"]\nruntime = "cloudfront-js-1.0"\n'
                                     'event = "viewer-request"\n')
    write(tmp_path, "edge/fn.js", "function handler(event) { return event.request; }\n")
    result = run("--show-targets", ".")
    assert "edge/fn.js: cloudfront-function cloudfront-js-1.0 viewer-request (edgelint.toml functions[0] matches)" in result.out


def test_bad_config_is_one_line_exit_two(run, tmp_path):
    write(tmp_path, "a.js", CLEAN)
    write(tmp_path, "pyproject.toml", '[tool.edgelint]\nselcet = ["CF"]\n')
    result = run("a.js")
    assert result.code == 2
    assert result.err.strip().count("\n") == 0
    assert "pyproject.toml" in result.err and "selcet" in result.err
    write(tmp_path, "pyproject.toml", '[tool.edgelint]\nignore = "CF001"\n')
    result = run("a.js")
    assert result.code == 2 and "ignore" in result.err and "list" in result.err
    write(tmp_path, "pyproject.toml", '[tool.edgelint]\nignore = ["CF999"]\n')
    result = run("a.js")
    assert result.code == 2 and "CF999" in result.err
    write(tmp_path, "pyproject.toml", '[tool.edgelint\n')
    result = run("a.js")
    assert result.code == 2 and "invalid TOML" in result.err and "Traceback" not in result.err


def test_missing_path_is_one_line_exit_two(run, tmp_path):
    write(tmp_path, "a.js", NETWORK)
    result = run("nope.js", "a.js")
    assert result.code == 2
    assert "nope.js: no such file or directory" in result.err
    assert "CF001" in result.out  # the other file is still linted


def test_show_targets_explains_decisions(run, tmp_path):
    write(tmp_path, "edge/fn.js", CLEAN)
    write(tmp_path, "edge/pinned.js", NETWORK)
    write(tmp_path, "server/app.js", "const express = require('express');\nmodule.exports = express();\n")
    write(tmp_path, "lambda/index.js", "exports.handler = async (event) => event.Records[0].cf.request;\n")
    result = run("--show-targets", ".")
    lines = dict(line.split(": ", 1) for line in result.out.splitlines())
    assert lines["edge/fn.js"].startswith("cloudfront-function cloudfront-js-2.0 viewer-request "
                                           "[guessed: kind, runtime, event] (heuristic")
    assert lines["edge/pinned.js"] == "cloudfront-function cloudfront-js-2.0 viewer-request (pragma on line 1)"
    assert lines["server/app.js"].startswith("skipped: not edge code")
    assert lines["lambda/index.js"].startswith("lambda-edge")


def test_runtime_flag_forces_target(run, tmp_path):
    write(tmp_path, "fn.js", "function handler(event) { return event.request; }\n")
    result = run("--show-targets", "--runtime", "cloudfront-js-1.0", "--event", "viewer-response", "fn.js")
    assert "cloudfront-function cloudfront-js-1.0 viewer-response" in result.out
    bad = run("--runtime", "java21", "fn.js")
    assert bad.code == 2 and "java21" in bad.err


def test_rules_and_rule_docs(run):
    result = run("rules", "--output-format", "json")
    rules = {r["code"]: r for r in json.loads(result.out)}
    assert {"EL001", "EL002", "CF001", "CF008", "MG001"} <= set(rules)
    doc = run("rule", "CF001").out
    assert doc.startswith("# network-access (CF001)")
    for section in ("## What it does", "## Why is this bad?", "## Example", "## References", "https://docs.aws.amazon.com"):
        assert section in doc
    assert run("rule", "ZZ001").code == 2


def test_version(run):
    from edgelint import __version__
    assert run("--version").out.strip() == f"edgelint {__version__}"


def test_inline_suppressions(run, tmp_path):
    write(tmp_path, "fn.js", "// edgelint: runtime=cloudfront-js-2.0 event=viewer-request\n"
                             "// edgelint: ignore[CF001] -- audited\n"
                             "var https = require('https');\n"
                             "var http = require('http'); // edgelint: ignore[CF001, CF005]\n"
                             "function handler(event) { return event.request; } // edgelint: file-ignore[MG001]\n")
    result = run("--output-format", "json", "fn.js")
    items = json.loads(result.out)
    # MG001 lists only blockers that are not suppressed: with both CF001 silenced it has nothing
    # to say, so the file-ignore[MG001] is unused too.
    assert [(i["code"], i["line"]) for i in items] == [("EL002", 4), ("EL002", 5)]
    assert "CF005" in items[0]["message"] and "MG001" in items[1]["message"]


def test_a_closed_pipe_ends_the_run_quietly(tmp_path):
    # `edgelint check . | head -1`: the reader leaves early; no BrokenPipeError traceback.
    import subprocess
    # Enough output to fill the pipe's buffer (64 KB) after the reader has gone.
    (tmp_path / "f.js").write_text("function handler(event) {\n" + "  fetch('x');\n" * 2000 + "  return event.request;\n}\n")
    proc = subprocess.Popen([sys.executable, "-m", "edgelint", "check", "--no-cache", "."], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode() if proc.stderr else ""
    assert proc.wait(60) == 1 and "Traceback" not in err and "BrokenPipe" not in err, err
