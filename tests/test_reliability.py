"""Bad input never aborts a run: regression tests for every crash, hang and blow-up found by the
generated-input run of issue 15 (minimal reproducers), and the project boundary for files a
deployment file points at."""

from __future__ import annotations

import ast
import json
import os
import time
from pathlib import Path

import pytest

from conftest import write


def _findings(run, cwd: Path, *args: str) -> tuple[int, list[dict], str]:
    result = run("check", "--output-format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.err, result.err
    return result.code, json.loads(result.out) if result.out.strip() else [], result.err


# -- exceptions that escaped a file --------------------------------------------------------

def test_yaml_control_character_is_el001_with_its_position(run, tmp_path):
    write(tmp_path, "template.yaml", "Resources:\n  A:\n    Type: AWS::Lambda::Function\n"
                                     "    Properties:\n      Handler: \"a\x7fb\"\n")
    code, items, err = _findings(run, tmp_path, "template.yaml")
    assert code == 1 and "no edge code" not in err  # a finding was reported: not "nothing checked"
    [item] = items
    assert (item["code"], item["line"]) == ("EL001", 5) and "U+007F" in item["message"]


def test_yaml_escape_out_of_unicode_is_el001(run, tmp_path):
    write(tmp_path, "template.yaml", "Resources:\n  A:\n    Type: AWS::Lambda::Function\n"
                                     "    Properties:\n      Handler: \"\\U0011ffff\"\n")
    code, items, _ = _findings(run, tmp_path, "template.yaml")
    assert code == 1 and [i["code"] for i in items] == ["EL001"]


def test_python_name_libcst_refuses_is_el001(run, tmp_path):
    write(tmp_path, "edge.py", "def handler(event, context):\n    a\u200db = 1\n"
                               "    return event['Records'][0]['cf']['request']\n")
    code, items, _ = _findings(run, tmp_path, "edge.py")
    assert code == 1 and [i["code"] for i in items] == ["EL001"]


def test_python_lone_surrogate_bytes_is_el001(run, tmp_path):
    write(tmp_path, "edge.py", b"def handler(event, context):\n    x = '\xed\xa0\x80'\n"
                               b"    return event['Records'][0]['cf']['request']\n")
    code, items, _ = _findings(run, tmp_path, "edge.py")
    assert code == 1 and [i["code"] for i in items] == ["EL001"] and "UTF-8" in items[0]["message"]


def test_python_literal_with_nul_escape_is_read_without_compiling(run, tmp_path):
    # LE006 measured this literal by compiling it: a SyntaxError escaped the file.
    body = "x" * 50_000
    write(tmp_path, "edge.py", "def handler(event, context):\n    request = event['Records'][0]['cf']['request']\n"
                               f"    return {{'status': '200', 'body': 'a\\x00\\0{body}'}}\n")
    code, items, _ = _findings(run, tmp_path, "--event", "viewer-request", "edge.py")
    assert "EL003" not in {i["code"] for i in items} and code in (0, 1)


@pytest.mark.parametrize("config", [
    "[tool.edgelint]\nselect = " + "[" * 2000 + "]" * 2000 + "\n",
    "[tool.edgelint]\nper-file-ignores = [\"a\"]\n",
    "[tool.edgelint]\nfunctions = 3\n",
    "[tool.edgelint.functions]\na = 1\n",
    "[tool.edgelint]\nseverity = [1]\n",
    "[tool]\nedgelint = 5\n",
])
def test_wrong_config_is_one_line_exit_two(run, tmp_path, config):
    write(tmp_path, "pyproject.toml", config)
    write(tmp_path, "fn.js", "function handler(event) { return event.request; }\n")
    result = run("check", "fn.js", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert result.err.strip().count("\n") == 0 and "Traceback" not in result.err and "pyproject.toml" in result.err


def test_pyproject_whose_tool_is_not_a_table_is_not_a_config(run, tmp_path):
    # `tool = 1` crashed with AttributeError; it holds no [tool.edgelint], so it is not ours.
    write(tmp_path, "pyproject.toml", "tool = 1\n")
    write(tmp_path, "fn.js", "function handler(event) { return event.request; }\n")
    result = run("check", "fn.js", cwd=tmp_path)
    assert result.code == 0 and "Traceback" not in result.err


# -- containment -----------------------------------------------------------------------------

def test_a_bug_on_one_file_is_el003_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    import edgelint.rules.cloudfront.cf001_network_access as cf001
    from edgelint.cli import run as run_cli

    write(tmp_path, "a.js", "function handler(event) { fetch('x'); return event.request; }\n")
    write(tmp_path, "b.js", "function handler(event) { setTimeout(f, 1); return event.request; }\n")
    original = cf001.NetworkAccess.on_use

    def broken(self, *args, **kwargs):
        if self.ctx.path.endswith("a.js"):
            raise KeyError("boom")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cf001.NetworkAccess, "on_use", broken)
    monkeypatch.chdir(tmp_path)
    code = run_cli(["check", "--no-cache", "--output-format", "json", "a.js", "b.js"])
    out = capsys.readouterr()
    items = json.loads(out.out)
    assert code == 1 and "Traceback" not in out.err
    assert {(i["path"], i["code"]) for i in items} >= {("a.js", "EL003"), ("b.js", "CF005")}
    el003 = next(i for i in items if i["code"] == "EL003")
    assert "KeyError" in el003["message"] and "please report" in el003["message"]
    assert "\n" not in el003["message"]


# -- runtimes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("runtime", ["nodejs8.10", "nodejs6.10", "nodejs4.3", "python3.7", "python2.7"])
def test_deprecated_runtimes_are_accepted(run, tmp_path, runtime):
    suffix = ".py" if runtime.startswith("python") else ".js"
    code = ("def handler(event, context):\n    return event['Records'][0]['cf']['request']\n" if suffix == ".py"
            else "exports.handler = async (event) => event.Records[0].cf.request;\n")
    write(tmp_path, "edge" + suffix, code)
    result = run("check", "--runtime", runtime, "--show-targets", "edge" + suffix, cwd=tmp_path)
    assert result.code == 0 and f"lambda-edge {runtime}" in result.out
    write(tmp_path, "pragma" + suffix, ("# " if suffix == ".py" else "// ") + f"edgelint: runtime={runtime}\n" + code)
    assert run("check", "pragma" + suffix, cwd=tmp_path).code in (0, 1)


# -- the project boundary -------------------------------------------------------------------------

SAM = """Transform: AWS::Serverless-2016-10-31
Resources:
  EdgeFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: {code}
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
            - EventType: viewer-request
              LambdaFunctionARN: !Ref EdgeFn.Version
"""


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    return repo


def test_a_package_outside_the_project_is_not_measured(run, tmp_path):
    repo = _repo(tmp_path)
    write(tmp_path, "outside/index.js", "exports.handler = async (e) => e.Records[0].cf.request;\n")
    write(repo, "template.yaml", SAM.format(code="../outside"))
    started = time.monotonic()
    code, items, _ = _findings(run, repo, ".")
    assert time.monotonic() - started < 30
    dp007 = [i for i in items if i["code"] == "DP007"]
    assert len(dp007) == 1 and dp007[0]["severity"] == "warning" and "outside the project" in dp007[0]["message"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")
def test_fifos_devices_and_links_out_are_never_read(run, tmp_path):
    repo = _repo(tmp_path)
    package = repo / "edge"
    package.mkdir()
    write(package, "index.js", "exports.handler = async (e) => e.Records[0].cf.request;\n")
    os.mkfifo(package / "pipe")                    # reading it would block the run forever
    os.symlink("/dev/zero", package / "zero")      # reading it would never end
    os.symlink("/", package / "root")              # walking it would walk the machine
    write(repo, "template.yaml", SAM.format(code="edge/"))
    write(repo, "fn-template.yaml", SAM.format(code="edge/pipe").replace("EdgeFn", "PipeFn"))
    started = time.monotonic()
    code, items, _ = _findings(run, repo, ".")
    assert time.monotonic() - started < 30
    assert "EL003" not in {i["code"] for i in items}
    pipe = [i for i in items if i["code"] == "DP007" and "PipeFn" in i["message"]]
    assert pipe and "not a regular file" in pipe[0]["message"]


def test_terraform_file_of_a_device_is_not_read(run, tmp_path):
    repo = _repo(tmp_path)
    write(repo, "main.tf", 'resource "aws_iam_role" "edge" {\n  name = "edge"\n'
                           '  assume_role_policy = file("/dev/zero")\n}\n'
                           'resource "aws_lambda_function" "edge" {\n  function_name = "edge"\n'
                           '  role = aws_iam_role.edge.arn\n  runtime = "nodejs22.x"\n  handler = "index.handler"\n'
                           '  filename = "edge.zip"\n  publish = true\n}\n')
    started = time.monotonic()
    code, items, err = _findings(run, repo, ".")
    assert time.monotonic() - started < 30 and code in (0, 1), err


def test_over_long_and_odd_paths_in_deployment_files(run, tmp_path):
    repo = _repo(tmp_path)
    long_name = "// edgelint: runtime=nodejs22.x event=viewer-request " * 20
    write(repo, "a.yaml", SAM.format(code=json.dumps(long_name)))
    write(repo, "b.yaml", SAM.format(code='"\\udc80/x"'))
    code, items, err = _findings(run, repo, ".")
    assert code in (0, 1) and "EL003" not in {i["code"] for i in items}, err


# -- literals ------------------------------------------------------------------------------------

def test_string_literals_decode_as_python_does():
    """Every literal shape, checked against Python's own evaluation (in the test, not in edgelint)."""
    import libcst as cst

    from edgelint.lang.py.literals import string_value

    bodies = ["plain", "tab\\there", "\\x41\\101\\0", "\\u00e9\\U0001F680", "\\N{BULLET}", "q\\'uote",
              'd\\"q', "back\\\\slash", "\\q unknown", "line\\\ncontinued", "é non-ascii", "\\777", ""]
    for prefix in ("", "r", "b", "rb", "u", "R", "B", "Rb"):
        for quote in ("'", '"', "'''", '"""'):
            for body in bodies:
                if "b" in prefix.lower() and (not body.isascii() or "\\N" in body or "\\u" in body or "\\U" in body):
                    continue
                if quote in body or (quote in ("'", '"') and "\n" in body and "r" in prefix.lower()):
                    continue
                source = f"{prefix}{quote}{body}{quote}"
                try:
                    expected = ast.literal_eval(source)
                except (SyntaxError, ValueError):
                    continue
                node = cst.parse_expression(source)
                assert string_value(node) == expected, source
    left = cst.parse_expression("'a' \"b\" r'\\c'")
    assert string_value(left) == "ab\\c"
    assert string_value(cst.parse_expression("f'{x}'")) is None
    assert string_value(cst.parse_expression("'\\N{NO SUCH CHARACTER NAME}'")) is None


# -- positions ---------------------------------------------------------------------------------

def test_yaml_positions_count_lines_as_editors_do(run, tmp_path):
    # PyYAML counts NEL, LS and a lone CR as line breaks: EL001 pointed past the end of the file.
    write(tmp_path, "template.yaml", "Resources:\u0085  A:\r    Type: AWS::Lambda::Function\n"
                                     "    Properties:\u2028      Handler: [\n")
    code, items, _ = _findings(run, tmp_path, "template.yaml")
    [item] = items
    lines = (tmp_path / "template.yaml").read_text("utf-8").count("\n") + 1
    assert item["code"] == "EL001" and 1 <= item["line"] <= lines and item["column"] >= 1


def test_findings_never_have_impossible_positions():
    import random

    from edgelint.config import Config
    from edgelint.engine import build_settings, lint_source
    from edgelint.text import LineIndex

    rng = random.Random(11)
    base = "function handler(event) {\n  var s = '\U0001F680 é\u2028x';\n  fetch(s);\n  return event.request;\n}\n"
    settings = build_settings(Config())
    for _ in range(1500):
        chars = list(base)
        for _ in range(rng.randint(1, 4)):
            chars.insert(rng.randrange(len(chars) + 1),
                         rng.choice(["\U0001F680", "(", ")", "{", "`", "'", "\u2028", "\r", "\x00", "é", "\ufeff", "/*"]))
        text = "".join(chars)
        lines = LineIndex(text, js=True)
        for f in lint_source(text, "x.js", settings).findings:
            span = f.span
            assert 1 <= span.line <= len(lines.starts) and span.column >= 1, (text, f)
            assert (span.end_line, span.end_column) >= (span.line, span.column), (text, f)
            assert 0 <= span.start_offset <= span.end_offset <= len(text), (text, f)


# -- limits: pathological size and nesting -------------------------------------------------------

@pytest.mark.parametrize("runtime", ["python3.12", "nodejs24.x"])
def test_python_nested_past_the_parsers_reach_is_el001(run, tmp_path, runtime):
    # libcst's native parser aborted the process (SIGABRT, "memory allocation failed") on these.
    write(tmp_path, "deep.py", "def handler(event, context):\n    x = " + "(" * 3000 + "1" + ")" * 3000 + "\n")
    write(tmp_path, "chain.py", "def handler(event, context):\n    x = 1" + " + 1" * 20000 + "\n")
    write(tmp_path, "ok.py", "def handler(event, context):\n    return event['Records'][0]['cf']['request']\n")
    code, items, err = _findings(run, tmp_path, "--runtime", runtime, "deep.py", "chain.py", "ok.py")
    assert code == 1, err
    by_path = {i["path"]: i for i in items}
    assert by_path["deep.py"]["code"] == "EL001" and by_path["deep.py"]["severity"] == "error"
    assert "chain.py" not in by_path or by_path["chain.py"]["code"] == "EL001"
    assert "ok.py" not in by_path


@pytest.mark.parametrize("name, text", [
    ("template.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Layers: "
     + "[" * 5000 + "]" * 5000 + "\n"),
    ("template.json", '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Layers": '
     + "[" * 5000 + "]" * 5000 + "}}}}\n"),
])
def test_deployment_nested_past_the_limit_is_el001(run, tmp_path, name, text):
    write(tmp_path, name, text)
    code, items, err = _findings(run, tmp_path, name)
    assert [i["code"] for i in items] == ["EL001"] and "nested" in items[0]["message"], err


def test_files_too_large_to_be_edge_code_are_warned_about_not_analysed(run, tmp_path):
    write(tmp_path, "big.js", "exports.handler = async (e) => e.Records[0].cf.request;\n" + "// x\n" * 600_000)
    write(tmp_path, "big.py", "def handler(event, context):\n    return event['Records'][0]['cf']['request']\n"
          + "# x\n" * 80_000)
    write(tmp_path, "template.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n"
          + "# padding\n" * 120_000)
    code, items, err = _findings(run, tmp_path, "big.js", "big.py", "template.yaml")
    found = {i["path"]: i for i in items if i["code"] == "EL001"}
    assert set(found) == {"big.js", "big.py", "template.yaml"}, items
    assert all(i["severity"] == "warning" and "not analysed" in i["message"] for i in found.values())
    assert code == 0, err  # skipped, not rejected: nothing in them was judged


def test_terraform_escape_past_unicode(run, tmp_path):
    # Found by the 100,000-input run: `\U0011ffff` in a Terraform string made chr() raise (EL003).
    write(tmp_path, "main.tf", 'resource "aws_iam_role" "edge" {\n  name = "edge"\n'
                               '  assume_role_policy = jsonencode({\n    Statement = [{ Effect = "Allow", '
                               'Principal = { Service = ["edgelam\\U0011ffffbda.amazonaws.com"] } }]\n  })\n}\n')
    code, items, err = _findings(run, tmp_path, "main.tf")
    assert code in (0, 1) and "EL003" not in {i["code"] for i in items}, err
